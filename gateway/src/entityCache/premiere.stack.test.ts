/**
 * A premiere: many accounts press play on one new title in the same instant. The gateway (in process,
 * entity cache on) sends the catalog one `_entities` fetch for all of them, and serves the title
 * from its cache afterwards, while everything that depends on the caller is still fetched per caller.
 */
import { print } from 'graphql';
import { PlayDocument } from '../../../clients/__generated__/operations';
import { startInProcessStack, type InProcessStack } from '@testing/inProcessStack';
import { Seed } from '@testing/seed';
import { DEFAULT_RESILIENCE, type ReplicaFetch } from '../resilience/replicaPool';

const ACCOUNTS = 12;
const TITLE = 't-premiere';
const TV = { id: 'tv', type: 'TV', codecs: ['H264'], maxHeight: 1080, hdr: [], drm: ['WIDEVINE'] };

describe('a premiere through the gateway with its entity cache', () => {
  let stack: InProcessStack;
  /** Every fetch body the gateway sent, by the replica URL it went to. */
  const sent: { url: string; body: string }[] = [];
  const send: ReplicaFetch = (url, init) => {
    sent.push({ url, body: init.body });
    return globalThis.fetch(url, init);
  };
  const fetchesTo = (subgraph: 'catalog' | 'profiles', entities: boolean) =>
    sent.filter(
      ({ url, body }) => stack.replicas[subgraph].includes(url) && body.includes('_entities') === entities,
    ).length;

  beforeAll(async () => {
    const seed = new Seed().title(TITLE).cdn('cdn-global');
    for (let index = 0; index < ACCOUNTS; index++) {
      seed.subscriber(`acct-${index}`, 'PREMIUM').profile(`prof-${index}`, `acct-${index}`);
    }
    // Deadlines long enough that a busy machine never turns a fetch into a fallback (and a refetch):
    // this suite counts fetches, it does not test deadlines.
    const resilience = { ...DEFAULT_RESILIENCE, timeoutMs: 10_000, attemptTimeoutMs: 5_000 };
    stack = await startInProcessStack(seed, { send, entityCache: true, resilience });
  });
  afterAll(() => stack.stop());

  async function play(index: number) {
    const { json, headers } = await stack.graphql(
      {
        query: print(PlayDocument),
        variables: {
          input: { titleId: TITLE, profileId: `prof-${index}`, device: { ...TV, id: `tv-${index}` } },
        },
      },
      { authorization: `Bearer ${await stack.tokenFor(`acct-${index}`)}`, 'x-country': 'US' },
    );
    // A play carries the caller's grant and manifest: whatever came from the cache, never storable.
    expect(headers.get('cache-control')).toBe('no-store');
    return json as { data?: { play?: { decision: { reason: string }; manifest: { jws: string } | null } } };
  }

  it('costs the catalog one _entities fetch for many accounts playing one title at once, and none after', async () => {
    const answers = await Promise.all(Array.from({ length: ACCOUNTS }, (_, index) => play(index)));
    for (const answer of answers) {
      expect(answer.data?.play?.decision.reason).toBe('GRANTED');
      expect(answer.data?.play?.manifest?.jws).toEqual(expect.any(String));
    }
    expect(fetchesTo('catalog', true)).toBe(1);

    const again = await play(0);
    expect(again.data?.play?.decision.reason).toBe('GRANTED');
    expect(fetchesTo('catalog', true)).toBe(1);
  });

  it("never shares an account's own data: every caller's profile is fetched for that caller", () => {
    const profileFetches = sent.filter(({ url }) => stack.replicas.profiles.includes(url));
    expect(profileFetches.length).toBeGreaterThanOrEqual(ACCOUNTS + 1);
  });

  it("tells caches how long a public answer keeps: the catalog's maxAge, not more", async () => {
    const { json, headers } = await stack.graphql(
      {
        query: `{ title(id: "${TITLE}") { id name } titles(first: 5) { totalCount edges { node { id } } } }`,
      },
      { authorization: `Bearer ${await stack.tokenFor('acct-0')}` },
    );
    expect(json.errors).toBeUndefined();
    expect(headers.get('cache-control')).toBe('max-age=60, public');
  });

  it("keeps an answer with the caller's own data out of shared caches", async () => {
    const { headers } = await stack.graphql(
      { query: '{ me { id profiles { id } } }' },
      { authorization: `Bearer ${await stack.tokenFor('acct-0')}` },
    );
    expect(headers.get('cache-control')).toBe('no-store');
  });
});
