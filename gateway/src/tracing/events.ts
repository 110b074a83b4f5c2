/**
 * What spans record as events when tracing is on: the fields a fallback answered, and a rate-limit
 * refusal, at the moment they happen. Each is a no-op on an untraced request.
 */
import { trace } from '@opentelemetry/api';
import type { TraceParent } from '@platform/tracing/spans';
import type { DegradedField } from '../request/degraded';

/** On the span of the fetch the stand-in answers: the `traceParent` of a fetch below fetchSpanStage.ts. */
export function fallbackEvent(fetch: TraceParent, field: DegradedField): void {
  if (!fetch) return;
  trace.getSpan(fetch)?.addEvent('fallback', {
    'fallback.path': field.path.join('.'),
    'fallback.kind': field.fallback,
    'subgraph.name': field.subgraph,
    ...(field.ageSeconds !== null && { 'fallback.age_seconds': field.ageSeconds }),
  });
}

/** On the request's span. */
export function rateLimitedEvent(request: TraceParent, retryAfterSeconds: number): void {
  if (!request) return;
  trace.getSpan(request)?.addEvent('rate limited', { 'rate_limit.retry_after_seconds': retryAfterSeconds });
}
