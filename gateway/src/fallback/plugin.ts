import type { ApolloServerPlugin } from '@apollo/server';
import type { Logger } from '@platform/log';
import { traceFields } from '@platform/traceIds';
import type { GatewayContext } from '../request/context';

/**
 * Reports fallbacks: a response that used any carries `extensions.degraded` (which path, which
 * subgraph, STALE / DEFAULT / OMITTED, how old) and `cache-control: no-store`, and one log line
 * names the paths that ran on fallbacks.
 */
export function degradedReportPlugin(logger: Logger): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      return {
        async willSendResponse({ contextValue, response, operationName }) {
          const degraded = contextValue.fallback.degraded;
          if (degraded.length === 0) return;
          response.http.headers.set('cache-control', 'no-store');
          if (response.body.kind === 'single') {
            response.body.singleResult.extensions = { ...response.body.singleResult.extensions, degraded };
          }
          logger.warn('answered with fallbacks', {
            operation: operationName ?? null,
            account: contextValue.caller.accountId,
            degraded: degraded.map(
              ({ path, subgraph, fallback }) => `${path.join('.')} <- ${subgraph} ${fallback}`,
            ),
            ...traceFields(contextValue.trace?.request),
          });
        },
      };
    },
  };
}
