import { readFileSync } from 'node:fs';
import type { GatewayCacheHint } from '@apollo/server-gateway-interface';
import { SUPERGRAPH_PATH } from '@platform/composition';
import { subgraphFetch } from '@testing/subgraphFetch';
import type { SubgraphAnswer, SubgraphFetch } from '../fetch/pipeline';
import { CachePolicies } from './cachePolicy';
import { cacheStage } from './cacheStage';
import { EntityCache } from './entityCache';

const TITLES = `query($representations: [_Any!]!) {
  _entities(representations: $representations) { ... on Title { __typename name maturityRating } }
}`;
const PROFILES = `query($representations: [_Any!]!) {
  _entities(representations: $representations) { ... on Profile { __typename maxMaturity } }
}`;
const title = (id: string) => ({ __typename: 'Title', id });
const titleEntity = (id: string) => ({ __typename: 'Title', name: `Name of ${id}`, maturityRating: 13 });

function cached() {
  const cache = new EntityCache();
  cache.usePolicies(CachePolicies.fromSdl(readFileSync(SUPERGRAPH_PATH, 'utf8')));
  return cache;
}

/** A `next` that answers each representation with its entity and keeps what it was sent. */
function subgraph() {
  const sent: SubgraphFetch[] = [];
  const next = async (fetch: SubgraphFetch): Promise<SubgraphAnswer> => {
    sent.push(fetch);
    const representations = fetch.variables.representations as { id: string }[];
    return { data: { _entities: representations.map(({ id }) => titleEntity(id)) } };
  };
  return { sent, next };
}

const titlesFetch = (ids: string[], hints: GatewayCacheHint[] = []) =>
  subgraphFetch('catalog', TITLES, {
    variables: { representations: ids.map(title) },
    freshness: (hint) => hints.push(hint),
  });

describe('the entity cache stage', () => {
  it('answers cached PUBLIC entities itself and fetches only the misses, in the order asked', async () => {
    const { sent, next } = subgraph();
    const handler = cacheStage(cached())(next);
    await handler(titlesFetch(['t-1', 't-3']));
    const hints: GatewayCacheHint[] = [];

    const answer = await handler(titlesFetch(['t-1', 't-2', 't-3'], hints));

    expect(answer).toEqual({
      data: { _entities: [titleEntity('t-1'), titleEntity('t-2'), titleEntity('t-3')] },
    });
    expect(sent.map((fetch) => fetch.variables.representations)).toEqual([
      [title('t-1'), title('t-3')],
      [title('t-2')],
    ]);
    // Each hit says how long it stays fresh, for the response's cache-control.
    expect(hints).toEqual([
      { maxAge: expect.any(Number), scope: 'PUBLIC' },
      { maxAge: expect.any(Number), scope: 'PUBLIC' },
    ]);
  });

  it('sends identical fetches in flight once, and gives every caller an answer of its own', async () => {
    const { sent, next } = subgraph();
    const handler = cacheStage(cached())(next);
    const answers = await Promise.all([1, 2, 3].map(() => handler(titlesFetch(['t-9']))));
    expect(sent).toHaveLength(1);
    expect(answers).toEqual([1, 2, 3].map(() => ({ data: { _entities: [titleEntity('t-9')] } })));
    expect(new Set(answers).size).toBe(3);
  });

  it('caches nothing from an answer with errors', async () => {
    const sent: SubgraphFetch[] = [];
    const handler = cacheStage(cached())(async (fetch) => {
      sent.push(fetch);
      return { data: { _entities: [null] }, errors: [{ message: 'boom', path: ['_entities', 0] }] };
    });
    await handler(titlesFetch(['t-1']));
    await handler(titlesFetch(['t-1']));
    expect(sent).toHaveLength(2);
  });

  it('passes every fetch of data not declared PUBLIC through, and its answer untouched', async () => {
    const answer = { data: { _entities: [{ __typename: 'Profile', maxMaturity: 18 }] } };
    const sent: SubgraphFetch[] = [];
    const handler = cacheStage(cached())(async (fetch) => {
      sent.push(fetch);
      return answer;
    });
    const fetch = subgraphFetch('profiles', PROFILES, {
      variables: { representations: [{ __typename: 'Profile', id: 'p-1' }] },
    });
    await expect(handler(fetch)).resolves.toBe(answer);
    await expect(handler(fetch)).resolves.toBe(answer);
    expect(sent).toEqual([fetch, fetch]);
  });
});
