import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Caller } from '@contracts/gatewayCredential';
import { FileFieldUsageStore } from '@platform/fieldUsage/fileStore';
import type { FieldUsageStore, UsageRow } from '@platform/fieldUsage/usage';
import {
  createSubgraphHarness,
  temporaryKeysDir,
  type RunningSubgraph,
  type SubgraphHarness,
} from '@testing/subgraphHarness';
import type { ClientFieldUsage, FieldUsage } from './__generated__/resolvers';
import { createUsageServer } from './server';

/** "Today" for every window here: 30 days run from 2026-11-08, 366 from 2025-12-07. */
const NOW = Date.parse('2026-12-07T15:00:00Z');

const ANALYST: Caller = { accountId: null, country: null, roles: ['analyst'] };

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

describe('the usage subgraph', () => {
  let harness: SubgraphHarness;
  let dir: string;
  let usage: RunningSubgraph;

  const fieldUsage = (variables: Record<string, unknown>, caller: Caller = ANALYST) =>
    usage.query<FieldUsageData>({ query: FIELD_USAGE, variables }, { caller });

  /** A usage subgraph reading `store` (null: `off`), stopped after the file's tests. */
  const started: RunningSubgraph[] = [];
  async function startUsage(store: FieldUsageStore | null): Promise<RunningSubgraph> {
    const running = await harness.startSubgraph(
      createUsageServer({
        store,
        credentialVerifier: harness.verifier,
        logger: harness.logger,
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
});
