/**
 * Polls a supergraph served over HTTP (`SUPERGRAPH_URL`): a plain GET every `SUPERGRAPH_POLL_MS`.
 * The source compares content hashes, so an unchanged answer costs one request and one hash.
 */
export function readSupergraphUrl(url: string, timeoutMs: number): () => Promise<string> {
  return async () => {
    const response = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
    if (!response.ok) throw new Error(`GET ${url} answered ${response.status}`);
    return response.text();
  };
}

/** Calls `changed` every `intervalMs`; returns the stop. */
export function pollSupergraph(intervalMs: number) {
  return (changed: () => void): (() => void) => {
    const timer = setInterval(changed, intervalMs);
    // Polling must never be what keeps a stopped gateway's process alive.
    timer.unref();
    return () => clearInterval(timer);
  };
}
