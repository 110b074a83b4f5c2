/**
 * The gateway's public listener: a Fastify app on a node:http server the gateway makes with
 * lib/platform/httpRequests.ts, so that its drain counts what it finishes and cuts as every
 * service's does. A GraphQL request's path, in order, cheapest refusal first (the hooks are in
 * graphqlSteps.ts):
 *
 *  1. Node itself: past `maxConnections` the socket is closed; headers or a body slower than their
 *     timeouts get 408.
 *  2. `onRequest`: under overload (`LOAD_SHEDDING=on`, gateway/src/overload/), a request whose
 *     declared class has no room is answered 503 at once; then the bearer token is verified before a
 *     byte of the body is read; no token, or a bad one, is answered 401 (and the connection closed,
 *     so the rest of the body is never read).
 *  3. Body parsing: over 1 MiB is 413; nesting deeper than `maxJsonDepth` is 400, found by a scan
 *     before `JSON.parse` recurses into it.
 *  4. The document: a trusted document's id becomes its text; in `enforce` mode anything else is
 *     refused with PERSISTED_QUERY_NOT_IN_LIST (gateway/src/documents/). Under overload the request
 *     is classed again by its document, and refused 503 if that class has no room.
 *  5. Apollo Server: CSRF prevention, operation limits, the account's rate limit, then planning and
 *     the subgraph fetches.
 *
 * The client address's rate limit is charged in `onRequest` too, before the token is verified.
 */
import type http from 'node:http';
import helmet from '@fastify/helmet';
import { fastifyApolloHandler } from '@as-integrations/fastify';
import type { ApolloServer } from '@apollo/server';
import Fastify, {
  type FastifyError,
  type FastifyInstance,
  type FastifyReply,
  type FastifyRequest,
} from 'fastify';
import { ErrorCode, graphqlErrorBody } from '@contracts/graphqlErrors';
import { MAX_BODY_BYTES } from '@platform/http';
import { createDrainableServer } from '@platform/httpRequests';
import { ServerLifecycle } from '@platform/serverLifecycle';
import { requestTrace, withServerSpans } from '@platform/tracing/serverSpans';
import { traceFields } from '@platform/traceIds';
import type { Logger } from '@platform/log';
import type { JsonAnswer } from '../answers/jsonAnswer';
import type { GatewayContext } from '../request/context';
import { registerExplorer, type Explorer } from '../explorer/explorerRoutes';
import { registerPlayer } from '../player/playerRoutes';
import { countRequestsPerApi, type RequestCounter } from '../legacy/apiGeneration';
import { PLAY_ROUTE, TITLE_ROUTE, type LegacyApi } from '../legacy/routes';
import { GRAPHQL_PATH, graphqlSteps, type GraphqlStepsOptions } from './graphqlSteps';
import { exceedsJsonDepth, tooDeep } from './jsonDepth';
import { TIMEOUT_CHECK_INTERVAL_MS, type HttpLimitSettings } from './settings';
import { securityHeaders } from './securityHeaders';

export interface PublicAppOptions extends GraphqlStepsOptions {
  apollo: ApolloServer<GatewayContext>;
  logger: Logger;
  /** GET routes beside GraphQL, by exact path (`/health/ready`, `/.well-known/jwks.json`). */
  routes: Record<string, () => JsonAnswer | Promise<JsonAnswer>>;
  /** Production: the explorer page (a browser's GET of `/graphql`) shows no development hints. */
  production: boolean;
  /** The REST API for devices that cannot send GraphQL (gateway/src/legacy/). None: not served. */
  legacy?: LegacyApi;
  /** Counts `/graphql` and legacy requests per API generation (`gateway_requests_total`). */
  requests?: RequestCounter;
}

export interface PublicApp {
  /** The server the public port listens on (lib/platform/httpRequests.ts tracks its requests). */
  readonly server: http.Server;
  /**
   * Starts Apollo Server, then readies the app (the GraphQL route needs a started Apollo); stops by
   * draining the server first, then Apollo and the app (see {@link ServerLifecycle}).
   */
  readonly lifecycle: ServerLifecycle;
}

export function createPublicApp(options: PublicAppOptions): PublicApp {
  const { app, server } = fastifyOnPublicServer(options.httpLimits);
  refuseDeepJson(app, options.httpLimits.maxJsonDepth);
  app.setErrorHandler((error: FastifyError, request, reply) =>
    answerError(error, request, reply, options.logger),
  );
  if (options.requests) countRequestsPerApi(app, options.requests);
  app.setNotFoundHandler((request, reply) =>
    reply.code(404).send({ error: `No route ${new URL(request.url, 'http://localhost').pathname}` }),
  );
  addJsonRoutes(app, options.routes);
  const lifecycle = new ServerLifecycle(
    server,
    {
      async start() {
        await options.apollo.start();
        await app.register(helmet, securityHeaders);
        const explorer = await registerPages(app, options);
        addGraphqlRoute(app, options, explorer);
        // Its routes run their trusted documents through the route above (legacy/graphqlBridge.ts).
        options.legacy?.register(app);
        await app.ready();
      },
      async stop() {
        await options.apollo.stop();
        await app.close();
      },
    },
    options.logger,
  );
  return { server, lifecycle };
}

