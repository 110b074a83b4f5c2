/**
 * Per-field fallbacks with real processes: each subgraph in turn is hung (SIGSTOP), killed and
 * slowed (a TCP proxy adding latency) while `play` traffic runs. Seen plays keep playing, refusals
 * stay refusals, nothing is granted that the live system would refuse, unseen requests that cannot
 * be decided get TEMPORARILY_UNAVAILABLE, and everything answers within the deadline.
 */
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { SERVICES, type ServiceName } from '@platform/stack';
import { startLatencyProxy, type LatencyProxy } from '@testing/latencyProxy';
import { LONG_AGO, Seed } from '@testing/seed';
import { startTestStack, type GraphQLResponse, type TestStack } from '@testing/stack';

const DEADLINE_MS = 1_000;
/** Room for the work around a failed fetch (the other fetches of the plan, JSON, scheduling). */
const MARGIN_MS = 600;

const seed = new Seed()
  .subscriber('acct-a', 'PREMIUM')
  .profile('prof-a', 'acct-a')
  .profile('prof-a-kids', 'acct-a', { kind: 'KIDS', maxMaturity: 7 })
  .subscriber('acct-b', 'PREMIUM')
  .profile('prof-b', 'acct-b')
  .subscriber('acct-c', 'PREMIUM')
  .profile('prof-c', 'acct-c')
  .account('acct-renter')
  .profile('prof-renter', 'acct-renter')
  .title('t-seen')
  .title('t-unseen')
  .title('t-mature', { maturityRating: 18 })
  .title('t-us', { countries: ['US'] })
  .title('t-rental', { subscriptionTier: null, rental: { priceCents: 399, currency: 'USD', hours: 48 } })
  .entitlement({ userId: 'acct-renter', titleId: 't-rental', kind: 'RENTAL', expiresAt: LONG_AGO })
  .cdn('cdn-global');
/** Each scenario needs its own never-seen request: once played, a request has last good values. */
const SCENARIOS = 14;
for (let index = 0; index < SCENARIOS; index++) {
  seed
    .subscriber(`acct-new-${index}`, 'PREMIUM')
    .profile(`prof-new-${index}`, `acct-new-${index}`)
    .title(`t-new-${index}`);
}

interface PlayRequest {
  account: string;
  profileId: string;
  titleId: string;
  country?: string;
}

const SEEN: PlayRequest = { account: 'acct-a', profileId: 'prof-a', titleId: 't-seen' };
let scenario = 0;
/** Never played before: an account, profile and title nobody asked about yet. */
const unseen = (): PlayRequest => ({
  account: `acct-new-${scenario}`,
  profileId: `prof-new-${scenario}`,
  titleId: `t-new-${scenario}`,
});
const MUST_REFUSE: (PlayRequest & { reason: string; case: string })[] = [
  {
    case: 'a kids profile above its maturity',
    account: 'acct-a',
    profileId: 'prof-a-kids',
    titleId: 't-mature',
    reason: 'MATURITY_RESTRICTED',
  },
  {
    case: 'the wrong country',
    account: 'acct-a',
    profileId: 'prof-a',
    titleId: 't-us',
    country: 'GB',
    reason: 'GEO_RESTRICTED',
  },
  {
    case: 'an expired rental',
    account: 'acct-renter',
    profileId: 'prof-renter',
    titleId: 't-rental',
    reason: 'RENTAL_EXPIRED',
  },
  {
    case: "another account's profile",
    account: 'acct-a',
    profileId: 'prof-b',
    titleId: 't-seen',
    reason: 'PROFILE_NOT_FOUND',
  },
];
/** Refusals the live system gives that were never asked before the fault. */
const MUST_REFUSE_UNSEEN: PlayRequest[] = [
  { account: 'acct-a', profileId: 'prof-a-kids', titleId: 't-unseen' },
  { account: 'acct-c', profileId: 'prof-c', titleId: 't-us', country: 'FR' },
  { account: 'acct-c', profileId: 'prof-a', titleId: 't-unseen' },
];

const PLAY = `query Play($input: PlayInput!) {
  play(input: $input) { decision { allowed reason } manifest { jws expiresAt } title { id } }
}`;
const TV = {
  id: 'tv',
  type: 'TV',
  codecs: ['H264', 'HEVC'],
  maxHeight: 2160,
  hdr: ['HDR10'],
  drm: ['WIDEVINE'],
};

