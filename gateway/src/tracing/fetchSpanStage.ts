/**
 * The fetch stage that describes each subgraph fetch on its span (when tracing is on,
 * lib/platform/tracing/setup.ts): Apollo's own `gateway.fetch`, the span active while the fetch runs,
 * gets the subgraph, where its data goes, the attempts, and the outcome an operator asks about (fresh,
 * cached, stale, default, omitted, failed). It sits outside the stand-ins so that a fallback shows on
 * the span (tracing/events.ts); each attempt below it is a span of its own (resilience/attemptSpan.ts).
 * One span per fetch, not two: Apollo's is there already, and a second would only repeat its timing.
 * With tracing off it only runs the fetch.
 */
import { SpanStatusCode, trace } from '@opentelemetry/api';
import { outcomeWatch } from '../fetch/outcome';
import type { FetchStage } from '../fetch/pipeline';

export const fetchSpanStage: FetchStage = (next) => async (fetch) => {
  const span = trace.getActiveSpan();
  if (!span?.isRecording()) return next(fetch);
  span.setAttributes({ 'subgraph.name': fetch.subgraph, 'subgraph.path': fetch.path.join('.') });
  const watch = outcomeWatch(fetch);
  const close = (outcome: string) => {
    span.setAttributes({ 'subgraph.outcome': outcome, 'subgraph.attempts': fetch.attempted.length });
    if (outcome === 'failed') span.setStatus({ code: SpanStatusCode.ERROR });
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
