import type { TitleResolvers } from '../__generated__/resolvers';

export const Title: TitleResolvers = {
  // The gateway sends every title of a query plan in one `_entities` call; the loader batches them.
  __resolveReference: ({ id }, { loaders }) => loaders.title.load(id),
};
