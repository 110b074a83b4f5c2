/**
 * A span around one step a service takes inside a request (the entitlement decision, signing a
 * manifest): a child of the request's span, ended when the step settles, marked failed when it
 * throws. With tracing off it only runs the step.
 */
import { SpanStatusCode, trace, type Attributes, type Span } from '@opentelemetry/api';

const tracer = trace.getTracer('streaming-control-plane');

export function inSpan<T>(
  name: string,
  step: (span: Span) => Promise<T>,
  attributes?: Attributes,
): Promise<T> {
  return tracer.startActiveSpan(name, { attributes }, async (span) => {
    try {
      return await step(span);
    } catch (error) {
      span.recordException(error as Error);
      span.setStatus({ code: SpanStatusCode.ERROR });
      throw error;
    } finally {
      span.end();
    }
  });
}
