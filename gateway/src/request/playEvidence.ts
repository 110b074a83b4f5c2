/**
 * What the fetch path learns of each play session a request decides, kept for its decision record
 * (gateway/src/decisions/): shared by the request's fetches like its fallback state.
 */
import type { PlaybackDecisionNote, RecordedRule } from '@contracts/decisionNotes';

export interface SessionEvidence {
  /** The entitlement's rules; null when the entitlement carried none (a default stood in). */
  entitlementRules: RecordedRule[] | null;
  /** Playback's note; null when playback did not answer (its fallback did). */
  note: PlaybackDecisionNote | null;
}

/** Per client request: the evidence of each play session it fetched a decision for, by play session id. */
export type EvidenceSink = Map<string, SessionEvidence>;
