/**
 * The fetch stage that gives each subgraph fetch its span (when tracing is on): `gateway.fetch`,
 * named as Apollo's gateway names its own, under the execution's span, with the subgraph, where its
 * data goes, the attempts, and the outcome an operator asks about (fresh, cached, stale, default,
 * omitted, failed). It sits outside the stand-ins so that a fallback shows on the span
 * (tracing/events.ts); each attempt below it is a span of its own (resilience/attemptSpan.ts).
 * Untraced, it only runs the fetch.
 */
import { SpanStatusCode } from '@opentelemetry/api';
import { startSpan, under } from '@platform/tracing/spans';
import { outcomeWatch } from '../fetch/outcome';
import type { FetchStage } from '../fetch/pipeline';

export const fetchSpanStage: FetchStage = (next) => async (fetch) => {
  if (!fetch.traceParent) return next(fetch);
  const span = startSpan('gateway.fetch', fetch.traceParent, {
    attributes: { 'subgraph.name': fetch.subgraph, 'subgraph.path': fetch.path.join('.') },
  });
  fetch.traceParent = under(fetch.traceParent, span);
  const watch = outcomeWatch(fetch);
  const close = (outcome: string) => {
    span.setAttributes({ 'subgraph.outcome': outcome, 'subgraph.attempts': fetch.attempted.length });
    if (outcome === 'failed') span.setStatus({ code: SpanStatusCode.ERROR });
    span.end();
  };
  try {
    const answer = await next(fetch);
    close(watch.outcome(answer));
    return answer;
  } catch (error) {
    close(watch.outcome(null));
    throw error;
  }
};
