/**
 * One segment request with a deadline: the whole body must arrive before it, or the attempt counts
 * as slow and is abandoned (the caller retries elsewhere).
 */
import type { Clock, Fetch } from './clock';

/** Why a CDN failed one attempt. */
export type CdnFailureKind =
  /** Connection refused or reset, DNS failure: nothing answered. */
  | 'unreachable'
  /** The body did not arrive within the segment deadline (a hanging or slow edge). */
  | 'timeout'
  /** The edge answered 403 or 410: this CDN refuses the session's token. */
  | 'tokenRefused'
  /** Any other non-2xx answer. */
  | 'httpError';

export type SegmentAttempt =
  | { ok: true; bytes: number; downloadMs: number }
  | { ok: false; kind: CdnFailureKind; detail: string; downloadMs: number };

export async function fetchSegment(
  fetch: Fetch,
  clock: Clock,
  url: string,
  deadlineMs: number,
  stop: AbortSignal,
): Promise<SegmentAttempt> {
  const started = clock.now();
  const attempt = new AbortController();
  const onStop = () => attempt.abort(stop.reason);
  stop.addEventListener('abort', onStop, { once: true });
  let timedOut = false;
  const deadline = clock.sleep(deadlineMs, attempt.signal).then(
    () => {
      timedOut = true;
      attempt.abort(new Error('segment deadline'));
    },
    () => {},
  );
  try {
    const response = await fetch(url, { signal: attempt.signal });
    if (!response.ok) {
      await response.body?.cancel().catch(() => {});
      const kind = response.status === 403 || response.status === 410 ? 'tokenRefused' : 'httpError';
      return { ok: false, kind, detail: `HTTP ${response.status}`, downloadMs: clock.now() - started };
    }
    const body = await response.arrayBuffer();
    return { ok: true, bytes: body.byteLength, downloadMs: clock.now() - started };
  } catch (error) {
    if (stop.aborted) throw stop.reason;
    return {
      ok: false,
      kind: timedOut ? 'timeout' : 'unreachable',
      detail: timedOut ? `no complete answer within ${Math.round(deadlineMs)} ms` : describe(error),
      downloadMs: clock.now() - started,
    };
  } finally {
    stop.removeEventListener('abort', onStop);
    if (!attempt.signal.aborted) attempt.abort(new Error('attempt finished'));
    await deadline;
  }
}

function describe(error: unknown): string {
  const cause = (error as { cause?: { code?: string } }).cause;
  return cause?.code ?? (error as Error).message;
}
