/**
 * A stored decision in the shape analysts read it (`PlayDecisionRecord`, `RefusalCount`). Records
 * keep each rule's outcome and evidence only: what a rule means is the rule's, not the decision's,
 * so its description is today's sentence for it, the same one `explainPlay` gives.
 */
import { RULE_DESCRIPTIONS } from '@contracts/ruleChecks';
import type { DecisionRecord, RefusalCount as StoredRefusalCount } from '@platform/decisions/record';
import type { DeviceType, PlayDecisionRecord, RefusalCount } from '../__generated__/resolvers';

/** The device classes of the `DeviceType` enum. */
const DEVICE_TYPES: ReadonlySet<string> = new Set<DeviceType>(['TV', 'MOBILE', 'TABLET', 'WEB', 'CONSOLE']);

/**
 * GraphQL's Int is 32-bit: a count beyond it would fail the whole answer, so it is shown as the
 * largest Int instead (the SDL says so).
 */
export const MAX_COUNT = 2 ** 31 - 1;

/**
 * A record is kept for a month: a device class the schema dropped since it was written reads as null
 * (the SDL says so) instead of failing the whole page on an enum value GraphQL cannot send.
 */
const deviceType = (recorded: string): DeviceType | null =>
  DEVICE_TYPES.has(recorded) ? (recorded as DeviceType) : null;

export function playDecisionRecord(record: DecisionRecord): PlayDecisionRecord {
  return {
    sessionId: record.sessionId,
    at: record.at,
    accountId: record.accountId,
    profileId: record.profileId,
    titleId: record.titleId,
    country: record.country,
    deviceType: deviceType(record.deviceType),
    intent: record.intent,
    allowed: record.allowed,
    reason: record.reason,
    // As recorded, in evaluation order: the evidence is what the rule read then.
    rules: record.rules.map(({ rule, outcome, evidence }) => ({
      rule,
      description: RULE_DESCRIPTIONS[rule],
      outcome,
      evidence,
    })),
    degraded: record.degraded.map(({ path, subgraph, fallback, ageSeconds }) => ({
      path,
      subgraph,
      fallback,
      // Whole seconds: GraphQL's Int refuses a fraction, and would fail the page with it.
      ageSeconds: ageSeconds === null ? null : Math.floor(ageSeconds),
    })),
    traceId: record.traceId,
  };
}

export function refusalCount({ reason, count }: StoredRefusalCount): RefusalCount {
  return { reason, count: Math.min(count, MAX_COUNT) };
}
