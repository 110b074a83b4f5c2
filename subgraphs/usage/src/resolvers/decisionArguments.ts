/**
 * The arguments of `playDecisions`, `playDecision` and `refusalCounts`, read from the analyst's
 * query. Everything is checked before the decision store is asked: a window of years or a page of
 * thousands would make one analyst's query read the store for everyone, and a mistyped country must
 * not come back as "no refusals there".
 */
import { GraphQLError } from 'graphql';
import { z } from 'zod';
import { normalizeCountry } from '@contracts/country';
import { ErrorCode } from '@contracts/graphqlErrors';

/** Longest window, in days: a month of any length, and one day more than the default retention. */
export const MAX_WINDOW_DAYS = 31;

/** Largest page; as `titles`' pages. */
export const MAX_PAGE_SIZE = 100;

/** The page size when `first` is left out (or null): the SDL's default. */
export const DEFAULT_PAGE_SIZE = 20;

/** Longest account or session id accepted: longer than any the platform issues, short enough to echo. */
export const MAX_ID_LENGTH = 128;

const DAY_MS = 86_400_000;

/** The `DateTime` scalar's documented form: ISO-8601 with a zone offset ("Z" or "+02:00"). */
const isoInstant = z.iso.datetime({ offset: true });

const badInput = (message: string) =>
  new GraphQLError(message, { extensions: { code: ErrorCode.BadUserInput } });

/** `from` (included) to `to` (excluded), as the store takes them. */
export interface DecisionWindow {
  from: Date;
  to: Date;
}

function instantArgument(name: 'from' | 'to', value: string): Date {
  const instant = isoInstant.safeParse(value).success ? new Date(value) : null;
  if (instant === null || Number.isNaN(instant.getTime())) {
    throw badInput(
      `\`${name}\` must be an ISO-8601 date and time with a zone offset, such as "2026-11-25T20:00:00Z"; got ${JSON.stringify(value)}`,
    );
  }
  return instant;
}

export function windowArgument(from: string, to: string): DecisionWindow {
  const window = { from: instantArgument('from', from), to: instantArgument('to', to) };
  if (window.from.getTime() >= window.to.getTime()) {
    throw badInput(`\`from\` must be before \`to\`; got ${from} to ${to}`);
  }
  if (window.to.getTime() - window.from.getTime() > MAX_WINDOW_DAYS * DAY_MS) {
    throw badInput(
      `The window from \`from\` to \`to\` must be at most ${MAX_WINDOW_DAYS} days; got ${from} to ${to}`,
    );
  }
  return window;
}

export function pageSizeArgument(first: number | null | undefined): number {
  const size = first ?? DEFAULT_PAGE_SIZE;
  if (size < 1 || size > MAX_PAGE_SIZE) {
    throw badInput(`\`first\` must be between 1 and ${MAX_PAGE_SIZE}; got ${size}`);
  }
  return size;
}

/** An account or session id, as given: ids are compared exactly, so nothing is trimmed or folded. */
export function idArgument(name: 'accountId' | 'sessionId', id: string): string {
  if (id.length < 1 || id.length > MAX_ID_LENGTH) {
    throw badInput(`\`${name}\` must be 1 to ${MAX_ID_LENGTH} characters; got ${id.length}`);
  }
  return id;
}

/** The upper-cased ISO 3166-1 alpha-2 code. */
export function countryArgument(country: string): string {
  // The same normalisation as the edge's country header, which is what the records hold.
  const code = normalizeCountry(country);
  if (code === null) {
    throw badInput(
      `\`country\` must be an ISO 3166-1 alpha-2 code (two letters, such as "CA"); got ${JSON.stringify(country)}`,
    );
  }
  return code;
}
