import type { DecisionRecord, DecisionStore } from '@platform/decisions/record';
import { recordingLogger } from '@testing/recordingLogger';
import { DecisionRecorder, MAX_BUFFERED_RECORDS, RECORDS_PER_WRITE } from './recorder';
import { decisionRecord } from '@testing/decisionRecords';

const record = (n: number): DecisionRecord =>
  decisionRecord(`s-${n}`, new Date(Date.UTC(2026, 11, 1) + n).toISOString());

/** A store that keeps what it is given, and fails while `down` is set. */
function memoryStore() {
  const kept: DecisionRecord[] = [];
  const state = { down: false, writes: 0, prunedBefore: [] as Date[], closed: false };
  const store: DecisionStore = {
    async add(records) {
      state.writes += 1;
      if (state.down) throw new Error('store away');
      kept.push(...records);
    },
    list: async () => [],
    get: async () => null,
    refusalCounts: async () => [],
    async prune(before) {
      state.prunedBefore.push(before);
    },
    async close() {
      state.closed = true;
    },
  };
  return { store, kept, state };
}

describe('the decision recorder', () => {
  it('writes what it was given at flush, in batches, and prunes past the retention once a day', async () => {
    const { store, kept, state } = memoryStore();
    let now = Date.UTC(2026, 11, 7, 12);
    const recorder = new DecisionRecorder({
      store,
      flushMs: 60_000,
      retentionDays: 30,
      logger: recordingLogger(),
      now: () => now,
    });
    for (let n = 0; n < RECORDS_PER_WRITE + 5; n += 1) recorder.add(record(n));
    await recorder.flush();
    expect(kept.map((r) => r.sessionId)).toEqual(
      Array.from({ length: RECORDS_PER_WRITE + 5 }, (_, n) => `s-${n}`),
    );
    expect(state.writes).toBe(2);
    expect(recorder.stats).toEqual({ written: RECORDS_PER_WRITE + 5, dropped: 0, failedWrites: 0 });
    expect(state.prunedBefore).toEqual([new Date(Date.UTC(2026, 10, 7, 12))]);
    now += 3_600_000;
    await recorder.flush();
    expect(state.prunedBefore).toHaveLength(1);
  });

  it('keeps records while the store is away, logs the outage once, and writes them when it is back', async () => {
    const { store, kept, state } = memoryStore();
    const logger = recordingLogger();
    const recorder = new DecisionRecorder({ store, flushMs: 60_000, retentionDays: 30, logger });
    state.down = true;
    recorder.add(record(1));
    await recorder.flush();
    recorder.add(record(2));
    await recorder.flush();
    expect(kept).toEqual([]);
    expect(recorder.stats.failedWrites).toBe(2);
    expect(logger.lines.filter((line) => line.level === 'warn')).toHaveLength(1);
    state.down = false;
    await recorder.flush();
    expect(kept.map((r) => r.sessionId)).toEqual(['s-1', 's-2']);
    expect(logger.lines.map((line) => line.message)).toContain('decision store writing again');
  });

  it('drops the oldest records beyond its bound, counting and logging them', async () => {
    const { store, kept, state } = memoryStore();
    const logger = recordingLogger();
    const recorder = new DecisionRecorder({ store, flushMs: 60_000, retentionDays: 30, logger });
    state.down = true;
    for (let n = 0; n < MAX_BUFFERED_RECORDS + 10; n += 1) recorder.add(record(n));
    expect(recorder.stats.dropped).toBe(10);
    expect(logger.lines.some((line) => line.message.startsWith('decision records dropped'))).toBe(true);
    state.down = false;
    await recorder.flush();
    expect(kept).toHaveLength(MAX_BUFFERED_RECORDS);
    expect(kept[0]!.sessionId).toBe('s-10');
  });

  it('never writes a record twice or loses one that was not dropped while a write ran', async () => {
    const kept: DecisionRecord[] = [];
    let release!: () => void;
    const firstWrite = new Promise<void>((resolve) => (release = resolve));
    const { store } = memoryStore();
    const recorder = new DecisionRecorder({
      store: {
        ...store,
        // The first write hangs until released; the others are taken at once.
        add: async (records) => {
          const first = kept.length === 0;
          kept.push(...records);
          if (first) await firstWrite;
        },
      },
      flushMs: 60_000,
      retentionDays: 30,
      logger: recordingLogger(),
    });
    for (let n = 0; n < MAX_BUFFERED_RECORDS; n += 1) recorder.add(record(n));
    const flushed = recorder.flush();
    await new Promise(setImmediate);
    // While the first batch is written, five more arrive into a full buffer: the five oldest leave it.
    for (let n = MAX_BUFFERED_RECORDS; n < MAX_BUFFERED_RECORDS + 5; n += 1) recorder.add(record(n));
    release();
    await flushed;
    const ids = kept.map((r) => r.sessionId);
    expect(new Set(ids).size).toBe(ids.length);
    // The dropped five were in the batch already on its way: every record reached the store once.
    expect(ids).toEqual(Array.from({ length: MAX_BUFFERED_RECORDS + 5 }, (_, n) => `s-${n}`));
  });

  it('writes the last records at stop and closes the store', async () => {
    const { store, kept, state } = memoryStore();
    const recorder = new DecisionRecorder({
      store,
      flushMs: 60_000,
      retentionDays: 30,
      logger: recordingLogger(),
    });
    recorder.start();
    recorder.add(record(1));
    await recorder.stop();
    expect(kept.map((r) => r.sessionId)).toEqual(['s-1']);
    expect(state.closed).toBe(true);
  });

  it('says how many records a stop could not write', async () => {
    const { store, state } = memoryStore();
    const logger = recordingLogger();
    const recorder = new DecisionRecorder({ store, flushMs: 60_000, retentionDays: 30, logger });
    state.down = true;
    recorder.add(record(1));
    await recorder.stop();
    expect(logger.lines.find((line) => line.level === 'error')?.fields).toEqual({ lost: 1 });
  });
});
