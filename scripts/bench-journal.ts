/**
 * `npm run bench:journal`: how the watch-history journal behaves through an outage, printed as a table.
 *
 *  1. append latency with one writer at a time (every append its own write + fsync);
 *  2. 10,000 ends appended by 50 concurrent writers while the store is down (group commit);
 *  3. the store comes back: how long the drainer takes to apply all 10,000, in batches of 500.
 *
 * Against MongoDB when `MONGODB_URI` is set (a fresh database, dropped afterwards), else the embedded
 * store. Numbers go into docs/watch-history.md by hand, with the machine they came from.
 *
 * Options: --entries N (default 10000), --writers N (default 50)
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { Journal } from '@platform/journal';
import { createLogger } from '@platform/log';
import { openMongoStore, withDatabase } from '@platform/mongo/client';
import { ensureIndexes } from '@platform/mongo/collections';
import type { HistoryRepository, PlaybackEnd } from '../subgraphs/playback/src/data/historyRepository';
import { MemoryHistoryRepository } from '../subgraphs/playback/src/data/memoryHistoryRepository';
import { MongoHistoryRepository } from '../subgraphs/playback/src/data/mongoHistoryRepository';

function option(name: string, fallback: string): number {
  const index = process.argv.indexOf(`--${name}`);
  return Number(index >= 0 ? process.argv[index + 1] : fallback);
}

const entries = option('entries', '10000');
const writers = option('writers', '50');

let sequence = 0;
/** A distinct profile and title per end, as an outage of many viewers would queue. */
function nextEnd(): PlaybackEnd {
  const n = sequence++;
  return {
    sessionId: randomUUID(),
    accountId: `acct-${n % 1000}`,
    profileId: `prof-${n % 1000}`,
    titleId: `t-${Math.floor(n / 1000)}`,
    positionSeconds: n % 5400,
    completed: false,
    endedAt: new Date().toISOString(),
  };
}

const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;
const ms = (value: number) => Number(value.toFixed(2));

async function main() {
  const uri = process.env.MONGODB_URI;
  const store = uri
    ? openMongoStore(withDatabase(uri, `bench_journal_${Date.now()}`), { timeoutMs: 10_000 })
    : null;
  if (store) await ensureIndexes(store.db);
  const repository: HistoryRepository = store
    ? new MongoHistoryRepository(store)
    : new MemoryHistoryRepository();
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-journal-'));
  let available = false;
  let firstApplied = 0;
  let batches = 0;
  const journal = await Journal.open<PlaybackEnd>({
    file: path.join(dir, 'playback-bench.jsonl'),
    apply: async (batch) => {
      if (!available) throw new Error('store unavailable (benchmark)');
      if (firstApplied === 0) firstApplied = performance.now();
      await repository.recordEnds(batch);
      batches++;
    },
    logger: createLogger('bench-journal', 'error'),
    retryInitialMs: 50,
    retryMaxMs: 200,
  });
  try {
    // 1. One writer: each append waits for its own fsync.
    const single: number[] = [];
    for (let index = 0; index < 1_000; index++) {
      const started = performance.now();
      await journal.append(nextEnd());
      single.push(performance.now() - started);
    }
    single.sort((a, b) => a - b);

    // 2. Many writers while the store is down: appends share fsyncs.
    const concurrent: number[] = [];
    const appendStarted = performance.now();
    let remaining = entries - 1_000;
    await Promise.all(
      Array.from({ length: writers }, async () => {
        while (remaining-- > 0) {
          const started = performance.now();
          await journal.append(nextEnd());
          concurrent.push(performance.now() - started);
        }
      }),
    );
    const appendSeconds = (performance.now() - appendStarted) / 1000;
    concurrent.sort((a, b) => a - b);
    const queued = journal.pending;

    // 3. The store returns.
    available = true;
    await journal.drained();
    const drainMs = performance.now() - firstApplied;

    console.log(
      `watch-history journal, ${entries} ends, store: ${store ? `MongoDB (${uri})` : 'embedded'}, ${os.cpus().length} cores`,
    );
    console.table([
      {
        phase: 'append, 1 writer (1000 ends)',
        'p50 ms': ms(percentile(single, 0.5)),
        'p99 ms': ms(percentile(single, 0.99)),
        'per s': Math.round(1000 / (single.reduce((a, b) => a + b, 0) / single.length)),
      },
      {
        phase: `append, ${writers} writers while down (${entries - 1_000} ends)`,
        'p50 ms': ms(percentile(concurrent, 0.5)),
        'p99 ms': ms(percentile(concurrent, 0.99)),
        'per s': Math.round((entries - 1_000) / appendSeconds),
      },
      {
        phase: `drain ${queued} queued ends when the store returns (${batches} batches)`,
        'total ms': Math.round(drainMs),
        'per s': Math.round(queued / (drainMs / 1000)),
      },
    ]);
  } finally {
    await journal.close();
    rmSync(dir, { recursive: true, force: true });
    await store?.db.dropDatabase();
    await store?.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
