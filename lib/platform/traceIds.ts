/**
 * The trace a piece of work belongs to, for the places that name it outside the spans: an answer's
 * `extensions.traceId`, a signed manifest, a decision record, log lines. A file of its own, outside
 * tracing/, so that log.ts can use it while tracing/setup.ts logs.
 */
import { isSpanContextValid, trace, type Context, type SpanContext } from '@opentelemetry/api';

/** Undefined when `parent` (a `TraceParent`, tracing/spans.ts) is not traced. */
export function spanContextOf(parent: Context | undefined): SpanContext | undefined {
  const spanContext = parent && trace.getSpanContext(parent);
  return spanContext && isSpanContextValid(spanContext) ? spanContext : undefined;
}

/** `trace_id` and `span_id` for a log line written on behalf of `parent` (log.ts's field names). */
export function traceFields(parent: Context | undefined): { trace_id: string; span_id: string } | undefined {
  const spanContext = spanContextOf(parent);
  return spanContext && { trace_id: spanContext.traceId, span_id: spanContext.spanId };
}
