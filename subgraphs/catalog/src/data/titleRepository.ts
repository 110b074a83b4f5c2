import type { Title } from '@platform/dataset/model';
import type { TraceParent } from '@platform/tracing/spans';

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

/**
 * Where the catalog's titles live: the embedded store or MongoDB. `parent` of a read: the request it
 * is for, under which a database read is traced (lib/platform/mongo/spans.ts); none, no span.
 */
export interface TitleRepository {
  /** Titles by id, in the order asked, null where there is no such title. One round trip. */
  findByIds(ids: readonly string[], parent?: TraceParent): Promise<(Title | null)[]>;
  list(query: TitleQuery, parent?: TraceParent): Promise<TitlePage>;
}
