/**
 * Every decision is recorded and can be explained afterwards: the real processes on MongoDB, the
 * gateway writing decision records to the stack's database, the usage subgraph answering analysts.
 * A viewer is granted one title, refused another for their plan and a third for their device; the
 * records hold what `explainPlay` said at the time of each play, and after the viewer's plan changes
 * (and `explainPlay` now grants), the recorded refusal still explains itself as it was.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { decodeJwt } from 'jose';
import { openMongoStore } from '@platform/mongo/client';
import { FAR_FUTURE, Seed } from '@testing/seed';
import { describeWith } from '@testing/servers';
import { startTestStack, type TestStack } from '@testing/stack';

const analystOperation = (name: string) =>
  readFileSync(path.join(__dirname, '../../../clients/analyst', `${name}.graphql`), 'utf8');
const EXPLAIN = analystOperation('ExplainPlay');
const DECISIONS = analystOperation('PlayDecisions');
const DECISION = analystOperation('PlayDecision');
const REFUSALS = analystOperation('RefusalCounts');
const PLAY = readFileSync(path.join(__dirname, '../../../clients/operations/Play.graphql'), 'utf8');

const TV = { id: 'tv-1', type: 'TV', codecs: ['H264'], maxHeight: 1080, hdr: [], drm: ['WIDEVINE'] };
/** Decodes none of the ladder's codecs: DEVICE_UNSUPPORTED once everything else grants. */
const OLD_BOX = { id: 'box-1', type: 'TV', codecs: ['VP9'], maxHeight: 720, hdr: [], drm: ['WIDEVINE'] };

interface Rule {
  rule: string;
  outcome: string;
  description: string;
  evidence: string[];
}
interface DecisionRecord {
  sessionId: string;
  at: string;
  accountId: string;
  profileId: string;
  titleId: string;
  country: string;
  deviceType: string;
  intent: string;
  allowed: boolean;
  reason: string;
  rules: Rule[];
  degraded: unknown[];
  traceId: string | null;
}

