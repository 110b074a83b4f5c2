/** A decision record for tests of the pieces that keep and read them: a grant unless told otherwise. */
import type { DecisionRecord } from '@platform/decisions/record';

export function decisionRecord(
  sessionId: string,
  at: string,
  fields: Partial<DecisionRecord> = {},
): DecisionRecord {
  return {
    sessionId,
    at,
    accountId: 'acc-1',
    profileId: 'p-1',
    titleId: 't-1',
    country: 'US',
    deviceType: 'TV',
    intent: 'PLAY',
    allowed: true,
    reason: 'GRANTED',
    rules: [{ rule: 'TITLE_EXISTS', outcome: 'PASSED', evidence: ['Title t-1 exists.'] }],
    degraded: [],
    traceId: null,
    ...fields,
  };
}
