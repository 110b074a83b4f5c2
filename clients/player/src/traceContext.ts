/**
 * The W3C trace context the player sends with each request (`traceparent`): a new trace per request,
 * so that a device team holding a failed request's trace id finds that one request across the
 * gateway and the subgraphs (docs/observability.md). The flag asks for sampling; the gateway decides
 * by its own rule and says what it decided in `traceresponse`.
 */

export interface TraceContext {
  traceId: string;
  /** The header's value: `00-<trace id>-<span id>-01`. */
  traceparent: string;
}

export function newTraceContext(): TraceContext {
  const traceId = randomHex(16);
  return { traceId, traceparent: `00-${traceId}-${randomHex(8)}-01` };
}

/** `bytes` random bytes as hex, never all zeros (an invalid id in W3C trace context). */
function randomHex(bytes: number): string {
  const values = crypto.getRandomValues(new Uint8Array(bytes));
  if (values.every((value) => value === 0)) values[bytes - 1] = 1;
  return Array.from(values, (value) => value.toString(16).padStart(2, '0')).join('');
}
