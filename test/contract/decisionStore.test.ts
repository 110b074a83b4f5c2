/**
 * The DecisionStore contract: the directory and MongoDB keep decision records the same way, so that
 * the gateway's replicas may write one store together and support read it whichever it is. The
 * directory always runs; MongoDB where the run has it (CI has FerretDB).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { DecisionReason } from '@contracts/decision';
import { FileDecisionStore } from '@platform/decisions/fileStore';
import { DECISION_COLLECTION, MongoDecisionStore } from '@platform/decisions/mongoStore';
import {
  listedBefore,
  type DecisionQuery,
  type DecisionRecord,
  type DecisionStore,
} from '@platform/decisions/record';
import { describeWithMongo } from '@testing/mongo';
import { decisionRecord } from '@testing/decisionRecords';

const refusal = (
  sessionId: string,
  at: string,
  reason: DecisionReason,
  fields: Partial<DecisionRecord> = {},
) => decisionRecord(sessionId, at, { allowed: false, reason, ...fields });

const ids = (records: DecisionRecord[]) => records.map((record) => record.sessionId);

const query = (from: string, to: string, fields: Partial<DecisionQuery> = {}): DecisionQuery => ({
  accountId: 'acc-1',
  from: new Date(from),
  to: new Date(to),
  limit: 100,
  ...fields,
});

/** Every page of a listing, following `after` until a page comes back short. */
async function allPages(store: DecisionStore, first: DecisionQuery): Promise<DecisionRecord[][]> {
  const pages: DecisionRecord[][] = [];
  let page = await store.list(first);
  pages.push(page);
  while (page.length === first.limit) {
    const last = page.at(-1)!;
    page = await store.list({ ...first, after: { at: last.at, sessionId: last.sessionId } });
    pages.push(page);
    if (pages.length > 1_000) throw new Error('The listing does not end');
  }
  return pages;
}

/**
 * Many records of two accounts over five days: instants 37 minutes apart from midnight on, one to
 * three records at each (ties), a refusal every fourth, in an order that is not the listing's.
 */
function manyRecords(): DecisionRecord[] {
  const records: DecisionRecord[] = [];
  const start = Date.parse('2026-12-01T00:00:00.000Z');
  for (let step = 0; step * 37 < 5 * 1_440; step++) {
    const at = new Date(start + step * 37 * 60_000).toISOString();
    for (let tie = 0; tie <= step % 3; tie++) {
      const index = records.length;
      const sessionId = `s-${String((index * 7_919) % 10_007).padStart(5, '0')}`;
      const fields = { accountId: index % 5 === 4 ? 'acc-2' : 'acc-1' };
      records.push(
        index % 4 === 0
          ? refusal(sessionId, at, index % 8 === 0 ? 'GEO_RESTRICTED' : 'UPGRADE_REQUIRED', fields)
          : decisionRecord(sessionId, at, fields),
      );
    }
  }
  // Three at midnight: a page boundary among them crosses into the day before.
  for (const sessionId of ['m-1', 'm-2', 'm-3'])
    records.push(decisionRecord(sessionId, '2026-12-03T00:00:00.000Z'));
  return records.reverse();
}

/**
 * `open()` gives another store on the same place, as another gateway replica would have. Every store
 * a test opened is closed after it: a directory store keeps its files open between writes.
 */
