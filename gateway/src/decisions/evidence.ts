/**
 * What the fetch path learns of each play session a request decides, for its decision record: the
 * entitlement's rules as the query plan hands them to playback (fresh, a fallback's stale copy with
 * the evidence it was decided on, or none from a default), and playback's note (the device rule, a
 * grant's session id) from its answer's extensions, which are taken out there.
 */
import {
  PLAY_DECISIONS_EXTENSION,
  type PlaybackDecisionNote,
  type RecordedRule,
} from '@contracts/decisionNotes';
import { PLAY_RULES, type PlayRule, type RuleOutcome } from '@contracts/ruleChecks';
import { representationsOf, type FetchStage } from '../fetch/pipeline';

/** Fills the request's sink from the fetches that take a play session's decision to playback. */
export const decisionEvidenceStage: FetchStage = (next) => async (fetch) => {
  const sink = fetch.evidence;
  if (!sink || fetch.shape.kind !== 'entities') return next(fetch);
  const sessions = representationsOf(fetch).filter(
    (representation) => representation.__typename === 'PlaySession' && 'entitlement' in representation,
  );
  if (sessions.length === 0) return next(fetch);
  for (const { id, entitlement } of sessions) {
    sink.set(String(id), { entitlementRules: rulesOf(entitlement), note: null });
  }
  const answer = await next(fetch);
  const { [PLAY_DECISIONS_EXTENSION]: notes, ...extensions } = answer.extensions ?? {};
  if (notes === undefined) return answer;
  for (const [id, evidence] of sink) {
    const note = (notes as Record<string, unknown>)[id];
    if (isNote(note)) evidence.note = note;
  }
  return { ...answer, extensions };
};

const OUTCOMES: readonly RuleOutcome[] = ['PASSED', 'FAILED', 'NOT_REACHED'];

// Representations and extensions are untyped JSON: what is not a rule is not recorded as one.
function isRule(value: unknown): value is RecordedRule {
  const rule = value as Partial<RecordedRule> | null;
  return (
    typeof rule === 'object' &&
    rule !== null &&
    PLAY_RULES.includes(rule.rule as PlayRule) &&
    OUTCOMES.includes(rule.outcome as RuleOutcome) &&
    Array.isArray(rule.evidence) &&
    rule.evidence.every((sentence) => typeof sentence === 'string')
  );
}

function rulesOf(entitlement: unknown): RecordedRule[] | null {
  const rules = (entitlement as { rules?: unknown } | null)?.rules;
  if (!Array.isArray(rules) || rules.length === 0 || !rules.every(isRule)) return null;
  return rules.map(({ rule, outcome, evidence }) => ({ rule, outcome, evidence }));
}

function isNote(value: unknown): value is PlaybackDecisionNote {
  const note = value as Partial<PlaybackDecisionNote> | null;
  return (
    typeof note === 'object' &&
    note !== null &&
    (note.sessionId === null || typeof note.sessionId === 'string') &&
    isRule(note.device)
  );
}
