/**
 * Adds what an analyst asked for with `x-debug` (requestDebug.ts) to the response's extensions:
 * `queryPlan` (the gateway's plan, as `npm run query-plan` prints it) and `trace` (the fetches, in
 * the order they finished).
 */
import type { ApolloServerPlugin } from '@apollo/server';
import type { GatewayContext } from '../request/context';

export function debugPlugin(): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue, response }) {
          const debug = contextValue.debug;
          if (!debug || response.body.kind !== 'single') return;
          response.body.singleResult.extensions = {
            ...response.body.singleResult.extensions,
            ...(debug.plan && { queryPlan: debug.queryPlan ?? null }),
            ...(debug.trace && { trace: debug.trace }),
          };
        },
      };
    },
  };
}