function decisionStoreContract(openStore: () => DecisionStore) {
  const opened: DecisionStore[] = [];
  const open = () => {
    const store = openStore();
    opened.push(store);
    return store;
  };
  afterEach(() => Promise.all(opened.splice(0).map((store) => store.close())));

  it('gives back a record as it was added, by its session id', async () => {
    const store = open();
    const record = decisionRecord('s-1', '2026-12-07T21:04:05.123Z', {
      country: null,
      intent: 'PREFETCH',
      allowed: false,
      reason: 'TEMPORARILY_UNAVAILABLE',
      rules: [],
      degraded: [
        { path: 'play.decision', subgraph: 'entitlements', fallback: 'DEFAULT', ageSeconds: null },
        { path: 'play.title.name', subgraph: 'catalog', fallback: 'STALE', ageSeconds: 42 },
      ],
      traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
    });
    await store.add([]);
    await store.add([record, decisionRecord('s-2', '2026-12-06T10:00:00.000Z')]);

    expect(await store.get('s-1')).toEqual(record);
    expect(await open().get('s-2')).toEqual(decisionRecord('s-2', '2026-12-06T10:00:00.000Z'));
    expect(await store.get('s-3')).toBeNull();
  });

  it("lists an account's records from `from` (inclusive) to `to` (exclusive), newest first", async () => {
    const store = open();
    await store.add([
      decisionRecord('early', '2026-12-01T23:59:59.999Z'),
      decisionRecord('first', '2026-12-02T00:00:00.000Z'),
      decisionRecord('b', '2026-12-03T08:00:00.000Z'),
      decisionRecord('other', '2026-12-03T09:00:00.000Z', { accountId: 'acc-2' }),
      decisionRecord('a', '2026-12-03T08:00:00.000Z'),
      decisionRecord('c', '2026-12-03T08:00:00.000Z'),
      decisionRecord('last', '2026-12-04T11:59:59.999Z'),
      decisionRecord('late', '2026-12-04T12:00:00.000Z'),
    ]);

    const listed = await store.list(query('2026-12-02T00:00:00.000Z', '2026-12-04T12:00:00.000Z'));
    expect(ids(listed)).toEqual(['last', 'c', 'b', 'a', 'first']);
    expect(listed[0]).toEqual(decisionRecord('last', '2026-12-04T11:59:59.999Z'));
    expect(
      ids(await store.list(query('2026-12-02T00:00:00.000Z', '2026-12-04T12:00:00.000Z', { limit: 2 }))),
    ).toEqual(['last', 'c']);
    expect(ids(await store.list(query('2026-12-03T09:00:00.000Z', '2026-12-04T00:00:00.000Z')))).toEqual([]);
    expect(
      ids(
        await store.list(
          query('2026-12-01T00:00:00.000Z', '2026-12-05T00:00:00.000Z', { accountId: 'acc-2' }),
        ),
      ),
    ).toEqual(['other']);
  });

  it('lists the records of one reason only when asked', async () => {
    const store = open();
    await store.add([
      refusal('geo-1', '2026-12-03T08:00:00.000Z', 'GEO_RESTRICTED'),
      refusal('upgrade', '2026-12-03T09:00:00.000Z', 'UPGRADE_REQUIRED'),
      decisionRecord('granted', '2026-12-03T10:00:00.000Z'),
      refusal('geo-2', '2026-12-03T11:00:00.000Z', 'GEO_RESTRICTED'),
      refusal('geo-other', '2026-12-03T11:00:00.000Z', 'GEO_RESTRICTED', { accountId: 'acc-2' }),
    ]);

    const range = ['2026-12-03T00:00:00.000Z', '2026-12-04T00:00:00.000Z'] as const;
    expect(ids(await store.list(query(...range, { reason: 'GEO_RESTRICTED' })))).toEqual(['geo-2', 'geo-1']);
    expect(ids(await store.list(query(...range, { reason: 'GRANTED' })))).toEqual(['granted']);
    expect(ids(await store.list(query(...range, { reason: 'MATURITY_RESTRICTED' })))).toEqual([]);
  });

  it('pages through records of several days with `after` and `limit`, missing and repeating none', async () => {
    const [one, other] = [open(), open()];
    const records = manyRecords();
    const half = Math.floor(records.length / 2);
    await one.add(records.slice(0, half));
    await other.add(records.slice(half));
    const from = '2026-12-01T05:00:00.000Z';
    const to = '2026-12-05T19:00:00.000Z';
    const expected = records
      .filter((record) => record.accountId === 'acc-1' && record.at >= from && record.at < to)
      .sort((a, b) => (listedBefore(a, b) ? -1 : 1));
    expect(expected.length).toBeGreaterThan(200);

    const pages = await allPages(open(), query(from, to, { limit: 7 }));
    expect(pages.slice(0, -1).every((page) => page.length === 7)).toBe(true);
    expect(pages.flat()).toEqual(expected);

    const refusals = expected.filter((record) => record.reason === 'UPGRADE_REQUIRED');
    const refusalPages = await allPages(one, query(from, to, { limit: 4, reason: 'UPGRADE_REQUIRED' }));
    expect(ids(refusalPages.flat())).toEqual(ids(refusals));
  });

  it('keeps one record per session id, however often it was added', async () => {
    const [one, other] = [open(), open()];
    const record = refusal('retried', '2026-12-03T08:00:00.000Z', 'GEO_RESTRICTED');
    await one.add([record, record]);
    await one.add([record, decisionRecord('new', '2026-12-03T09:00:00.000Z')]);
    await other.add([record]);

    const range = ['2026-12-03T00:00:00.000Z', '2026-12-04T00:00:00.000Z'] as const;
    expect(ids(await other.list(query(...range)))).toEqual(['new', 'retried']);
    expect(await one.get('retried')).toEqual(record);
    expect(await other.refusalCounts('US', new Date(range[0]), new Date(range[1]))).toEqual([
      { reason: 'GEO_RESTRICTED', count: 1 },
    ]);
  });

  it('takes thousands of records at once, some of them already kept', async () => {
    const store = open();
    const many = Array.from({ length: 1_200 }, (_, index) =>
      decisionRecord(
        `bulk-${String(index).padStart(4, '0')}`,
        new Date(Date.parse('2026-12-03T00:00:00Z') + index * 1_000).toISOString(),
      ),
    );
    await store.add(many.slice(600, 700));
    await store.add(many);

    const listed = await store.list(
      query('2026-12-03T00:00:00.000Z', '2026-12-04T00:00:00.000Z', { limit: 5_000 }),
    );
    expect(listed).toEqual([...many].reverse());
  });

  it('counts the refusals of a country and range by reason, most first', async () => {
    const [one, other] = [open(), open()];
    const from = '2026-12-02T00:00:00.000Z';
    const to = '2026-12-04T00:00:00.000Z';
    await one.add([
      refusal('u1', '2026-12-02T00:00:00.000Z', 'UPGRADE_REQUIRED'),
      refusal('u2', '2026-12-02T10:00:00.000Z', 'UPGRADE_REQUIRED', { accountId: 'acc-2' }),
      refusal('m1', '2026-12-02T11:00:00.000Z', 'MATURITY_RESTRICTED'),
      refusal('g1', '2026-12-03T12:00:00.000Z', 'GEO_RESTRICTED'),
      decisionRecord('granted', '2026-12-03T12:00:00.000Z'),
      refusal('before', '2026-12-01T23:59:59.999Z', 'SUBSCRIPTION_REQUIRED'),
      refusal('at-to', '2026-12-04T00:00:00.000Z', 'SUBSCRIPTION_REQUIRED'),
      refusal('canada', '2026-12-02T12:00:00.000Z', 'PURCHASE_REQUIRED', { country: 'CA' }),
      refusal('nowhere', '2026-12-02T12:00:00.000Z', 'PURCHASE_REQUIRED', { country: null }),
    ]);
    await other.add([
      refusal('u3', '2026-12-03T23:59:59.999Z', 'UPGRADE_REQUIRED'),
      refusal('g2', '2026-12-03T01:00:00.000Z', 'GEO_RESTRICTED'),
      refusal('m2', '2026-12-03T02:00:00.000Z', 'MATURITY_RESTRICTED'),
    ]);

    expect(await open().refusalCounts('US', new Date(from), new Date(to))).toEqual([
      { reason: 'UPGRADE_REQUIRED', count: 3 },
      { reason: 'GEO_RESTRICTED', count: 2 },
      { reason: 'MATURITY_RESTRICTED', count: 2 },
    ]);
    expect(await one.refusalCounts('CA', new Date(from), new Date(to))).toEqual([
      { reason: 'PURCHASE_REQUIRED', count: 1 },
    ]);
    expect(await one.refusalCounts('FR', new Date(from), new Date(to))).toEqual([]);
  });

  it('forgets the records before the day pruned to, whoever wrote them, and keeps the rest', async () => {
    const [one, other] = [open(), open()];
    await one.add([
      decisionRecord('old', '2026-11-20T10:00:00.000Z'),
      refusal('eve', '2026-11-30T23:59:59.999Z', 'GEO_RESTRICTED'),
      decisionRecord('midnight', '2026-12-01T00:00:00.000Z'),
    ]);
    await other.add([
      refusal('other-old', '2026-11-30T08:00:00.000Z', 'GEO_RESTRICTED'),
      refusal('noon', '2026-12-01T12:00:00.000Z', 'GEO_RESTRICTED'),
      decisionRecord('later', '2026-12-05T12:00:00.000Z'),
    ]);
    await one.prune(new Date('2026-12-01T00:00:00.000Z'));

    const reader = open();
    const everything = query('2026-01-01T00:00:00.000Z', '2027-01-01T00:00:00.000Z');
    expect(ids(await reader.list(everything))).toEqual(['later', 'noon', 'midnight']);
    expect(await reader.get('eve')).toBeNull();
    expect(await reader.get('other-old')).toBeNull();
    expect(await reader.get('midnight')).not.toBeNull();
    expect(await reader.refusalCounts('US', everything.from, everything.to)).toEqual([
      { reason: 'GEO_RESTRICTED', count: 1 },
    ]);
  });

  it('shows a reader what every writer added', async () => {
    const [one, other, reader] = [open(), open(), open()];
    await one.add([decisionRecord('from-one', '2026-12-03T08:00:00.000Z')]);
    await other.add([
      decisionRecord('from-other', '2026-12-03T08:00:00.000Z'),
      decisionRecord('other-later', '2026-12-04T08:00:00.000Z'),
    ]);
    await one.add([decisionRecord('one-again', '2026-12-03T09:00:00.000Z')]);

    expect(ids(await reader.list(query('2026-12-03T00:00:00.000Z', '2026-12-05T00:00:00.000Z')))).toEqual([
      'other-later',
      'one-again',
      'from-other',
      'from-one',
    ]);
    expect(await reader.get('from-one')).not.toBeNull();
    expect(await reader.get('from-other')).not.toBeNull();
  });
}

