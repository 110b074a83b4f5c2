import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Caller } from '@contracts/gatewayCredential';
import { RULE_DESCRIPTIONS, type PlayRule, type RuleOutcome } from '@contracts/ruleChecks';
import {
  listedBefore,
  type DecisionQuery,
  type DecisionRecord,
  type DecisionStore,
  type RefusalCount,
} from '@platform/decisions/record';
import { FileFieldUsageStore } from '@platform/fieldUsage/fileStore';
import type { FieldUsageStore, UsageRow } from '@platform/fieldUsage/usage';
import type { Logger } from '@platform/log';
import { recordingLogger } from '@testing/recordingLogger';
import {
  createSubgraphHarness,
  temporaryKeysDir,
  type RunningSubgraph,
  type SubgraphHarness,
} from '@testing/subgraphHarness';
import type {
  ClientFieldUsage,
  FieldUsage,
  PlayDecisionRecord,
  RefusalCount as RefusalCountAnswer,
} from './__generated__/resolvers';
import { createUsageServer } from './server';

/** "Today" for every window here: 30 days run from 2026-11-08, 366 from 2025-12-07. */
const NOW = Date.parse('2026-12-07T15:00:00Z');

const ANALYST: Caller = { accountId: null, country: null, roles: ['analyst'] };
const VIEWER: Caller = { accountId: 'u-family-ca', country: 'CA' };

const FIELD_USAGE = /* GraphQL */ `
  query FieldUsage($coordinate: String!, $days: Int) {
    fieldUsage(coordinate: $coordinate, days: $days) {
      coordinate
      days
      from
      to
      recordedSince
      coversWindow
      operations
      clients {
        name
        version
        operations
        lastUsedOn
      }
      unused
    }
  }
`;

/** The same without `days`, so that the SDL's default applies. */
const FIELD_USAGE_DEFAULT_DAYS = /* GraphQL */ `
  query FieldUsage($coordinate: String!) {
    fieldUsage(coordinate: $coordinate) {
      days
      from
      to
    }
  }
`;

interface FieldUsageData {
  fieldUsage: Omit<FieldUsage, 'clients' | '__typename'> & {
    clients: Omit<ClientFieldUsage, '__typename'>[];
  };
}

const row = (day: string, coordinate: string, client: string, version: string, count: number): UsageRow => ({
  day,
  coordinate,
  client,
  version,
  count,
});

/**
 * What two gateway processes wrote, each to its own files: several clients and days in the 30-day
 * window, and one old day (2026-10-01) outside it but inside 366 days, the first day recorded.
 */
const FIRST_WRITER = [
  row('2026-10-01', 'Title.synopsis', 'android', '2.0', 100),
  row('2026-10-01', 'Title.legacyRating', 'android', '2.0', 50),
  row('2026-11-20', 'Title.synopsis', 'ios', '', 8),
  row('2026-12-01', 'Title.synopsis', 'tv-app', '3.2', 2),
  row('2026-12-07', 'Title.synopsis', 'web', '1.0', 10),
  row('2026-12-07', 'Query.title.id', 'web', '1.0', 10),
];
const SECOND_WRITER = [
  // The same day, coordinate and client as the first writer's: the two counts add up.
  row('2026-12-01', 'Title.synopsis', 'tv-app', '3.2', 3),
  row('2026-12-06', 'Title.synopsis', 'tv-app', '3.2', 3),
];

const PLAY_DECISION_FIELDS = /* GraphQL */ `
  sessionId
  at
  accountId
  profileId
  titleId
  country
  deviceType
  intent
  allowed
  reason
  rules {
    rule
    description
    outcome
    evidence
  }
  degraded {
    path
    subgraph
    fallback
    ageSeconds
  }
  traceId
`;

const PLAY_DECISIONS = /* GraphQL */ `
  query PlayDecisions(
    $accountId: ID!
    $from: DateTime!
    $to: DateTime!
    $reason: DecisionReason
    $first: Int
    $after: String
  ) {
    playDecisions(accountId: $accountId, from: $from, to: $to, reason: $reason, first: $first, after: $after) {
      edges {
        cursor
        node {
          ${PLAY_DECISION_FIELDS}
        }
      }
      pageInfo {
        hasNextPage
        endCursor
      }
    }
  }
`;

const PLAY_DECISION = /* GraphQL */ `
  query PlayDecision($sessionId: ID!) {
    playDecision(sessionId: $sessionId) {
      ${PLAY_DECISION_FIELDS}
    }
  }
`;

const REFUSAL_COUNTS = /* GraphQL */ `
  query RefusalCounts($country: String!, $from: DateTime!, $to: DateTime!) {
    refusalCounts(country: $country, from: $from, to: $to) {
      reason
      count
    }
  }
`;

type DecisionAnswer = Omit<PlayDecisionRecord, '__typename' | 'rules' | 'degraded'> & {
  rules: { rule: string; description: string; outcome: string; evidence: string[] }[];
  degraded: { path: string; subgraph: string; fallback: string; ageSeconds: number | null }[];
};

interface PlayDecisionsData {
  playDecisions: {
    edges: { cursor: string; node: DecisionAnswer }[];
    pageInfo: { hasNextPage: boolean; endCursor: string | null };
  };
}

interface PlayDecisionData {
  playDecision: DecisionAnswer | null;
}

