/**
 * What a request's span records as events when tracing is on: the fields a fallback answered, and a
 * rate-limit refusal, at the moment they happen. Each is a no-op without an active span.
 */
import { trace } from '@opentelemetry/api';
import type { DegradedField } from '../request/degraded';

/** On the active span: the fetch's span (tracing/fetchSpanStage.ts) when a stand-in is built. */
export function fallbackEvent(field: DegradedField): void {
  trace.getActiveSpan()?.addEvent('fallback', {
    'fallback.path': field.path.join('.'),
    'fallback.kind': field.fallback,
    'subgraph.name': field.subgraph,
    ...(field.ageSeconds !== null && { 'fallback.age_seconds': field.ageSeconds }),
  });
}

/** On the active span: the request's. */
export function rateLimitedEvent(retryAfterSeconds: number): void {
  trace.getActiveSpan()?.addEvent('rate limited', { 'rate_limit.retry_after_seconds': retryAfterSeconds });
}
