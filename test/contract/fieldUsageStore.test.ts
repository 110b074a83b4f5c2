/**
 * The FieldUsageStore contract: the directory, Redis and MongoDB keep field usage the same way, so
 * that the gateway's replicas may write one store together and the schema check read it whichever it
 * is. The directory always runs; Redis and MongoDB where the run has them (CI has both).
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Redis } from 'ioredis';
import { FileFieldUsageStore } from '@platform/fieldUsage/fileStore';
import { MongoFieldUsageStore } from '@platform/fieldUsage/mongoStore';
import { RedisFieldUsageStore } from '@platform/fieldUsage/redisStore';
import { usageReport } from '@platform/fieldUsage/report';
import { mergeRows, type FieldUsageStore, type UsageRow } from '@platform/fieldUsage/usage';
import { describeWithMongo } from '@testing/mongo';
import { describeWith } from '@testing/servers';

const row = (day: string, coordinate: string, client: string, count: number): UsageRow => ({
  day,
  coordinate,
  client,
  version: '1.0',
  count,
});

const sorted = (rows: UsageRow[]) =>
  mergeRows(rows).sort((a, b) =>
    `${a.day}${a.coordinate}${a.client}`.localeCompare(`${b.day}${b.coordinate}${b.client}`),
  );

/** `stores()` gives two stores on the same place, as two gateway replicas would have. */
function fieldUsageStoreContract(stores: () => [FieldUsageStore, FieldUsageStore]) {
  it('adds counts up, whichever replica wrote them, and reads the days asked for only', async () => {
    const [one, other] = stores();
    await one.add([
      row('2026-12-01', 'Title.name', 'tv-app', 2),
      row('2026-12-02', 'Title.name', 'tv-app', 1),
    ]);
    await other.add([
      row('2026-12-01', 'Title.name', 'tv-app', 3),
      row('2026-12-01', 'Title.name', 'ios-app', 1),
    ]);
    await one.add([row('2026-12-01', 'Title.name', 'tv-app', 1), row('2026-12-05', 'Title.id', 'tv-app', 9)]);

    expect(sorted(await other.read('2026-12-01', '2026-12-02'))).toEqual([
      row('2026-12-01', 'Title.name', 'ios-app', 1),
      row('2026-12-01', 'Title.name', 'tv-app', 6),
      row('2026-12-02', 'Title.name', 'tv-app', 1),
    ]);
    expect(await one.firstDay()).toBe('2026-12-01');
  });

  it('keeps client names and versions with spaces, dots and slashes as given', async () => {
    const [one] = stores();
    const odd = {
      day: '2026-12-03',
      coordinate: 'Query.title.id',
      client: 'Acme TV/OS',
      version: '5.1.0+b7',
      count: 4,
    };
    await one.add([odd]);

    expect(await one.read('2026-12-03', '2026-12-03')).toEqual([odd]);
  });

  it('takes a flush of thousands of rows at once', async () => {
    const [one] = stores();
    const many = Array.from({ length: 2_500 }, (_, index) =>
      row('2026-12-04', `Type${index}.field`, 'tv-app', index + 1),
    );
    await one.add(many);

    const read = await one.read('2026-12-04', '2026-12-04');
    expect(read).toHaveLength(2_500);
    expect(read.reduce((sum, usage) => sum + usage.count, 0)).toBe((2_500 * 2_501) / 2);
  });

  it('forgets the days before the one pruned to, and nothing after', async () => {
    const [one, other] = stores();
    await one.add([
      row('2026-11-01', 'Title.name', 'tv-app', 1),
      row('2026-11-20', 'Title.name', 'tv-app', 1),
    ]);
    await other.add([row('2026-11-02', 'Title.name', 'ios-app', 1)]);
    await one.prune('2026-11-15');

    expect(await other.read('2026-10-01', '2026-12-31')).toEqual([
      row('2026-11-20', 'Title.name', 'tv-app', 1),
    ]);
    expect(await other.firstDay()).toBe('2026-11-20');
  });

  it('makes a report of a window: per coordinate, each client version with its count and last day', async () => {
    const [one] = stores();
    await one.add([
      row('2026-12-06', 'Title.synopsis', 'tv-app', 5),
      row('2026-12-07', 'Title.synopsis', 'tv-app', 2),
      row('2026-12-07', 'Title.synopsis', 'ios-app', 9),
    ]);

    const report = await usageReport(one, 7, Date.parse('2026-12-07T12:00:00Z'));
    expect(report.coordinates['Title.synopsis']).toEqual([
      { client: 'ios-app', version: '1.0', count: 9, lastDay: '2026-12-07' },
      { client: 'tv-app', version: '1.0', count: 7, lastDay: '2026-12-07' },
    ]);
    expect(report).toMatchObject({ from: '2026-12-01', to: '2026-12-07', recordedSince: '2026-12-06' });
  });
}

describe('the field usage directory', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(path.join(tmpdir(), 'field-usage-store-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  fieldUsageStoreContract(() => [new FileFieldUsageStore(dir), new FileFieldUsageStore(dir)]);
});

describeWith(['redis'], 'field usage in Redis', () => {
  const redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', { lazyConnect: true });
  let prefix: string;
  beforeAll(() => redis.connect());
  // Keys of their own per test: other suites share this Redis.
  beforeEach(() => (prefix = `field-usage-test:${randomUUID()}:`));
  afterEach(async () => {
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
  });
  afterAll(() => redis.disconnect());

  fieldUsageStoreContract(() => [
    new RedisFieldUsageStore(redis, 30, prefix),
    new RedisFieldUsageStore(redis, 30, prefix),
  ]);
});

describeWithMongo('field usage in MongoDB', null, (database) => {
  afterEach(() => database.store.db.collection('fieldUsage').deleteMany({}));

  fieldUsageStoreContract(() => [
    new MongoFieldUsageStore(database.store, false),
    new MongoFieldUsageStore(database.store, false),
  ]);
});
