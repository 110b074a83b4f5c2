import { subgraphFetch } from '@testing/subgraphFetch';
import { erredPositions, sendSubset } from './entitySubset';
import type { SubgraphFetch } from './pipeline';

const TITLES =
  'query($representations: [_Any!]!) { _entities(representations: $representations) { ... on Title { name } } }';
const title = (id: string) => ({ __typename: 'Title', id });

describe('sending a subset of an _entities fetch', () => {
  const fetch = subgraphFetch('catalog', TITLES, {
    variables: { representations: [title('t-0'), title('t-1'), title('t-2'), title('t-3')] },
  });

  it('sends only the representations asked for, in order, and puts errors back at their whole-list index', async () => {
    const sent: SubgraphFetch[] = [];
    const answer = await sendSubset(fetch, [1, 3], async (subset) => {
      sent.push(subset);
      return {
        data: { _entities: [{ name: 'One' }, null] },
        errors: [{ message: 'boom', path: ['_entities', 1, 'name'] }, { message: 'no path' }],
      };
    });
    expect(sent.map((subset) => subset.variables.representations)).toEqual([[title('t-1'), title('t-3')]]);
    expect(fetch.variables.representations).toHaveLength(4);
    expect(answer.entities).toEqual([{ name: 'One' }, null]);
    expect(answer.errors).toEqual([
      { message: 'boom', path: ['_entities', 3, 'name'] },
      { message: 'no path' },
    ]);
  });

  it('sends the fetch itself, and keeps its answer whole, when every representation is asked for', async () => {
    const whole = {
      data: { _entities: [null, null, null, null] },
      errors: [{ message: 'x', path: ['_entities', 2] }],
    };
    const answer = await sendSubset(fetch, [0, 1, 2, 3], async (sentFetch) => {
      expect(sentFetch).toBe(fetch);
      return whole;
    });
    expect(answer.answer).toBe(whole);
    expect(answer.errors).toEqual(whole.errors);
  });

  it('reads which entities erred from their error paths', () => {
    expect(
      erredPositions([
        { message: 'a', path: ['_entities', 2, 'name'] },
        { message: 'b', path: ['me'] },
        { message: 'c' },
      ]),
    ).toEqual(new Set([2]));
  });
});
