/**
 * A gateway request's place in its trace: the parents its spans take, explicitly, since no context is
 * carried through `await`s (lib/platform/tracing/syncContext.ts says why). The HTTP steps and the
 * plugins hang under the request's server span; the fetches under the execution's span, which
 * tracing/tracePlugin.ts opens.
 */
import type { Span } from '@opentelemetry/api';
import type { TraceParent } from '@platform/tracing/spans';

export interface RequestTrace {
  /** The request's server span (lib/platform/tracing/serverSpans.ts). */
  readonly request: TraceParent;
  /** The execution's step running now (`gateway.plan`, then `gateway.execute`), if any. */
  step?: Span;
  /** The parent of what runs now: the step's span, else the request's. */
  current: TraceParent;
}

export function requestTraceOf(request: TraceParent): RequestTrace {
  return { request, current: request };
}
