/**
 * One account abuses the graph while another plays: the abuser's requests make fetches that fail,
 * time out, come back 4xx or are over the fetch caps, and none of it may open a replica's circuit
 * or degrade the other account's `play`. The gateway and subgraphs run in process; the network
 * between them mistreats only the abuser's fetches (recognised by the account in their credential).
 */
import { decodeJwt } from 'jose';
import { GATEWAY_CREDENTIAL_HEADER } from '@contracts/gatewayCredential';
import { metricsOf } from '@testing/fallbackMatrix';
import { startInProcessStack, type InProcessStack } from '@testing/inProcessStack';
import { Seed } from '@testing/seed';
import { DEFAULT_RESILIENCE, type ReplicaFetch, type ResilienceSettings } from './replicaPool';

/** Rounds of abuse where every abusive request waits out its deadlines. */
const TEST_TIMEOUT_MS = 30_000;

const VICTIM = { account: 'acct-victim', profileId: 'prof-victim', titleId: 't-victim' };
const ABUSER = { account: 'acct-abuser', profileId: 'prof-abuser', titleId: 't-abuser' };

/**
 * Half the gateway's own deadlines: far above what the other account's in-process fetches take even
 * on a busy machine (their timeouts would be real failures), short enough that the abuser's hung
 * fetches do not make this the slowest file of the fast loop. A circuit that opens stays open for
 * the rest of the test.
 */
const RESILIENCE: ResilienceSettings = {
  ...DEFAULT_RESILIENCE,
  timeoutMs: DEFAULT_RESILIENCE.timeoutMs / 2,
  attemptTimeoutMs: 200,
  // Quicker to open than the default (3): the abuser needs fewer rounds to open a circuit, if it can.
  breakerFailures: 2,
  halfOpenAfterMs: 60_000,
  // Low caps, so that a few aliases (well within the operation limits) make large or oversized fetches.
  maxFetchItems: 6,
  largeFetchItems: 2,
};

/** How the network treats the abuser's fetches. */
type Abuse = 'fail' | 'hang' | 'hang-large' | { status: number; body?: unknown };

const TV = { id: 'tv', type: 'TV', codecs: ['H264'], maxHeight: 1080, hdr: [], drm: ['WIDEVINE'] };

/** `aliases` plays of the same title in one request: one root fetch with that many fields. */
function playAliases(aliases: number, request = ABUSER) {
  const fields = Array.from(
    { length: aliases },
    (_, index) =>
      `p${index}: play(input: $input) { decision { allowed reason } manifest { jws } title { id name } }`,
  );
  return {
    query: `query Abuse($input: PlayInput!) { ${fields.join(' ')} title(id: "${request.titleId}") { name } }`,
    variables: { input: { titleId: request.titleId, profileId: request.profileId, device: TV } },
  };
}

describe('replica isolation', () => {
  let stack: InProcessStack;
  let abuse: Abuse | null = null;
  /** Every body the network let through for the abuser, and the largest item count seen. */
  const abuserFetches: string[] = [];

  const send: ReplicaFetch = (url, init) => {
    const credential = init.headers[GATEWAY_CREDENTIAL_HEADER];
    const abuser = credential !== undefined && decodeJwt(credential).sub === ABUSER.account;
    if (!abuser || !abuse) return globalThis.fetch(url, init);
    abuserFetches.push(init.body);
    const large = (JSON.parse(init.body) as { variables?: { representations?: unknown[] } }).variables
      ?.representations;
    const hang = () =>
      new Promise<never>((_resolve, reject) =>
        init.signal.addEventListener('abort', () => reject(init.signal.reason as Error), { once: true }),
      );
    if (abuse === 'hang') return hang();
    if (abuse === 'hang-large') {
      const items = large?.length ?? (init.body.match(/: play\(/g) ?? []).length;
      return items > RESILIENCE.largeFetchItems! ? hang() : globalThis.fetch(url, init);
    }
    const answer = abuse === 'fail' ? { status: 500, body: { errors: [{ message: 'boom' }] } } : abuse;
    return Promise.resolve(
      new Response(answer.body === undefined ? '<html>refused</html>' : JSON.stringify(answer.body), {
        status: answer.status,
      }),
    );
  };

  beforeAll(async () => {
    const seed = new Seed()
      .subscriber(VICTIM.account, 'PREMIUM')
      .profile(VICTIM.profileId, VICTIM.account)
      .subscriber(ABUSER.account, 'PREMIUM')
      .profile(ABUSER.profileId, ABUSER.account)
      .title(VICTIM.titleId)
      .title(ABUSER.titleId)
      .cdn('cdn-global');
    stack = await startInProcessStack(seed, { resilience: RESILIENCE, send });
  });
  afterAll(() => stack.stop());

  async function asAccount(account: string, body: unknown) {
    return stack.graphql(body, {
      authorization: `Bearer ${await stack.tokenFor(account)}`,
      'x-country': 'US',
    });
  }

  async function expectVictimPlays() {
    const { json } = await asAccount(VICTIM.account, playAliases(1, VICTIM));
    const play = (json.data as { p0?: { decision: { reason: string }; manifest: { jws: string } | null } })
      ?.p0;
    expect(play?.decision.reason).toBe('GRANTED');
    expect(play?.manifest?.jws).toEqual(expect.any(String));
    expect(json.extensions?.degraded).toBeUndefined();
  }

  async function expectEveryCircuitClosed() {
    const states = [...(await metricsOf(stack)).matchAll(/^gateway_subgraph_circuit_state\{[^}]*\} (\d)$/gm)];
    expect(states.length).toBeGreaterThanOrEqual(5);
    expect(states.map((state) => state[1])).toEqual(states.map(() => '0'));
  }

  it.each<[string, Abuse, number]>([
    ['every fetch of the abuser fails with HTTP 500', 'fail', 3],
    ['every fetch of the abuser times out', 'hang', 1],
    ['the large fetches of the abuser time out', 'hang-large', 4],
    [
      'the subgraphs answer the abuser 400 with GraphQL errors',
      { status: 400, body: { errors: [{ message: 'no' }] } },
      4,
    ],
    ['the subgraphs answer the abuser 401', { status: 401, body: { errors: [{ message: 'no' }] } }, 4],
    ['the subgraphs answer the abuser 413 with a page that is not JSON', { status: 413 }, 4],
    ['the subgraphs answer the abuser 422', { status: 422, body: { errors: [{ message: 'no' }] } }, 4],
  ])(
    "keep another account's play granted, and every circuit closed, while %s",
    async (_case, mode, aliases) => {
      abuse = mode;
      try {
        for (let round = 0; round < RESILIENCE.breakerFailures + 1; round++) {
          const abusive = await asAccount(ABUSER.account, playAliases(aliases));
          expect(abusive.status).toBeLessThan(500);
          await expectVictimPlays();
        }
      } finally {
        abuse = null;
      }
      await expectEveryCircuitClosed();
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'refuses a fetch over the item cap without sending it, and keeps every circuit closed',
    async () => {
      abuse = 'fail';
      abuserFetches.length = 0;
      try {
        for (let round = 0; round < RESILIENCE.breakerFailures + 1; round++) {
          await asAccount(ABUSER.account, playAliases(RESILIENCE.maxFetchItems! + 1));
          await expectVictimPlays();
        }
      } finally {
        abuse = null;
      }

      const playFetches = abuserFetches.filter((body) => body.includes(': play('));
      expect(playFetches).toEqual([]);
      await expectEveryCircuitClosed();
    },
    TEST_TIMEOUT_MS,
  );
});
