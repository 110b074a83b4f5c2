/**
 * Watch history: where each profile stopped watching each title. Written only by the journal's
 * drainer (see `history/watchHistory.ts`), read by `Profile.continueWatching`.
 */

import type { TraceParent } from '@platform/tracing/spans';

/** How many unfinished titles `continueWatching` lists per profile, most recent first. */
export const CONTINUE_WATCHING_LIMIT = 20;

/** The end of one playback session, as `endPlayback` accepted it and the journal holds it. */
export interface PlaybackEnd {
  /** The manifest's `sid`: one session ends in one entry (ending it twice keeps the later one). */
  sessionId: string;
  accountId: string;
  profileId: string;
  titleId: string;
  positionSeconds: number;
  completed: boolean;
  /** When the server accepted it (ISO-8601): what orders two ends of the same profile and title. */
  endedAt: string;
}

/** One unfinished title on a profile's continue-watching row. */
export interface ContinueWatchingEntry {
  titleId: string;
  positionSeconds: number;
  /** ISO-8601, from the `endedAt` of the end that wrote it. */
  updatedAt: string;
}

/** Whose history to read: a profile, seen only by the account it belongs to. */
export interface HistoryOwner {
  accountId: string;
  profileId: string;
}

export interface HistoryRepository {
  /**
   * Records ends, keyed by (profile, title). Idempotent and order-proof: an end never overwrites one
   * with a later `endedAt`, and applying the same end twice leaves what applying it once did, so a
   * journal replay can never duplicate or roll back anything.
   */
  recordEnds(ends: readonly PlaybackEnd[]): Promise<void>;
  /**
   * Unfinished titles per owner, most recent first, at most {@link CONTINUE_WATCHING_LIMIT} each:
   * only entries written for that account (a profile id of another account reads as empty).
   * `parent`: the request it is read for, under which a database read is traced
   * (lib/platform/mongo/spans.ts); none, no span. Writes are the drainer's, on nobody's behalf.
   */
  continueWatching(owners: readonly HistoryOwner[], parent?: TraceParent): Promise<ContinueWatchingEntry[][]>;
}

/** The key history is stored under: one entry per profile and title. */
export function historyKey(end: Pick<PlaybackEnd, 'profileId' | 'titleId'>): string {
  return `${end.profileId}:${end.titleId}`;
}

/**
 * The newest end per (profile, title) of a batch, in the order given: what a batch leaves behind,
 * written once. Ties in `endedAt` go to the later entry, as applying them in order would.
 */
export function newestPerKey(ends: readonly PlaybackEnd[]): PlaybackEnd[] {
  const newest = new Map<string, PlaybackEnd>();
  for (const end of ends) {
    const key = historyKey(end);
    const held = newest.get(key);
    if (!held || Date.parse(held.endedAt) <= Date.parse(end.endedAt)) newest.set(key, end);
  }
  return [...newest.values()];
}
