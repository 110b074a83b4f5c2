import type { Filter } from 'mongodb';
import type { Title } from '@platform/dataset/model';
import { collection, type DerivedTitleField, type TitleDocument } from '@platform/mongo/collections';
import type { MongoStore } from '@platform/mongo/client';
import { mongoSpan } from '@platform/mongo/spans';
import type { TraceParent } from '@platform/tracing/spans';
import type { TitlePage, TitleQuery, TitleRepository } from './titleRepository';

/** Every field a `Title` has, and nothing derived (`genreKeys`, `windowStartAt`, `windowEndAt` stay in the database). */
const TITLE_FIELDS = {
  name: 1,
  synopsis: 1,
  genres: 1,
  durationSeconds: 1,
  maturityRating: 1,
  countries: 1,
  windowStart: 1,
  windowEnd: 1,
  subscriptionTier: 1,
  rental: 1,
  purchase: 1,
  drmRequired: 1,
  encodings: 1,
} as const;

/** Titles in the `titles` collection (docs/mongodb.md). */
export class MongoTitleRepository implements TitleRepository {
  constructor(private readonly store: MongoStore) {}

  private get titles() {
    return collection(this.store.db, 'titles');
  }

  async findByIds(ids: readonly string[], parent?: TraceParent): Promise<(Title | null)[]> {
    const documents = await mongoSpan(parent, this.store, 'find', 'titles', () =>
      this.titles
        .find({ _id: { $in: [...new Set(ids)] } }, { projection: TITLE_FIELDS })
        .maxTimeMS(this.store.operationTimeoutMs)
        .toArray(),
    );
    const byId = new Map(documents.map((document) => [document._id, toTitle(document)]));
    return ids.map((id) => byId.get(id) ?? null);
  }

  async list(
    { genre, country, playableAt, afterId, limit }: TitleQuery,
    parent?: TraceParent,
  ): Promise<TitlePage> {
    // The filters run in the database, so that `totalCount` counts every match and `limit` fills a page.
    const matching = titleFilter({ genre, country, playableAt });
    const page: Filter<TitleDocument> =
      afterId === undefined ? matching : { ...matching, _id: { $gt: afterId } };
    const [documents, totalCount] = await Promise.all([
      mongoSpan(parent, this.store, 'find', 'titles', () =>
        this.titles
          .find(page, { projection: TITLE_FIELDS })
          .sort({ _id: 1 })
          // One more than asked tells whether there is a next page without counting the rest.
          .limit(limit + 1)
          .maxTimeMS(this.store.operationTimeoutMs)
          .toArray(),
      ),
      // `countDocuments` is an `aggregate` command.
      mongoSpan(parent, this.store, 'aggregate', 'titles', () =>
        this.titles.countDocuments(matching, { maxTimeMS: this.store.operationTimeoutMs }),
      ),
    ]);
    return {
      titles: documents.slice(0, limit).map(toTitle),
      hasNextPage: documents.length > limit,
      totalCount,
    };
  }
}

/**
 * The query for the titles a page may list. The same rules as `@contracts/availability`, in MongoDB's
 * terms: `{ field: null }` matches a null or missing field, and an array field equal to a value matches
 * when the array holds it. A bound's date is null when its text is null or unreadable, and only the
 * text tells those apart: a null text is no bound, a set text with no date is never open.
 */
function titleFilter({
  genre,
  country,
  playableAt,
}: Omit<TitleQuery, 'afterId' | 'limit'>): Filter<TitleDocument> {
  const clauses: Filter<TitleDocument>[] = [];
  if (genre !== undefined) clauses.push({ genreKeys: genre.toLowerCase() });
  if (country !== undefined) {
    clauses.push({ $or: [{ countries: null }, { countries: { $size: 0 } }, { countries: country }] });
  }
  if (playableAt !== undefined) {
    clauses.push({ $or: [{ windowStart: null }, { windowStartAt: { $lte: playableAt } }] });
    clauses.push({ $or: [{ windowEnd: null }, { windowEndAt: { $gt: playableAt } }] });
  }
  if (clauses.length === 0) return {};
  // The genre alone stays a plain equality, as before, so that it uses the `genre_catalog_order` index.
  return clauses.length === 1 ? clauses[0]! : { $and: clauses };
}

function toTitle({ _id, ...fields }: Omit<TitleDocument, DerivedTitleField>): Title {
  return {
    id: _id,
    name: fields.name,
    synopsis: fields.synopsis,
    genres: fields.genres,
    durationSeconds: fields.durationSeconds,
    maturityRating: fields.maturityRating,
    countries: fields.countries,
    windowStart: fields.windowStart,
    windowEnd: fields.windowEnd,
    subscriptionTier: fields.subscriptionTier,
    rental: fields.rental,
    purchase: fields.purchase,
    drmRequired: fields.drmRequired,
    encodings: fields.encodings,
  };
}
