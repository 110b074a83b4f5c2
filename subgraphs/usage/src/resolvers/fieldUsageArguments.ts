/**
 * The arguments of `fieldUsage`, read from the analyst's query. Bad input is refused with
 * BAD_USER_INPUT rather than answered: a mistyped coordinate would otherwise come back as "unused",
 * the one answer that could get a field still in use removed.
 */
import { GraphQLError } from 'graphql';
import { ErrorCode } from '@contracts/graphqlErrors';
import { checkedDays, UsageReportError } from '@platform/fieldUsage/report';

/** The window when `days` is left out (or null): the SDL's default, the store's default retention. */
export const DEFAULT_DAYS = 30;

/** Longest coordinate accepted: longer than any name in the schema, short enough to echo back. */
export const MAX_COORDINATE_LENGTH = 200;

/**
 * `Type`, `Type.field`, `Type.field.argument`, `Input.field` or `Enum.VALUE`: one to three GraphQL
 * names joined by dots, as the gateway records them (lib/platform/fieldUsage/coordinates.ts).
 */
const COORDINATE = /^[_A-Za-z][_0-9A-Za-z]*(\.[_A-Za-z][_0-9A-Za-z]*){0,2}$/;

const badInput = (message: string) =>
  new GraphQLError(message, { extensions: { code: ErrorCode.BadUserInput } });

export function coordinateArgument(coordinate: string): string {
  if (coordinate.length > MAX_COORDINATE_LENGTH) {
    throw badInput(
      `\`coordinate\` must be at most ${MAX_COORDINATE_LENGTH} characters; got ${coordinate.length}`,
    );
  }
  if (!COORDINATE.test(coordinate)) {
    throw badInput(
      `\`coordinate\` must be a schema coordinate such as "Title", "Title.synopsis", "Query.title.id" or "PlaybackQuality.UHD"; got ${JSON.stringify(coordinate)}`,
    );
  }
  return coordinate;
}

export function daysArgument(days: number | null | undefined): number {
  try {
    return checkedDays(days ?? DEFAULT_DAYS);
  } catch (error) {
    if (error instanceof UsageReportError) throw badInput(`\`days\`: ${error.message}`);
    throw error;
  }
}
