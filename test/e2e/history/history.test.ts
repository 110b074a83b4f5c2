/**
 * Watch history end to end, on whichever store the stack runs (MongoDB when `MONGODB_URI` is set,
 * else the embedded store): play through the gateway, end the granted sessions with their manifests,
 * read the continue-watching row back through `me`.
 */
import { Seed } from '@testing/seed';
import { startTestStack, type GraphQLResponse, type TestStack } from '@testing/stack';

const PLAY = `query Play($input: PlayInput!) {
  play(input: $input) { decision { allowed reason } manifest { jws } }
}`;
const END_PLAYBACK = `mutation End($input: EndPlaybackInput!) { endPlayback(input: $input) { accepted } }`;
const CONTINUE_WATCHING = `{ me { profiles { id continueWatching { title { id name } positionSeconds updatedAt } } } }`;
const TV = { id: 'tv', type: 'TV', codecs: ['H264', 'HEVC'], maxHeight: 2160, drm: ['WIDEVINE'] };

const seed = new Seed()
  .subscriber('acct-viewer', 'STANDARD')
  .profile('prof-adult', 'acct-viewer')
  .profile('prof-kids', 'acct-viewer', { kind: 'KIDS', maxMaturity: 7 })
  .subscriber('acct-other', 'PREMIUM')
  .profile('prof-other', 'acct-other')
  .title('t-drama', { name: 'The Drama' })
  .title('t-comedy', { name: 'The Comedy', maturityRating: 7 })
  .title('t-finale', { name: 'The Finale' })
  .title('t-premium', { subscriptionTier: 'PREMIUM' })
  .title('t-mature', { maturityRating: 18 })
  .cdn('cdn-global');

interface ContinueWatching {
  me: {
    profiles: {
      id: string;
      continueWatching: {
        title: { id: string; name: string };
        positionSeconds: number;
        updatedAt: string;
      }[];
    }[];
  };
}

describe('watch history through the gateway', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await startTestStack(seed, { HISTORY_CACHE_FRESH_SECONDS: '1' }, (env) => {
      // The embedded store is per process: without MongoDB, each playback replica keeps its own
      // history, so the gateway is pointed at one. On MongoDB both replicas share it.
      if (!env.MONGODB_URI) env.PLAYBACK_URL = `http://127.0.0.1:${env.PLAYBACK_PORT}/graphql`;
    });
  }, 90_000);

  afterAll(async () => {
    await stack?.stop();
  });

  const headersFor = async (account: string) => ({
    authorization: `Bearer ${await stack.tokenFor(account)}`,
    'x-country': 'US',
  });

  async function play(account: string, profileId: string, titleId: string) {
    const { json } = await stack.graphql(
      { query: PLAY, variables: { input: { titleId, profileId, device: TV } } },
      await headersFor(account),
    );
    expect(json.errors).toBeUndefined();
    return (json.data as { play: { decision: { reason: string }; manifest: { jws: string } | null } }).play;
  }

  async function endPlayback(
    account: string,
    input: { manifest: string; positionSeconds: number; completed: boolean },
  ): Promise<GraphQLResponse> {
    return (await stack.graphql({ query: END_PLAYBACK, variables: { input } }, await headersFor(account)))
      .json;
  }

  /** The row as the gateway serves it, once `expected` holds (writes land in the background). */
  async function continueWatchingUntil(
    account: string,
    expected: (data: ContinueWatching) => boolean,
  ): Promise<ContinueWatching> {
    const deadline = Date.now() + 15_000;
    let last: GraphQLResponse | undefined;
    while (Date.now() < deadline) {
      last = (await stack.graphql({ query: CONTINUE_WATCHING }, await headersFor(account))).json;
      if (!last.errors && expected(last.data as unknown as ContinueWatching)) {
        return last.data as unknown as ContinueWatching;
      }
      await new Promise((resolve) => setTimeout(resolve, 200));
    }
    throw new Error(`continueWatching never matched: ${JSON.stringify(last)}`);
  }

  it('lists the sessions a viewer ended, most recent first, completed titles left out', async () => {
    const drama = await play('acct-viewer', 'prof-adult', 't-drama');
    const finale = await play('acct-viewer', 'prof-adult', 't-finale');
    const cartoon = await play('acct-viewer', 'prof-kids', 't-comedy');
    // Refusals, for the other reasons: nothing to end.
    expect((await play('acct-viewer', 'prof-adult', 't-premium')).decision.reason).toBe('UPGRADE_REQUIRED');
    expect((await play('acct-viewer', 'prof-kids', 't-mature')).decision.reason).toBe('MATURITY_RESTRICTED');
    expect((await play('acct-viewer', 'prof-other', 't-drama')).decision.reason).toBe('PROFILE_NOT_FOUND');
    for (const granted of [drama, finale, cartoon]) expect(granted.decision.reason).toBe('GRANTED');

    for (const [manifest, positionSeconds, completed] of [
      [drama.manifest!.jws, 1200, false],
      [finale.manifest!.jws, 5400, true],
      [cartoon.manifest!.jws, 300, false],
    ] as const) {
      const response = await endPlayback('acct-viewer', { manifest, positionSeconds, completed });
      expect(response.errors).toBeUndefined();
      expect(response.data).toEqual({ endPlayback: { accepted: true } });
    }
    const comedy = await play('acct-viewer', 'prof-adult', 't-comedy');
    await endPlayback('acct-viewer', {
      manifest: comedy.manifest!.jws,
      positionSeconds: 90,
      completed: false,
    });

    const data = await continueWatchingUntil(
      'acct-viewer',
      ({ me }) =>
        me.profiles[0]!.continueWatching.length === 2 && me.profiles[1]!.continueWatching.length === 1,
    );

    const [adult, kids] = data.me.profiles;
    expect(adult!.id).toBe('prof-adult');
    expect(adult!.continueWatching.map((item) => [item.title, item.positionSeconds])).toEqual([
      [{ id: 't-comedy', name: 'The Comedy' }, 90],
      [{ id: 't-drama', name: 'The Drama' }, 1200],
    ]);
    expect(Date.parse(adult!.continueWatching[0]!.updatedAt)).toBeGreaterThanOrEqual(
      Date.parse(adult!.continueWatching[1]!.updatedAt),
    );
    expect(kids!.continueWatching.map((item) => item.title.id)).toEqual(['t-comedy']);
  });

  it("refuses to end another account's session, and the other account's row stays as it was", async () => {
    const theirs = await play('acct-other', 'prof-other', 't-premium');
    expect(theirs.decision.reason).toBe('GRANTED');

    const response = await endPlayback('acct-viewer', {
      manifest: theirs.manifest!.jws,
      positionSeconds: 10,
      completed: false,
    });

    expect(response.data).toBeNull();
    expect(response.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    const data = await continueWatchingUntil('acct-other', () => true);
    expect(data.me.profiles[0]!.continueWatching).toEqual([]);
  });

  it('refuses a manifest it did not sign with BAD_USER_INPUT', async () => {
    const response = await endPlayback('acct-viewer', {
      manifest: 'eyJhbGciOiJFZERTQSJ9.e30.c2lnbmF0dXJl',
      positionSeconds: 10,
      completed: false,
    });

    expect(response.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
