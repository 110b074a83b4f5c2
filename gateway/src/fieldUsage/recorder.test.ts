import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildSchema, Kind, parse, type DocumentNode, type OperationDefinitionNode } from 'graphql';
import { FileFieldUsageStore } from '@platform/fieldUsage/fileStore';
import type { FieldUsageStore, UsageRow } from '@platform/fieldUsage/usage';
import { createLogger } from '@platform/log';
import { FieldUsageRecorder, MAX_CLIENTS_PER_FLUSH } from './recorder';

const schema = buildSchema(/* GraphQL */ `
  type Query {
    title(id: ID!): Title
  }
  type Title {
    id: ID!
    name: String!
    synopsis: String!
  }
`);

function operation(source: string): [DocumentNode, OperationDefinitionNode] {
  const document = parse(source);
  const definition = document.definitions.find(
    (node): node is OperationDefinitionNode => node.kind === Kind.OPERATION_DEFINITION,
  )!;
  return [document, definition];
}

const detail = operation('query Detail { title(id: "t") { name synopsis } }');
const row = 'query Row { title(id: "t") { name } }';
const logger = createLogger('test', 'silent');
const at = (instant: string) => Date.parse(instant);

describe('the field usage recorder', () => {
  let dir: string;
  let store: FileFieldUsageStore;
  let now: number;

  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'field-usage-'));
    store = new FileFieldUsageStore(dir);
    now = at('2026-12-07T12:00:00Z');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const recorder = (over: Partial<{ store: FieldUsageStore }> = {}) =>
    new FieldUsageRecorder({ store, flushMs: 60_000, retentionDays: 30, logger, now: () => now, ...over });

  const count = (rows: UsageRow[], coordinate: string, client: string) =>
    rows
      .filter((usage) => usage.coordinate === coordinate && usage.client === client)
      .reduce((sum, usage) => sum + usage.count, 0);

  it('writes, per day, one count per coordinate and client version the operations used', async () => {
    const usage = recorder();
    usage.record(schema, ...detail, { name: 'tv-app', version: '5.1' });
    usage.record(schema, ...detail, { name: 'tv-app', version: '5.1' });
    usage.record(schema, ...operation(row), { name: 'ios-app', version: '3.2' });
    await usage.flush();

    const rows = await store.read('2026-12-07', '2026-12-07');
    expect(rows).toContainEqual({
      day: '2026-12-07',
      coordinate: 'Title.synopsis',
      client: 'tv-app',
      version: '5.1',
      count: 2,
    });
    expect(count(rows, 'Title.synopsis', 'ios-app')).toBe(0);
    expect(count(rows, 'Title.name', 'ios-app')).toBe(1);
    expect(count(rows, 'Query.title.id', 'tv-app')).toBe(2);
  });

  it('adds a later flush to what the store holds, and writes nothing twice', async () => {
    const usage = recorder();
    usage.record(schema, ...detail, { name: 'tv-app', version: '5.1' });
    await usage.flush();
    await usage.flush();
    usage.record(schema, ...detail, { name: 'tv-app', version: '5.1' });
    await usage.flush();

    expect(count(await store.read('2026-12-07', '2026-12-07'), 'Title.synopsis', 'tv-app')).toBe(2);
  });

  it('counts an operation sent just before midnight on the day it was sent', async () => {
    const usage = recorder();
    now = at('2026-12-07T23:59:59Z');
    usage.record(schema, ...detail, { name: 'tv-app', version: '5.1' });
    now = at('2026-12-08T00:00:01Z');
    usage.record(schema, ...detail, { name: 'tv-app', version: '5.1' });
    usage.record(schema, ...detail, { name: 'tv-app', version: '5.1' });
    await usage.flush();

    expect(count(await store.read('2026-12-07', '2026-12-07'), 'Title.synopsis', 'tv-app')).toBe(1);
    expect(count(await store.read('2026-12-08', '2026-12-08'), 'Title.synopsis', 'tv-app')).toBe(2);
  });

  it('keeps the counts while the store cannot be written, and writes them all once it can', async () => {
    let down = true;
    const flaky: FieldUsageStore = {
      add: (rows) => (down ? Promise.reject(new Error('store away')) : store.add(rows)),
      read: (from, to) => store.read(from, to),
      firstDay: () => store.firstDay(),
      prune: (day) => store.prune(day),
      close: () => store.close(),
    };
    const usage = recorder({ store: flaky });
    usage.record(schema, ...detail, { name: 'tv-app', version: '5.1' });
    await usage.flush();
    usage.record(schema, ...detail, { name: 'tv-app', version: '5.1' });
    down = false;
    await usage.flush();

    expect(usage.stats).toMatchObject({ flushes: 1, failedFlushes: 1, droppedRows: 0 });
    expect(count(await store.read('2026-12-07', '2026-12-07'), 'Title.synopsis', 'tv-app')).toBe(2);
  });

  it(`names at most ${MAX_CLIENTS_PER_FLUSH} client versions between flushes; the rest are "other"`, async () => {
    const usage = recorder();
    for (let index = 0; index < MAX_CLIENTS_PER_FLUSH + 50; index += 1) {
      usage.record(schema, ...detail, { name: `app-${index}`, version: '1' });
    }
    await usage.flush();

    const rows = (await store.read('2026-12-07', '2026-12-07')).filter(
      (usage) => usage.coordinate === 'Title.synopsis',
    );
    expect(rows).toHaveLength(MAX_CLIENTS_PER_FLUSH + 1);
    expect(count(rows, 'Title.synopsis', 'other')).toBe(50);
  });

  it('skips its timed flushes while a slow write runs, rather than queueing them', async () => {
    let writes = 0;
    let release = () => {};
    const slow: FieldUsageStore = {
      add: async (rows) => {
        writes += 1;
        // The first write hangs until released; later ones go through.
        if (writes === 1) await new Promise<void>((resolve) => (release = resolve));
        return store.add(rows);
      },
      read: (from, to) => store.read(from, to),
      firstDay: () => store.firstDay(),
      prune: (day) => store.prune(day),
      close: () => store.close(),
    };
    const usage = new FieldUsageRecorder({
      store: slow,
      flushMs: 5,
      retentionDays: 30,
      logger,
      now: () => now,
    });
    usage.record(schema, ...detail, { name: 'tv-app', version: '5.1' });
    usage.start();
    await new Promise((resolve) => setTimeout(resolve, 100));
    usage.record(schema, ...detail, { name: 'tv-app', version: '5.1' });
    expect(writes).toBe(1);

    release();
    await usage.stop();
    expect(count(await store.read('2026-12-07', '2026-12-07'), 'Title.synopsis', 'tv-app')).toBe(2);
  });

  it('writes the last counts when it stops', async () => {
    const usage = recorder();
    usage.start();
    usage.record(schema, ...detail, { name: 'tv-app', version: '5.1' });
    await usage.stop();

    expect(count(await store.read('2026-12-07', '2026-12-07'), 'Title.synopsis', 'tv-app')).toBe(1);
  });

  it('forgets the days past the retention at its first flush of a day', async () => {
    await store.add([{ day: '2026-11-01', coordinate: 'Title.name', client: 'old', version: '', count: 1 }]);
    await store.add([{ day: '2026-11-08', coordinate: 'Title.name', client: 'kept', version: '', count: 1 }]);
    const usage = recorder();
    usage.record(schema, ...detail, { name: 'tv-app', version: '5.1' });
    await usage.flush();

    expect(await store.firstDay()).toBe('2026-11-08');
  });

  it('reports a window of days with what this replica counted last', async () => {
    const usage = recorder();
    await store.add([
      { day: '2026-12-01', coordinate: 'Title.synopsis', client: 'tv-app', version: '5.0', count: 7 },
    ]);
    usage.record(schema, ...detail, { name: 'tv-app', version: '5.1' });

    const report = await usage.report(30);
    expect(report).toMatchObject({
      days: 30,
      from: '2026-11-08',
      to: '2026-12-07',
      recordedSince: '2026-12-01',
    });
    expect(report.coordinates['Title.synopsis']).toEqual([
      { client: 'tv-app', version: '5.0', count: 7, lastDay: '2026-12-01' },
      { client: 'tv-app', version: '5.1', count: 1, lastDay: '2026-12-07' },
    ]);
  });
});