/** A Fastify app on a server the gateway makes, so that the drain tracks it as every service's. */
function fastifyOnPublicServer(limits: HttpLimitSettings): { app: FastifyInstance; server: http.Server } {
  let server: http.Server | undefined;
  const app = Fastify({
    logger: false,
    bodyLimit: MAX_BODY_BYTES,
    // The gateway decides whom to trust itself (trustedProxies.ts): Fastify reads no forwarded header.
    trustProxy: false,
    serverFactory: (handler) => {
      server = createDrainableServer(
        {
          requestTimeout: limits.requestTimeoutMs,
          headersTimeout: limits.headersTimeoutMs,
          connectionsCheckingInterval: TIMEOUT_CHECK_INTERVAL_MS,
        },
        withServerSpans(handler, tracedRoute),
      );
      server.maxConnections = limits.maxConnections;
      return server;
    },
  });
  if (!server) throw new Error('Fastify did not call the server factory');
  return { app, server };
}

/** The routes a trace starts at (tracing/serverSpans.ts): operations, not health checks or pages. */
function tracedRoute(request: http.IncomingMessage): string | null {
  const path = (request.url ?? '/').split('?', 1)[0];
  if (path === GRAPHQL_PATH || path === PLAY_ROUTE) return path;
  if (path!.startsWith(TITLE_ROUTE.replace(':id', ''))) return TITLE_ROUTE;
  return null;
}

/** JSON bodies nested deeper than `maxDepth` are refused before `JSON.parse` recurses into them. */
function refuseDeepJson(app: FastifyInstance, maxDepth: number): void {
  app.removeContentTypeParser('application/json');
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    if (exceedsJsonDepth(body as string, maxDepth)) return done(tooDeep(maxDepth));
    parseJson(request, body as string, done);
  });
}

function addJsonRoutes(app: FastifyInstance, routes: PublicAppOptions['routes']): void {
  for (const [path, route] of Object.entries(routes)) {
    app.get(path, async (_request, reply) => {
      const { status, body, headers = {} } = await route();
      return reply.code(status).headers(headers).send(body);
    });
  }
}

/** The explorer's bundle, and outside production the reference web player (gateway/src/player/). */
async function registerPages(app: FastifyInstance, options: PublicAppOptions): Promise<Explorer> {
  const explorer = await registerExplorer(app, {
    endpoint: GRAPHQL_PATH,
    production: options.production,
    logger: options.logger,
  });
  if (!options.production) await registerPlayer(app, { logger: options.logger });
  return explorer;
}

/** `/graphql`, GET and POST, through the steps of graphqlSteps.ts in the order of this file's header. */
function addGraphqlRoute(app: FastifyInstance, options: PublicAppOptions, explorer: Explorer): void {
  const steps = graphqlSteps(options);
  app.route({
    method: ['GET', 'POST'],
    url: GRAPHQL_PATH,
    // A browser opening /graphql gets the explorer (gateway/src/explorer/), which runs nothing.
    onRequest: [
      async (request, reply) => (explorer.wantsPage(request) ? explorer.sendPage(reply) : undefined),
      steps.admit,
      steps.authenticate,
    ],
    preValidation: steps.capQueryNesting,
    preHandler: steps.resolveDocument,
    handler: fastifyApolloHandler<GatewayContext>(options.apollo, { context: steps.context }),
  });
}

function answerError(error: FastifyError, request: FastifyRequest, reply: FastifyReply, logger: Logger) {
  const status = error.statusCode ?? 500;
  if (status === 413) {
    // The rest of the body is not read: the connection cannot carry another request.
    return reply
      .code(413)
      .header('connection', 'close')
      .send(graphqlErrorBody('Request body is larger than 1 MiB', ErrorCode.BadRequest));
  }
  if (status >= 500 || status < 400) {
    logger.error('request failed', {
      path: request.url,
      error: error.message,
      ...traceFields(requestTrace(request.raw)),
    });
    return reply.code(500).send(graphqlErrorBody('Internal server error', ErrorCode.InternalServerError));
  }
  const message =
    error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || error instanceof SyntaxError
      ? 'Request body is not valid JSON'
      : error.message;
  return reply.code(status).send(graphqlErrorBody(message, ErrorCode.BadRequest));
}
