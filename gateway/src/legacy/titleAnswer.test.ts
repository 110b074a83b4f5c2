import type { TitleQuery } from '../../../clients/__generated__/operations';
import type { GraphQLAnswer } from './legacyErrors';
import { titleAnswer } from './titleAnswer';

const TITLE: NonNullable<TitleQuery['title']> = {
  id: 't-1',
  name: 'One',
  synopsis: 'A story.',
  genres: ['Drama'],
  durationSeconds: 5400,
  maturityRating: 13,
  subscriptionTier: 'BASIC',
};

const graphql = (json: GraphQLAnswer['json'], status = 200): GraphQLAnswer => ({ status, headers: {}, json });

describe('titleAnswer', () => {
  it('maps a title field for field', () => {
    expect(titleAnswer(graphql({ data: { title: TITLE } }), 't-1')).toEqual({
      status: 200,
      body: { ...TITLE, degraded: false, degradedParts: [] },
    });
  });

  it('answers 404 naming the id when the catalog has no such title', () => {
    expect(titleAnswer(graphql({ data: { title: null } }), 't-nope')).toEqual({
      status: 404,
      body: { error: { code: 'TITLE_NOT_FOUND', message: 'No title with id "t-nope"' } },
    });
  });

  it('answers 503, not 404, when the title is missing because the catalog failed', () => {
    const answer = titleAnswer(
      graphql({ data: { title: null }, errors: [{ message: 'catalog down' }] }),
      't-1',
    );
    expect(answer.status).toBe(503);
  });

  it('reports a stale part', () => {
    const answer = titleAnswer(
      graphql({
        data: { title: TITLE },
        extensions: {
          degraded: [{ path: ['title', 'synopsis'], subgraph: 'catalog', fallback: 'STALE', ageSeconds: 30 }],
        },
      }),
      't-1',
    );
    expect(answer.body).toMatchObject({
      degraded: true,
      degradedParts: [{ path: 'title.synopsis', subgraph: 'catalog', fallback: 'STALE', ageSeconds: 30 }],
    });
  });

  it('keeps a 401 a 401', () => {
    expect(titleAnswer(graphql({ errors: [{ message: 'Send a token' }] }, 401), 't-1').status).toBe(401);
  });
});
