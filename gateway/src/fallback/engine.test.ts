import { readFileSync } from 'node:fs';
import type { Caller } from '@contracts/gatewayCredential';
import { SUPERGRAPH_PATH } from '@platform/composition';
import { newFallbackState, type FallbackUsed } from '../request/degraded';
import { subgraphFetch as fetchFor } from '@testing/subgraphFetch';
import type { Representation, SubgraphFetch } from '../fetch/pipeline';
import { FallbackEngine, SUBGRAPH_UNAVAILABLE } from './engine';
import { FallbackPolicies } from './policies';
import { MemoryStaleStore } from './staleStore';
import { CachePolicies } from '../entityCache/cachePolicy';

const SUPERGRAPH = readFileSync(SUPERGRAPH_PATH, 'utf8');
const policies = FallbackPolicies.fromSupergraph(SUPERGRAPH);
const shared = CachePolicies.fromSdl(SUPERGRAPH);

const PLAY = 'query($input: PlayInput!) { play(input: $input) { __typename id title { __typename id } } }';
const PROFILE_ENTITIES = `query($representations: [_Any!]!) {
  _entities(representations: $representations) { ... on Profile { __typename accountId maxMaturity } }
}`;
const ENTITLEMENT_ENTITIES = `query($representations: [_Any!]!) {
  _entities(representations: $representations) { ... on PlaySession { __typename entitlement { allowed reason grant expiresAt } } }
}`;

const TITLE_ENTITIES = `query($representations: [_Any!]!) {
  _entities(representations: $representations) { ... on Title { __typename name maturityRating } }
}`;
const TITLE_ROW = 'query($genre: String) { titles(genre: $genre) { edges { node { __typename id name } } } }';

const accountA: Caller = { accountId: 'u-a', country: 'US' };
const accountB: Caller = { accountId: 'u-b', country: 'US' };

function subgraphFetch(
  subgraph: string,
  query: string,
  options: Partial<Pick<SubgraphFetch, 'caller' | 'variables' | 'path' | 'state'>> = {},
): SubgraphFetch {
  return fetchFor(subgraph, query, { caller: accountA, ...options });
}

const profile = (id: string): Representation => ({ __typename: 'Profile', id });
const playSession = (id: string, profileId: string | null): Representation => ({
  __typename: 'PlaySession',
  id,
  title: { id: 't-1', maturityRating: 13, countries: ['US'] },
  profile: profileId === null ? null : { id: profileId, accountId: 'u-a', maxMaturity: 18 },
});

