import { readFileSync } from 'node:fs';
import { SUPERGRAPH_PATH } from '@platform/composition';
import { subgraphFetch } from '@testing/subgraphFetch';
import type { SubgraphFetch } from '../fetch/pipeline';
import { SubgraphUnavailableError } from '../fetch/unavailable';
import { FallbackEngine, SUBGRAPH_UNAVAILABLE } from './engine';
import { FallbackPolicies } from './policies';
import { MemoryStaleStore } from './staleStore';
import { standInStage } from './standInStage';

const policies = FallbackPolicies.fromSupergraph(readFileSync(SUPERGRAPH_PATH, 'utf8'));
const PROFILES = `query($representations: [_Any!]!) {
  _entities(representations: $representations) { ... on Profile { __typename accountId maxMaturity } }
}`;
const ENTITLEMENTS = `query($representations: [_Any!]!) {
  _entities(representations: $representations) { ... on PlaySession { __typename entitlement { allowed reason } } }
}`;
const profile = (id: string) => ({ __typename: 'Profile', id });
const unavailable = () => new SubgraphUnavailableError('connection', 'connection refused');
const engine = () => new FallbackEngine(policies, new MemoryStaleStore());

describe('the stand-in stage', () => {
  it('answers a root fetch no replica could answer from the policies, with an error where none applies', async () => {
    const handler = standInStage(engine())(async () => {
      throw unavailable();
    });
    const fetch = subgraphFetch('profiles', '{ me { id } }');
    await expect(handler(fetch)).resolves.toEqual({
      data: { me: null },
      errors: [
        expect.objectContaining({
          path: ['me'],
          extensions: { code: SUBGRAPH_UNAVAILABLE, subgraph: 'profiles' },
        }),
      ],
    });
    expect(fetch.state.degraded).toEqual([
      { path: ['me'], subgraph: 'profiles', fallback: 'OMITTED', ageSeconds: null },
    ]);
  });

  it('lets anything but unavailability through: a bug is not a fallback', async () => {
    const bug = new TypeError('x is undefined');
    const handler = standInStage(engine())(async () => {
      throw bug;
    });
    await expect(handler(subgraphFetch('profiles', '{ me { id } }'))).rejects.toBe(bug);
    await expect(
      handler(subgraphFetch('profiles', PROFILES, { variables: { representations: [profile('p-1')] } })),
    ).rejects.toBe(bug);
  });

  it('passes a root answer through untouched', async () => {
    const answer = { data: { me: { id: 'u-a' } } };
    await expect(
      standInStage(engine())(async () => answer)(subgraphFetch('profiles', '{ me { id } }')),
    ).resolves.toBe(answer);
  });

  it('stands in for entities that came back null with an error, keeps the others, and marks their type unresolved', async () => {
    const handler = standInStage(engine())(async () => ({
      data: { _entities: [{ __typename: 'Profile', accountId: 'u-a', maxMaturity: 18 }, null, null] },
      errors: [{ message: 'profile store timed out', path: ['_entities', 1] }],
    }));
    const fetch = subgraphFetch('profiles', PROFILES, {
      variables: { representations: [profile('p-1'), profile('p-2'), profile('p-3')] },
    });
    const answer = await handler(fetch);
    expect(answer.data).toEqual({
      _entities: [
        { __typename: 'Profile', accountId: 'u-a', maxMaturity: 18 },
        { __typename: 'Profile', maxMaturity: 0 },
        null,
      ],
    });
    expect(answer.errors).toEqual([expect.objectContaining({ path: ['_entities', 1] })]);
    expect(fetch.state.unresolvedTypes).toEqual(new Set(['Profile']));
  });

  it('does not send a representation whose input came from a failure, and stands in for it in place', async () => {
    const sent: SubgraphFetch[] = [];
    const handler = standInStage(engine())(async (subset) => {
      sent.push(subset);
      return {
        data: {
          _entities: [{ __typename: 'PlaySession', entitlement: { allowed: true, reason: 'ALLOWED' } }],
        },
        errors: [{ message: 'no offers', path: ['_entities', 0, 'entitlement', 'prompt'] }],
      };
    });
    const tainted = { __typename: 'PlaySession', id: 's-0', profile: null };
    const clean = { __typename: 'PlaySession', id: 's-1', profile: { id: 'p-1' } };
    const fetch = subgraphFetch('entitlements', ENTITLEMENTS, {
      variables: { representations: [tainted, clean] },
      path: ['play'],
    });
    fetch.state.unresolvedTypes.add('Profile');

    const answer = await handler(fetch);

    expect(sent.map((subset) => subset.variables.representations)).toEqual([[clean]]);
    expect(answer.data).toEqual({
      _entities: [
        {
          __typename: 'PlaySession',
          entitlement: expect.objectContaining({ reason: 'TEMPORARILY_UNAVAILABLE' }),
        },
        { __typename: 'PlaySession', entitlement: { allowed: true, reason: 'ALLOWED' } },
      ],
    });
    expect(answer.errors).toEqual([
      { message: 'no offers', path: ['_entities', 1, 'entitlement', 'prompt'] },
    ]);
  });

  it('stands in for every entity, in order, when no replica could answer, naming why', async () => {
    const handler = standInStage(engine())(async () => {
      throw unavailable();
    });
    const answer = await handler(
      subgraphFetch('profiles', PROFILES, {
        variables: { representations: [profile('p-1'), profile('p-2')] },
      }),
    );
    expect(answer.data).toEqual({
      _entities: [
        { __typename: 'Profile', maxMaturity: 0 },
        { __typename: 'Profile', maxMaturity: 0 },
      ],
    });
    expect(answer.errors?.map((error) => error.path)).toEqual([
      ['_entities', 0],
      ['_entities', 1],
    ]);
    expect(answer.errors?.[0]?.message).toMatch(/unavailable \(connection\)/);
  });
});
