import type { Title } from '@platform/dataset/model';

/** One page of titles in catalog order (ascending id). */
export interface TitlePage {
  titles: Title[];
  hasNextPage: boolean;
  totalCount: number;
}

export interface TitleQuery {
  /** Case-insensitive exact genre match; undefined for every genre. */
  genre?: string | undefined;
  /** Only titles whose id sorts after this one. */
  afterId?: string | undefined;
  /** Page size, already validated (1-100). */
  limit: number;
}

/** Where the catalog's titles live: the embedded store or MongoDB. */
export interface TitleRepository {
  /** Titles by id, in the order asked, null where there is no such title. One round trip. */
  findByIds(ids: readonly string[]): Promise<(Title | null)[]>;
  list(query: TitleQuery): Promise<TitlePage>;
}
