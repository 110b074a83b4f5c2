/**
 * The trace a piece of work belongs to: the active span's context when it has a real one (a traced
 * request, serverSpans.ts), for the places that name the trace outside it: an answer's
 * `extensions.traceId`, a signed manifest, log lines (log.ts). A file of its own, outside tracing/,
 * so that log.ts can use it while tracing/setup.ts logs.
 */
import { isSpanContextValid, trace, type SpanContext } from '@opentelemetry/api';

/** Undefined with tracing off, or outside any request's span. */
export function activeSpanContext(): SpanContext | undefined {
  const spanContext = trace.getActiveSpan()?.spanContext();
  return spanContext && isSpanContextValid(spanContext) ? spanContext : undefined;
}
