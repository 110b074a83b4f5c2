/**
 * Decision records through the whole graph in one process: what a record says when a fallback, not
 * a rule, decided, and that plays go on while the decision store is away, their records written once
 * it is back.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { FileDecisionStore } from '@platform/decisions/fileStore';
import type { DecisionRecord, DecisionStore } from '@platform/decisions/record';
import { startInProcessStack, type InProcessStack } from '@testing/inProcessStack';
import { Seed } from '@testing/seed';

const TV = { id: 'tv-1', type: 'TV', codecs: ['H264'], maxHeight: 1080, hdr: [], drm: ['WIDEVINE'] };
const PLAY = `query Play($input: PlayInput!) { play(input: $input) { id decision { allowed reason } } }`;

/** The file store, made to fail every write while `down` is set, as an unreachable database does. */
function switchableStore(inner: DecisionStore) {
  const state = { down: false };
  const store: DecisionStore = {
    ...inner,
    add: (records) => (state.down ? Promise.reject(new Error('connection refused')) : inner.add(records)),
    list: (query) => inner.list(query),
    get: (id) => inner.get(id),
    refusalCounts: (...args) => inner.refusalCounts(...args),
    prune: (before) => inner.prune(before),
    close: () => inner.close(),
  };
  return { store, state };
}

describe('decision records across the graph', () => {
  let dir: string;
  let stack: InProcessStack;
  let files: FileDecisionStore;
  let state: { down: boolean };
  let viewer: string;
  let recording = true;

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'decisions-'));
    files = new FileDecisionStore(dir);
    const switchable = switchableStore(files);
    state = switchable.state;
    stack = await startInProcessStack(
      new Seed()
        .subscriber('u-1', 'BASIC')
        .profile('p-1', 'u-1')
        .title('t-basic', { subscriptionTier: 'BASIC' })
        .title('t-premium', { subscriptionTier: 'PREMIUM' }),
      { decisions: switchable.store, decisionRecording: () => recording },
    );
    viewer = await stack.tokenFor('u-1');
  });

  afterAll(async () => {
    await stack?.stop();
    rmSync(dir, { recursive: true, force: true });
  });

  async function play(titleId: string): Promise<string> {
    const { json } = await stack.graphql(
      { query: PLAY, variables: { input: { titleId, profileId: 'p-1', device: TV } } },
      { authorization: `Bearer ${viewer}`, 'x-country': 'US' },
    );
    return (json.data as { play: { decision: { reason: string } } }).play.decision.reason;
  }

  /** The account's records, newest first, once there are `count` (the gateway writes every 50 ms). */
  async function records(count: number): Promise<DecisionRecord[]> {
    const query = { accountId: 'u-1', from: new Date(0), to: new Date(Date.now() + 60_000), limit: 1_000 };
    for (const deadline = Date.now() + 5_000; Date.now() < deadline;) {
      const found = await files.list(query);
      if (found.length >= count) return found;
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    return files.list(query);
  }

  it('records a play that playback could not open as decided by its fallback, with no rules', async () => {
    for (const replica of stack.replicas.playback) stack.network.inject(replica, { kind: 'refuse' });
    try {
      expect(await play('t-basic')).toBe('TEMPORARILY_UNAVAILABLE');
    } finally {
      for (const replica of stack.replicas.playback) stack.network.heal(replica);
    }
    const [record] = await records(1);
    expect(record).toMatchObject({ titleId: 't-basic', reason: 'TEMPORARILY_UNAVAILABLE', rules: [] });
    // The rules the entitlements service ran on the stand-in session (it has no title) are not its.
    expect(record!.degraded).toEqual([
      { path: 'play', subgraph: 'playback', fallback: 'DEFAULT', ageSeconds: null },
      { path: 'play.decision', subgraph: 'playback', fallback: 'DEFAULT', ageSeconds: null },
    ]);
  });

  it('records no rules when no entitlement decision was made, and says what stood in', async () => {
    const [entitlements] = stack.replicas.entitlements;
    stack.network.inject(entitlements!, { kind: 'refuse' });
    try {
      expect(await play('t-premium')).toBe('TEMPORARILY_UNAVAILABLE');
    } finally {
      stack.network.heal(entitlements!);
    }
    const [record] = await records(2);
    expect(record!.titleId).toBe('t-premium');
    expect(record!.rules).toEqual([]);
    expect(record!.degraded).toEqual(
      expect.arrayContaining([expect.objectContaining({ subgraph: 'entitlements', fallback: 'DEFAULT' })]),
    );
  });

  it('plays on while the store is away, and writes the records kept meanwhile once it is back', async () => {
    state.down = true;
    const reasons: string[] = [];
    for (let n = 0; n < 10; n += 1) reasons.push(await play(n % 2 === 0 ? 't-basic' : 't-premium'));
    expect(reasons).toEqual(
      Array.from({ length: 10 }, (_, n) => (n % 2 === 0 ? 'GRANTED' : 'UPGRADE_REQUIRED')),
    );
    // Several writes have failed by now, and nothing was lost.
    await new Promise((resolve) => setTimeout(resolve, 200));
    const metrics = await (await fetch(`${stack.adminUrl}/metrics`)).text();
    expect(metrics).toMatch(/gateway_decision_record_write_failures_total [1-9]/);
    expect(metrics).toMatch(/gateway_decision_records_total\{outcome="dropped"\} 0/);
    state.down = false;
    const written = await records(12);
    expect(written.slice(0, 10).map((record) => record.reason)).toEqual([...reasons].reverse());
  });

  it('records nothing while recording is switched off, and every play again once it is back on', async () => {
    const before = (await records(0)).length;
    recording = false;
    try {
      expect(await play('t-basic')).toBe('GRANTED');
      expect(await play('t-premium')).toBe('UPGRADE_REQUIRED');
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(await records(0)).toHaveLength(before);
    } finally {
      recording = true;
    }
    expect(await play('t-premium')).toBe('UPGRADE_REQUIRED');
    const [latest] = await records(before + 1);
    expect(latest).toMatchObject({ reason: 'UPGRADE_REQUIRED', titleId: 't-premium' });
    expect(await records(0)).toHaveLength(before + 1);
  });
});
