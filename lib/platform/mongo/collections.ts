/**
 * The MongoDB collections: their names, document shapes and indexes, in one place so the repositories,
 * the seed and docs/mongodb.md agree. Every document's `_id` is the record's id, so ids are unique by
 * construction and a lookup by id uses the `_id` index. Times from the dataset stay ISO-8601 strings, as
 * the file gives them: keeping the exact text makes a read return exactly what was seeded. Where a query
 * must compare times (a title's license window), the seed adds the instants as BSON dates beside the text,
 * since ISO-8601 texts with different offsets do not sort in time order.
 */
import { createHash } from 'node:crypto';
import type { Collection, Db, IndexDescription } from 'mongodb';
import type { Cdn, EntitlementRecord, Profile, Title, User } from '../dataset/model';

/**
 * A title; `genreKeys` holds its genres lower-cased, for case-insensitive genre pages, and
 * `windowStartAt`/`windowEndAt` its license window's bounds as dates, for availability filters: null
 * when the bound is null or its text cannot be read (a query tells those apart by the text field).
 */
export type TitleDocument = Omit<Title, 'id'> & {
  _id: string;
  genreKeys: string[];
  windowStartAt: Date | null;
  windowEndAt: Date | null;
};

/** Fields the seed derives from a title's own; a read of a `Title` leaves them in the database. */
export type DerivedTitleField = 'genreKeys' | 'windowStartAt' | 'windowEndAt';

/** An account (a dataset user) and its subscription, whatever its status. */
export type AccountDocument = Omit<User, 'id'> & { _id: string };

/** A viewer profile; `position` orders an account's profiles (creation order; file order when seeded). */
export type ProfileDocument = Omit<Profile, 'id'> & { _id: string; position: number };

/** A rental or purchase; `_id` is {@link entitlementId} of its content, so seeding it twice is a no-op. */
export type EntitlementDocument = EntitlementRecord & { _id: string };

export type CdnDocument = Omit<Cdn, 'id'> & { _id: string };

/**
 * Where a profile stopped watching a title; written by playback's watch-history journal, read newest
 * first per profile. `_id` is `${profileId}:${titleId}`, so a profile has one entry per title, and
 * `updatedAt` (when the session's end was accepted) decides which of two ends wins: never the older.
 */
export interface WatchHistoryDocument {
  _id: string;
  profileId: string;
  accountId: string;
  titleId: string;
  /** The manifest's `sid` of the session that wrote this entry last. */
  sessionId: string;
  positionSeconds: number;
  /** A completed title stays recorded (so an older end cannot bring it back) but is not listed. */
  completed: boolean;
  updatedAt: Date;
}

export interface CollectionDocuments {
  titles: TitleDocument;
  accounts: AccountDocument;
  profiles: ProfileDocument;
  entitlements: EntitlementDocument;
  cdns: CdnDocument;
  watchHistory: WatchHistoryDocument;
}

export type CollectionName = keyof CollectionDocuments;

/** The collections `npm run seed` makes equal to a dataset file; `watchHistory` is never seeded. */
export const SEEDED_COLLECTIONS = ['accounts', 'profiles', 'titles', 'entitlements', 'cdns'] as const;

/** Indexes beyond `_id`, per collection: each serves one query the services run. */
export const INDEXES: { readonly [Name in CollectionName]: readonly IndexDescription[] } = {
  // Genre pages: titles of a genre in catalog (id) order.
  titles: [{ key: { genreKeys: 1, _id: 1 }, name: 'genre_catalog_order' }],
  accounts: [],
  // An account's profiles in order.
  profiles: [{ key: { userId: 1, position: 1 }, name: 'account_profiles' }],
  // An account's rentals and purchases of a title: the entitlement decision's read.
  entitlements: [{ key: { userId: 1, titleId: 1 }, name: 'account_title' }],
  cdns: [],
  // A profile's history, newest first (continue watching).
  watchHistory: [{ key: { profileId: 1, updatedAt: -1 }, name: 'profile_recent' }],
};

export function collection<Name extends CollectionName>(
  db: Db,
  name: Name,
): Collection<CollectionDocuments[Name]> {
  return db.collection<CollectionDocuments[Name]>(name);
}

/** Creates every collection's indexes; idempotent, so every seed (and any start) may run it. */
export async function ensureIndexes(db: Db): Promise<void> {
  for (const name of Object.keys(INDEXES) as CollectionName[]) {
    const indexes = INDEXES[name];
    if (indexes.length > 0) await db.collection(name).createIndexes([...indexes]);
  }
}

/** A deterministic id from what makes an entitlement record what it is. */
export function entitlementId({ userId, titleId, kind, expiresAt }: EntitlementRecord): string {
  return createHash('sha256')
    .update(JSON.stringify([userId, titleId, kind, expiresAt]))
    .digest('hex')
    .slice(0, 32);
}
