/**
 * The fallback scenario both fallback suites play, against real processes (test/e2e/fallbacks) or
 * the in-process stack (gateway/src/fallback/matrix/): who plays what, what the live system answers,
 * and what must still hold while a subgraph fails. Seen plays keep playing, refusals stay refusals,
 * nothing is granted that the live system would refuse, unseen requests that cannot be decided get
 * TEMPORARILY_UNAVAILABLE, and everything answers within the deadline.
 */
import { createRemoteJWKSet, jwtVerify } from 'jose';
import { LONG_AGO, Seed } from './seed';
import type { GraphQLResponse } from './stack';

export interface PlayRequest {
  account: string;
  profileId: string;
  titleId: string;
  country?: string;
}

/** Played while all is well, so the gateway holds its last good values. */
export const SEEN: PlayRequest = { account: 'acct-a', profileId: 'prof-a', titleId: 't-seen' };

/** Refusals the live system gives, played once while all is well. */
export const MUST_REFUSE: (PlayRequest & { reason: string; case: string })[] = [
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
export const MUST_REFUSE_UNSEEN: PlayRequest[] = [
  { account: 'acct-a', profileId: 'prof-a-kids', titleId: 't-unseen' },
  { account: 'acct-c', profileId: 'prof-c', titleId: 't-us', country: 'FR' },
  { account: 'acct-c', profileId: 'prof-a', titleId: 't-unseen' },
];

/**
 * The accounts, profiles and titles of the scenario, with `unseen` never-played requests: each
 * fault scenario needs one of its own, since once played a request has last good values.
 */
export function fallbackSeed(unseen: number): Seed {
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
  for (let index = 0; index < unseen; index++) {
    seed
      .subscriber(`acct-new-${index}`, 'PREMIUM')
      .profile(`prof-new-${index}`, `acct-new-${index}`)
      .title(`t-new-${index}`);
  }
  return seed;
}

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

export interface DegradedField {
  path: (string | number)[];
  subgraph: string;
  fallback: 'STALE' | 'DEFAULT' | 'OMITTED';
  ageSeconds?: number;
}

export interface Played {
  cacheControl: string | null;
  reason: string | undefined;
  allowed: boolean | undefined;
  jws: string | undefined;
  /** `extensions.degraded`: one entry per field a fallback stood in for. */
  degraded: DegradedField[];
  degradedSubgraphs: string[];
  ms: number;
  response: GraphQLResponse;
}

/** What the scenario needs of a running gateway: the e2e TestStack and the InProcessStack both fit. */
export interface GatewayUnderTest {
  gatewayUrl: string;
  tokenFor(accountId: string): Promise<string>;
  graphql(
    body: unknown,
    headers?: Record<string, string>,
  ): Promise<{ status: number; json: GraphQLResponse; headers: Headers }>;
}

export interface FallbackPlayer {
  play(request: PlayRequest): Promise<Played>;
  /** A request nobody played before: the next of the seed's `unseen` ones on every call. */
  nextUnseen(): PlayRequest;
  /** Plays everything once while all is well, so the gateway has last good values. */
  warmUp(): Promise<void>;
  expectManifestVerifies(jws: string | undefined): Promise<void>;
  /**
   * `rounds` rounds (three unless told) of traffic while `failing` fails: the seen play, the refusals
   * (seen and unseen) and one unseen request, which is decided only when `decidable` (another
   * replica answers).
   */
  playRoundsWhileFailing(failing: string, decidable: boolean, rounds?: number): Promise<Played[][]>;
  /** After recovery: circuits close (half-open after a while) and fresh answers return. */
  expectFreshAgain(options: { withinMs: number; pollMs: number }): Promise<void>;
}

export function fallbackPlayer(gateway: GatewayUnderTest): FallbackPlayer {
  let unseen = 0;
  const nextUnseen = (): PlayRequest => ({
    account: `acct-new-${unseen}`,
    profileId: `prof-new-${unseen}`,
    titleId: `t-new-${unseen++}`,
  });
  const jwks = createRemoteJWKSet(new URL(`${gateway.gatewayUrl}/.well-known/jwks.json`));

  async function play(request: PlayRequest): Promise<Played> {
    const started = performance.now();
    const { json, headers } = await gateway.graphql(
      {
        query: PLAY,
        variables: { input: { titleId: request.titleId, profileId: request.profileId, device: TV } },
      },
      {
        authorization: `Bearer ${await gateway.tokenFor(request.account)}`,
        'x-country': request.country ?? 'US',
      },
    );
    const ms = performance.now() - started;
    const play = (
      json.data as {
        play?: { decision: { reason: string; allowed: boolean }; manifest: { jws: string } | null };
      } | null
    )?.play;
    const degraded = (json.extensions?.degraded ?? []) as DegradedField[];
    return {
      cacheControl: headers.get('cache-control'),
      reason: play?.decision.reason,
      allowed: play?.decision.allowed,
      jws: play?.manifest?.jws,
      degraded,
      degradedSubgraphs: [...new Set(degraded.map((entry) => entry.subgraph))],
      ms,
      response: json,
    };
  }

  async function expectManifestVerifies(jws: string | undefined) {
    expect(jws).toBeDefined();
    await expect(jwtVerify(jws!, jwks)).resolves.toHaveProperty('payload.titleId', SEEN.titleId);
  }

  return {
    play,
    nextUnseen,
    expectManifestVerifies,
    async warmUp() {
      const seen = await play(SEEN);
      expect(seen.reason).toBe('GRANTED');
      for (const refusal of MUST_REFUSE) expect((await play(refusal)).reason).toBe(refusal.reason);
    },
    async playRoundsWhileFailing(failing, decidable, count = 3) {
      const unseenRequest = nextUnseen();
      const rounds: Played[][] = [];
      for (let round = 0; round < count; round++) {
        const seen = await play(SEEN);
        const refusals = await Promise.all(MUST_REFUSE.map(play));
        const unseenRefusals = await Promise.all(MUST_REFUSE_UNSEEN.map(play));
        const fresh = await play(unseenRequest);
        rounds.push([seen, ...refusals, ...unseenRefusals, fresh]);

        expect(seen.reason).toBe('GRANTED');
        await expectManifestVerifies(seen.jws);
        refusals.forEach((result, index) => expect(result.reason).toBe(MUST_REFUSE[index]!.reason));
        for (const result of unseenRefusals) expect(result.allowed).not.toBe(true);
        expect(fresh.reason).toBe(decidable ? 'GRANTED' : 'TEMPORARILY_UNAVAILABLE');
        if (!decidable) {
          expect(seen.degradedSubgraphs).toContain(failing);
          expect(seen.cacheControl).toBe('no-store');
        }
      }
      return rounds;
    },
    async expectFreshAgain({ withinMs, pollMs }) {
      const deadline = Date.now() + withinMs;
      let last: Played | undefined;
      while (Date.now() < deadline) {
        last = await play(SEEN);
        if (last.degradedSubgraphs.length === 0 && last.reason === 'GRANTED') return;
        await new Promise((resolve) => setTimeout(resolve, pollMs));
      }
      throw new Error(`no fresh answer after recovery: ${JSON.stringify(last?.response)}`);
    },
  };
}

/** Every request within the deadline (and the room around it), whatever failed. */
export function expectWithinDeadline(
  rounds: Played[][],
  { deadlineMs, marginMs }: { deadlineMs: number; marginMs: number },
): void {
  const all = rounds.flat();
  expect(Math.max(...all.map((result) => result.ms))).toBeLessThan(deadlineMs + marginMs);
}
