import { readFileSync } from 'node:fs';
import { SUPERGRAPH_PATH } from '@platform/composition';
import { subgraphFetch } from '@testing/subgraphFetch';
import { FallbackEngine } from './engine';
import { lastGoodValueStage } from './lastGoodValueStage';
import { FallbackPolicies } from './policies';
import { MemoryStaleStore } from './staleStore';

const policies = FallbackPolicies.fromSupergraph(readFileSync(SUPERGRAPH_PATH, 'utf8'));
const PROFILES = `query($representations: [_Any!]!) {
  _entities(representations: $representations) { ... on Profile { __typename accountId maxMaturity } }
}`;
const profiles = () =>
  subgraphFetch('profiles', PROFILES, {
    variables: { representations: [{ __typename: 'Profile', id: 'p-1' }] },
  });
const entity = { __typename: 'Profile', accountId: 'u-a', maxMaturity: 13 };

describe('the last-good-value stage', () => {
  it('keeps a clean answer, so that a later stand-in for the same entity is that answer', async () => {
    const fallbacks = new FallbackEngine(policies, new MemoryStaleStore());
    const answer = { data: { _entities: [entity] } };
    await expect(lastGoodValueStage(fallbacks)(async () => answer)(profiles())).resolves.toBe(answer);

    const later = profiles();
    const standIns = await fallbacks.entityStandIns(later, [{ __typename: 'Profile', id: 'p-1' }], 'timeout');
    expect(standIns.entities).toEqual([entity]);
    expect(later.state.degraded.map((field) => field.fallback)).toEqual(['STALE', 'STALE']);
  });

  it('keeps nothing from an answer with errors', async () => {
    const fallbacks = new FallbackEngine(policies, new MemoryStaleStore());
    await lastGoodValueStage(fallbacks)(async () => ({
      data: { _entities: [entity] },
      errors: [{ message: 'partial', path: ['_entities', 0, 'accountId'] }],
    }))(profiles());

    const standIns = await fallbacks.entityStandIns(
      profiles(),
      [{ __typename: 'Profile', id: 'p-1' }],
      'timeout',
    );
    expect(standIns.entities).toEqual([{ __typename: 'Profile', maxMaturity: 0 }]);
  });
});
