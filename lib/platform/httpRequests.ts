/**
 * A node:http server's requests, from its first to the drain that ends them. Every service's server
 * (a subgraph's, the gateway's Fastify app, its admin listener, the edge) is made here or handed to
 * {@link trackRequests}, so that one drain serves them all and can say what it let finish and what it
 * cut. The idea is Apollo's `Stopper` (the heart of its `drainHttpServer` plugin): listen on the
 * server's `request` event instead of owning the handler, so any server can be tracked.
 */
import http from 'node:http';

/**
 * How long an idle keep-alive connection stays open. Defaults to 65_000 (65 seconds): longer than
 * common load-balancer idle timeouts (60 s), so a pooled connection is never reset under them.
 */
export const KEEP_ALIVE_TIMEOUT_MS = 65_000;

/**
 * How long a drain lets in-flight requests finish before destroying their connections. Defaults to
 * 10_000 (ten seconds): far above the gateway's one-second subgraph deadline, well below the thirty
 * seconds an orchestrator usually waits before SIGKILL.
 */
export const DEFAULT_DRAIN_GRACE_MS = 10_000;

export interface DrainOptions {
  /**
   * Longest wait for in-flight requests; connections still open then are destroyed. Defaults to
   * {@link DEFAULT_DRAIN_GRACE_MS}.
   */
  graceMs?: number;
}

export interface DrainOutcome {
  /** Requests answered during the drain: those in flight when it began, and any that came after. */
  finished: number;
  /**
   * Requests still unanswered when the grace ran out; their connections were destroyed. A request
   * whose client hung up during the drain is counted neither here nor in `finished`.
   */
  destroyed: number;
  /** Whether the grace ran out before every connection closed (so some were destroyed). */
  graceRanOut: boolean;
  /** From the start of the drain to the last connection closed. */
  elapsedMs: number;
}

/**
 * node:http's `createServer` with what every service's server shares: keep-alive for
 * {@link KEEP_ALIVE_TIMEOUT_MS}, and its requests tracked from the first, for {@link drainHttpServer}.
 */
export function createDrainableServer(
  options: http.ServerOptions,
  listener?: http.RequestListener,
): http.Server {
  const server = http.createServer(options, listener);
  server.keepAliveTimeout = KEEP_ALIVE_TIMEOUT_MS;
  trackRequests(server);
  return server;
}

/**
 * Tracks the requests of a server made elsewhere; a server must be tracked before its first request
 * for a drain to account for it. Tracking a server twice changes nothing.
 */
export function trackRequests(server: http.Server): void {
  if (!tracked.has(server)) tracked.set(server, new RequestsInFlight(server));
}

/** Node keeps its own list of connections private: this is the part a drain needs. */
const tracked = new WeakMap<http.Server, RequestsInFlight>();

class RequestsInFlight {
  private readonly responses = new Set<http.ServerResponse>();
  /**
   * Responses whose headers, sent before the drain began, promised keep-alive: too late to say
   * `Connection: close`, so their connection is closed once they end instead of idling into the grace.
   */
  private readonly promisedKeepAlive = new WeakSet<http.ServerResponse>();
  /** Set while draining; counts the responses that finished since. */
  private drain: { finished: number } | undefined;

  constructor(private readonly server: http.Server) {
    // Prepended, so that a request reaching a draining server is marked before any handler answers it.
    server.prependListener('request', (_request: http.IncomingMessage, response: http.ServerResponse) =>
      this.add(response),
    );
  }

  get size(): number {
    return this.responses.size;
  }

  /** From now on, every response says `Connection: close`, or has its connection closed once it ends. */
  beginDrain(): { finished: number } {
    this.drain = { finished: 0 };
    for (const response of this.responses) {
      if (response.headersSent) this.promisedKeepAlive.add(response);
      else closeAfter(response);
    }
    return this.drain;
  }

  private add(response: http.ServerResponse): void {
    this.responses.add(response);
    // It came on a connection opened before the drain.
    if (this.drain) closeAfter(response);
    response.once('finish', () => this.settle(response, true));
    response.once('close', () => this.settle(response, false));
  }

  private settle(response: http.ServerResponse, finished: boolean): void {
    if (!this.responses.delete(response) || !this.drain) return;
    if (finished) this.drain.finished += 1;
    // Node detaches the response from its socket in its own 'finish' handler, which ran first; by the
    // next turn the connection is idle, unless its client has begun another request (Node checks).
    if (this.promisedKeepAlive.has(response)) setImmediate(() => this.server.closeIdleConnections());
  }
}

/** Sends `Connection: close`, if the headers are not out yet, so the client does not reuse the socket. */
function closeAfter(response: http.ServerResponse): void {
  if (!response.headersSent) response.setHeader('connection', 'close');
}

/**
 * Stops a server the way Apollo's `drainHttpServer` plugin does: stop accepting connections, close
 * the idle keep-alive ones, let the requests in flight finish within the grace (each response says
 * `Connection: close`, so its client opens its next connection elsewhere instead of racing the
 * close), then destroy whatever is left. Resolves once every connection is closed, with what was
 * finished and what was cut. The server must be tracked ({@link createDrainableServer},
 * {@link trackRequests}): a drain that cannot count what it cuts would hide it.
 */
export async function drainHttpServer(
  server: http.Server,
  options: DrainOptions = {},
): Promise<DrainOutcome> {
  const requests = tracked.get(server);
  if (!requests)
    throw new Error('drainHttpServer: the server is not tracked (createDrainableServer, trackRequests)');
  const started = Date.now();
  const graceMs = options.graceMs ?? DEFAULT_DRAIN_GRACE_MS;
  // Resolves once the listener and every connection are closed; an error only means "never listened".
  const closed = new Promise<void>((resolve) => server.close(() => resolve()));
  const drain = requests.beginDrain();
  server.closeIdleConnections();
  const graceRanOut = await runsOutFirst(graceMs, closed);
  const destroyed = graceRanOut ? requests.size : 0;
  if (graceRanOut) {
    server.closeAllConnections();
    await closed;
  }
  return { finished: drain.finished, destroyed, graceRanOut, elapsedMs: Date.now() - started };
}

/** Whether `graceMs` passes before `closed` resolves. */
async function runsOutFirst(graceMs: number, closed: Promise<void>): Promise<boolean> {
  let expire: NodeJS.Timeout | undefined;
  const ranOut = await Promise.race([
    closed.then(() => false),
    new Promise<boolean>((resolve) => (expire = setTimeout(() => resolve(true), graceMs))),
  ]);
  clearTimeout(expire);
  return ranOut;
}
