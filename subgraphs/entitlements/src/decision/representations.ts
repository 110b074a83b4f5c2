/**
 * The `@requires` fields of a play session, checked at the subgraph boundary. `_entities`
 * representations are untyped JSON (`_Any`): GraphQL validates none of them, so a missing field, a
 * wrong type or an extra level of nesting would otherwise reach the decision as a TypeError or, worse,
 * as a value that compares the wrong way. Anything that does not match the shapes of `inputs.ts`
 * exactly is not decided on: the caller answers TEMPORARILY_UNAVAILABLE.
 */
import { z } from 'zod';
import { dottedPath, firstIssue } from '@platform/firstIssue';
import { SUBSCRIPTION_TIERS } from '@contracts/vocabulary';
import type { ProfileFacts, TitleFacts } from './inputs';

const id = z.string().min(1);
const money = { priceCents: z.int().nonnegative(), currency: z.string().min(1) };

const titleFacts = z.object({
  id,
  maturityRating: z.int(),
  countries: z.array(z.string()).nullable(),
  windowStart: z.string().nullable(),
  windowEnd: z.string().nullable(),
  subscriptionTier: z.enum(SUBSCRIPTION_TIERS).nullable(),
  rental: z.object({ ...money, hours: z.int().positive() }).nullable(),
  purchase: z.object(money).nullable(),
}) satisfies z.ZodType<TitleFacts>;

const profileFacts = z.object({
  id,
  accountId: id,
  maxMaturity: z.int(),
}) satisfies z.ZodType<ProfileFacts>;

/**
 * Null is an answer (no such title, no such profile for this account) and is decided on; a field
 * that is absent is not: the query plan did not fetch it, or something forged the representation.
 */
const decisionInputs = z.object({
  title: titleFacts.nullable(),
  profile: profileFacts.nullable(),
});

export type RepresentedInputs =
  { valid: true; title: TitleFacts | null; profile: ProfileFacts | null } | { valid: false; problem: string };

/** The title and profile of a play session representation, or why they cannot be decided on. */
export function readRepresentedInputs(representation: unknown): RepresentedInputs {
  const parsed = decisionInputs.safeParse(representation);
  return parsed.success
    ? { valid: true, ...parsed.data }
    : { valid: false, problem: problemOf(parsed.error) };
}

/** The first thing wrong with a representation, where it is. */
function problemOf(error: z.ZodError): string {
  return firstIssue(error, (path) => dottedPath(path) || 'representation');
}

/** An explained request also says for which account, country and instant it is decided. */
const explainedInputs = decisionInputs.extend({
  accountId: id,
  country: z.string().regex(/^[A-Z]{2}$/),
  at: z.iso.datetime({ offset: true }),
});

export type ExplainedInputs =
  | {
      valid: true;
      accountId: string;
      country: string;
      at: Date;
      title: TitleFacts | null;
      profile: ProfileFacts | null;
    }
  | { valid: false; problem: string };

/** The facts of a play explanation representation, or why they cannot be decided on. */
export function readExplainedInputs(representation: unknown): ExplainedInputs {
  const parsed = explainedInputs.safeParse(representation);
  return parsed.success
    ? { valid: true, ...parsed.data, at: new Date(parsed.data.at) }
    : { valid: false, problem: problemOf(parsed.error) };
}
