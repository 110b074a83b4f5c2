/**
 * The replica pool's HTTP client: undici's `Agent` (a keep-alive connection pool per origin) driven
 * through its `dispatch` handler API. It skips the WHATWG `fetch` layer (Request/Response objects,
 * web streams, AbortSignal plumbing), the largest part of the gateway's CPU under `play` load in a
 * profile (docs/benchmarks.md), and undici's own `request` (a Readable stream and an async resource
 * per response), the next biggest part: a subgraph's answer is a few KiB of JSON, collected as Buffers and parsed
 * once. Same contract as the global `fetch` for the pool: an abort fails the attempt at once and
 * destroys its socket, so a hung replica (a SIGSTOPped process) is cut by the attempt's timeout.
 */
import { Agent, type Dispatcher } from 'undici';
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
 * open; `close()` ends them, for a gateway that stops.
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
  const targets = new Map<string, { origin: string; path: string }>();
  const send: ReplicaFetch = (url, init) => {
    let target = targets.get(url);
    if (!target) {
      const parsed = new URL(url);
      target = { origin: parsed.origin, path: `${parsed.pathname}${parsed.search}` };
      targets.set(url, target);
    }
    return new Promise<ReplicaResponse>((resolve, reject) => {
      const { signal } = init;
      const exchange = new Exchange(signal, resolve, reject);
      if (signal.aborted) return exchange.abort();
      signal.addEventListener('abort', exchange, { once: true });
      agent.dispatch({ ...target, method: init.method, headers: init.headers, body: init.body }, exchange);
    });
  };
  return Object.assign(send, { close: () => agent.close() });
}

/**
 * One request and its answer: the dispatch handler, and the abort listener (`handleEvent`) of the
 * attempt's signal. Settles once: with the whole answer, or with the first error or abort.
 */
class Exchange implements Dispatcher.DispatchHandler {
  private controller: Dispatcher.DispatchController | undefined;
  private settled = false;
  private status = 0;
  private headers: Headers = {};
  private readonly chunks: Buffer[] = [];

  constructor(
    private readonly signal: AbortSignal,
    private readonly resolve: (answer: ReplicaResponse) => void,
    private readonly reject: (error: unknown) => void,
  ) {}

  /** The attempt's signal fired: fail now, and cut the request if it is on a socket already. */
  handleEvent(): void {
    this.abort();
  }

  abort(): void {
    const reason: unknown = this.signal.reason;
    this.settle(() => this.reject(reason));
    this.controller?.abort(reason instanceof Error ? reason : new Error(String(reason)));
  }

  onRequestStart(controller: Dispatcher.DispatchController): void {
    this.controller = controller;
    // Aborted while it waited for a connection of the pool.
    if (this.settled) controller.abort(new Error('aborted before it was sent'));
  }

  onResponseStart(_controller: Dispatcher.DispatchController, statusCode: number, headers: Headers): void {
    this.status = statusCode;
    this.headers = headers;
  }

  onResponseData(_controller: Dispatcher.DispatchController, chunk: Buffer): void {
    this.chunks.push(chunk);
  }

  onResponseEnd(): void {
    const { status, headers, chunks } = this;
    this.settle(() =>
      this.resolve({
        status,
        headers: { get: (name) => headerValue(headers[name.toLowerCase()]) },
        json: async () => JSON.parse(Buffer.concat(chunks).toString('utf8')) as unknown,
        // The answer is read whole already: nothing holds the connection.
        body: { cancel: async () => {} },
      }),
    );
  }

  onResponseError(_controller: Dispatcher.DispatchController, error: Error): void {
    this.settle(() => this.reject(error));
  }

  private settle(outcome: () => void): void {
    if (this.settled) return;
    this.settled = true;
    this.signal.removeEventListener('abort', this);
    outcome();
  }
}

type Headers = Record<string, string | string[] | undefined>;

function headerValue(value: string | string[] | undefined): string | null {
  return value === undefined ? null : Array.isArray(value) ? value.join(', ') : value;
}

/** One agent for every pool of the process, as the global `fetch` has one global dispatcher. */
let shared: ReturnType<typeof createPooledFetch> | undefined;

/** The process-wide {@link createPooledFetch}, created on first use. */
export const pooledFetch: ReplicaFetch = (url, init) => (shared ??= createPooledFetch())(url, init);
