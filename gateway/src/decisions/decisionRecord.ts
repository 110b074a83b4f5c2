/**
 * One decision record from what the gateway saw of a play: the answer the device got, what the
 * request asked, the evidence the fetch path kept, and what fallbacks served.
 */
import { randomUUID } from 'node:crypto';
import type { DecisionReason } from '@contracts/decision';
import type { RecordedRule } from '@contracts/decisionNotes';
import type { Caller } from '@contracts/gatewayCredential';
import type { DecisionRecord, RecordedFallback } from '@platform/decisions/record';
import type { DegradedField } from '../request/degraded';
import type { EvidenceSink, SessionEvidence } from '../request/playEvidence';
import type { PlayAsked, PlayField } from './playFields';

export interface PlayAnswer {
  id?: unknown;
  decision?: { allowed?: unknown; reason?: unknown } | null;
}

export interface RecordInputs {
  field: PlayField;
  asked: PlayAsked;
  answer: PlayAnswer;
  caller: Caller;
  evidence: EvidenceSink;
  degraded: readonly DegradedField[];
  traceId: string | null;
  at: Date;
}

const DEVICE_NOT_REACHED: RecordedRule = { rule: 'DEVICE', outcome: 'NOT_REACHED', evidence: [] };

/** The record, or null when the answer holds no decision (the request failed before one was made). */
export function decisionRecord(inputs: RecordInputs): DecisionRecord | null {
  const { field, asked, answer, caller } = inputs;
  const decision = answer.decision;
  if (!caller.accountId || typeof decision?.reason !== 'string' || typeof decision.allowed !== 'boolean')
    return null;
  const degraded = fallbacksUnder(field.responseKey, inputs.degraded);
  // A play session that a fallback stood in for was never opened: whatever rules ran on it ran on
  // stand-in inputs (no title), not on the viewer's request.
  const standIn = degraded.some(({ path }) => path === field.responseKey);
  const evidence = standIn ? undefined : evidenceOf(inputs.evidence, answer.id);
  return {
    sessionId: evidence?.note?.sessionId ?? randomUUID(),
    at: inputs.at.toISOString(),
    accountId: caller.accountId,
    profileId: asked.profileId,
    titleId: asked.titleId,
    country: caller.country,
    deviceType: asked.deviceType,
    intent: field.intent,
    allowed: decision.allowed,
    reason: decision.reason as DecisionReason,
    rules: evidence?.entitlementRules
      ? [...evidence.entitlementRules, evidence.note?.device ?? DEVICE_NOT_REACHED]
      : [],
    degraded,
    traceId: inputs.traceId,
  };
}

/** The play session's evidence: by its id when the answer has it, else the request's only one. */
function evidenceOf(sink: EvidenceSink, id: unknown): SessionEvidence | undefined {
  if (typeof id === 'string' && sink.has(id)) return sink.get(id);
  return sink.size === 1 ? sink.values().next().value : undefined;
}

function fallbacksUnder(responseKey: string, degraded: readonly DegradedField[]): RecordedFallback[] {
  return degraded
    .filter(({ path }) => path[0] === responseKey)
    .map(({ path, subgraph, fallback, ageSeconds }) => ({
      path: path.join('.'),
      subgraph,
      fallback,
      ageSeconds,
    }));
}