interface RefusalCountsData {
  refusalCounts: Omit<RefusalCountAnswer, '__typename'>[];
}

const check = (rule: PlayRule, outcome: RuleOutcome, evidence: string[] = []) => ({
  rule,
  outcome,
  evidence,
});

const GRANTED_RULES = [
  check('TITLE_EXISTS', 'PASSED', ['The catalog has the title.']),
  check('PROFILE_OF_ACCOUNT', 'PASSED', ['The profile belongs to u-family-ca.']),
  check('LICENSED_IN_COUNTRY', 'PASSED', ['Licensed in CA, US; asked from CA.']),
  check('LICENSE_WINDOW', 'PASSED', ['Open from 2026-01-01T00:00:00Z, no end.']),
  check('MATURITY', 'PASSED', ['Rated 7; the profile allows up to 13.']),
  check('ENTITLEMENT', 'PASSED', ['Active STANDARD subscription; the title needs BASIC.']),
  check('DEVICE', 'PASSED', ['Kept e-1080-h264 (H264, 1080 lines).', 'DRM: WIDEVINE.']),
];

/** A grant to u-family-ca on its kid's profile from Canada, unless `fields` say otherwise. */
const decision = (
  fields: Partial<DecisionRecord> & Pick<DecisionRecord, 'sessionId' | 'at'>,
): DecisionRecord => ({
  accountId: 'u-family-ca',
  profileId: 'p-family-kid',
  titleId: 't-kids-cartoon',
  country: 'CA',
  deviceType: 'TV',
  intent: 'PLAY',
  allowed: true,
  reason: 'GRANTED',
  rules: GRANTED_RULES,
  degraded: [],
  traceId: null,
  ...fields,
});

/** Tuesday 2026-12-01 at 21:04 on the TV: the kid's profile refused a thriller by its rating. */
const TUESDAY_REFUSAL = decision({
  sessionId: 's-0a-maturity',
  at: '2026-12-01T21:04:12.345Z',
  titleId: 't-mature-thriller',
  allowed: false,
  reason: 'MATURITY_RESTRICTED',
  rules: [
    ...GRANTED_RULES.slice(0, 4),
    check('MATURITY', 'FAILED', ['Rated 18; the profile allows up to 13.']),
    check('ENTITLEMENT', 'NOT_REACHED'),
    check('DEVICE', 'NOT_REACHED'),
  ],
  traceId: '4bf92f3577b34da6a3ce929d0e0e4736',
});

/**
 * The same instant (ties are ordered by session id, greater first): entitlements was away and its
 * default refused; the title's name came from a stale copy (a fraction of a second is dropped).
 */
const FALLBACK_REFUSAL = decision({
  sessionId: 's-ff-fallback',
  at: '2026-12-01T21:04:12.345Z',
  allowed: false,
  reason: 'TEMPORARILY_UNAVAILABLE',
  rules: [],
  degraded: [
    { path: 'play.decision', subgraph: 'entitlements', fallback: 'DEFAULT', ageSeconds: null },
    { path: 'play.title.name', subgraph: 'catalog', fallback: 'STALE', ageSeconds: 42.7 },
  ],
});

/** The window most questions here ask about: 2026-11-20 to 2026-12-07 (excluded), UTC. */
const WINDOW = { from: '2026-11-20T00:00:00Z', to: '2026-12-07T00:00:00Z' };

/**
 * u-family-ca's seven decisions in {@link WINDOW} (one exactly at its start), newest first, and what
 * must never be listed for it: one exactly at the window's end, one just before its start, and other
 * accounts' decisions (refusals in Canada and the US, counted or not by `refusalCounts`).
 */
const IN_WINDOW = [
  decision({ sessionId: 's-05', at: '2026-12-06T23:59:59.999Z', deviceType: 'MOBILE' }),
  decision({
    sessionId: 's-04',
    at: '2026-12-01T21:10:00.000Z',
    profileId: 'p-family-adult',
    titleId: 't-mature-thriller',
  }),
  FALLBACK_REFUSAL,
  TUESDAY_REFUSAL,
  // A device class this schema does not list (any more): read as null, the rest of the page stands.
  decision({ sessionId: 's-03', at: '2026-11-28T18:30:00.000Z', deviceType: 'SMARTWATCH' }),
  decision({ sessionId: 's-02', at: '2026-11-25T10:00:00.000Z', intent: 'START', deviceType: 'WEB' }),
  decision({ sessionId: 's-01', at: '2026-11-20T00:00:00.000Z', intent: 'PREFETCH', deviceType: 'WEB' }),
];
const NOT_IN_WINDOW = [
  decision({ sessionId: 's-06', at: '2026-12-07T00:00:00.000Z' }),
  decision({ sessionId: 's-07', at: '2026-11-19T23:59:59.999Z' }),
];
const refusal = (sessionId: string, at: string, country: string | null, accountId = 'u-other-ca') =>
  decision({ sessionId, at, accountId, country, allowed: false, reason: 'GEO_RESTRICTED', rules: [] });
const OTHER_ACCOUNTS = [
  refusal('s-09', '2026-12-02T08:00:00.000Z', 'CA'),
  refusal('s-10', '2026-12-03T08:00:00.000Z', 'CA', 'u-premium'),
  refusal('s-11', '2026-12-01T21:04:12.345Z', 'US', 'u-premium'),
  refusal('s-12', '2026-10-01T08:00:00.000Z', 'CA'),
  refusal('s-13', '2026-12-04T08:00:00.000Z', null),
];
/**
 * In no particular order: putting an answer in order is the store's job (and the fake's below). The
 * store meets TEMPORARILY_UNAVAILABLE before MATURITY_RESTRICTED, against the order of their names.
 */
