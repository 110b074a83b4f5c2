/**
 * The availability filters of `titles` (`country`, `playableAt`), read from the client's arguments.
 * Bad input is refused with BAD_USER_INPUT rather than read as "no filter": an analyst who mistypes a
 * country must not get the whole catalog back as "what can be watched there".
 */
import { GraphQLError } from 'graphql';
import { z } from 'zod';
import { normalizeCountry } from '@contracts/country';
import { ErrorCode } from '@contracts/graphqlErrors';

/** The `DateTime` scalar's documented form: ISO-8601 with a zone offset ("Z" or "+02:00"). */
const isoInstant = z.iso.datetime({ offset: true });

const badInput = (message: string) =>
  new GraphQLError(message, { extensions: { code: ErrorCode.BadUserInput } });

/** The upper-cased ISO 3166-1 alpha-2 code; undefined when the argument is absent or null. */
export function countryArgument(country: string | null | undefined): string | undefined {
  if (country === null || country === undefined) return undefined;
  // The same normalisation as the edge's country header, so "ca" and " CA " mean Canada here too.
  const code = normalizeCountry(country);
  if (code === null) {
    throw badInput(
      `\`country\` must be an ISO 3166-1 alpha-2 code (two letters, such as "CA"); got ${JSON.stringify(country)}`,
    );
  }
  return code;
}

/** The instant named; undefined when the argument is absent or null. */
export function instantArgument(playableAt: string | null | undefined): Date | undefined {
  if (playableAt === null || playableAt === undefined) return undefined;
  const instant = isoInstant.safeParse(playableAt).success ? new Date(playableAt) : null;
  if (instant === null || Number.isNaN(instant.getTime())) {
    throw badInput(
      `\`playableAt\` must be an ISO-8601 date and time with a zone offset, such as "2026-11-25T20:00:00Z"; got ${JSON.stringify(playableAt)}`,
    );
  }
  return instant;
}
