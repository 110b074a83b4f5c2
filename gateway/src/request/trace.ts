/**
 * A gateway request's place in its trace: the parents its spans take, explicitly, since no context is
 * carried through `await`s (lib/platform/tracing/syncContext.ts says why). The HTTP steps and the
 * plugins hang under the request's server span; the fetches under the execution's span, which
 * tracing/tracePlugin.ts opens.
 */
import type { TraceParent } from '@platform/tracing/spans';

export interface RequestTrace {
  /** The request's server span (lib/platform/tracing/serverSpans.ts). */
  readonly request: TraceParent;
  /**
   * The parent of what runs now: the span of the execution's step (`gateway.plan`, then
   * `gateway.execute`) while one is open, else the request's.
   */
  current: TraceParent;
}

export function requestTraceOf(request: TraceParent): RequestTrace {
  return { request, current: request };
}
