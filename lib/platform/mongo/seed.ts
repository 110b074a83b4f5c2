/**
 * Makes the seeded collections equal to a dataset: every record is upserted under its id (so seeding
 * twice changes nothing) and every document the dataset no longer has is removed (so the database
 * never serves a title, right or profile the file dropped). `watchHistory` is never touched.
 */
import type { AnyBulkWriteOperation, Db, Document } from 'mongodb';
import type { Dataset } from '../dataset/model';
import { readInstant } from '@contracts/availability';
import { entitlementId, ensureIndexes, SEEDED_COLLECTIONS, type CollectionDocuments } from './collections';

type SeededCollection = (typeof SEEDED_COLLECTIONS)[number];

/** What seeding did to one collection. */
export interface CollectionReport {
  /** Documents the dataset has for it: what the collection holds afterwards. */
  documents: number;
  inserted: number;
  /** Existing documents whose content changed (a server may count rewritten-but-equal ones too). */
  updated: number;
  /** Documents the dataset no longer has. */
  removed: number;
}

export type SeedReport = Record<SeededCollection, CollectionReport>;

/** The documents a dataset becomes, per collection (docs/mongodb.md shows the shapes). */
export function datasetDocuments(dataset: Dataset): {
  [Name in SeededCollection]: CollectionDocuments[Name][];
} {
  return {
    accounts: dataset.users.map(({ id, country, subscription }) => ({ _id: id, country, subscription })),
    profiles: dataset.profiles.map(({ id, ...profile }, position) => ({ _id: id, ...profile, position })),
    titles: dataset.titles.map(({ id, ...title }) => ({
      _id: id,
      ...title,
      genreKeys: [...new Set(title.genres.map((genre) => genre.toLowerCase()))],
      windowStartAt: readInstant(title.windowStart),
      windowEndAt: readInstant(title.windowEnd),
    })),
    entitlements: dataset.entitlements.map((record) => ({ _id: entitlementId(record), ...record })),
    cdns: dataset.cdns.map(({ id, ...cdn }) => ({ _id: id, ...cdn })),
  };
}

/** Seeds an already validated dataset (see `loadDataset`) and creates the indexes. */
export async function seedDatabase(db: Db, dataset: Dataset): Promise<SeedReport> {
  await ensureIndexes(db);
  const documents = datasetDocuments(dataset);
  const report = {} as SeedReport;
  for (const name of SEEDED_COLLECTIONS) {
    report[name] = await replaceCollection(db, name, documents[name]);
  }
  return report;
}

async function replaceCollection(
  db: Db,
  name: SeededCollection,
  documents: readonly (Document & { _id: string })[],
): Promise<CollectionReport> {
  const target = db.collection<Document & { _id: string }>(name);
  let inserted = 0;
  let updated = 0;
  if (documents.length > 0) {
    const operations: AnyBulkWriteOperation<Document & { _id: string }>[] = documents.map((document) => ({
      replaceOne: { filter: { _id: document._id }, replacement: document, upsert: true },
    }));
    const result = await target.bulkWrite(operations, { ordered: false });
    inserted = result.upsertedCount;
    updated = result.modifiedCount;
  }
  const { deletedCount } = await target.deleteMany({ _id: { $nin: documents.map(({ _id }) => _id) } });
  return { documents: documents.length, inserted, updated, removed: deletedCount };
}