const DECISIONS = [...OTHER_ACCOUNTS, ...IN_WINDOW, ...NOT_IN_WINDOW];

/**
 * The DecisionStore contract in memory (lib/platform/decisions/record.ts): an account's records in
 * `[from, to)`, newest first, greater session id first at the same instant, after the cursor,
 * at most `limit`; refusals by reason, most first. Every question it is asked is written down, so
 * that a test can tell the store was never reached.
 */
class MemoryDecisionStore implements DecisionStore {
  readonly asked: { method: 'list' | 'get' | 'refusalCounts'; args: unknown[] }[] = [];

  constructor(private readonly records: readonly DecisionRecord[]) {}

  async add(): Promise<void> {
    throw new Error('the usage subgraph never writes decisions');
  }

  async list(query: DecisionQuery): Promise<DecisionRecord[]> {
    this.asked.push({ method: 'list', args: [query] });
    return this.records
      .filter(
        (record) =>
          record.accountId === query.accountId &&
          inWindow(record, query.from, query.to) &&
          (query.reason === undefined || record.reason === query.reason) &&
          (query.after === undefined || listedBefore(query.after, record)),
      )
      .sort((a, b) => (listedBefore(a, b) ? -1 : 1))
      .slice(0, query.limit);
  }

  async get(sessionId: string): Promise<DecisionRecord | null> {
    this.asked.push({ method: 'get', args: [sessionId] });
    return this.records.find((record) => record.sessionId === sessionId) ?? null;
  }

  async refusalCounts(country: string, from: Date, to: Date): Promise<RefusalCount[]> {
    this.asked.push({ method: 'refusalCounts', args: [country, from, to] });
    const counts = new Map<RefusalCount['reason'], number>();
    for (const record of this.records) {
      if (record.allowed || record.country !== country || !inWindow(record, from, to)) continue;
      counts.set(record.reason, (counts.get(record.reason) ?? 0) + 1);
    }
    // Most first; ties as they were met, which is not the order of their names.
    return [...counts].map(([reason, count]) => ({ reason, count })).sort((a, b) => b.count - a.count);
  }

  async prune(): Promise<void> {
    throw new Error('the usage subgraph never prunes decisions');
  }

  async close(): Promise<void> {}
}

const inWindow = (record: DecisionRecord, from: Date, to: Date) =>
  Date.parse(record.at) >= from.getTime() && Date.parse(record.at) < to.getTime();

/** A record as `playDecision` and `playDecisions` must answer it: every field, rules described. */
const answered = (record: DecisionRecord, deviceType: string | null = record.deviceType): DecisionAnswer => ({
  sessionId: record.sessionId,
  at: record.at,
  accountId: record.accountId,
  profileId: record.profileId,
  titleId: record.titleId,
  country: record.country,
  deviceType: deviceType as DecisionAnswer['deviceType'],
  intent: record.intent,
  allowed: record.allowed,
  reason: record.reason,
  rules: record.rules.map(({ rule, outcome, evidence }) => ({
    rule,
    description: RULE_DESCRIPTIONS[rule],
    outcome,
    evidence,
  })),
  degraded: record.degraded,
  traceId: record.traceId,
});

