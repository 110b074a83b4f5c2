/**
 * Serves an ApolloServer and a few plain routes over node:http. The gateway needs routes beside
 * GraphQL (health, JWKS), and the subgraphs need none of a web framework's features, so the
 * integration is this one small file instead of an extra framework dependency.
 */
import type { IncomingMessage, Server, ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HeaderMap, type ApolloServer, type BaseContext } from '@apollo/server';
import { ErrorCode, graphqlErrorBody } from '@contracts/graphqlErrors';
import { SHED_HEADER } from '@contracts/shedding';
import { createDrainableServer } from './httpRequests';
import type { AdmissionControl } from './overload/admission';
import { declaredClass, type RequestClass } from './overload/requestClass';
import { withServerSpans } from './tracing/serverSpans';
import { listenRetryWindowMs, tellSupervisor } from './supervision';

/** Largest accepted request body. Defaults to 1 MiB: a play request is well under 2 KiB. */
export const MAX_BODY_BYTES = 1024 * 1024;

export type Route = (request: IncomingMessage, response: ServerResponse) => void | Promise<void>;

export interface HttpServerOptions<Context extends BaseContext> {
  graphql: {
    server: ApolloServer<Context>;
    /**
     * Builds the per-request context; throw a GraphQLError with `extensions.http.status` to refuse.
     * `body` is the exact bytes the operation came in, for checks bound to them: the POST body, or
     * the URL's search string (`?query=…`) for a GET, so that no two requests share them.
     */
    context: (request: IncomingMessage, body: Buffer) => Promise<Context>;
  };
  /** Extra GET routes by exact path, such as `/health/ready`. */
  routes?: Record<string, Route>;
  /** Refuses the lower request classes first under overload (lib/platform/overload/). None: off. */
  admission?: AdmissionControl;
}

export function createHttpServer<Context extends BaseContext>(options: HttpServerOptions<Context>): Server {
  const listener = (request: IncomingMessage, response: ServerResponse) => {
    handle(options, request, response).catch((error: unknown) => {
      if (!response.headersSent)
        sendJson(response, 500, graphqlErrorBody('Internal server error', ErrorCode.InternalServerError));
      else response.destroy(error as Error);
    });
  };
  // Only the gateway calls a subgraph, and it sent the trace: the answer need not name it.
  return createDrainableServer({}, withServerSpans(listener, graphqlRoute, false));
}

/** Operations start a span (tracing/serverSpans.ts); health checks do not. */
function graphqlRoute(request: IncomingMessage): string | null {
  return (request.url ?? '/').split('?', 1)[0] === '/graphql' ? '/graphql' : null;
}

async function handle<Context extends BaseContext>(
  options: HttpServerOptions<Context>,
  request: IncomingMessage,
  response: ServerResponse,
): Promise<void> {
  const url = new URL(request.url ?? '/', 'http://localhost');
  const route = options.routes?.[url.pathname];
  if (route && (request.method === 'GET' || request.method === 'HEAD')) return route(request, response);
  if (url.pathname !== '/graphql') return sendJson(response, 404, { error: `No route ${url.pathname}` });
  if (options.admission) {
    const requestClass = declaredClass(request.headers) ?? 'critical';
    const ticket = options.admission.admit(requestClass);
    if (!ticket) return sendShed(response, requestClass);
    response.once('close', ticket.release);
  }

  let body: unknown;
  let raw: Buffer = Buffer.from(url.search, 'utf8');
  if (request.method === 'POST') {
    const bytes = await readBody(request);
    if (bytes === undefined) {
      const tooLarge = graphqlErrorBody('Request body is larger than 1 MiB', ErrorCode.BadRequest);
      return sendJson(response, 413, tooLarge, { connection: 'close' });
    }
    raw = bytes;
    try {
      body = bytes.length ? JSON.parse(bytes.toString('utf8')) : undefined;
    } catch {
      const notJson = graphqlErrorBody('Request body is not valid JSON', ErrorCode.BadRequest);
      return sendJson(response, 400, notJson);
    }
  }
  const headers = new HeaderMap();
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
  }
  const result = await options.graphql.server.executeHTTPGraphQLRequest({
    httpGraphQLRequest: { method: request.method ?? 'GET', headers, search: url.search, body },
    context: () => options.graphql.context(request, raw),
  });
  for (const [name, value] of result.headers) response.setHeader(name, value);
  response.statusCode = result.status ?? 200;
  if (result.body.kind === 'complete') {
    response.end(result.body.string);
    return;
  }
  for await (const chunk of result.body.asyncIterator) response.write(chunk);
  response.end();
}

