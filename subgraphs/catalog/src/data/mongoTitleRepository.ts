import type { Title } from '@platform/dataset/model';
import { collection, type TitleDocument } from '@platform/mongo/collections';
import type { MongoStore } from '@platform/mongo/client';
import type { TitlePage, TitleQuery, TitleRepository } from './titleRepository';

/** Every field a `Title` has, and nothing derived (`genreKeys` stays in the database). */
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

  async findByIds(ids: readonly string[]): Promise<(Title | null)[]> {
    const documents = await this.titles
      .find({ _id: { $in: [...new Set(ids)] } }, { projection: TITLE_FIELDS })
      .maxTimeMS(this.store.operationTimeoutMs)
      .toArray();
    const byId = new Map(documents.map((document) => [document._id, toTitle(document)]));
    return ids.map((id) => byId.get(id) ?? null);
  }

  async list({ genre, afterId, limit }: TitleQuery): Promise<TitlePage> {
    const inGenre = genre === undefined ? {} : { genreKeys: genre.toLowerCase() };
    const page = afterId === undefined ? inGenre : { ...inGenre, _id: { $gt: afterId } };
    const [documents, totalCount] = await Promise.all([
      this.titles
        .find(page, { projection: TITLE_FIELDS })
        .sort({ _id: 1 })
        // One more than asked tells whether there is a next page without counting the rest.
        .limit(limit + 1)
        .maxTimeMS(this.store.operationTimeoutMs)
        .toArray(),
      this.titles.countDocuments(inGenre, { maxTimeMS: this.store.operationTimeoutMs }),
    ]);
    return {
      titles: documents.slice(0, limit).map(toTitle),
      hasNextPage: documents.length > limit,
      totalCount,
    };
  }
}

function toTitle({ _id, ...fields }: Omit<TitleDocument, 'genreKeys'>): Title {
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
