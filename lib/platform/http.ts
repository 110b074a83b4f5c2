/**
 * Serves an ApolloServer and a few plain routes over node:http. The gateway needs routes beside
 * GraphQL (health, JWKS), and the subgraphs need none of a web framework's features, so the
 * integration is this one small file instead of an extra framework dependency.
 */
import http, { type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { HeaderMap, type ApolloServer, type BaseContext } from '@apollo/server';

/** Largest accepted request body. Defaults to 1 MiB: a play request is well under 2 KiB. */
export const MAX_BODY_BYTES = 1024 * 1024;

export type Route = (request: IncomingMessage, response: ServerResponse) => void | Promise<void>;

export interface HttpServerOptions<Context extends BaseContext> {
  graphql: {
    server: ApolloServer<Context>;
    /** Builds the per-request context; throw a GraphQLError with `extensions.http.status` to refuse. */
    context: (request: IncomingMessage) => Promise<Context>;
  };
  /** Extra GET routes by exact path, such as `/health/ready`. */
  routes?: Record<string, Route>;
}

export function createHttpServer<Context extends BaseContext>(
  options: HttpServerOptions<Context>,
): http.Server {
  const server = http.createServer((request, response) => {
    handle(options, request, response).catch((error: unknown) => {
      if (!response.headersSent)
        sendJson(response, 500, graphqlError('Internal server error', 'INTERNAL_SERVER_ERROR'));
      else response.destroy(error as Error);
    });
  });
  // Keep-alive longer than typical load-balancer idle timeouts, so pooled connections are not reset.
  server.keepAliveTimeout = 65_000;
  return server;
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

  let body: unknown;
  if (request.method === 'POST') {
    const text = await readBody(request);
    if (text === undefined) {
      return sendJson(response, 413, graphqlError('Request body is larger than 1 MiB', 'BAD_REQUEST'), {
        connection: 'close',
      });
    }
    try {
      body = text.length ? JSON.parse(text) : undefined;
    } catch {
      return sendJson(response, 400, graphqlError('Request body is not valid JSON', 'BAD_REQUEST'));
    }
  }
  const headers = new HeaderMap();
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined) headers.set(name, Array.isArray(value) ? value.join(', ') : value);
  }
  const result = await options.graphql.server.executeHTTPGraphQLRequest({
    httpGraphQLRequest: { method: request.method ?? 'GET', headers, search: url.search, body },
    context: () => options.graphql.context(request),
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

function readBody(request: IncomingMessage): Promise<string | undefined> {
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
    request.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
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

export function graphqlError(message: string, code: string) {
  return { errors: [{ message, extensions: { code } }] };
}

/** Listens and resolves with the bound port (useful with port 0 in tests). */
export function listen(server: http.Server, port: number, host = '127.0.0.1'): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      server.off('error', reject);
      resolve((server.address() as AddressInfo).port);
    });
  });
}
