/**
 * Decision records: what the platform decided for each `play` (a grant or a refusal, why, the rule
 * trace's evidence as it was then, and what fallbacks answered), kept for `DECISION_RETENTION_DAYS`
 * so that support can ask afterwards "why was this viewer refused on Tuesday at 21:04 on their TV?".
 * The gateway writes them off the play's path (gateway/src/decisions/); the `usage` subgraph answers
 * analysts from them. No token and no client address is ever part of a record.
 */
import type { DecisionReason } from '@contracts/decision';
import type { RecordedRule } from '@contracts/decisionNotes';

export type { RecordedRule } from '@contracts/decisionNotes';

/** How long records are kept unless `DECISION_RETENTION_DAYS` says otherwise. */
export const DEFAULT_DECISION_RETENTION_DAYS = 30;

/** A part of the answer a fallback served instead of its subgraph. */
export interface RecordedFallback {
  /** Where in the answer, dot-separated from the `play` field: `play.decision`, `play.title.name`. */
  path: string;
  subgraph: string;
  fallback: 'STALE' | 'DEFAULT' | 'OMITTED';
  /** The stale value's age in seconds; null for DEFAULT and OMITTED. */
  ageSeconds: number | null;
}

/** Why the request was made: a press of play, a prefetch while browsing, or the start of a prefetch. */
export type PlayIntent = 'PLAY' | 'PREFETCH' | 'START';

export interface DecisionRecord {
  /**
   * Unique per decision. A grant's is the manifest's session id (`sid`, what edge logs carry); a
   * refusal opens no session and gets an id of its own.
   */
  sessionId: string;
  /** When the gateway answered: an ISO-8601 instant with milliseconds, UTC. */
  at: string;
  accountId: string;
  profileId: string;
  titleId: string;
  /** The caller's country (ISO 3166-1 alpha-2); null when unknown. */
  country: string | null;
  /** The device class the request named (TV, MOBILE, WEB, ...). */
  deviceType: string;
  intent: PlayIntent;
  allowed: boolean;
  reason: DecisionReason;
  /**
   * The rules in evaluation order as they ran for this decision; empty when no rule ran for it (the
   * decision was a fallback's: see `degraded`).
   */
  rules: RecordedRule[];
  /** Every part of the answer a fallback served; empty when every subgraph answered. */
  degraded: RecordedFallback[];
  /** The trace of the request, when tracing was on. */
  traceId: string | null;
}

/** Where a page of {@link DecisionStore.list} ends: records come newest first, ties by session id. */
export interface DecisionCursor {
  at: string;
  sessionId: string;
}

export interface DecisionQuery {
  accountId: string;
  /** Inclusive. */
  from: Date;
  /** Exclusive. */
  to: Date;
  /** Only decisions with this reason. */
  reason?: DecisionReason;
  /** At most this many records. */
  limit: number;
  /** Only records after this one in the order (newest first; at equal `at`, greater session id first). */
  after?: DecisionCursor;
}

export interface RefusalCount {
  reason: DecisionReason;
  count: number;
}

/** Where records are kept: a directory (the embedded default) or MongoDB (stores.ts opens one). */
export interface DecisionStore {
  /** Keeps the records; a session id already kept is not written twice. */
  add(records: readonly DecisionRecord[]): Promise<void>;
  /** An account's records from `from` to `to`, newest first, at most `limit`. */
  list(query: DecisionQuery): Promise<DecisionRecord[]>;
  get(sessionId: string): Promise<DecisionRecord | null>;
  /** Refusals (allowed false) in a country from `from` (inclusive) to `to` (exclusive), by reason, most first. */
  refusalCounts(country: string, from: Date, to: Date): Promise<RefusalCount[]>;
  /** Forgets every record older than `before`. */
  prune(before: Date): Promise<void>;
  close(): Promise<void>;
}

/** Whether `a` comes before `b` in a listing: newest first, then greater session id first. */
export function listedBefore(a: DecisionCursor, b: DecisionCursor): boolean {
  if (a.at !== b.at) return a.at > b.at;
  return a.sessionId > b.sessionId;
}

/**
 * The instant an `at` (a record's or a cursor's) names. Throws for a text that names none: that is a
 * writer's bug, and a store would otherwise keep a record no range can find.
 */
export function decisionInstant(at: string): Date {
  const instant = new Date(at);
  if (Number.isNaN(instant.getTime())) throw new Error(`Not an instant: ${JSON.stringify(at)}`);
  return instant;
}