describe('decision records in a directory', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(path.join(tmpdir(), 'decision-store-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  decisionStoreContract(() => new FileDecisionStore(dir));
});

describeWithMongo('decision records in MongoDB', null, (database) => {
  const collection = () => database.store.db.collection<{ _id: string }>(DECISION_COLLECTION);
  afterEach(() => collection().deleteMany({}));

  decisionStoreContract(() => new MongoDecisionStore(database.store, false, 30));

  it('keeps a record under its session id with `at` as a date, for the TTL index', async () => {
    await new MongoDecisionStore(database.store, false, 30).add([
      decisionRecord('s-1', '2026-12-07T21:04:05.123Z'),
    ]);

    const stored = await collection().findOne({ _id: 's-1' });
    expect(stored).toMatchObject({ at: new Date('2026-12-07T21:04:05.123Z'), accountId: 'acc-1' });
    expect(stored).not.toHaveProperty('sessionId');
  });

  it('indexes listings and counts, and expires records after the retention where the server can', async () => {
    await new MongoDecisionStore(database.store, false, 30).add([
      decisionRecord('s-1', '2026-12-07T21:04:05.123Z'),
    ]);
    // Another replica with another retention writes as well.
    await new MongoDecisionStore(database.store, false, 7).add([
      decisionRecord('s-2', '2026-12-07T21:04:05.123Z'),
    ]);

    const indexes = await collection().listIndexes().toArray();
    const keys = indexes.map((index) => index.key as Record<string, number>);
    expect(keys).toEqual(
      expect.arrayContaining([
        { accountId: 1, at: -1, _id: -1 },
        { country: 1, at: 1 },
      ]),
    );
    const ttl = indexes.find((index) => 'expireAfterSeconds' in index);
    const info = await database.store.db.admin().command({ buildInfo: 1 });
    if ('ferretdbVersion' in info) expect(ttl).toBeUndefined();
    else expect(ttl).toMatchObject({ key: { at: 1 }, expireAfterSeconds: 7 * 86_400 });
    expect(await collection().countDocuments()).toBe(2);
  });
});
