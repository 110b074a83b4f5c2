/**
 * Spans with an explicit parent: the context of the request, or of the step, they belong to (a
 * server span from serverSpans.ts, a step's from {@link inSpan}). Nothing here reads an "active"
 * span: carrying one through every `await` is what made tracing expensive (syncContext.ts says why).
 *
 * No parent, no span: work outside any traced request (a background refresh, tracing off) gets
 * OpenTelemetry's no-op span, so the same code runs traced or not.
 */
import {
  context,
  INVALID_SPAN_CONTEXT,
  SpanStatusCode,
  trace,
  TraceFlags,
  type Attributes,
  type Context,
  type Span,
  type SpanOptions,
} from '@opentelemetry/api';

const tracer = trace.getTracer('streaming-control-plane');

/** The span of no request: records nothing, belongs to no trace. */
export const NO_SPAN: Span = trace.wrapSpanContext(INVALID_SPAN_CONTEXT);

/**
 * Where the spans of a piece of work go: the context holding the span they hang under. Undefined when
 * the work is not traced (tracing off, a health check, work on nobody's behalf).
 */
export type TraceParent = Context | undefined;

/**
 * A child of `parent`, or {@link NO_SPAN} without one. End it.
 *
 * In a trace that is not sampled, the child is the parent's own no-op span again: every sampler
 * this platform offers decides a child as it decided the parent (setup.ts), so a child would record
 * nothing, and an id of its own would serve no one. Making one anyway was a third of what tracing
 * costs an unsampled request (docs/benchmarks.md). What crosses to a subgraph is then the
 * parent's id, unsampled, which the subgraph follows just the same.
 */
export function startSpan(name: string, parent: TraceParent, options?: SpanOptions): Span {
  if (!parent) return NO_SPAN;
  const parentSpan = trace.getSpan(parent);
  if (parentSpan && !(parentSpan.spanContext().traceFlags & TraceFlags.SAMPLED)) return parentSpan;
  return tracer.startSpan(name, options, parent);
}

/** What a child of `span` takes as its parent: undefined when `span` is {@link NO_SPAN}. */
export function under(parent: TraceParent, span: Span): TraceParent {
  if (!parent || span === NO_SPAN) return undefined;
  return trace.getSpan(parent) === span ? parent : trace.setSpan(parent, span);
}

/**
 * A span around one step a service takes inside a request (the entitlement decision, signing a
 * manifest): a child of `parent`, ended when the step settles, marked failed when it throws. The step
 * gets its span, and the parent for spans of its own. Without a parent it only runs the step.
 */
export async function inSpan<T>(
  name: string,
  parent: TraceParent,
  step: (span: Span, inside: TraceParent) => Promise<T>,
  attributes?: Attributes,
): Promise<T> {
  if (!parent) return step(NO_SPAN, undefined);
  const span = startSpan(name, parent, { attributes });
  try {
    return await step(span, under(parent, span));
  } catch (error) {
    span.recordException(error as Error);
    span.setStatus({ code: SpanStatusCode.ERROR });
    throw error;
  } finally {
    span.end();
  }
}

/**
 * Runs `call` with `parent` as OpenTelemetry's active context for its synchronous part
 * (syncContext.ts): for a client library that reads the active span as it sends, such as the Redis
 * client's command spans. Call the library's method itself inside, not code that awaits first.
 */
export function withParent<T>(parent: TraceParent, call: () => T): T {
  return parent ? context.with(parent, call) : call();
}
