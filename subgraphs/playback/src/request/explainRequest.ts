/**
 * An explained request (`explainPlay`) travels inside its PlayExplanation id, as a play request
 * does inside its session id (playSessionId.ts): playback keeps no state between the root fetch and
 * the later `_entities` fetch that finishes the decision. Unlike `play`, the account, country and
 * instant are the analyst's to choose, so they are part of the request.
 */
import { GraphQLError } from 'graphql';
import { normalizeCountry } from '@contracts/country';
import { ErrorCode } from '@contracts/graphqlErrors';
import { MAX_ID_LENGTH, toPlayRequest, type PlayRequest } from './playSessionId';

export interface ExplainRequest {
  accountId: string;
  country: string;
  /** ISO-8601 instant the decision is made for. */
  at: string;
  /** What `play` would have been sent (its network is irrelevant to the decision: null). */
  play: PlayRequest;
}

const PREFIX = 'explain1.';

const badInput = (message: string) =>
  new GraphQLError(`Invalid explainPlay input: ${message}`, { extensions: { code: ErrorCode.BadUserInput } });

/** Validates an `ExplainPlayInput` (beyond what GraphQL types check), `at` defaulting to `now`. */
export function toExplainRequest(input: unknown, now = new Date()): ExplainRequest {
  const { accountId, country, at, ...play } = (input ?? {}) as Record<string, unknown>;
  if (typeof accountId !== 'string' || accountId.length === 0 || accountId.length > MAX_ID_LENGTH) {
    throw badInput(`accountId must be 1 to ${MAX_ID_LENGTH} characters`);
  }
  const normalized = typeof country === 'string' ? normalizeCountry(country) : null;
  if (normalized === null) throw badInput('country must be an ISO 3166-1 alpha-2 code, such as "CA"');
  const instant = at === undefined || at === null ? now : new Date(String(at));
  if (Number.isNaN(instant.getTime())) throw badInput('at must be an ISO-8601 instant');
  const device = play.device as Record<string, unknown> | undefined;
  return {
    accountId,
    country: normalized,
    at: instant.toISOString(),
    play: toPlayRequest({ ...play, device: device && { ...device, hdr: device.hdr ?? [] }, network: null }),
  };
}

export function encodeExplanationId(request: ExplainRequest): string {
  return PREFIX + Buffer.from(JSON.stringify(request)).toString('base64url');
}

export function decodeExplanationId(id: string): ExplainRequest {
  // The longest valid play request's id, plus an account, a country and an instant.
  if (id.length > 8192 || !id.startsWith(PREFIX)) throw badInput('not an explanation id');
  let json: unknown;
  try {
    json = JSON.parse(Buffer.from(id.slice(PREFIX.length), 'base64url').toString('utf8'));
  } catch {
    throw badInput('not an explanation id');
  }
  const { play, ...rest } = (json ?? {}) as Record<string, unknown>;
  return toExplainRequest({ ...rest, ...(play as Record<string, unknown>) });
}
