import type { SubgraphContext } from '@platform/subgraph/server';
import type { CatalogLoaders } from '../data/loaders';
import type { TitleRepository } from '../data/titleRepository';

export interface CatalogContext extends SubgraphContext {
  loaders: CatalogLoaders;
  /** For queries that are not lookups by id (pagination); lookups go through `loaders`. */
  titles: TitleRepository;
}
