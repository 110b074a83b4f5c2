import { HeaderMap, type ApolloServerPlugin } from '@apollo/server';
import { GraphQLError } from 'graphql';
import { ErrorCode } from '@contracts/graphqlErrors';
import type { TraceParent } from '@platform/tracing/spans';
import type { GatewayContext } from '../request/context';
import type { Verdict, RateLimiter } from './limiter';
import { chargeFor } from './operationClass';
import { rateLimitedEvent } from '../tracing/events';

/** The address budget of requests whose context carries no client address. */
export const UNKNOWN_ADDRESS = 'unknown';

export interface RateLimitPluginOptions {
  /**
   * Whether this plugin takes the operation's point from the client address's bucket. Defaults to
   * true. Set it to false when the HTTP layer already charges the address before reading the body
   * (`createAddressGate`, addressGate.ts), so that a request pays the address budget once.
   */
  chargeAddress?: boolean;
}

/**
 * Refuses an operation, with HTTP 429, when its account has no room left in the budget of its class
 * (`play`, `endPlayback`, browse) or its client address none in the address budget. Checked in
 * `didResolveOperation`: after parsing and validation, which name the root fields, and before the
 * gateway plans the operation or calls any subgraph, so a refused request costs no subgraph a thing.
 * An anonymous caller has no account budget, only the address's.
 */
export function rateLimitPlugin(
  limiter: RateLimiter,
  options: RateLimitPluginOptions = {},
): ApolloServerPlugin<GatewayContext> {
  const chargeAddress = options.chargeAddress ?? true;
  return {
    async requestDidStart() {
      return {
        async didResolveOperation({ contextValue, document, operation }) {
          // A document without the named operation still cost a parse and a validation (and is
          // answered with an error after this hook): it is charged as browsing.
          const { operationClass, points } = operation
            ? chargeFor(document, operation)
            : { operationClass: 'browse' as const, points: 1 };
          const { accountId } = contextValue.caller;
          const verdicts: Array<Promise<Verdict>> = [];
          if (accountId !== null && !contextValue.accountCharged) {
            verdicts.push(limiter.consume(operationClass, accountId, points, contextValue.trace?.request));
          }
          if (chargeAddress) {
            verdicts.push(
              limiter.consume(
                'address',
                contextValue.clientAddress ?? UNKNOWN_ADDRESS,
                1,
                contextValue.trace?.request,
              ),
            );
          }
          const retryAfterSeconds = Math.max(
            0,
            ...(await Promise.all(verdicts)).map((verdict) =>
              verdict.allowed ? 0 : verdict.retryAfterSeconds,
            ),
          );
          if (retryAfterSeconds > 0) throw rateLimited(retryAfterSeconds, contextValue.trace?.request);
        },
      };
    },
  };
}

/** The message of a refusal, the same from the plugin and from the HTTP layer's address gate. */
export const rateLimitMessage = (retryAfterSeconds: number) =>
  `Too many requests: try again in ${retryAfterSeconds} s`;

/**
 * The refusal: 429 with `Retry-After`, and the same wait in `extensions` for clients that read no
 * headers. The request's span (`trace`) records the refusal as it is made.
 */
export function rateLimited(retryAfterSeconds: number, trace?: TraceParent): GraphQLError {
  rateLimitedEvent(trace, retryAfterSeconds);
  return new GraphQLError(rateLimitMessage(retryAfterSeconds), {
    extensions: {
      code: ErrorCode.RateLimited,
      retryAfterSeconds,
      http: { status: 429, headers: new HeaderMap([['retry-after', String(retryAfterSeconds)]]) },
    },
  });
}