describe('the fallback engine', () => {
  let store: MemoryStaleStore;
  let engine: FallbackEngine;
  let used: { subgraph: string; used: FallbackUsed }[];

  beforeEach(() => {
    store = new MemoryStaleStore();
    used = [];
    engine = new FallbackEngine(
      policies,
      store,
      (field) => used.push({ subgraph: field.subgraph, used: field.fallback }),
      shared,
    );
  });
  afterEach(() => jest.restoreAllMocks());

  describe('for a root fetch', () => {
    const variables = { input: { titleId: 't-1', profileId: 'p-1' } };
    const play = { __typename: 'PlaySession', id: 'play1.abc', title: { __typename: 'Title', id: 't-1' } };

    it('stand in with the remembered data, as STALE, and record where', async () => {
      await engine.remember(subgraphFetch('playback', PLAY, { variables }), { play });
      const failed = subgraphFetch('playback', PLAY, { variables });
      const standIn = await engine.rootStandIn(failed, 'timeout');
      expect(standIn).toEqual({ data: { play }, errors: [] });
      expect(failed.state.degraded).toEqual([
        { path: ['play'], subgraph: 'playback', fallback: 'STALE', ageSeconds: 0 },
      ]);
      expect(used).toEqual([{ subgraph: 'playback', used: 'STALE' }]);
    });

    it("never serve what one account's fetch remembered to another account", async () => {
      await engine.remember(subgraphFetch('playback', PLAY, { variables, caller: accountA }), { play });
      const failed = subgraphFetch('playback', PLAY, { variables, caller: accountB });
      const standIn = await engine.rootStandIn(failed, 'timeout');
      expect(standIn.data.play).toEqual({
        __typename: 'PlaySession',
        id: 'play1.unavailable',
        title: null,
        profile: null,
      });
      expect(failed.state.degraded).toEqual([
        { path: ['play'], subgraph: 'playback', fallback: 'DEFAULT', ageSeconds: null },
      ]);
    });

    it('never serve what an account remembered in one country to the same account in another', async () => {
      await engine.remember(subgraphFetch('playback', PLAY, { variables, caller: accountA }), { play });
      const abroad = subgraphFetch('playback', PLAY, {
        variables,
        caller: { accountId: 'u-a', country: 'FR' },
      });
      await expect(engine.rootStandIn(abroad, 'timeout')).resolves.toMatchObject({
        data: { play: { id: 'play1.unavailable' } },
      });
    });

    it('never serve what was remembered for other variables', async () => {
      await engine.remember(subgraphFetch('playback', PLAY, { variables }), { play });
      const other = subgraphFetch('playback', PLAY, {
        variables: { input: { titleId: 't-2', profileId: 'p-1' } },
      });
      await expect(engine.rootStandIn(other, 'timeout')).resolves.toMatchObject({
        data: { play: { id: 'play1.unavailable' } },
      });
    });

    it('answer null with an error for a root field without a usable fallback', async () => {
      const failed = subgraphFetch('profiles', '{ me { id } }');
      const standIn = await engine.rootStandIn(failed, 'circuit_open');
      expect(standIn.data).toEqual({ me: null });
      expect(standIn.errors).toEqual([
        {
          message: expect.stringContaining('profiles service is unavailable (circuit_open)'),
          path: ['me'],
          extensions: { code: SUBGRAPH_UNAVAILABLE, subgraph: 'profiles' },
        },
      ]);
      expect(failed.state.degraded).toEqual([
        { path: ['me'], subgraph: 'profiles', fallback: 'OMITTED', ageSeconds: null },
      ]);
    });

    it('never serve a stale answer for a mutation', async () => {
      const mutation = 'mutation { endSession(id: "s1") }';
      await engine.remember(subgraphFetch('playback', mutation), { endSession: true });
      const standIn = await engine.rootStandIn(subgraphFetch('playback', mutation), 'timeout');
      expect(standIn.data).toEqual({ endSession: null });
      expect(standIn.errors).toHaveLength(1);
    });

    it('refuse an _entities fetch', async () => {
      await expect(
        engine.rootStandIn(subgraphFetch('profiles', PROFILE_ENTITIES), 'timeout'),
      ).rejects.toThrow(/needs a root fetch/);
    });
  });

  describe('for an _entities fetch', () => {
    it('count a profile without a stale copy as maturity 0, leave its owner out, and mark Profile unresolved', async () => {
      const failed = subgraphFetch('profiles', PROFILE_ENTITIES, { path: ['play', 'profile'] });
      const standIns = await engine.entityStandIns(failed, [profile('p-1')], 'timeout');
      expect(standIns.entities).toEqual([{ __typename: 'Profile', maxMaturity: 0 }]);
      expect(standIns.entities[0]).not.toHaveProperty('accountId');
      expect(standIns.errors).toEqual([
        {
          message: expect.stringContaining('Profile (accountId)'),
          path: ['_entities', 0],
          extensions: { code: SUBGRAPH_UNAVAILABLE, subgraph: 'profiles' },
        },
      ]);
      expect(failed.state.unresolvedTypes).toEqual(new Set(['Profile']));
      expect(failed.state.degraded).toEqual([
        {
          path: ['play', 'profile', 'accountId'],
          subgraph: 'profiles',
          fallback: 'OMITTED',
          ageSeconds: null,
        },
        {
          path: ['play', 'profile', 'maxMaturity'],
          subgraph: 'profiles',
          fallback: 'DEFAULT',
          ageSeconds: null,
        },
      ]);
    });

    it('stand in with both remembered fields of a profile, as STALE, and leave Profile resolved', async () => {
      const representations = [profile('p-1')];
      await engine.remember(
        subgraphFetch('profiles', PROFILE_ENTITIES),
        { _entities: [{ __typename: 'Profile', accountId: 'u-a', maxMaturity: 18 }] },
        representations,
      );
      const failed = subgraphFetch('profiles', PROFILE_ENTITIES);
      const standIns = await engine.entityStandIns(failed, representations, 'timeout');
      expect(standIns).toEqual({
        entities: [{ __typename: 'Profile', accountId: 'u-a', maxMaturity: 18 }],
        errors: [],
      });
      expect(failed.state.degraded.map((field) => field.fallback)).toEqual(['STALE', 'STALE']);
      expect(failed.state.unresolvedTypes.size).toBe(0);
    });

    it("never serve one account's remembered profile to another account", async () => {
      const representations = [profile('p-1')];
      await engine.remember(
        subgraphFetch('profiles', PROFILE_ENTITIES, { caller: accountA }),
        { _entities: [{ __typename: 'Profile', accountId: 'u-a', maxMaturity: 18 }] },
        representations,
      );
      const failed = subgraphFetch('profiles', PROFILE_ENTITIES, { caller: accountB });
      const standIns = await engine.entityStandIns(failed, representations, 'timeout');
      expect(standIns.entities).toEqual([{ __typename: 'Profile', maxMaturity: 0 }]);
    });

    it('find an entity again by its key fields only, whatever its other representation fields were', async () => {
      const grant = { allowed: false, reason: 'NOT_IN_REGION', grant: null, expiresAt: null };
      await engine.remember(
        subgraphFetch('entitlements', ENTITLEMENT_ENTITIES),
        { _entities: [{ __typename: 'PlaySession', entitlement: grant }] },
        [playSession('play1.abc', 'p-1')],
      );
      const standIns = await engine.entityStandIns(
        subgraphFetch('entitlements', ENTITLEMENT_ENTITIES),
        [playSession('play1.abc', null)],
        'timeout',
      );
      expect(standIns.entities).toEqual([{ __typename: 'PlaySession', entitlement: grant }]);
    });

    it('keep the order and length of the representations, stale and default stand-ins mixed', async () => {
      await engine.remember(
        subgraphFetch('profiles', PROFILE_ENTITIES),
        { _entities: [{ __typename: 'Profile', accountId: 'u-a', maxMaturity: 13 }] },
        [profile('p-2')],
      );
      const standIns = await engine.entityStandIns(
        subgraphFetch('profiles', PROFILE_ENTITIES),
        [profile('p-1'), profile('p-2'), profile('p-3')],
        'timeout',
      );
      expect(standIns.entities).toEqual([
        { __typename: 'Profile', maxMaturity: 0 },
        { __typename: 'Profile', accountId: 'u-a', maxMaturity: 13 },
        { __typename: 'Profile', maxMaturity: 0 },
      ]);
      expect(standIns.errors.map((error) => error.path)).toEqual([
        ['_entities', 0],
        ['_entities', 2],
      ]);
    });

    it('remember nothing for an entity that came back null', async () => {
      await engine.remember(subgraphFetch('profiles', PROFILE_ENTITIES), { _entities: [null] }, [
        profile('p-1'),
      ]);
      const standIns = await engine.entityStandIns(
        subgraphFetch('profiles', PROFILE_ENTITIES),
        [profile('p-1')],
        'timeout',
      );
      expect(standIns.entities).toEqual([{ __typename: 'Profile', maxMaturity: 0 }]);
    });

    it('refuse a root fetch', async () => {
      await expect(engine.entityStandIns(subgraphFetch('playback', PLAY), [], 'timeout')).rejects.toThrow(
        /needs an _entities fetch/,
      );
    });
  });

  describe('for what the subgraph declares PUBLIC', () => {
    const title = { __typename: 'Title', name: 'The Long Night', maturityRating: 13 };
    const accountAbroad: Caller = { accountId: 'u-c', country: 'FR' };

    it("serve a title one caller's fetch remembered to any other caller, in any country", async () => {
      const representations: Representation[] = [{ __typename: 'Title', id: 't-1' }];
      await engine.remember(
        subgraphFetch('catalog', TITLE_ENTITIES, { caller: accountA }),
        { _entities: [title] },
        representations,
      );
      for (const caller of [accountB, accountAbroad]) {
        const failed = subgraphFetch('catalog', TITLE_ENTITIES, { caller });
        const standIns = await engine.entityStandIns(failed, representations, 'timeout');
        expect(standIns).toEqual({ entities: [title], errors: [] });
        expect(failed.state.degraded.map((field) => field.fallback)).toEqual(['STALE', 'STALE']);
      }
    });

    it('keep one copy of a title however many callers fetched it', async () => {
      const representations: Representation[] = [{ __typename: 'Title', id: 't-1' }];
      const put = jest.spyOn(store, 'put');
      for (const caller of [accountA, accountB, accountAbroad]) {
        await engine.remember(
          subgraphFetch('catalog', TITLE_ENTITIES, { caller }),
          { _entities: [title] },
          representations,
        );
      }
      expect(new Set(put.mock.calls.map(([key]) => key)).size).toBe(1);
    });

    it('key a PUBLIC copy by the whole representation, so other inputs find no copy', async () => {
      await engine.remember(subgraphFetch('catalog', TITLE_ENTITIES), { _entities: [title] }, [
        { __typename: 'Title', id: 't-1', region: 'US' },
      ]);
      const standIns = await engine.entityStandIns(
        subgraphFetch('catalog', TITLE_ENTITIES, { caller: accountB }),
        [{ __typename: 'Title', id: 't-1', region: 'FR' }],
        'timeout',
      );
      expect(standIns.entities).toEqual([{ __typename: 'Title' }]);
      expect(standIns.errors).toHaveLength(1);
    });

    it("serve a row of the catalog one caller's fetch remembered to another, for the same variables only", async () => {
      const row = { edges: [{ node: { __typename: 'Title', id: 't-1', name: 'The Long Night' } }] };
      await engine.remember(
        subgraphFetch('catalog', TITLE_ROW, { caller: accountA, variables: { genre: 'Drama' } }),
        {
          titles: row,
        },
      );
      const sameRow = await engine.rootStandIn(
        subgraphFetch('catalog', TITLE_ROW, { caller: accountAbroad, variables: { genre: 'Drama' } }),
        'timeout',
      );
      expect(sameRow).toEqual({ data: { titles: row }, errors: [] });
      const otherRow = await engine.rootStandIn(
        subgraphFetch('catalog', TITLE_ROW, { caller: accountB, variables: { genre: 'Comedy' } }),
        'timeout',
      );
      expect(otherRow.data.titles).toBeNull();
    });

    it('still keep what is not PUBLIC per caller once the PUBLIC rules are known', async () => {
      const representations = [profile('p-1')];
      await engine.remember(
        subgraphFetch('profiles', PROFILE_ENTITIES, { caller: accountA }),
        { _entities: [{ __typename: 'Profile', accountId: 'u-a', maxMaturity: 18 }] },
        representations,
      );
      const standIns = await engine.entityStandIns(
        subgraphFetch('profiles', PROFILE_ENTITIES, { caller: accountB }),
        representations,
        'timeout',
      );
      expect(standIns.entities).toEqual([{ __typename: 'Profile', maxMaturity: 0 }]);
    });

    it('keep every copy per caller until a supergraph says what is PUBLIC', async () => {
      const representations: Representation[] = [{ __typename: 'Title', id: 't-1' }];
      const unknowing = new FallbackEngine(policies, store);
      await unknowing.remember(
        subgraphFetch('catalog', TITLE_ENTITIES, { caller: accountA }),
        { _entities: [title] },
        representations,
      );
      const failed = subgraphFetch('catalog', TITLE_ENTITIES, { caller: accountB });
      expect((await unknowing.entityStandIns(failed, representations, 'timeout')).errors).toHaveLength(1);
      unknowing.usePolicies(policies, shared);
      await unknowing.remember(
        subgraphFetch('catalog', TITLE_ENTITIES, { caller: accountA }),
        { _entities: [title] },
        representations,
      );
      expect(await unknowing.entityStandIns(failed, representations, 'timeout')).toEqual({
        entities: [title],
        errors: [],
      });
    });
  });

  describe('for a stale entitlement', () => {
    const T0 = Date.parse('2030-01-01T12:00:00Z');
    const session = playSession('play1.abc', 'p-1');

    async function rememberAt(entitlement: Record<string, unknown>) {
      jest.spyOn(Date, 'now').mockReturnValue(T0);
      await engine.remember(
        subgraphFetch('entitlements', ENTITLEMENT_ENTITIES),
        { _entities: [{ __typename: 'PlaySession', entitlement }] },
        [session],
      );
    }
    async function standInTwoMinutesLater() {
      jest.spyOn(Date, 'now').mockReturnValue(T0 + 120_000);
      const failed = subgraphFetch('entitlements', ENTITLEMENT_ENTITIES);
      const standIns = await engine.entityStandIns(failed, [session], 'timeout');
      return { entitlement: standIns.entities[0]?.entitlement, degraded: failed.state.degraded };
    }

    it('never serve a grant whose expiresAt has passed: TEMPORARILY_UNAVAILABLE instead', async () => {
      await rememberAt({
        allowed: true,
        reason: 'ALLOWED',
        grant: 'g',
        expiresAt: new Date(T0 + 60_000).toISOString(),
      });
      const { entitlement, degraded } = await standInTwoMinutesLater();
      expect(entitlement).toMatchObject({ allowed: false, reason: 'TEMPORARILY_UNAVAILABLE', grant: null });
      expect(degraded).toEqual([
        { path: ['entitlement'], subgraph: 'entitlements', fallback: 'DEFAULT', ageSeconds: null },
      ]);
    });

    it('serve a grant that is still valid, as STALE with its age', async () => {
      const grant = {
        allowed: true,
        reason: 'ALLOWED',
        grant: 'g',
        expiresAt: new Date(T0 + 600_000).toISOString(),
      };
      await rememberAt(grant);
      const { entitlement, degraded } = await standInTwoMinutesLater();
      expect(entitlement).toEqual(grant);
      expect(degraded).toEqual([
        { path: ['entitlement'], subgraph: 'entitlements', fallback: 'STALE', ageSeconds: 120 },
      ]);
    });

    it('serve a refusal, which has no expiry, so a refusal stays a refusal', async () => {
      const refusal = { allowed: false, reason: 'MATURITY_RESTRICTED', grant: null, expiresAt: null };
      await rememberAt(refusal);
      const { entitlement } = await standInTwoMinutesLater();
      expect(entitlement).toEqual(refusal);
    });
  });

  describe('choosing representations not to send', () => {
    const representations = [playSession('s-0', 'p-1'), playSession('s-1', null), playSession('s-2', 'p-2')];

    it('mark none while every entity type was resolved, even with a null profile (not found)', () => {
      const fetch = subgraphFetch('entitlements', ENTITLEMENT_ENTITIES);
      expect(engine.taintedIndexes(fetch, representations)).toEqual(new Set());
    });

    it('mark a representation whose null profile came from a failed Profile fetch', () => {
      const state = newFallbackState();
      state.unresolvedTypes.add('Profile');
      const fetch = subgraphFetch('entitlements', ENTITLEMENT_ENTITIES, { state });
      expect(engine.taintedIndexes(fetch, representations)).toEqual(new Set([1]));
    });

    it('leave a representation alone when only an unrelated type is unresolved', () => {
      const state = newFallbackState();
      state.unresolvedTypes.add('Title');
      const fetch = subgraphFetch('entitlements', ENTITLEMENT_ENTITIES, { state });
      expect(engine.taintedIndexes(fetch, representations)).toEqual(new Set());
    });
  });
});
