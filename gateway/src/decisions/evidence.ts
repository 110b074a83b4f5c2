/**
 * What the fetch path learns of each play session a request decides, for its decision record: the
 * entitlement's rules as the query plan hands them to playback (fresh, a fallback's stale copy with
 * the evidence it was decided on, or none from a default), and playback's note (the device rule, a
 * grant's session id) from its answer's extensions, which are taken out there.
 *
 * Playback `@requires` the rules only so that the query planner fetches them from entitlements at
 * all (it fetches nothing that no subgraph requires); on a play it reads none of them. So they stop
 * here: playback is sent the entitlement without them, which spares every play's record a kilobyte
 * serialised, hashed for the credential and parsed again. Everything here runs on every recorded
 * play, where each object touched costs far more than in a loop (docs/benchmarks.md): nothing is
 * copied that can be trimmed.
 */
import { PLAY_DECISIONS_EXTENSION, type PlaySessionNote, type RecordedRule } from '@contracts/decisionNotes';
import { PLAY_RULES, type PlayRule, type RuleOutcome } from '@contracts/ruleChecks';
import { representationsOf, type FetchStage, type Representation } from '../fetch/pipeline';

/** Fills the request's sink from the fetches that take a play session's decision to playback. */
export const decisionEvidenceStage: FetchStage = (next) => async (fetch) => {
  const sink = fetch.evidence;
  if (!sink || fetch.shape.kind !== 'entities') return next(fetch);
  // Most fetches of a play (profiles, catalog) carry no play session: they pass untouched.
  if (!representationsOf(fetch).some(isDecided)) return next(fetch);
  for (const representation of representationsOf(fetch)) {
    if (!isDecided(representation)) continue;
    const { entitlement } = representation;
    sink.set(String(representation.id), {
      entitlementRules: rulesOf(isObject(entitlement) ? entitlement.rules : undefined),
      note: null,
    });
    // The plan built this representation for this fetch alone: it is trimmed where it is, not copied.
    if (isObject(entitlement)) entitlement.rules = undefined;
  }
  const answer = await next(fetch);
  const extensions = answer.extensions;
  const notes = extensions?.[PLAY_DECISIONS_EXTENSION];
  if (notes === undefined) return answer;
  for (const note of notesOf(notes)) {
    if (!isNote(note)) continue;
    const { playSessionId, sessionId, device } = note;
    const evidence = sink.get(playSessionId);
    if (evidence) evidence.note = { sessionId, device };
  }
  return { ...answer, extensions: without(extensions!, PLAY_DECISIONS_EXTENSION) };
};

/** A play session on its way to playback, with the entitlement decided for it. */
const isDecided = (representation: Representation) =>
  representation.__typename === 'PlaySession' && 'entitlement' in representation;

/** A copy of `object` without `key`, built key by key: V8 takes a slow path for `{ [key]: _, ...rest }`. */
function without(object: Record<string, unknown>, key: string): Record<string, unknown> {
  const rest: Record<string, unknown> = {};
  for (const name of Object.keys(object)) if (name !== key) rest[name] = object[name];
  return rest;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/**
 * The notes as a list. A playback older than the list sent an object keyed by play session id; it
 * is still read, so that records keep their device rule while a rolling upgrade runs both.
 */
function notesOf(notes: unknown): unknown[] {
  if (Array.isArray(notes)) return notes;
  if (!isObject(notes)) return [];
  return Object.entries(notes).map(([playSessionId, note]) => ({ ...(note as object), playSessionId }));
}

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

function rulesOf(rules: unknown): RecordedRule[] | null {
  if (!Array.isArray(rules) || rules.length === 0 || !rules.every(isRule)) return null;
  return rules.map(({ rule, outcome, evidence }) => ({ rule, outcome, evidence }));
}

function isNote(value: unknown): value is PlaySessionNote {
  const note = value as Partial<PlaySessionNote> | null;
  return (
    typeof note === 'object' &&
    note !== null &&
    typeof note.playSessionId === 'string' &&
    (note.sessionId === null || typeof note.sessionId === 'string') &&
    isRule(note.device)
  );
}
