/**
 * A server span for each request a service answers (when tracing is on, setup.ts): it continues the
 * caller's trace when the request carries W3C `traceparent` (a device, the gateway), and the request
 * keeps it as the parent of everything it does ({@link requestTrace}): the gateway's steps and
 * fetches, a subgraph's decision and its database commands, and the log lines written for it. The
 * gateway's answer says which trace in `traceresponse` (W3C Trace Context level 2), so a device can
 * quote it; a subgraph's does not, its one caller having sent the trace itself.
 */
import type http from 'node:http';
import {
  isSpanContextValid,
  propagation,
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  trace,
  type Context,
} from '@opentelemetry/api';
import type { TraceParent } from './spans';

const tracer = trace.getTracer('streaming-control-plane');

const TRACE_RESPONSE_HEADER = 'traceresponse';

const traces = new WeakMap<http.IncomingMessage, Context>();

/** The context of `request`'s server span: undefined when it has none (tracing off, a health check). */
export function requestTrace(request: http.IncomingMessage): TraceParent {
  return traces.get(request);
}

/**
 * `listener` with a span around every request for which `route` names a route (`/graphql`); other
 * requests (health checks, metrics) are answered without one. The span is named `METHOD route`.
 * `traceResponse`: whether the answer names the trace (`traceresponse`).
 */
export function withServerSpans(
  listener: http.RequestListener,
  route: (request: http.IncomingMessage) => string | null,
  traceResponse = true,
): http.RequestListener {
  return (request, response) => {
    const name = route(request);
    if (name === null) return listener(request, response);
    const parent = propagation.extract(ROOT_CONTEXT, request.headers);
    const span = tracer.startSpan(
      `${request.method} ${name}`,
      {
        kind: SpanKind.SERVER,
        attributes: { 'http.request.method': request.method ?? 'GET', 'http.route': name, 'url.path': name },
      },
      parent,
    );
    const spanContext = span.spanContext();
    if (!isSpanContextValid(spanContext)) return listener(request, response);
    if (traceResponse) {
      const flags = spanContext.traceFlags.toString(16).padStart(2, '0');
      response.setHeader(TRACE_RESPONSE_HEADER, `00-${spanContext.traceId}-${spanContext.spanId}-${flags}`);
    }
    response.once('close', () => {
      span.setAttribute('http.response.status_code', response.statusCode);
      if (response.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
    });
    traces.set(request, trace.setSpan(parent, span));
    listener(request, response);
  };
}