/**
 * 503 with `x-shed`: refused unworked for the overload, before the body is read; the caller (the
 * gateway) tries another replica or falls back, and does not hold it against this one.
 */
function sendShed(response: ServerResponse, requestClass: RequestClass): void {
  const body = graphqlErrorBody("Overloaded: serving viewers' starts first", ErrorCode.Overloaded, {
    requestClass,
  });
  sendJson(response, 503, body, { [SHED_HEADER]: requestClass, 'retry-after': '1' });
}

/** The body's bytes, or undefined when it is over {@link MAX_BODY_BYTES}. */
function readBody(request: IncomingMessage): Promise<Buffer | undefined> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    request.on('data', (chunk: Buffer) => {
      if (size > MAX_BODY_BYTES) return;
      size += chunk.length;
      if (size > MAX_BODY_BYTES) {
        // Stop buffering but keep the connection: destroying the request here would destroy the
        // socket too, and the client would see a reset instead of the 413 it is owed. The rest of the
        // body is discarded as it arrives, and the 413 closes the connection.
        chunks.length = 0;
        resolve(undefined);
      } else chunks.push(chunk);
    });
    request.on('end', () => resolve(Buffer.concat(chunks)));
    request.on('error', reject);
  });
}

export function sendJson(
  response: ServerResponse,
  status: number,
  value: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(value);
  response.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  response.end(text);
}

/** How often `listen()` tries a busy port again within its retry window: 20 ms. */
export const LISTEN_RETRY_INTERVAL_MS = 20;

/** The port could not be bound; the message names the port and why, for the operator to act on. */
export class ListenError extends Error {
  override name = 'ListenError';
  constructor(
    readonly port: number,
    readonly reason: string,
  ) {
    super(`cannot listen on port ${port}: ${reason}`);
  }
}

/**
 * Listens and resolves with the bound port (useful with port 0 in tests). A port another process
 * holds is tried again every {@link LISTEN_RETRY_INTERVAL_MS} within `retryWithinMs`: in a rolling
 * restart the supervisor starts the replacement first and stops the old process only once the
 * replacement waits here (it is told so), so the port changes hands within tens of milliseconds.
 * Rejects with a {@link ListenError}, and tells the supervisor why, when the port cannot be bound.
 *
 * @param retryWithinMs defaults to `LISTEN_RETRY_MS` (lib/platform/supervision.ts), itself 0
 * @param report whether to tell the supervisor. Defaults to true; false for a second listener (an
 *   admin port), since the supervisor's messages are about the service's public port.
 */
export async function listen(
  server: Server,
  port: number,
  host = '127.0.0.1',
  retryWithinMs = listenRetryWindowMs(),
  report = true,
): Promise<number> {
  const tell: typeof tellSupervisor = (message) => {
    if (report) tellSupervisor(message);
  };
  const deadline = Date.now() + retryWithinMs;
  for (let attempt = 0; ; attempt++) {
    try {
      const bound = await listenOnce(server, port, host);
      tell({ kind: 'listening', port: bound });
      return bound;
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EADDRINUSE' && Date.now() < deadline) {
        if (attempt === 0) tell({ kind: 'port-busy', port });
        await new Promise((resolve) => setTimeout(resolve, LISTEN_RETRY_INTERVAL_MS));
        continue;
      }
      const failure = new ListenError(port, LISTEN_FAILURES[code ?? ''] ?? (error as Error).message);
      tell({ kind: 'listen-failed', port, reason: failure.reason });
      throw failure;
    }
  }
}

const LISTEN_FAILURES: Record<string, string> = {
  EADDRINUSE: 'already in use',
  EACCES: 'permission denied (ports below 1024 need privileges)',
  EADDRNOTAVAIL: 'the address is not on this machine',
};

function listenOnce(server: Server, port: number, host: string): Promise<number> {
  return new Promise((resolve, reject) => {
    // Both listeners are removed whichever fires, so retries do not pile them up on the server.
    const onError = (error: Error) => {
      server.off('listening', onListening);
      reject(error);
    };
    const onListening = () => {
      server.off('error', onError);
      resolve((server.address() as AddressInfo).port);
    };
    server.once('error', onError);
    server.once('listening', onListening);
    server.listen(port, host);
  });
}
