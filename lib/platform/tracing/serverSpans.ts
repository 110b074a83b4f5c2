/**
 * A server span for each request a service answers (when tracing is on, setup.ts): it continues the
 * caller's trace when the request carries W3C `traceparent` (a device, the gateway), and everything
 * the request does runs in its context, so the spans below it (Apollo's, the fetches', the
 * subgraphs') and the log lines it writes (log.ts) belong to the same trace. The answer says which
 * trace in `traceresponse` (W3C Trace Context level 2), so a device can quote it.
 */
import type http from 'node:http';
import {
  context,
  isSpanContextValid,
  propagation,
  ROOT_CONTEXT,
  SpanKind,
  SpanStatusCode,
  trace,
} from '@opentelemetry/api';

const tracer = trace.getTracer('streaming-control-plane');

const TRACE_RESPONSE_HEADER = 'traceresponse';

/**
 * `listener` with a span around every request for which `route` names a route (`/graphql`); other
 * requests (health checks, metrics) are answered without one. The span is named `METHOD route`.
 */
export function withServerSpans(
  listener: http.RequestListener,
  route: (request: http.IncomingMessage) => string | null,
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
    const flags = spanContext.traceFlags.toString(16).padStart(2, '0');
    response.setHeader(TRACE_RESPONSE_HEADER, `00-${spanContext.traceId}-${spanContext.spanId}-${flags}`);
    response.once('close', () => {
      span.setAttribute('http.response.status_code', response.statusCode);
      if (response.statusCode >= 500) span.setStatus({ code: SpanStatusCode.ERROR });
      span.end();
    });
    const traced = trace.setSpan(parent, span);
    // The body arrives in events the socket emits, outside this call: bound, they run in the trace too.
    context.bind(traced, request);
    context.bind(traced, response);
    context.with(traced, () => listener(request, response));
  };
}
