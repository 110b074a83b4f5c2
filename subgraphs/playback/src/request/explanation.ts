/**
 * The end of an explained decision (`explainPlay`): the entitlement check handed over from the
 * entitlements service, then the device rule, through the same functions `play` uses
 * (issue.ts, ../manifest/plan.ts), with a trace. Nothing is signed or recorded.
 */
import { RuleTrace, type RuleCheck } from '@contracts/ruleChecks';
import type { ExplainRequest } from './explainRequest';
import { entitlementRefusal, heightCapOf, refusal } from './issue';
import { planPlayback } from '../manifest/plan';
import type { EntitlementCheckRepresentation, TitleRepresentation } from './mappers';
import type { PlayDecision } from './playOutcome';

export interface Explanation {
  decision: PlayDecision;
  rules: RuleCheck[];
}

export function explainDecision(
  request: ExplainRequest,
  check: EntitlementCheckRepresentation | undefined,
  title: TitleRepresentation | null | undefined,
  licenseBaseUrl: string,
): Explanation {
  const trace = RuleTrace.continuing(check?.rules ?? []);
  const refused = check ? entitlementRefusal(check) : refusal('TEMPORARILY_UNAVAILABLE');
  if (refused) return { decision: refused.decision, rules: trace.checks() };
  // `play` refuses a grant it cannot build on in the same words (issueManifest).
  if (!title) return { decision: refusal('TEMPORARILY_UNAVAILABLE').decision, rules: trace.checks() };
  const plan = planPlayback(
    {
      encodings: title.encodings,
      drmRequired: title.drmRequired,
      device: request.play.device,
      heightCap: heightCapOf(check!.cappedByTier),
      licenseBaseUrl,
      sessionId: 'explanation',
    },
    trace,
  );
  const decision: PlayDecision = plan.playable
    ? { allowed: true, reason: 'GRANTED', message: check!.message, prompt: null }
    : refusal('DEVICE_UNSUPPORTED').decision;
  return { decision, rules: trace.checks() };
}
