/**
 * `npm run bench:decisions:stack`: what recording every decision costs on the whole stack, the
 * gateway and every subgraph, measured inside one process. One in-process stack
 * (test/support/inProcessStack.ts: the real gateway and subgraph servers, entity cache on) records
 * into a directory store, and is switched between recording and not
 * (DecisionRecorderSettings.recording: while off, no evidence is asked for and no record built).
 *
 * Plays go one at a time, and each of the traffic mix's plays is sent twice in a row, recorded once
 * and not once (which goes first alternates). This process's CPU is read before and after each
 * request: with nothing else in flight it is that request's, in every server and the client. So
 * each pair differs by recording alone, whatever the machine's speed did over the run (it moves by
 * a tenth within minutes here, which drowned the effect when whole stretches were compared) and
 * whatever the play was (a grant costs more than a refusal). Records are written every 100 pairs,
 * between pairs, and those writes are measured on their own: the store's CPU per record is added to
 * the difference.
 *
 * Garbage collection lands on whichever request happens to allocate past a limit, and one pause
 * outweighs the effect many times over, so pairs with a collection in them are set aside (the
 * `gc` performance entries say which) and the clean ones measured. What recording then adds to
 * collecting is estimated from what it allocates: the extra bytes of a clean pair (V8's heap in use
 * before and after each request) at the run's collection cost per byte. `--aa` switches nothing
 * (both sides not recording): the same run should then give no difference, which checks the method.
 *
 * `--together N` sends each side of a pair as N of the mix's plays at once over N connections, as a
 * gateway under load sees them: the code and data that recording touches are then warm from the
 * play before, where one at a time every play finds them cold (docs/benchmarks.md). A group of
 * plays almost always holds a collection: run it with `NODE_OPTIONS=--max-semi-space-size=128`, so
 * that collections come rarely enough to leave clean pairs.
 *
 * Options: --plays N pairs (default 10000), --warmup N plays (default 4000), --together N plays
 * (default 1), --aa.
 * Numbers go into docs/benchmarks.md by hand, with the machine they came from.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { openDecisionStore } from '@platform/decisions/stores';
import {
  cpuMicros,
  formatWithin,
  meanWithin,
  startMixStack,
  wholeNumberOption,
  type Sample,
} from './benchOneByOne';
import { mean, median } from './benchStats';

const pairs = wholeNumberOption('plays', 10_000);
const together = wholeNumberOption('together', 1);
const warmup = wholeNumberOption('warmup', 4000);
const nullRun = process.argv.includes('--aa');
/** Records are written when told (InProcessStack.flushDecisions), not by the timer. */
const PAIRS_PER_WRITE = 100;
const FLUSH_MS = 3_600_000;

async function main() {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'bench-decisions-stack-'));
  let recording = true;
  const { stack, client, prepared, stop } = await startMixStack(
    warmup + pairs * together,
    {
      entityCache: true,
      decisions: openDecisionStore(path.join(dir, 'decisions'))!,
      decisionFlushMs: FLUSH_MS,
      decisionRecording: () => recording,
    },
    together,
  );
  try {
    console.log(
      `${os.cpus().length} cores, Node ${process.version}: ${pairs} ${together > 1 ? `groups of ${together} of the mix's plays sent together` : "of the mix's plays"}, ` +
        `each sent twice in a row, ${nullRun ? 'neither recorded (--aa)' : 'once recorded'}, after ${warmup} plays to warm up`,
    );
    // Both ways warmed up: the JIT sees the recording path and the other one.
    for (let index = 0; index < warmup; index++) {
      recording = !nullRun && index % 2 === 0;
      await client.play(prepared[index]!);
    }
    await stack.flushDecisions();

    /**
     * Writing the records, outside the pairs, every {@link PAIRS_PER_WRITE} pairs: about a second of
     * plays, as the gateway writes (DECISION_FLUSH_MS), so records wait in the buffer as long.
     */
    let flush = 0;
    const write = async () => {
      const started = process.cpuUsage();
      await stack.flushDecisions();
      flush += cpuMicros(started);
    };
    const samples: { recording: Sample; none: Sample }[] = [];
    client.watchCollections();
    for (let index = 0; index < pairs; index++) {
      const group = prepared.slice(warmup + index * together, warmup + (index + 1) * together);
      const order = index % 2 ? (['none', 'recording'] as const) : (['recording', 'none'] as const);
      const pair: Partial<Record<'recording' | 'none', Sample>> = {};
      for (const way of order) {
        recording = !nullRun && way === 'recording';
        pair[way] = await client.plays(group);
      }
      samples.push(pair as { recording: Sample; none: Sample });
      if ((index + 1) % Math.ceil(PAIRS_PER_WRITE / together) === 0) await write();
      if ((index + 1) % 2000 === 0) console.log(`${index + 1} pairs`);
    }
    await write();

    await client.collectionsWatched();
    const clean = samples.filter(
      (pair) => !client.collectedIn(pair.recording) && !client.collectedIn(pair.none),
    );
    const all = meanWithin(samples.map((pair) => pair.recording.cpu - pair.none.cpu));
    const direct = meanWithin(clean.map((pair) => pair.recording.cpu - pair.none.cpu));
    const extraBytes = mean(clean.map((pair) => pair.recording.grew - pair.none.grew));
    // The run's collection pauses over what its plays allocated (the clean plays' average, for all).
    const allocated =
      mean(clean.flatMap((pair) => [pair.recording.grew, pair.none.grew])) * samples.length * 2 * together;
    const { pausedMicros } = client;
    const collecting = extraBytes * (pausedMicros / allocated);
    const perRecord = flush / (pairs * together);
    const row = (label: string, value: string) => console.log(`| ${label} | ${value} |`);
    console.log('\n| CPU µs per play (gateway, subgraphs and client, one process) | |');
    console.log('|---|--:|');
    for (const way of ['recording', 'none'] as const)
      row(`${way}, median of all plays`, median(samples.map((pair) => pair[way].cpu)).toFixed(0));
    row('recording less not, same play, all pairs', formatWithin(all));
    row(`recording less not, the ${clean.length} pairs without a collection`, formatWithin(direct));
    row(
      '  of which on the main thread (where every server runs its JavaScript)',
      formatWithin(meanWithin(clean.map((pair) => pair.recording.thread - pair.none.thread))),
    );
    row(
      `collecting what recording allocates (${(extraBytes / 1024).toFixed(1)} KiB more per play, ` +
        `${((pausedMicros / allocated) * 1024).toFixed(2)} µs per KiB)`,
      collecting.toFixed(1),
    );
    row('writing the records, per record', perRecord.toFixed(1));
    const total = (value: number) => (value + collecting + perRecord).toFixed(1);
    row(
      '**recording, all of it**',
      `**${total(direct.average)}** (${total(direct.low)} to ${total(direct.high)})`,
    );
    const { tally } = client;
    console.log(`${tally.plays} plays (${tally.granted} granted), ${tally.errors} errors`);
  } finally {
    await stop();
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
