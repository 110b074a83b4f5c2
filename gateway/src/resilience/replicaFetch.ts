/**
 * The HTTP client seam of the replica pool, in a module of its own so the default client
 * (pooledFetch.ts) and the pool can both name it.
 */

/**
 * What the pool needs of an HTTP client: the default (`pooledFetch`, undici's dispatcher on a
 * keep-alive pool), the global `fetch`, and a test's fake that hangs, refuses or fails per replica
 * all fit. Kept this small so another client can take its place.
 */
export type ReplicaFetch = (
  url: string,
  init: { method: 'POST'; body: string; headers: Record<string, string>; signal: AbortSignal },
) => Promise<ReplicaResponse>;

/** The part of a `Response` the pool reads; `body.cancel()` releases an unread 5xx body. */
export interface ReplicaResponse {
  status: number;
  /** Response headers; only `cache-control` is read (the subgraph's freshness for this answer). */
  headers?: { get(name: string): string | null };
  json(): Promise<unknown>;
  body?: { cancel(): Promise<void> } | null;
}
