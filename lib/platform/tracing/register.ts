/**
 * Makes a tracer provider this process's, as every service that traces does (setup.ts) and the tests
 * that keep spans in memory: W3C trace context as the only propagator (baggage from outside is not
 * trusted), the synchronous context manager (syncContext.ts: no AsyncLocalStorage), and Apollo's
 * gateway left without spans. Its `gateway.*` spans take their parent from the active span, which no
 * longer lives across an `await`, so they would start traces of their own; the gateway names its
 * plan, execution and fetches itself (gateway/src/tracing/).
 */
import { context, propagation, trace, type Tracer, type TracerProvider } from '@opentelemetry/api';
import { W3CTraceContextPropagator } from '@opentelemetry/core';
import { NO_SPAN } from './spans';
import { SyncContextManager } from './syncContext';

/** The instrumentation scope of `@apollo/gateway`'s spans (its tracer's name). */
const APOLLO_GATEWAY = 'apollo/gateway-js';

/** Runs Apollo's steps as they are, with a span that records nothing. */
const silentTracer: Tracer = {
  startSpan: () => NO_SPAN,
  startActiveSpan: ((...args: unknown[]) =>
    (args[args.length - 1] as (span: unknown) => unknown)(NO_SPAN)) as Tracer['startActiveSpan'],
};

export function useTracerProvider(provider: TracerProvider): void {
  context.setGlobalContextManager(new SyncContextManager());
  propagation.setGlobalPropagator(new W3CTraceContextPropagator());
  trace.setGlobalTracerProvider({
    getTracer: (name, version, options) =>
      name === APOLLO_GATEWAY ? silentTracer : provider.getTracer(name, version, options),
  });
}

/** Undoes {@link useTracerProvider}, for tests. */
export function stopUsingTracerProvider(): void {
  trace.disable();
  propagation.disable();
  context.disable();
}
