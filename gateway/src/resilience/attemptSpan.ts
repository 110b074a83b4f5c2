/**
 * One client span per attempt the replica pool sends (when tracing is on): under the fetch's span
 * (`gateway.fetch`, tracing/fetchSpanStage.ts), named and described as OpenTelemetry's HTTP client
 * conventions say (`POST`, `url.full`, `server.address`, `http.response.status_code`,
 * `http.request.resend_count`, `error.type`), with which replica, which attempt and the state of its
 * circuit when it was sent. The attempt carries its own span as `traceparent`, so a subgraph's spans
 * hang under the attempt that reached it. Untraced, this only sends.
 */
import { propagation, SpanKind, SpanStatusCode, type Attributes } from '@opentelemetry/api';
import type { SubgraphName } from '@platform/composition';
import { startSpan, under, type TraceParent } from '@platform/tracing/spans';
import { SubgraphUnavailableError } from '../fetch/unavailable';

export interface Attempt {
  subgraph: SubgraphName;
  /** The replica's URL. */
  replica: string;
  /** 1 for the first attempt of a fetch. */
  number: number;
  circuit: 'closed' | 'open' | 'half-open';
}

export async function tracedAttempt<T extends { status: number }>(
  attempt: Attempt,
  parent: TraceParent,
  headers: Record<string, string>,
  send: (headers: Record<string, string>) => Promise<T>,
): Promise<T> {
  if (!parent) return send(headers);
  const span = startSpan('POST', parent, { kind: SpanKind.CLIENT });
  if (span.isRecording()) span.setAttributes(attributesOf(attempt));
  const traced = { ...headers };
  propagation.inject(under(parent, span)!, traced);
  try {
    const answer = await send(traced);
    span.setAttribute('http.response.status_code', answer.status);
    return answer;
  } catch (error) {
    span.setAttribute(
      'error.type',
      error instanceof SubgraphUnavailableError ? error.reason : (error as Error).name,
    );
    span.setStatus({ code: SpanStatusCode.ERROR, message: (error as Error).message });
    throw error;
  } finally {
    span.end();
  }
}

/** What describes a replica, the same on every attempt: worked out once per replica URL. */
const replicaAttributes = new Map<string, Attributes>();

function attributesOf(attempt: Attempt): Attributes {
  let replica = replicaAttributes.get(attempt.replica);
  if (!replica) {
    const url = new URL(attempt.replica);
    replica = {
      'http.request.method': 'POST',
      'url.full': attempt.replica,
      'server.address': url.hostname,
      'server.port': Number(url.port) || (url.protocol === 'https:' ? 443 : 80),
    };
    // Replicas come from the configuration, not from requests: a handful of entries.
    replicaAttributes.set(attempt.replica, replica);
  }
  return {
    ...replica,
    ...(attempt.number > 1 && { 'http.request.resend_count': attempt.number - 1 }),
    'subgraph.name': attempt.subgraph,
    'subgraph.attempt': attempt.number,
    'subgraph.circuit_state': attempt.circuit,
  };
}
