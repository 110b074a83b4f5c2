import type { DecisionReason, Prompt } from '@contracts/decision';
import type { PlaybackDecisionNote } from '@contracts/decisionNotes';
import type { SignedManifest } from '../manifest/sign';

/** The decision the device reads: the entitlement's, or the device check's refusal on top of a grant. */
export interface PlayDecision {
  allowed: boolean;
  reason: DecisionReason;
  message: string;
  prompt: Prompt | null;
}

/** What one play session ends with. Invariant: `manifest` is set exactly when `decision.allowed`. */
export interface PlayOutcome {
  decision: PlayDecision;
  manifest: SignedManifest | null;
  /** What the gateway records of this decision beside the entitlement's rules. */
  note: PlaybackDecisionNote;
}
