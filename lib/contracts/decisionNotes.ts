/**
 * What playback tells the gateway about each play session it decided, for the decision record
 * (gateway/src/decisions/): the device rule as it ran and the session id of a grant. It travels in
 * the `_entities` answer's `extensions`, beside the data the device reads, because the device's
 * operation never asks for it; the gateway takes it out before anything reaches the device.
 */
import type { PlayRule, RuleOutcome } from './ruleChecks';

/**
 * Set (to `on`) on the fetches of a request whose decisions the gateway records: only then do
 * entitlements and playback write down their rules' evidence, so that recording off costs nothing.
 */
export const DECISION_EVIDENCE_HEADER = 'x-decision-evidence';

/**
 * `extensions[PLAY_DECISIONS_EXTENSION]` lists a {@link PlaySessionNote} per play session decided.
 * A list, not an object keyed by play session id: JSON parsed into objects whose keys are never the
 * same twice gives V8 a new object shape every time, which cost every recorded play about 100 µs
 * of CPU across playback and the gateway (docs/benchmarks.md).
 */
export const PLAY_DECISIONS_EXTENSION = 'playDecisions';

/** One rule as it was evaluated for a decision (its description is the rule's, not the decision's). */
export interface RecordedRule {
  rule: PlayRule;
  outcome: RuleOutcome;
  /** The facts the rule looked at then, one sentence each. */
  evidence: string[];
}

export interface PlaybackDecisionNote {
  /** The manifest's `sid` for a grant; null for a refusal, which opens no session. */
  sessionId: string | null;
  /** The device rule: NOT_REACHED when the entitlement refused or the grant did not verify. */
  device: RecordedRule;
}

/** A note with the play session it is about: the `id` of the representation playback was sent. */
export interface PlaySessionNote extends PlaybackDecisionNote {
  playSessionId: string;
}
