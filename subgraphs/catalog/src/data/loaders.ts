import DataLoader from 'dataloader';
import type { Title } from '@platform/dataset/model';
import type { TraceParent } from '@platform/tracing/spans';
import type { TitleRepository } from './titleRepository';

export interface CatalogLoaders {
  /**
   * Titles by id. A page of titles, or a batch of `_entities` representations from the gateway,
   * asks for many titles in one tick: this turns N lookups into one repository call.
   */
  title: DataLoader<string, Title | null>;
}

/**
 * New loaders for every request, so nothing cached here outlives the request; their reads are traced
 * under `trace`, the request's.
 */
export function createLoaders(titles: TitleRepository, trace: TraceParent): CatalogLoaders {
  return { title: new DataLoader((ids) => titles.findByIds(ids, trace)) };
}