describe('the usage subgraph', () => {
  let harness: SubgraphHarness;
  let dir: string;
  let usage: RunningSubgraph;

  const fieldUsage = (variables: Record<string, unknown>, caller: Caller = ANALYST) =>
    usage.query<FieldUsageData>({ query: FIELD_USAGE, variables }, { caller });

  /**
   * A usage subgraph reading `store` (null: `off`) and, when given, `decisions` (left out: `off`),
   * stopped after the file's tests.
   */
  const started: RunningSubgraph[] = [];
  async function startUsage(
    store: FieldUsageStore | null,
    { decisions, logger }: { decisions?: DecisionStore | null; logger?: Logger } = {},
  ): Promise<RunningSubgraph> {
    const running = await harness.startSubgraph(
      createUsageServer({
        store,
        ...(decisions !== undefined && { decisions }),
        credentialVerifier: harness.verifier,
        logger: logger ?? harness.logger,
        production: false,
        now: () => NOW,
      }),
    );
    started.push(running);
    return running;
  }

  beforeAll(async () => {
    harness = await createSubgraphHarness('usage', temporaryKeysDir('usage-keys-'));
    dir = mkdtempSync(path.join(tmpdir(), 'usage-store-'));
    await new FileFieldUsageStore(dir).add(FIRST_WRITER);
    await new FileFieldUsageStore(dir).add(SECOND_WRITER);
    usage = await startUsage(new FileFieldUsageStore(dir));
  });

  afterAll(async () => {
    await Promise.all(started.map((running) => running.stop()));
    rmSync(dir, { recursive: true, force: true });
  });

  it("answers a coordinate's use over the window per client version, most operations first", async () => {
    const { status, body } = await fieldUsage({ coordinate: 'Title.synopsis', days: 30 });

    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    expect(body.data!.fieldUsage).toEqual({
      coordinate: 'Title.synopsis',
      days: 30,
      from: '2026-11-08',
      to: '2026-12-07',
      recordedSince: '2026-10-01',
      coversWindow: true,
      // android's 100 operations of 2026-10-01 are before the window.
      operations: 26,
      clients: [
        { name: 'web', version: '1.0', operations: 10, lastUsedOn: '2026-12-07' },
        // A tie is ordered by name: ios before tv-app.
        { name: 'ios', version: '', operations: 8, lastUsedOn: '2026-11-20' },
        { name: 'tv-app', version: '3.2', operations: 8, lastUsedOn: '2026-12-06' },
      ],
      unused: false,
    });
  });

  it('says a coordinate is unused when nothing used it and recording covers the whole window', async () => {
    const { body } = await fieldUsage({ coordinate: 'Title.legacyRating', days: 30 });

    expect(body.errors).toBeUndefined();
    expect(body.data!.fieldUsage).toMatchObject({
      recordedSince: '2026-10-01',
      coversWindow: true,
      operations: 0,
      clients: [],
      unused: true,
    });
  });

  it('never says unused for a window that starts before recording did, and counts what it has', async () => {
    const legacy = await fieldUsage({ coordinate: 'Title.legacyRating', days: 366 });
    const never = await fieldUsage({ coordinate: 'Title.neverAsked', days: 366 });

    expect(legacy.body.data!.fieldUsage).toEqual({
      coordinate: 'Title.legacyRating',
      days: 366,
      from: '2025-12-07',
      to: '2026-12-07',
      recordedSince: '2026-10-01',
      coversWindow: false,
      operations: 50,
      clients: [{ name: 'android', version: '2.0', operations: 50, lastUsedOn: '2026-10-01' }],
      unused: false,
    });
    expect(never.body.data!.fieldUsage).toMatchObject({
      coversWindow: false,
      operations: 0,
      clients: [],
      unused: false,
    });
  });

  it('counts today alone for days: 1', async () => {
    const { body } = await fieldUsage({ coordinate: 'Title.synopsis', days: 1 });

    expect(body.data!.fieldUsage).toMatchObject({
      from: '2026-12-07',
      to: '2026-12-07',
      operations: 10,
      clients: [{ name: 'web', version: '1.0', operations: 10, lastUsedOn: '2026-12-07' }],
    });
  });

  it('reads the last 30 days when days is left out or null', async () => {
    const omitted = await usage.query<{ fieldUsage: Pick<FieldUsage, 'days' | 'from' | 'to'> }>(
      { query: FIELD_USAGE_DEFAULT_DAYS, variables: { coordinate: 'Title' } },
      { caller: ANALYST },
    );
    const explicitNull = await fieldUsage({ coordinate: 'Title', days: null });

    expect(omitted.body.data).toEqual({ fieldUsage: { days: 30, from: '2026-11-08', to: '2026-12-07' } });
    expect(explicitNull.body.data!.fieldUsage).toMatchObject({ days: 30, from: '2026-11-08' });
  });

  it("refuses a caller without the analyst role, even one the gateway let through (the resolver's own check)", async () => {
    const viewer = await fieldUsage(
      { coordinate: 'Title.synopsis', days: 30 },
      { accountId: 'u-premium', country: 'US' },
    );

    expect(viewer.body.data).toBeNull();
    expect(viewer.body.errors).toEqual([
      expect.objectContaining({
        message: 'Field usage needs the analyst role',
        extensions: expect.objectContaining({ code: 'FORBIDDEN' }),
      }),
    ]);
  });

  it.each([
    ['days: 0', { coordinate: 'Title.synopsis', days: 0 }, /days.*1 to 366/],
    ['days: 367', { coordinate: 'Title.synopsis', days: 367 }, /days.*1 to 366/],
    ['days: -5', { coordinate: 'Title.synopsis', days: -5 }, /days.*1 to 366/],
    ['an empty coordinate', { coordinate: '' }, /schema coordinate/],
    ['a coordinate with a space', { coordinate: 'Title synopsis' }, /schema coordinate/],
    ['a trailing dot', { coordinate: 'Title.' }, /schema coordinate/],
    ['four parts', { coordinate: 'Query.title.id.extra' }, /schema coordinate/],
    ['a name starting with a digit', { coordinate: 'Title.1080p' }, /schema coordinate/],
    ['a selection, not a coordinate', { coordinate: '{ title { synopsis } }' }, /schema coordinate/],
    ['a coordinate of 201 characters', { coordinate: `T${'x'.repeat(200)}` }, /at most 200 characters/],
  ])('refuses %s with BAD_USER_INPUT', async (_case, variables, message) => {
    const { status, body } = await fieldUsage(variables);

    expect(status).toBe(200);
    expect(body.data).toBeNull();
    expect(body.errors).toHaveLength(1);
    expect(body.errors![0]!.message).toMatch(message);
    expect(body.errors![0]!.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('accepts the longest coordinate allowed, and every kind of coordinate', async () => {
    for (const coordinate of [
      `T${'x'.repeat(199)}`,
      'Title',
      'Query.title.id',
      'PlaybackQuality.UHD',
      '_Any',
    ]) {
      const { body } = await fieldUsage({ coordinate, days: 7 });
      expect({ coordinate, errors: body.errors }).toEqual({ coordinate, errors: undefined });
    }
  });

  it('answers an empty store as recorded since never: not covered, not unused', async () => {
    const emptyDir = mkdtempSync(path.join(tmpdir(), 'usage-empty-'));
    try {
      const empty = await startUsage(new FileFieldUsageStore(emptyDir));
      const { body } = await empty.query<FieldUsageData>(
        { query: FIELD_USAGE, variables: { coordinate: 'Title.synopsis' } },
        { caller: ANALYST },
      );

      expect(body.data!.fieldUsage).toMatchObject({
        recordedSince: null,
        coversWindow: false,
        operations: 0,
        clients: [],
        unused: false,
      });
    } finally {
      rmSync(emptyDir, { recursive: true, force: true });
    }
  });

  it('says so when field usage is off, rather than answering "no use"', async () => {
    const off = await startUsage(null);

    const { body } = await off.query<FieldUsageData>(
      { query: FIELD_USAGE, variables: { coordinate: 'Title.synopsis' } },
      { caller: ANALYST },
    );

    expect(body.data).toBeNull();
    expect(body.errors).toEqual([
      expect.objectContaining({
        message: expect.stringMatching(/not recorded.*FIELD_USAGE_STORE is "off"/),
        extensions: expect.objectContaining({ code: 'SUBGRAPH_UNAVAILABLE', subgraph: 'usage' }),
      }),
    ]);
  });

  it('says the store did not answer when it fails, without passing on what it said', async () => {
    const failing: FieldUsageStore = {
      add: async () => {},
      read: async () => {
        throw new Error('connect ECONNREFUSED 10.0.0.7:6379');
      },
      firstDay: async () => null,
      prune: async () => {},
      close: async () => {},
    };
    const broken = await startUsage(failing);

    const { body } = await broken.query<FieldUsageData>(
      { query: FIELD_USAGE, variables: { coordinate: 'Title.synopsis' } },
      { caller: ANALYST },
    );

    expect(body.data).toBeNull();
    expect(body.errors).toEqual([
      expect.objectContaining({
        message: 'The field usage store did not answer; try again in a minute',
        extensions: expect.objectContaining({ code: 'SUBGRAPH_UNAVAILABLE', subgraph: 'usage' }),
      }),
    ]);
    expect(JSON.stringify(body)).not.toContain('10.0.0.7');
  });

  it('refuses a request that does not come from the gateway', async () => {
    const { status } = await usage.query(
      { query: FIELD_USAGE, variables: { coordinate: 'Title' } },
      { credential: null },
    );

    expect(status).toBe(401);
  });

  describe('play decisions', () => {
    const store = new MemoryDecisionStore(DECISIONS);
    let decisions: RunningSubgraph;

    beforeAll(async () => {
      decisions = await startUsage(null, { decisions: store });
    });

    beforeEach(() => {
      store.asked.length = 0;
    });

    const playDecisions = (variables: Record<string, unknown>, caller: Caller = ANALYST) =>
      decisions.query<PlayDecisionsData>({ query: PLAY_DECISIONS, variables }, { caller });
    const playDecision = (sessionId: string, caller: Caller = ANALYST) =>
      decisions.query<PlayDecisionData>({ query: PLAY_DECISION, variables: { sessionId } }, { caller });
    const refusalCounts = (variables: Record<string, unknown>, caller: Caller = ANALYST) =>
      decisions.query<RefusalCountsData>({ query: REFUSAL_COUNTS, variables }, { caller });

    it("lists an account's decisions in the window, newest first, each as recorded with its rules described", async () => {
      const { status, body } = await playDecisions({ accountId: 'u-family-ca', ...WINDOW });

      expect(status).toBe(200);
      expect(body.errors).toBeUndefined();
      const { edges, pageInfo } = body.data!.playDecisions;
      expect(edges.map((edge) => edge.node)).toEqual([
        answered(IN_WINDOW[0]!),
        answered(IN_WINDOW[1]!),
        {
          ...answered(FALLBACK_REFUSAL),
          degraded: [FALLBACK_REFUSAL.degraded[0], { ...FALLBACK_REFUSAL.degraded[1], ageSeconds: 42 }],
        },
        answered(TUESDAY_REFUSAL),
        answered(IN_WINDOW[4]!, null),
        answered(IN_WINDOW[5]!),
        answered(IN_WINDOW[6]!),
      ]);
      expect(pageInfo).toEqual({ hasNextPage: false, endCursor: edges.at(-1)!.cursor });
      // The store was asked for one more than the default page of 20, for exactly the window given.
      expect(store.asked).toEqual([
        {
          method: 'list',
          args: [
            {
              accountId: 'u-family-ca',
              from: new Date('2026-11-20T00:00:00Z'),
              to: new Date('2026-12-07T00:00:00Z'),
              limit: 21,
            },
          ],
        },
      ]);
    });

    it('reads a window given with a zone offset as the instants it names, and filters by reason', async () => {
      const { body } = await playDecisions({
        accountId: 'u-family-ca',
        // Tuesday evening in Montréal (UTC-5): 21:04 UTC is 16:04 there.
        from: '2026-12-01T16:00:00-05:00',
        to: '2026-12-01T17:00:00-05:00',
        reason: 'MATURITY_RESTRICTED',
      });

      expect(body.errors).toBeUndefined();
      expect(body.data!.playDecisions.edges.map((edge) => edge.node.sessionId)).toEqual(['s-0a-maturity']);
      expect(store.asked[0]!.args[0]).toMatchObject({
        from: new Date('2026-12-01T21:00:00Z'),
        to: new Date('2026-12-01T22:00:00Z'),
        reason: 'MATURITY_RESTRICTED',
      });
    });

    it('pages through three pages with no decision lost or repeated, the page break between two of the same instant', async () => {
      const pages: PlayDecisionsData['playDecisions'][] = [];
      let after: string | null = null;
      do {
        const { body }: { body: { data?: PlayDecisionsData | null; errors?: unknown } } = await playDecisions(
          {
            accountId: 'u-family-ca',
            ...WINDOW,
            first: 3,
            after,
          },
        );
        expect(body.errors).toBeUndefined();
        pages.push(body.data!.playDecisions);
        after = body.data!.playDecisions.pageInfo.hasNextPage
          ? body.data!.playDecisions.pageInfo.endCursor
          : null;
      } while (after !== null && pages.length < 5);

      expect(pages.map((page) => page.edges.map((edge) => edge.node.sessionId))).toEqual([
        ['s-05', 's-04', 's-ff-fallback'],
        ['s-0a-maturity', 's-03', 's-02'],
        ['s-01'],
      ]);
      expect(pages.map((page) => page.pageInfo.hasNextPage)).toEqual([true, true, false]);
      // Each page's end cursor is its last edge's, and the next page was asked after it.
      for (const page of pages) expect(page.pageInfo.endCursor).toBe(page.edges.at(-1)!.cursor);
      expect(store.asked.map(({ args }) => (args[0] as DecisionQuery).after)).toEqual([
        undefined,
        { at: '2026-12-01T21:04:12.345Z', sessionId: 's-ff-fallback' },
        { at: '2026-11-25T10:00:00.000Z', sessionId: 's-02' },
      ]);
      expect(store.asked.every(({ args }) => (args[0] as DecisionQuery).limit === 4)).toBe(true);
    });

    it('says no page follows when the last page is exactly full, and answers an empty window with an empty page', async () => {
      const full = await playDecisions({ accountId: 'u-family-ca', ...WINDOW, first: 7 });
      const short = await playDecisions({ accountId: 'u-family-ca', ...WINDOW, first: 6 });
      const empty = await playDecisions({ accountId: 'u-nobody', ...WINDOW });

      expect(full.body.data!.playDecisions.edges).toHaveLength(7);
      expect(full.body.data!.playDecisions.pageInfo.hasNextPage).toBe(false);
      expect(short.body.data!.playDecisions.edges).toHaveLength(6);
      expect(short.body.data!.playDecisions.pageInfo.hasNextPage).toBe(true);
      expect(empty.body.data!.playDecisions).toEqual({
        edges: [],
        pageInfo: { hasNextPage: false, endCursor: null },
      });
    });

    it('opens one decision by its session id with the rule trace as recorded, and null for an unknown one', async () => {
      const known = await playDecision('s-0a-maturity');
      const unknown = await playDecision('s-never-recorded');

      expect(known.body.errors).toBeUndefined();
      expect(known.body.data!.playDecision).toEqual(answered(TUESDAY_REFUSAL));
      expect(known.body.data!.playDecision!.rules.find((rule) => rule.outcome === 'FAILED')).toEqual({
        rule: 'MATURITY',
        description: RULE_DESCRIPTIONS.MATURITY,
        outcome: 'FAILED',
        evidence: ['Rated 18; the profile allows up to 13.'],
      });
      expect(unknown.body).toEqual({ data: { playDecision: null } });
      expect(store.asked).toEqual([
        { method: 'get', args: ['s-0a-maturity'] },
        { method: 'get', args: ['s-never-recorded'] },
      ]);
    });

    it('shows a refusal a fallback decided with no rules, and what stood in', async () => {
      const { body } = await playDecision('s-ff-fallback');

      expect(body.data!.playDecision).toMatchObject({
        allowed: false,
        reason: 'TEMPORARILY_UNAVAILABLE',
        rules: [],
        degraded: [
          { path: 'play.decision', subgraph: 'entitlements', fallback: 'DEFAULT', ageSeconds: null },
          { path: 'play.title.name', subgraph: 'catalog', fallback: 'STALE', ageSeconds: 42 },
        ],
      });
    });

    it("counts a country's refusals in the window by reason, most first, ties by reason", async () => {
      const { body } = await refusalCounts({ country: ' ca ', ...WINDOW });

      expect(body.errors).toBeUndefined();
      // Grants, the US, an unknown country and October are not counted; the store met
      // TEMPORARILY_UNAVAILABLE before MATURITY_RESTRICTED.
      expect(body.data!.refusalCounts).toEqual([
        { reason: 'GEO_RESTRICTED', count: 2 },
        { reason: 'MATURITY_RESTRICTED', count: 1 },
        { reason: 'TEMPORARILY_UNAVAILABLE', count: 1 },
      ]);
      expect(store.asked).toEqual([
        {
          method: 'refusalCounts',
          args: ['CA', new Date('2026-11-20T00:00:00Z'), new Date('2026-12-07T00:00:00Z')],
        },
      ]);
    });

    it('answers a count beyond GraphQL Int as the largest Int, and a country with no refusal as none', async () => {
      const huge = new MemoryDecisionStore([]);
      huge.refusalCounts = async () => [{ reason: 'GEO_RESTRICTED', count: 2 ** 33 }];
      const running = await startUsage(null, { decisions: huge });

      const { body } = await running.query<RefusalCountsData>(
        { query: REFUSAL_COUNTS, variables: { country: 'CA', ...WINDOW } },
        { caller: ANALYST },
      );
      const none = await refusalCounts({ country: 'FR', ...WINDOW });

      expect(body.data!.refusalCounts).toEqual([{ reason: 'GEO_RESTRICTED', count: 2 ** 31 - 1 }]);
      expect(none.body).toEqual({ data: { refusalCounts: [] } });
    });

    const LONGEST_ID = 'u'.repeat(128);
    const cursorOf = (value: unknown) => Buffer.from(JSON.stringify(value)).toString('base64url');
    const A_CURSOR = cursorOf({ at: '2026-12-01T21:04:12.345Z', sessionId: 's-ff-fallback' });
    const listing = (variables: Record<string, unknown>) => ({
      accountId: 'u-family-ca',
      ...WINDOW,
      ...variables,
    });

    it.each([
      ['`from` equal to `to`', listing({ to: WINDOW.from }), /`from` must be before `to`/],
      ['`from` after `to`', listing({ from: WINDOW.to, to: WINDOW.from }), /`from` must be before `to`/],
      [
        'a window of 31 days and a millisecond',
        listing({ from: '2026-11-01T00:00:00Z', to: '2026-12-02T00:00:00.001Z' }),
        /at most 31 days/,
      ],
      [
        '`from` without a zone offset',
        listing({ from: '2026-11-20T00:00:00' }),
        /`from` must be an ISO-8601/,
      ],
      ['`to` that is not an instant', listing({ to: 'Tuesday' }), /`to` must be an ISO-8601/],
      [
        '`to` on a day that does not exist',
        listing({ to: '2026-02-30T00:00:00Z' }),
        /`to` must be an ISO-8601/,
      ],
      ['first: 0', listing({ first: 0 }), /`first` must be between 1 and 100/],
      ['first: 101', listing({ first: 101 }), /`first` must be between 1 and 100/],
      ['first: -1', listing({ first: -1 }), /`first` must be between 1 and 100/],
      ['an empty account id', listing({ accountId: '' }), /`accountId` must be 1 to 128 characters/],
      [
        'an account id of 129 characters',
        listing({ accountId: `${LONGEST_ID}x` }),
        /`accountId` must be 1 to 128/,
      ],
      ['an empty cursor', listing({ after: '' }), /not a cursor returned by `playDecisions`/],
      ['a cursor that is not base64url JSON', listing({ after: 'not a cursor' }), /not a cursor returned by/],
      [
        'a cursor of `titles`',
        listing({ after: Buffer.from('title:t-1').toString('base64url') }),
        /not a cursor/,
      ],
      ['a cursor with a character added', listing({ after: `${A_CURSOR}!` }), /not a cursor returned by/],
      [
        'a cursor with a field added',
        listing({
          after: cursorOf({ at: '2026-12-01T21:04:12.345Z', sessionId: 's-1', accountId: 'u-premium' }),
        }),
        /not a cursor returned by/,
      ],
      [
        'a cursor whose instant is none',
        listing({ after: cursorOf({ at: 'yesterday', sessionId: 's-1' }) }),
        /not a cursor/,
      ],
      [
        'a cursor without a session id',
        listing({ after: cursorOf({ at: '2026-12-01T21:04:12.345Z' }) }),
        /not a cursor/,
      ],
    ])(
      'refuses playDecisions with %s with BAD_USER_INPUT, without asking the store',
      async (_case, variables, message) => {
        const { status, body } = await playDecisions(variables);

        expect(status).toBe(200);
        expect(body.data).toBeNull();
        expect(body.errors).toHaveLength(1);
        expect(body.errors![0]!.message).toMatch(message);
        expect(body.errors![0]!.extensions?.code).toBe('BAD_USER_INPUT');
        expect(store.asked).toEqual([]);
      },
    );

    it.each([
      ['an empty session id', '', /`sessionId` must be 1 to 128 characters/],
      ['a session id of 129 characters', `${LONGEST_ID}x`, /`sessionId` must be 1 to 128 characters/],
    ])(
      'refuses playDecision with %s with BAD_USER_INPUT, without asking the store',
      async (_case, sessionId, message) => {
        const { body } = await playDecision(sessionId);

        expect(body.data).toEqual({ playDecision: null });
        expect(body.errors).toEqual([
          expect.objectContaining({
            message: expect.stringMatching(message),
            extensions: expect.objectContaining({ code: 'BAD_USER_INPUT' }),
          }),
        ]);
        expect(store.asked).toEqual([]);
      },
    );

    it.each([
      ['a country name', { country: 'Canada', ...WINDOW }, /ISO 3166-1 alpha-2/],
      ['an empty country', { country: '', ...WINDOW }, /ISO 3166-1 alpha-2/],
      ['a letter and a digit', { country: 'C1', ...WINDOW }, /ISO 3166-1 alpha-2/],
      [
        '`from` equal to `to`',
        { country: 'CA', from: WINDOW.to, to: WINDOW.to },
        /`from` must be before `to`/,
      ],
      [
        'a window of 32 days',
        { country: 'CA', from: '2026-11-01T00:00:00Z', to: '2026-12-03T00:00:00Z' },
        /at most 31 days/,
      ],
      [
        '`from` that is not an instant',
        { country: 'CA', from: 'last week', to: WINDOW.to },
        /`from` must be an ISO-8601/,
      ],
    ])(
      'refuses refusalCounts with %s with BAD_USER_INPUT, without asking the store',
      async (_case, variables, message) => {
        const { body } = await refusalCounts(variables);

        expect(body.data).toBeNull();
        expect(body.errors).toHaveLength(1);
        expect(body.errors![0]!.message).toMatch(message);
        expect(body.errors![0]!.extensions?.code).toBe('BAD_USER_INPUT');
        expect(store.asked).toEqual([]);
      },
    );

    it('accepts the bounds themselves: a window of exactly 31 days, pages of 1 and 100, an id of 128 characters', async () => {
      const thirtyOneDays = { from: '2026-11-01T00:00:00Z', to: '2026-12-02T00:00:00Z' };
      const answers = await Promise.all([
        playDecisions({ accountId: 'u-family-ca', ...thirtyOneDays, first: 1 }),
        playDecisions({ accountId: 'u-family-ca', ...WINDOW, first: 100, after: A_CURSOR }),
        playDecisions({ accountId: LONGEST_ID, ...WINDOW }),
        playDecision(LONGEST_ID),
        refusalCounts({ country: 'ca', ...thirtyOneDays }),
      ]);

      expect(answers.map(({ body }) => body.errors)).toEqual([
        undefined,
        undefined,
        undefined,
        undefined,
        undefined,
      ]);
      expect(store.asked).toHaveLength(5);
      // After the cursor: the rest of the window, from the decision just older than it.
      expect(
        (answers[1]!.body.data as PlayDecisionsData).playDecisions.edges.map((edge) => edge.node.sessionId),
      ).toEqual(['s-0a-maturity', 's-03', 's-02', 's-01']);
    });

    it.each([
      ['playDecisions', () => playDecisions({ accountId: 'u-family-ca', ...WINDOW }, VIEWER)],
      ['playDecision', () => playDecision('s-0a-maturity', VIEWER)],
      ['refusalCounts', () => refusalCounts({ country: 'CA', ...WINDOW }, VIEWER)],
    ])("refuses %s to a caller without the analyst role (the resolver's own check)", async (_query, ask) => {
      const { body } = await ask();

      expect(body.errors).toEqual([
        expect.objectContaining({
          message: 'Play decisions need the analyst role',
          extensions: expect.objectContaining({ code: 'FORBIDDEN' }),
        }),
      ]);
      expect(JSON.stringify(body.data)).not.toContain('s-0a-maturity');
      expect(store.asked).toEqual([]);
    });

    /** Each query, asked of `running` by an analyst. */
    const eachQuery = (running: () => RunningSubgraph) =>
      [
        ['playDecisions', PLAY_DECISIONS, { accountId: 'u-family-ca', ...WINDOW }],
        ['playDecision', PLAY_DECISION, { sessionId: 's-0a-maturity' }],
        ['refusalCounts', REFUSAL_COUNTS, { country: 'CA', ...WINDOW }],
      ].map(async ([name, query, variables]) => ({
        name,
        ...(await running().query(
          { query: query as string, variables: variables as Record<string, unknown> },
          { caller: ANALYST },
        )),
      }));

    it('says so when decisions are not recorded (the store off, or not given), rather than answering "none"', async () => {
      const off = await startUsage(null, { decisions: null });
      const notGiven = await startUsage(null);

      for (const running of [off, notGiven]) {
        for (const { name, body } of await Promise.all(eachQuery(() => running))) {
          expect({ name, errors: body.errors }).toEqual({
            name,
            errors: [
              expect.objectContaining({
                message: expect.stringMatching(/not recorded.*DECISION_STORE is "off"/),
                extensions: expect.objectContaining({ code: 'SUBGRAPH_UNAVAILABLE', subgraph: 'usage' }),
              }),
            ],
          });
        }
      }
    });

    it('says the store did not answer when it fails, logs why, and never passes on what it said', async () => {
      const failure = async (): Promise<never> => {
        throw new Error('connect ECONNREFUSED decisions-mongo.internal:27017');
      };
      const failing: DecisionStore = {
        add: failure,
        list: failure,
        get: failure,
        refusalCounts: failure,
        prune: failure,
        close: async () => {},
      };
      const logger = recordingLogger();
      const broken = await startUsage(null, { decisions: failing, logger });

      const answers = await Promise.all(eachQuery(() => broken));

      for (const { name, body } of answers) {
        expect({ name, errors: body.errors }).toEqual({
          name,
          errors: [
            expect.objectContaining({
              message: 'The decision store did not answer; try again in a minute',
              extensions: expect.objectContaining({ code: 'SUBGRAPH_UNAVAILABLE', subgraph: 'usage' }),
            }),
          ],
        });
        expect(JSON.stringify(body)).not.toContain('decisions-mongo');
      }
      expect(logger.lines.filter((line) => line.message === 'decision store failed')).toEqual(
        ['playDecisions', 'playDecision', 'refusalCounts'].map((query) =>
          expect.objectContaining({
            level: 'warn',
            fields: { query, error: 'connect ECONNREFUSED decisions-mongo.internal:27017' },
          }),
        ),
      );
    });
  });
});
