/**
 * The legacy API's error answers: one JSON shape, `{ "error": { "code", "message" } }`, and a status a
 * device can act on without parsing GraphQL: 400 fix the request, 401 sign in again, 404 no such
 * title, 429 wait `Retry-After` seconds, 503 try again later. A refusal to play is never an error: it
 * is a 200 with `allowed: false`.
 */
import { ErrorCode } from '@contracts/graphqlErrors';
import type { JsonAnswer } from '../answers/jsonAnswer';

export enum LegacyErrorCode {
  /** The body is missing, not JSON, not an object, too large, or a field is missing or wrong. */
  InvalidBody = 'INVALID_BODY',
  /** `deviceModel` is not in the device-model table. */
  UnknownDeviceModel = 'UNKNOWN_DEVICE_MODEL',
  Unauthenticated = 'UNAUTHENTICATED',
  /** The caller's token does not allow this (a role the account lacks). */
  Forbidden = 'FORBIDDEN',
  TitleNotFound = 'TITLE_NOT_FOUND',
  RateLimited = 'RATE_LIMITED',
  /** The platform could not answer at all; retry later. */
  Unavailable = 'UNAVAILABLE',
  /** The API's sunset date has passed. */
  Gone = 'GONE',
  Internal = 'INTERNAL_ERROR',
}

export interface LegacyErrorBody {
  error: { code: LegacyErrorCode; message: string; retryAfterSeconds?: number };
}

export function legacyError(
  status: number,
  code: LegacyErrorCode,
  message: string,
  headers?: Record<string, string>,
): JsonAnswer {
  const body: LegacyErrorBody = { error: { code, message } };
  return { status, body, ...(headers && { headers }) };
}

/** A GraphQL response as the pipeline answered it. */
export interface GraphQLAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  json: {
    data?: Record<string, unknown> | null;
    errors?: Array<{ message?: string; extensions?: Record<string, unknown> }>;
    extensions?: Record<string, unknown>;
  };
}

/**
 * The legacy answer for a GraphQL response that is not a 200: the pipeline refused the request
 * (token, rate limit, trusted documents, operation limits) or failed. The refusals keep their status
 * and message; anything else is a 503, since the device can only wait.
 */
export function legacyErrorFor(answer: GraphQLAnswer): JsonAnswer {
  const first = answer.json.errors?.[0];
  const message = first?.message ?? 'The request was refused';
  const code = first?.extensions?.['code'];
  // A document refusal means this gateway's trusted documents do not hold its own Play or Title
  // document: a deployment mistake, not something the device caused or can fix.
  if (code === ErrorCode.PersistedQueryNotInList || code === ErrorCode.PersistedQueryNotFound) {
    return legacyError(500, LegacyErrorCode.Internal, 'The legacy API is misconfigured');
  }
  switch (answer.status) {
    case 401:
      return legacyError(401, LegacyErrorCode.Unauthenticated, message);
    case 403:
      return legacyError(403, LegacyErrorCode.Forbidden, message);
    case 429: {
      const retryAfter = String(answer.headers['retry-after'] ?? '1');
      const body: LegacyErrorBody = {
        error: { code: LegacyErrorCode.RateLimited, message, retryAfterSeconds: Number(retryAfter) },
      };
      return { status: 429, body, headers: { 'retry-after': retryAfter } };
    }
    case 400:
    case 413:
      return legacyError(400, LegacyErrorCode.InvalidBody, message);
    default:
      return unavailable();
  }
}

/** No answer could be had; a refusal is never this. */
export function unavailable(
  message = 'The service cannot answer right now; try again in a minute',
): JsonAnswer {
  return legacyError(503, LegacyErrorCode.Unavailable, message, { 'retry-after': '60' });
}
