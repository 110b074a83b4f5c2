/**
 * Puts the request's trace id in the answer's `extensions.traceId` (when tracing is on), beside the
 * `traceresponse` header, so that whoever holds a device's answer can find its trace.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { activeSpanContext } from '@platform/activeSpan';
import type { GatewayContext } from '../request/context';

export function traceIdPlugin(): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      const traceId = activeSpanContext()?.traceId;
      if (!traceId) return;
      return {
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single') return;
          response.body.singleResult.extensions = { ...response.body.singleResult.extensions, traceId };
        },
      };
    },
  };
}
