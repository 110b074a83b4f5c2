/**
 * Puts the request's trace id in the answer's `extensions.traceId` (when tracing is on), beside the
 * `traceresponse` header, so that whoever holds a device's answer can find its trace.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { isSpanContextValid, trace } from '@opentelemetry/api';
import type { GatewayContext } from '../request/context';

export function traceIdPlugin(): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart() {
      const spanContext = trace.getActiveSpan()?.spanContext();
      if (!spanContext || !isSpanContextValid(spanContext)) return;
      const { traceId } = spanContext;
      return {
        async willSendResponse({ response }) {
          if (response.body.kind !== 'single') return;
          response.body.singleResult.extensions = { ...response.body.singleResult.extensions, traceId };
        },
      };
    },
  };
}
