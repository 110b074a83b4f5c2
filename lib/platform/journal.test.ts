import { appendFileSync, mkdtempSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { createLogger } from './log';
import { Journal, JournalClosedError } from './journal';

interface Write {
  key: string;
  n: number;
}

/** A store that records what it was given, and fails while `down` is true. */
class FakeStore {
  down = false;
  applied: Write[] = [];
  calls = 0;
  failures = 0;

  apply = async (entries: Write[]): Promise<void> => {
    this.calls++;
    if (this.down) {
      this.failures++;
      throw new Error('store unavailable');
    }
    this.applied.push(...entries);
  };
}

const logger = createLogger('test', 'silent');

function journalFile(): string {
  return path.join(mkdtempSync(path.join(tmpdir(), 'journal-')), 'nested', 'playback-4004.jsonl');
}

function openJournal(file: string, store: FakeStore, batchSize = 500) {
  return Journal.open<Write>({
    file,
    apply: store.apply,
    logger,
    batchSize,
    retryInitialMs: 5,
    retryMaxMs: 20,
  });
}

const writes = (count: number, from = 0): Write[] =>
  Array.from({ length: count }, (_, index) => ({ key: `k${from + index}`, n: from + index }));

async function until(condition: () => boolean, timeoutMs = 5_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 5));
  }
}

describe('the write-ahead journal', () => {
  it('applies appended entries to the store in the order they were appended', async () => {
    const store = new FakeStore();
    const journal = await openJournal(journalFile(), store);

    for (const write of writes(5)) await journal.append(write);
    await journal.drained();

    expect(store.applied).toEqual(writes(5));
    expect(journal.pending).toBe(0);
    await journal.close();
  });

  it('has an entry on disk by the time append resolves, before the store has it', async () => {
    const store = new FakeStore();
    store.down = true;
    const file = journalFile();
    const journal = await openJournal(file, store);

    await journal.append({ key: 'a', n: 1 });

    expect(readFileSync(file, 'utf8')).toBe('{"key":"a","n":1}\n');
    expect(store.applied).toEqual([]);
    await journal.close();
  });

  it('keeps retrying while the store is down, then applies everything in order exactly once', async () => {
    const store = new FakeStore();
    store.down = true;
    const journal = await openJournal(journalFile(), store, 3);

    await Promise.all(writes(10).map((write) => journal.append(write)));
    await until(() => store.failures >= 3);
    expect(journal.pending).toBe(10);
    store.down = false;
    await journal.drained();

    expect(store.applied).toEqual(writes(10));
    await journal.close();
  });

  it('writes concurrent appends together (group commit) and acknowledges each', async () => {
    const store = new FakeStore();
    const file = journalFile();
    const journal = await openJournal(file, store);

    await Promise.all(writes(200).map((write) => journal.append(write)));
    await journal.drained();

    expect(store.applied).toEqual(writes(200));
    await journal.close();
  });

  it('survives a restart while the store is down, and replays what was queued, in order, when it returns', async () => {
    const store = new FakeStore();
    store.down = true;
    const file = journalFile();
    const first = await openJournal(file, store);
    for (const write of writes(4)) await first.append(write);
    await first.close();

    const second = await openJournal(file, store);
    expect(second.pending).toBe(4);
    await second.append({ key: 'after-restart', n: 99 });
    store.down = false;
    await second.drained();

    expect(store.applied).toEqual([...writes(4), { key: 'after-restart', n: 99 }]);
    await second.close();
  });

  it('resumes from the committed offset: a restart does not replay what was already applied', async () => {
    const store = new FakeStore();
    const file = journalFile();
    const first = await openJournal(file, store, 2);
    for (const write of writes(3)) await first.append(write);
    await first.drained();
    store.down = true;
    for (const write of writes(2, 3)) await first.append(write);
    await first.close();

    store.down = false;
    const second = await openJournal(file, store, 2);
    await second.drained();

    expect(store.applied).toEqual(writes(5));
    await second.close();
  });

  it('replays at most the uncommitted tail when the process died after applying but before committing', async () => {
    const store = new FakeStore();
    // Three entries of which the first was committed; the process died after the store got the other
    // two but before their offset was saved.
    const crashed = path.join(mkdtempSync(path.join(tmpdir(), 'journal-')), 'crashed.jsonl');
    writeFileSync(
      crashed,
      writes(3)
        .map((write) => `${JSON.stringify(write)}\n`)
        .join(''),
    );
    writeFileSync(`${crashed}.offset`, String(Buffer.byteLength(`${JSON.stringify(writes(1)[0])}\n`)));

    const journal = await openJournal(crashed, store);
    await journal.drained();

    expect(store.applied).toEqual(writes(3).slice(1));
    expect(store.applied).not.toContainEqual(writes(1)[0]);
    await journal.close();
  });

  it('cuts off a line torn by a crash mid-append, and keeps appending cleanly after it', async () => {
    const store = new FakeStore();
    store.down = true;
    const file = journalFile();
    const first = await openJournal(file, store);
    await first.append({ key: 'whole', n: 1 });
    await first.close();
    appendFileSync(file, '{"key":"torn","n"');

    const second = await openJournal(file, store);
    await second.append({ key: 'next', n: 2 });
    store.down = false;
    await second.drained();

    expect(store.applied).toEqual([
      { key: 'whole', n: 1 },
      { key: 'next', n: 2 },
    ]);
    await second.close();
  });

  it('truncates the file once everything is applied', async () => {
    const store = new FakeStore();
    const file = journalFile();
    const journal = await openJournal(file, store);

    for (const write of writes(50)) await journal.append(write);
    await journal.drained();
    await until(() => statSync(file).size === 0);

    expect(readFileSync(`${file}.offset`, 'utf8')).toBe('0');
    await journal.append({ key: 'later', n: 1 });
    await journal.drained();
    expect(store.applied.at(-1)).toEqual({ key: 'later', n: 1 });
    await journal.close();
  });

  it('skips a line it cannot read instead of blocking the rest', async () => {
    const store = new FakeStore();
    const file = journalFile();
    const first = await openJournal(file, new FakeStore());
    await first.close();
    writeFileSync(
      file,
      `${JSON.stringify({ key: 'a', n: 1 })}\nnot json\n${JSON.stringify({ key: 'b', n: 2 })}\n`,
    );
    writeFileSync(`${file}.offset`, '0');

    const journal = await openJournal(file, store);
    await journal.drained();

    expect(store.applied).toEqual([
      { key: 'a', n: 1 },
      { key: 'b', n: 2 },
    ]);
    await journal.close();
  });

  it('refuses appends once closed', async () => {
    const journal = await openJournal(journalFile(), new FakeStore());
    await journal.close();

    await expect(journal.append({ key: 'late', n: 1 })).rejects.toBeInstanceOf(JournalClosedError);
  });

  it('closes once while the store is down: a second close waits for the first, and appends are refused meanwhile', async () => {
    const store = new FakeStore();
    store.down = true;
    const journal = await openJournal(journalFile(), store);
    await journal.append({ key: 'a', n: 1 });
    await until(() => store.failures > 0);

    const first = journal.close();
    expect(journal.close()).toBe(first);
    await expect(journal.append({ key: 'late', n: 2 })).rejects.toBeInstanceOf(JournalClosedError);
    await first;
    await expect(journal.close()).resolves.toBeUndefined();
    expect(journal.pending).toBe(1);
  });
});