interface Played {
  cacheControl: string | null;
  reason: string | undefined;
  allowed: boolean | undefined;
  jws: string | undefined;
  degradedSubgraphs: string[];
  ms: number;
  response: GraphQLResponse;
}

type Mode = 'hang' | 'kill' | 'slow';

describe('fallbacks while a subgraph fails', () => {
  let stack: TestStack;
  const proxies = new Map<string, LatencyProxy>();

  beforeAll(async () => {
    stack = await startTestStack(seed, { CIRCUIT_HALF_OPEN_MS: '1000', LOG_LEVEL: 'error' }, async (env) => {
      // Every subgraph replica is reached through a proxy, so any of them can be made slow.
      const through = async (portVar: string) => {
        const proxy = await startLatencyProxy(Number(env[portVar]));
        proxies.set(portVar, proxy);
        return `http://127.0.0.1:${proxy.port}/graphql`;
      };
      env.PROFILES_URL = await through('PROFILES_PORT');
      env.ENTITLEMENTS_URL = await through('ENTITLEMENTS_PORT');
      env.CATALOG_URL = await through('CATALOG_PORT');
      env.PLAYBACK_URL = `${await through('PLAYBACK_PORT')},${await through('PLAYBACK_REPLICA_PORT')}`;
    });
  }, 90_000);

  afterAll(async () => {
    await stack?.stop();
    await Promise.all([...proxies.values()].map((proxy) => proxy.close()));
  });

  async function play(request: PlayRequest): Promise<Played> {
    const started = performance.now();
    const { json, headers } = await stack.graphql(
      {
        query: PLAY,
        variables: { input: { titleId: request.titleId, profileId: request.profileId, device: TV } },
      },
      {
        authorization: `Bearer ${await stack.tokenFor(request.account)}`,
        'x-country': request.country ?? 'US',
      },
    );
    const ms = performance.now() - started;
    const play = (
      json.data as {
        play?: { decision: { reason: string; allowed: boolean }; manifest: { jws: string } | null };
      } | null
    )?.play;
    const degraded = (json.extensions?.degraded ?? []) as { subgraph: string }[];
    return {
      cacheControl: headers.get('cache-control'),
      reason: play?.decision.reason,
      allowed: play?.decision.allowed,
      jws: play?.manifest?.jws,
      degradedSubgraphs: [...new Set(degraded.map((entry) => entry.subgraph))],
      ms,
      response: json,
    };
  }

  async function expectManifestVerifies(jws: string | undefined) {
    expect(jws).toBeDefined();
    const jwks = createRemoteJWKSet(new URL(`${stack.gatewayUrl}/.well-known/jwks.json`));
    await expect(jwtVerify(jws!, jwks)).resolves.toHaveProperty('payload.titleId', SEEN.titleId);
  }

  /** Plays everything once while all is well, so the gateway has last good values. */
  async function warmUp() {
    const seen = await play(SEEN);
    expect(seen.reason).toBe('GRANTED');
    for (const refusal of MUST_REFUSE) expect((await play(refusal)).reason).toBe(refusal.reason);
  }

  async function inject(target: ServiceName, portVar: string, mode: Mode) {
    const child = stack.processes[target];
    if (mode === 'hang') child.kill('SIGSTOP');
    if (mode === 'kill') {
      child.kill('SIGKILL');
      await new Promise((resolve) => child.once('exit', resolve));
    }
    if (mode === 'slow') proxies.get(portVar)!.setDelay(DEADLINE_MS * 2);
  }

  async function recover(target: ServiceName, portVar: string, mode: Mode) {
    if (mode === 'hang') stack.processes[target].kill('SIGCONT');
    if (mode === 'kill') await stack.restart(target);
    if (mode === 'slow') proxies.get(portVar)!.setDelay(0);
  }

  /** After recovery: circuits close (half-open after 1 s) and fresh answers return. */
  async function expectFreshAgain() {
    scenario++;
    const deadline = Date.now() + 15_000;
    let last: Played | undefined;
    while (Date.now() < deadline) {
      last = await play(SEEN);
      if (last.degradedSubgraphs.length === 0 && last.reason === 'GRANTED') return;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    throw new Error(`no fresh answer after recovery: ${JSON.stringify(last?.response)}`);
  }

  const subgraphs: { name: ServiceName; portVar: string; decidable: boolean }[] = [
    { name: 'profiles', portVar: 'PROFILES_PORT', decidable: false },
    { name: 'entitlements', portVar: 'ENTITLEMENTS_PORT', decidable: false },
    { name: 'catalog', portVar: 'CATALOG_PORT', decidable: false },
    // One playback replica failing: the other answers, so even unseen requests are decided.
    { name: 'playback', portVar: 'PLAYBACK_PORT', decidable: true },
  ];

  describe.each(subgraphs)('$name', ({ name, portVar, decidable }) => {
    it.each<Mode>(['hang', 'kill', 'slow'])(
      `keeps plays seen before playing, refusals refused and everything within the deadline when ${name} is made to %s`,
      async (mode) => {
        await warmUp();
        await inject(name, portVar, mode);
        const rounds: Played[][] = [];
        try {
          for (let round = 0; round < 3; round++) {
            const seen = await play(SEEN);
            const refusals = await Promise.all(MUST_REFUSE.map(play));
            const unseenRefusals = await Promise.all(MUST_REFUSE_UNSEEN.map(play));
            const fresh = await play(unseen());
            rounds.push([seen, ...refusals, ...unseenRefusals, fresh]);

            expect(seen.reason).toBe('GRANTED');
            await expectManifestVerifies(seen.jws);
            refusals.forEach((result, index) => expect(result.reason).toBe(MUST_REFUSE[index]!.reason));
            for (const result of unseenRefusals) expect(result.allowed).not.toBe(true);
            expect(fresh.reason).toBe(decidable ? 'GRANTED' : 'TEMPORARILY_UNAVAILABLE');
            if (!decidable) {
              expect(seen.degradedSubgraphs).toContain(name);
              expect(seen.cacheControl).toBe('no-store');
            }
          }
        } finally {
          await recover(name, portVar, mode);
        }
        const all = rounds.flat();
        expect(Math.max(...all.map((result) => result.ms))).toBeLessThan(DEADLINE_MS + MARGIN_MS);
        // Once the circuit is open, failures cost no deadline at all.
        expect(Math.max(...rounds.at(-1)!.map((result) => result.ms))).toBeLessThan(250);
        await expectFreshAgain();
      },
      60_000,
    );
  });

  it('counts fallbacks and circuit states on /metrics', async () => {
    const metrics = await (await fetch(`${stack.gatewayUrl}/metrics`)).text();
    expect(metrics).toMatch(/gateway_fallbacks_total\{subgraph="catalog",fallback="STALE"\} [1-9]/);
    expect(metrics).toMatch(/gateway_fallbacks_total\{subgraph="entitlements",fallback="DEFAULT"\} [1-9]/);
    expect(metrics).toMatch(
      /gateway_subgraph_fetch_failures_total\{subgraph="profiles",reason="[a-z_0-9]+"\} [1-9]/,
    );
    expect(metrics).toMatch(/gateway_subgraph_circuit_state\{subgraph="playback",replica="[^"]+"\} 0/);
    expect(metrics).toMatch(
      /gateway_subgraph_fetch_duration_seconds_bucket\{le="0.01",subgraph="catalog",outcome="ok"\}/,
    );
  });

  it('serves seen plays from their last good decision and manifest when every playback replica is down', async () => {
    await warmUp();
    const replicas = SERVICES.filter((service) => service.entry.includes('playback')).map(
      (service) => service.name,
    );
    for (const replica of replicas) stack.processes[replica].kill('SIGKILL');
    try {
      const seen = await play(SEEN);
      expect(seen.reason).toBe('GRANTED');
      await expectManifestVerifies(seen.jws);
      expect(seen.degradedSubgraphs).toContain('playback');
      for (const refusal of MUST_REFUSE) expect((await play(refusal)).reason).toBe(refusal.reason);
      const fresh = await play(unseen());
      expect(fresh.reason).toBe('TEMPORARILY_UNAVAILABLE');
      expect(fresh.jws).toBeUndefined();
    } finally {
      for (const replica of replicas) await stack.restart(replica);
    }
    await expectFreshAgain();
  }, 60_000);
});
