/**
 * The replica pool's default HTTP client: undici's `request` on a keep-alive connection pool per
 * origin, without the WHATWG `fetch` layer (Request/Response objects, web streams, AbortSignal
 * plumbing), which took over a third of the gateway's CPU under `play` load in a profile. Same
 * contract as the global `fetch` for the pool: an abort destroys the request and its socket at once,
 * so a hung replica (a SIGSTOPped process) is cut by the attempt's timeout.
 */
import { Agent, request } from 'undici';
import type { ReplicaFetch, ReplicaResponse } from './replicaFetch';

export interface PooledFetchSettings {
  /** Idle keep-alive connections are closed after this long. Defaults to 30_000 ms. */
  keepAliveTimeoutMs?: number;
  /**
   * Connections per replica. Defaults to 64: a gateway replica's fetches to one subgraph replica at
   * 2 cores' worth of `play`s, with room; extra requests queue on the pool rather than open sockets.
   */
  connectionsPerOrigin?: number;
}

/**
 * A {@link ReplicaFetch} on its own undici `Agent`. The agent's idle sockets do not hold the process
 * open; `close()` ends them at once, for a gateway that stops.
 */
export function createPooledFetch(settings: PooledFetchSettings = {}): ReplicaFetch & {
  close(): Promise<void>;
} {
  const agent = new Agent({
    keepAliveTimeout: settings.keepAliveTimeoutMs ?? 30_000,
    connections: settings.connectionsPerOrigin ?? 64,
    // The pool owns every deadline: undici's own (300 s headers/body) must never fire first.
    headersTimeout: 0,
    bodyTimeout: 0,
  });
  const send: ReplicaFetch = async (url, init) => {
    const response = await request(url, {
      method: init.method,
      body: init.body,
      headers: init.headers,
      signal: init.signal,
      dispatcher: agent,
    });
    const answer: ReplicaResponse = {
      status: response.statusCode,
      headers: { get: (name) => headerValue(response.headers[name.toLowerCase()]) },
      json: () => response.body.json(),
      // Reads and drops an unread body so the connection goes back to the pool.
      body: { cancel: () => response.body.dump() },
    };
    return answer;
  };
  return Object.assign(send, { close: () => agent.close() });
}

/** One agent for every pool of the process, as the global `fetch` has one global dispatcher. */
let shared: ReturnType<typeof createPooledFetch> | undefined;

/** The process-wide {@link createPooledFetch}, created on first use. */
export const pooledFetch: ReplicaFetch = (url, init) => (shared ??= createPooledFetch())(url, init);

function headerValue(value: string | string[] | undefined): string | null {
  return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
}