describeWith(['mongodb'], 'decision records', () => {
  let stack: TestStack;
  let analyst: string;
  let viewer: string;
  const from = new Date(Date.now() - 60_000).toISOString();

  beforeAll(async () => {
    const seed = new Seed()
      .subscriber('u-1', 'BASIC')
      .profile('p-1', 'u-1')
      .title('t-basic', { subscriptionTier: 'BASIC' })
      .title('t-premium', { subscriptionTier: 'PREMIUM' });
    stack = await startTestStack(
      seed,
      {
        // Records reach the store a tenth of a second after the play; a plan change within a second.
        DECISION_FLUSH_MS: '100',
        ENTITLEMENT_CACHE_FRESH_SECONDS: '1',
        SUBGRAPH_TIMEOUT_MS: '10000',
        SUBGRAPH_ATTEMPT_TIMEOUT_MS: '5000',
      },
      // The stack's own database keeps the records, as a deployment's MongoDB does.
      (env) => void (env.DECISION_STORE = env.MONGODB_URI),
    );
    analyst = await stack.tokenFor('ana', ['analyst']);
    viewer = await stack.tokenFor('u-1');
  }, 120_000);

  afterAll(() => stack?.stop());

  async function graphql(token: string, query: string, variables: unknown) {
    const { json } = await stack.graphql(
      { query, variables },
      { authorization: `Bearer ${token}`, 'x-country': 'US' },
    );
    return json;
  }

  async function play(titleId: string, device = TV) {
    const { data, errors } = await graphql(viewer, PLAY, { input: { titleId, profileId: 'p-1', device } });
    expect(errors).toBeUndefined();
    return (data as { play: { decision: { reason: string }; manifest: { jws: string } | null } }).play;
  }

  const explain = async (titleId: string, at: string, device = TV) => {
    const { data, errors } = await graphql(analyst, EXPLAIN, {
      input: { accountId: 'u-1', country: 'US', at, titleId, profileId: 'p-1', device },
    });
    expect(errors).toBeUndefined();
    return (data as { explainPlay: { decision: { reason: string }; rules: Rule[] } }).explainPlay;
  };

  async function decisions(): Promise<DecisionRecord[]> {
    const { data, errors } = await graphql(analyst, DECISIONS, {
      accountId: 'u-1',
      from,
      to: new Date(Date.now() + 60_000).toISOString(),
      first: 10,
    });
    expect(errors).toBeUndefined();
    const connection = (data as { playDecisions: { edges: { node: DecisionRecord }[] } }).playDecisions;
    return connection.edges.map(({ node }) => node);
  }

  async function recorded(count: number): Promise<DecisionRecord[]> {
    // The gateway writes in the background: the records arrive within a few flushes.
    for (const deadline = Date.now() + 10_000; Date.now() < deadline;) {
      const found = await decisions();
      if (found.length >= count) return found;
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    return decisions();
  }

  /** The instant the entitlement rules were decided for, as their evidence says. */
  const decidedAt = (record: DecisionRecord) =>
    /The decision is for (\S+)\./.exec(record.rules.flatMap((rule) => rule.evidence).join(' '))![1]!;

  let records: DecisionRecord[];

  it('records every decision, newest first, with what the viewer asked and was told', async () => {
    const granted = await play('t-basic');
    const upgrade = await play('t-premium');
    const device = await play('t-basic', OLD_BOX);
    expect([granted, upgrade, device].map((answer) => answer.decision.reason)).toEqual([
      'GRANTED',
      'UPGRADE_REQUIRED',
      'DEVICE_UNSUPPORTED',
    ]);
    records = await recorded(3);
    expect(records.map(({ titleId, reason, allowed }) => [titleId, reason, allowed])).toEqual([
      ['t-basic', 'DEVICE_UNSUPPORTED', false],
      ['t-premium', 'UPGRADE_REQUIRED', false],
      ['t-basic', 'GRANTED', true],
    ]);
    for (const record of records) {
      expect(record).toMatchObject({
        profileId: 'p-1',
        country: 'US',
        deviceType: 'TV',
        intent: 'PLAY',
        degraded: [],
      });
    }
    // A grant's record is found by the session id its manifest carries, as edge logs have it.
    expect(records[2]!.sessionId).toBe(decodeJwt(granted.manifest!.jws).sid);
    // Nothing of the viewer's token or address is kept.
    const raw = openMongoStore(stack.env.MONGODB_URI!, { timeoutMs: 10_000 });
    try {
      const stored = JSON.stringify(await raw.db.collection('playDecisions').find().toArray());
      expect(stored).not.toContain(viewer);
      expect(stored).not.toMatch(/127\.0\.0\.1|::1/);
    } finally {
      await raw.close();
    }
  });

  it('keeps the evidence explainPlay gives for the same instant', async () => {
    const devices = [OLD_BOX, TV, TV];
    for (const [index, record] of records.entries()) {
      const { data } = await graphql(analyst, DECISION, { sessionId: record.sessionId });
      const kept = (data as { playDecision: DecisionRecord }).playDecision;
      expect(kept).toMatchObject({ ...record, accountId: 'u-1' });
      const at = decidedAt(kept);
      expect(Date.parse(kept.at) - Date.parse(at)).toBeGreaterThanOrEqual(0);
      expect(Date.parse(kept.at) - Date.parse(at)).toBeLessThan(10_000);
      const explained = await explain(kept.titleId, at, devices[index]);
      expect(explained.decision.reason).toBe(kept.reason);
      expect(kept.rules).toEqual(explained.rules);
    }
  });

  it('counts the refusals of a country by reason', async () => {
    const { data, errors } = await graphql(analyst, REFUSALS, {
      country: 'us',
      from,
      to: new Date(Date.now() + 60_000).toISOString(),
    });
    expect(errors).toBeUndefined();
    expect((data as { refusalCounts: unknown[] }).refusalCounts).toEqual(
      expect.arrayContaining([
        { reason: 'UPGRADE_REQUIRED', count: 1 },
        { reason: 'DEVICE_UNSUPPORTED', count: 1 },
      ]),
    );
  });

  it('still explains an old refusal after the plan changed', async () => {
    const refusal = records.find((record) => record.reason === 'UPGRADE_REQUIRED')!;
    const database = openMongoStore(stack.env.MONGODB_URI!, { timeoutMs: 10_000 });
    try {
      await database.db
        .collection('accounts')
        .updateOne(
          { _id: 'u-1' as never },
          { $set: { subscription: { tier: 'PREMIUM', status: 'ACTIVE', validUntil: FAR_FUTURE } } },
        );
    } finally {
      await database.close();
    }
    // Once the entitlements service's copy of the plan (a second old at most) is read again.
    for (const deadline = Date.now() + 10_000; Date.now() < deadline;) {
      if ((await explain('t-premium', new Date().toISOString())).decision.reason === 'GRANTED') break;
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    expect((await explain('t-premium', new Date().toISOString())).decision.reason).toBe('GRANTED');
    expect((await play('t-premium')).decision.reason).toBe('GRANTED');

    const { data } = await graphql(analyst, DECISION, { sessionId: refusal.sessionId });
    const kept = (data as { playDecision: DecisionRecord }).playDecision;
    expect(kept.reason).toBe('UPGRADE_REQUIRED');
    const entitlement = kept.rules.find((rule) => rule.rule === 'ENTITLEMENT')!;
    expect(entitlement.outcome).toBe('FAILED');
    expect(entitlement.evidence.join(' ')).toContain('BASIC');
    expect(await recorded(4)).toHaveLength(4);
  });

  it('answers analysts only', async () => {
    const { errors } = await graphql(viewer, DECISION, { sessionId: records[0]!.sessionId });
    expect(errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });
});
