/**
 * The fetch stage that gives each subgraph fetch a client span (when tracing is on,
 * lib/platform/tracing/setup.ts): under Apollo's own `gateway.fetch` span, with the subgraph, where
 * its data goes, the replica that answered last, the attempts, and the outcome an operator asks about
 * (fresh, cached, stale, default, omitted, failed). It sits outside the stand-ins so that a fallback
 * shows on the span, and the send below carries the span's context to the subgraph (`traceparent`),
 * whose own spans then hang under it. With tracing off every call here is OpenTelemetry's no-op.
 */
import { context, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { outcomeWatch } from '../fetch/outcome';
import type { FetchStage } from '../fetch/pipeline';

const tracer = trace.getTracer('streaming-gateway');

export const fetchSpanStage: FetchStage = (next) => async (fetch) => {
  const span = tracer.startSpan(`subgraph ${fetch.subgraph}`, {
    kind: SpanKind.CLIENT,
    attributes: { 'subgraph.name': fetch.subgraph, 'subgraph.path': fetch.path.join('.') },
  });
  if (!span.isRecording()) return next(fetch);
  const watch = outcomeWatch(fetch);
  const close = (outcome: string) => {
    span.setAttributes({
      'subgraph.outcome': outcome,
      'subgraph.attempts': fetch.attempted.length,
      ...(fetch.attempted.length > 0 && { 'server.address': fetch.attempted.at(-1) }),
    });
    if (outcome === 'failed') span.setStatus({ code: SpanStatusCode.ERROR });
    span.end();
  };
  try {
    const answer = await context.with(trace.setSpan(context.active(), span), () => next(fetch));
    close(watch.outcome(answer));
    return answer;
  } catch (error) {
    span.recordException(error as Error);
    close(watch.outcome(null));
    throw error;
  }
};
