import type { Title } from '@platform/dataset/model';

/** One page of titles in catalog order (ascending id); `totalCount` counts every title the filters keep. */
export interface TitlePage {
  titles: Title[];
  hasNextPage: boolean;
  totalCount: number;
}

export interface TitleQuery {
  /** Case-insensitive exact genre match; undefined for every genre. */
  genre?: string | undefined;
  /**
   * Only titles licensed in this country: an upper-case ISO 3166-1 alpha-2 code, already validated.
   * Titles with null or empty `countries` are licensed everywhere. Undefined for every country.
   */
  country?: string | undefined;
  /**
   * Only titles whose license window is open at this instant (start inclusive, end exclusive; a set
   * but unreadable bound is never open). Undefined for any time.
   */
  playableAt?: Date | undefined;
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
