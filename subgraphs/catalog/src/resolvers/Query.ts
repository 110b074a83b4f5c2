import { GraphQLError } from 'graphql';
import { ErrorCode } from '@contracts/graphqlErrors';
import type { QueryResolvers } from '../__generated__/resolvers';
import { countryArgument, instantArgument } from './availabilityArguments';

/** Largest page a client may ask for; bigger pages would make one request hog the store. */
export const MAX_PAGE_SIZE = 100;

const encodeCursor = (titleId: string) => Buffer.from(`title:${titleId}`).toString('base64url');

function decodeCursor(cursor: string): string {
  const decoded = Buffer.from(cursor, 'base64url').toString('utf8');
  if (!decoded.startsWith('title:')) {
    throw new GraphQLError('`after` is not a cursor returned by `titles`', {
      extensions: { code: ErrorCode.BadUserInput },
    });
  }
  return decoded.slice('title:'.length);
}

export const Query: QueryResolvers = {
  title: (_parent, { id }, { loaders }) => loaders.title.load(id),

  titles: async (_parent, { first, after, genre, country, playableAt }, { loaders, titles, trace }) => {
    const limit = first ?? 20;
    if (limit < 1 || limit > MAX_PAGE_SIZE) {
      throw new GraphQLError(`\`first\` must be between 1 and ${MAX_PAGE_SIZE}`, {
        extensions: { code: ErrorCode.BadUserInput },
      });
    }
    const page = await titles.list(
      {
        genre: genre ?? undefined,
        country: countryArgument(country),
        playableAt: instantArgument(playableAt),
        afterId: after ? decodeCursor(after) : undefined,
        limit,
      },
      trace,
    );
    // Prime the loader so `_entities` lookups later in this request reuse the page.
    for (const title of page.titles) loaders.title.prime(title.id, title);
    const edges = page.titles.map((title) => ({ cursor: encodeCursor(title.id), node: title }));
    return {
      edges,
      totalCount: page.totalCount,
      pageInfo: { hasNextPage: page.hasNextPage, endCursor: edges.at(-1)?.cursor ?? null },
    };
  },
};
