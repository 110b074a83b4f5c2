/**
 * The `@requires` fields of a play session (the entitlement and the title's encodings), checked at the
 * subgraph boundary. `_entities` representations are untyped JSON (`_Any`): GraphQL validates none of
 * them, so a missing field, a wrong type or an extra level of nesting would otherwise reach the
 * manifest rules as a TypeError. Whatever does not match the shapes of `mappers.ts` is treated as
 * absent, and an absent entitlement or title never yields a manifest (TEMPORARILY_UNAVAILABLE).
 */
import { z } from 'zod';
import { dottedPath, firstIssue } from '@platform/firstIssue';
import { REFUSAL_REASONS, type DecisionReason } from '@contracts/decision';
import { DYNAMIC_RANGES, SUBSCRIPTION_TIERS, VIDEO_CODECS } from '@contracts/vocabulary';
import { PLAY_RULES } from '@contracts/ruleChecks';
import type {
  EntitlementCheckRepresentation,
  EntitlementRepresentation,
  TitleRepresentation,
} from './mappers';

const DECISION_REASONS = [
  'GRANTED',
  ...REFUSAL_REASONS,
  'DEVICE_UNSUPPORTED',
  'TEMPORARILY_UNAVAILABLE',
] as const satisfies readonly DecisionReason[];

const offer = z.object({
  type: z.enum(['SUBSCRIPTION', 'RENTAL', 'PURCHASE']),
  tier: z.enum(SUBSCRIPTION_TIERS).nullable(),
  priceCents: z.int().nonnegative().nullable(),
  currency: z.string().nullable(),
  rentalHours: z.int().positive().nullable(),
});

const prompt = z
  .object({ action: z.enum(['SUBSCRIBE', 'UPGRADE', 'RENT', 'BUY']), offers: z.array(offer).min(1) })
  .nullable();

const entitlement = z.object({
  allowed: z.boolean(),
  reason: z.enum(DECISION_REASONS),
  message: z.string(),
  grant: z.string().nullable(),
  prompt,
}) satisfies z.ZodType<EntitlementRepresentation>;

const entitlementCheck = z.object({
  allowed: z.boolean(),
  reason: z.enum(DECISION_REASONS),
  message: z.string(),
  prompt,
  cappedByTier: z.enum(SUBSCRIPTION_TIERS).nullable(),
  rules: z.array(
    z.object({
      rule: z.enum(PLAY_RULES),
      description: z.string(),
      outcome: z.enum(['PASSED', 'FAILED', 'NOT_REACHED']),
      evidence: z.array(z.string()),
    }),
  ),
}) satisfies z.ZodType<EntitlementCheckRepresentation>;

const title = z.object({
  durationSeconds: z.int().nonnegative(),
  drmRequired: z.boolean(),
  encodings: z.array(
    z.object({
      id: z.string().min(1),
      codec: z.enum(VIDEO_CODECS),
      width: z.int().positive(),
      height: z.int().positive(),
      bitrateKbps: z.int().positive(),
      hdr: z.enum(DYNAMIC_RANGES),
    }),
  ),
}) satisfies z.ZodType<TitleRepresentation>;

export interface RepresentedInputs {
  /** Undefined when absent or malformed: no manifest can be built on it. */
  entitlement: EntitlementRepresentation | undefined;
  /** Null when the catalog has no such title; undefined when absent or malformed. */
  title: TitleRepresentation | null | undefined;
  /** What was malformed, for the log; empty when everything present was well formed. */
  problems: string[];
}

/** Parses `value` with `schema`; undefined (and the problem noted) when absent or malformed. */
function reader(problems: string[]) {
  return <T>(field: string, value: unknown, schema: z.ZodType<T>): T | undefined => {
    if (value === undefined) return undefined;
    const parsed = schema.safeParse(value);
    if (parsed.success) return parsed.data;
    problems.push(firstIssue(parsed.error, (path) => dottedPath([field, ...path])));
    return undefined;
  };
}

/** The entitlement and title of a play session representation, each only if well formed. */
export function readRepresentedInputs(representation: {
  entitlement?: unknown;
  title?: unknown;
}): RepresentedInputs {
  const problems: string[] = [];
  const read = reader(problems);
  return {
    entitlement: read('entitlement', representation.entitlement, entitlement),
    title: representation.title === null ? null : read('title', representation.title, title),
    problems,
  };
}

/** The entitlement check and title of a play explanation representation, each only if well formed. */
export function readExplainedInputs(representation: { entitlementCheck?: unknown; title?: unknown }): {
  entitlementCheck: EntitlementCheckRepresentation | undefined;
  title: TitleRepresentation | null | undefined;
  problems: string[];
} {
  const problems: string[] = [];
  const read = reader(problems);
  return {
    entitlementCheck: read('entitlementCheck', representation.entitlementCheck, entitlementCheck),
    title: representation.title === null ? null : read('title', representation.title, title),
    problems,
  };
}
