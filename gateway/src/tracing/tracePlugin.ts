/**
 * What Apollo Server's hooks add to a traced request: the execution's two spans, `gateway.plan`
 * (from the start of execution until the query plan is known) and `gateway.execute` (its fetches,
 * then the answer's shaping), named as Apollo's gateway names its own; and the trace id in the
 * answer's `extensions.traceId`, beside the `traceresponse` header, so that whoever holds a device's
 * answer can find its trace. Apollo's gateway says when the plan is known (graph.ts calls
 * {@link planResolved}). Untraced requests get none of it.
 */
import type { ApolloServerPlugin } from '@apollo/server';
import { trace as otelTrace, SpanStatusCode, type Span } from '@opentelemetry/api';
import { startSpan, under } from '@platform/tracing/spans';
import { spanContextOf } from '@platform/traceIds';
import type { GatewayContext } from '../request/context';
import type { RequestTrace } from '../request/trace';

export function tracePlugin(): ApolloServerPlugin<GatewayContext> {
  return {
    async requestDidStart({ contextValue }) {
      const trace = contextValue.trace;
      const traceId = spanContextOf(trace?.request)?.traceId;
      if (!trace || !traceId) return;
      return {
        async executionDidStart() {
          openStep(trace, 'gateway.plan');
          return {
            async executionDidEnd(error) {
              if (error) stepOf(trace)?.setStatus({ code: SpanStatusCode.ERROR, message: error.message });
              closeStep(trace);
            },
          };
        },
        async willSendResponse({ response }) {
          // Planning can fail before execution ends (an operation the supergraph cannot plan).
          closeStep(trace);
          if (response.body.kind !== 'single') return;
          response.body.singleResult.extensions = { ...response.body.singleResult.extensions, traceId };
        },
      };
    },
  };
}

/** The query plan is known: `gateway.plan` ends, `gateway.execute` begins. */
export function planResolved(trace: RequestTrace | undefined): void {
  if (trace && stepOf(trace)) openStep(trace, 'gateway.execute');
}

/** The open step's span; none when no step is open, or the trace is not sampled (no child spans). */
function stepOf(trace: RequestTrace): Span | undefined {
  return trace.current === trace.request ? undefined : otelTrace.getSpan(trace.current!);
}

function openStep(trace: RequestTrace, name: string): void {
  closeStep(trace);
  trace.current = under(trace.request, startSpan(name, trace.request));
}

function closeStep(trace: RequestTrace): void {
  stepOf(trace)?.end();
  trace.current = trace.request;
}
