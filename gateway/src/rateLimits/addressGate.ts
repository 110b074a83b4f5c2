import { ErrorCode, graphqlErrorBody } from '@contracts/graphqlErrors';
import type { TraceParent } from '@platform/tracing/spans';
import type { RateLimiter, Verdict } from './limiter';
import { rateLimitedEvent } from '../tracing/events';
import { rateLimitMessage } from './plugin';

/**
 * The per-address check for the HTTP layer, before it reads a request's body: one point from the
 * address bucket, no parsing, no account. Answer a refusal with {@link rateLimitedAnswer}. When this
 * gate runs, build the plugin with `chargeAddress: false`, so a request pays the address budget once.
 */
export function createAddressGate(
  limiter: RateLimiter,
): (address: string, trace?: TraceParent) => Promise<Verdict> {
  return (address, trace) => limiter.consume('address', address, 1, trace);
}

/**
 * What the HTTP layer sends for a refusal: the status, headers and body the plugin's refusal gets.
 * The request's span (`trace`) records the refusal as it is made.
 */
export function rateLimitedAnswer(retryAfterSeconds: number, trace?: TraceParent) {
  rateLimitedEvent(trace, retryAfterSeconds);
  return {
    status: 429,
    headers: { 'retry-after': String(retryAfterSeconds) },
    body: graphqlErrorBody(rateLimitMessage(retryAfterSeconds), ErrorCode.RateLimited, { retryAfterSeconds }),
  };
}
