/**
 * What only the directory does (the rest is test/contract/decisionStore.test.ts): its files, lines a
 * crash or a full disk left torn, reads that open only the days asked for, and retention to the day.
 */
import { appendFileSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import fs from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { FileDecisionStore } from './fileStore';
import type { DecisionQuery, DecisionRecord } from './record';
import { decisionRecord } from '@testing/decisionRecords';

const decision = (sessionId: string, at: string, fields: Partial<DecisionRecord> = {}): DecisionRecord =>
  decisionRecord(sessionId, at, {
    allowed: false,
    reason: 'GEO_RESTRICTED',
    rules: [{ rule: 'LICENSED_IN_COUNTRY', outcome: 'FAILED', evidence: ['Not licensed in US.'] }],
    ...fields,
  });

const query = (from: string, to: string): DecisionQuery => ({
  accountId: 'acc-1',
  from: new Date(from),
  to: new Date(to),
  limit: 100,
});

const ids = (records: DecisionRecord[]) => records.map((record) => record.sessionId);

let dir: string;
/** The stores a test opened, closed after it: a store keeps its files open between writes. */
const opened: FileDecisionStore[] = [];
function openStore(): FileDecisionStore {
  const store = new FileDecisionStore(dir);
  opened.push(store);
  return store;
}
beforeEach(() => (dir = mkdtempSync(path.join(tmpdir(), 'decision-files-'))));
afterEach(async () => {
  jest.restoreAllMocks();
  await Promise.all(opened.splice(0).map((store) => store.close()));
  rmSync(dir, { recursive: true, force: true });
});

it('writes one file per UTC day of `at` and per writer, `at` in UTC with milliseconds', async () => {
  const [one, other] = [openStore(), openStore()];
  await one.add([decision('late', '2026-12-07T23:30:00-05:00'), decision('early', '2026-12-07T01:00:00Z')]);
  await other.add([decision('other', '2026-12-07T02:00:00.000Z')]);

  const files = readdirSync(dir).sort();
  expect(files).toHaveLength(3);
  for (const file of files) expect(file).toMatch(/^2026-12-0[78]\.\d+-[0-9a-f]{8}\.jsonl$/);
  expect(files.filter((file) => file.startsWith('2026-12-07'))).toHaveLength(2);
  const [lateFile] = files.filter((file) => file.startsWith('2026-12-08'));
  expect(readFileSync(path.join(dir, lateFile!), 'utf8')).toBe(
    `${JSON.stringify(decision('late', '2026-12-08T04:30:00.000Z'))}\n`,
  );
  expect(await other.get('late')).toEqual(decision('late', '2026-12-08T04:30:00.000Z'));
});

it('skips a torn last line and lines that are no record, and keeps reading the rest', async () => {
  const store = openStore();
  await store.add([decision('kept', '2026-12-07T10:00:00.000Z')]);
  const [file] = readdirSync(dir);
  appendFileSync(path.join(dir, file!), '\n[1,2]\nnull\n{"accountId":"acc-1"}\n');
  await store.add([decision('after', '2026-12-07T11:00:00.000Z')]);
  // What a crash in the middle of an append leaves.
  appendFileSync(
    path.join(dir, file!),
    JSON.stringify(decision('torn', '2026-12-07T12:00:00.000Z')).slice(0, 90),
  );

  const reader = openStore();
  expect(ids(await reader.list(query('2026-12-07T00:00:00Z', '2026-12-08T00:00:00Z')))).toEqual([
    'after',
    'kept',
  ]);
  expect(await reader.get('torn')).toBeNull();
  expect(await reader.refusalCounts('US', new Date('2026-12-07'), new Date('2026-12-08'))).toEqual([
    { reason: 'GEO_RESTRICTED', count: 2 },
  ]);
});

it('starts on a new line after an append that failed half way, so the next records are not lost', async () => {
  const store = openStore();
  const open = fs.open.bind(fs);
  jest.spyOn(fs, 'open').mockImplementationOnce(async (file, flags) => {
    const handle = await open(file, flags);
    // The disk fills up half way through the write.
    return {
      write: async (data: string) => {
        await handle.write(data.slice(0, 50));
        throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
      },
      stat: () => handle.stat(),
      close: () => handle.close(),
    } as unknown as typeof handle;
  });
  const failed = decision('failed', '2026-12-07T10:00:00.000Z');
  await expect(store.add([failed])).rejects.toThrow('ENOSPC');
  await store.add([decision('next', '2026-12-07T11:00:00.000Z')]);
  await store.add([failed]);

  expect(ids(await store.list(query('2026-12-07T00:00:00Z', '2026-12-08T00:00:00Z')))).toEqual([
    'next',
    'failed',
  ]);
});

it('writes to the file again when it was removed by hand between two adds', async () => {
  const store = openStore();
  await store.add([decision('before', '2026-12-07T10:00:00.000Z')]);
  rmSync(dir, { recursive: true, force: true });
  await store.add([decision('after', '2026-12-07T11:00:00.000Z')]);
  await store.close();

  expect(ids(await store.list(query('2026-12-07T00:00:00Z', '2026-12-08T00:00:00Z')))).toEqual(['after']);
});

it('keeps the lines of concurrent large adds apart', async () => {
  const store = openStore();
  const evidence = ['x'.repeat(2_000)];
  const batch = (name: string) =>
    Array.from({ length: 400 }, (_, index) =>
      decision(`${name}-${index}`, '2026-12-07T10:00:00.000Z', {
        rules: [{ rule: 'DEVICE', outcome: 'PASSED', evidence }],
      }),
    );
  await Promise.all([store.add(batch('a')), store.add(batch('b')), store.add(batch('c'))]);

  const listed = await store.list({ ...query('2026-12-07T00:00:00Z', '2026-12-08T00:00:00Z'), limit: 2_000 });
  expect(listed).toHaveLength(1_200);
});

it('reads only the files of the days a range asks for', async () => {
  const store = openStore();
  await store.add([decision('december', '2026-12-03T10:00:00.000Z')]);
  // A file that cannot be read: reading the day of it fails.
  mkdirSync(path.join(dir, '2026-11-30.unreadable-1.jsonl'));

  await expect(store.list(query('2026-12-01T00:00:00Z', '2026-12-04T00:00:00Z'))).resolves.toHaveLength(1);
  await expect(
    store.refusalCounts('US', new Date('2026-12-01T00:00:00Z'), new Date('2026-12-04T00:00:00Z')),
  ).resolves.toEqual([{ reason: 'GEO_RESTRICTED', count: 1 }]);
  await expect(store.list(query('2026-11-30T23:00:00Z', '2026-12-04T00:00:00Z'))).rejects.toThrow('EISDIR');
});

it('keeps records to the day: pruning keeps the whole day of `before`, and deletes the days before', async () => {
  const [one, other] = [openStore(), openStore()];
  await one.add([
    decision('old', '2026-12-05T23:59:59.999Z'),
    decision('morning', '2026-12-06T08:00:00.000Z'),
  ]);
  await other.add([
    decision('older', '2026-12-01T08:00:00.000Z'),
    decision('evening', '2026-12-06T20:00:00.000Z'),
  ]);
  await one.prune(new Date('2026-12-06T12:00:00.000Z'));

  expect(readdirSync(dir).every((file) => file.startsWith('2026-12-06.'))).toBe(true);
  expect(ids(await other.list(query('2026-12-01T00:00:00Z', '2026-12-07T00:00:00Z')))).toEqual([
    'evening',
    'morning',
  ]);
});
