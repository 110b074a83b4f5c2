import type { ContinueWatchingItemResolvers } from '../__generated__/resolvers';

export const ContinueWatchingItem: ContinueWatchingItemResolvers = {
  // A reference: the catalog resolves the title's fields.
  title: (entry) => ({ id: entry.titleId }),
};
