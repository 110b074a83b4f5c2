/**
 * The rules of a play decision as an analyst reads them (`explainPlay`): their stable ids, in the
 * order they are evaluated, what each means, and the trace a decision writes while it runs. The
 * entitlements service records the rules up to `ENTITLEMENT`, playback the `DEVICE` rule; both are
 * the same functions that decide `play`, given a trace (docs/play-contract.md lists the rules).
 */

/** The rules, in evaluation order: the first that fails gives the decision's reason. */
export const PLAY_RULES = [
  'TITLE_EXISTS',
  'PROFILE_OF_ACCOUNT',
  'LICENSED_IN_COUNTRY',
  'LICENSE_WINDOW',
  'MATURITY',
  'ENTITLEMENT',
  'DEVICE',
] as const;

export type PlayRule = (typeof PLAY_RULES)[number];

/** PASSED and FAILED were evaluated; NOT_REACHED rules come after the first failure and never ran. */
export type RuleOutcome = 'PASSED' | 'FAILED' | 'NOT_REACHED';

/** One rule as it was (or was not) evaluated for one request. */
export interface RuleCheck {
  rule: PlayRule;
  description: string;
  outcome: RuleOutcome;
  /** The facts the rule looked at, one plain sentence each. */
  evidence: string[];
}

export const RULE_DESCRIPTIONS: Readonly<Record<PlayRule, string>> = Object.freeze({
  TITLE_EXISTS: 'The catalog has the title (else TITLE_NOT_FOUND).',
  PROFILE_OF_ACCOUNT: 'The profile exists and belongs to the account (else PROFILE_NOT_FOUND).',
  LICENSED_IN_COUNTRY:
    'The title is licensed in the country of the request; an unknown country plays only titles licensed everywhere (else GEO_RESTRICTED).',
  LICENSE_WINDOW:
    'The licence window is open at the time of the request: from its start (inclusive) to its end (exclusive) (else OUTSIDE_LICENSE_WINDOW).',
  MATURITY:
    "The title's maturity rating is at most the profile's limit (else MATURITY_RESTRICTED; no purchase changes it).",
  ENTITLEMENT:
    'The account holds the title: bought, a running rental, or an active subscription whose tier includes it (else RENTAL_EXPIRED, UPGRADE_REQUIRED, SUBSCRIPTION_REQUIRED or PURCHASE_REQUIRED, with offers).',
  DEVICE:
    'At least one encoding plays on the device (codec, height, HDR; a subscription tier caps the height), and a title that needs DRM finds a DRM system the device lists (else DEVICE_UNSUPPORTED).',
});

/**
 * What a decision writes while it runs, when asked to (`explainPlay`); `play` passes none, and the
 * evidence of a `trace?.passed(rule, [...])` is then never even built.
 */
export class RuleTrace {
  private readonly outcomes = new Map<PlayRule, { outcome: RuleOutcome; evidence: string[] }>();

  /** A trace that goes on from the rules another service already checked. */
  static continuing(checks: readonly RuleCheck[]): RuleTrace {
    const trace = new RuleTrace();
    for (const { rule, outcome, evidence } of checks) {
      if (outcome !== 'NOT_REACHED') trace.outcomes.set(rule, { outcome, evidence });
    }
    return trace;
  }

  passed(rule: PlayRule, evidence: string[]): void {
    this.outcomes.set(rule, { outcome: 'PASSED', evidence });
  }

  failed(rule: PlayRule, evidence: string[]): void {
    this.outcomes.set(rule, { outcome: 'FAILED', evidence });
  }

  /** Every rule of {@link PLAY_RULES} up to `last`, in order; those not recorded are NOT_REACHED. */
  checks(last: PlayRule = 'DEVICE'): RuleCheck[] {
    return this.recorded(last).map((check) => ({ ...check, description: RULE_DESCRIPTIONS[check.rule] }));
  }

  /**
   * {@link checks} as a decision record keeps them, without the descriptions: built on every
   * recorded play, so one object per rule.
   */
  recorded(last: PlayRule = 'DEVICE'): Omit<RuleCheck, 'description'>[] {
    const checks: Omit<RuleCheck, 'description'>[] = [];
    for (const rule of PLAY_RULES) {
      const ran = this.outcomes.get(rule);
      checks.push({ rule, outcome: ran?.outcome ?? 'NOT_REACHED', evidence: ran?.evidence ?? [] });
      if (rule === last) break;
    }
    return checks;
  }
}
