/**
 * The gateway's public listener: a Fastify app on a node:http server the gateway owns (so the drain
 * in lib/platform/serverLifecycle.ts works on it as on every service). A GraphQL request's path, in
 * order, cheapest refusal first:
 *
 *  1. Node itself: past `maxConnections` the socket is closed; headers or a body slower than their
 *     timeouts get 408.
 *  2. `onRequest`: the bearer token is verified before a byte of the body is read; no token, or a bad
 *     one, is answered 401 (and the connection closed, so the rest of the body is never read).
 *  3. Body parsing: over 1 MiB is 413; nesting deeper than `maxJsonDepth` is 400, found by a scan
 *     before `JSON.parse` recurses into it.
 *  4. The document: a trusted document's id becomes its text; in `enforce` mode anything else is
 *     refused with PERSISTED_QUERY_NOT_IN_LIST (gateway/src/documents/).
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
import { GraphQLError } from 'graphql';
import { hasRole, type Caller } from '@contracts/gatewayCredential';
import { MAX_BODY_BYTES } from '@platform/http';
import { createDrainableServer } from '@platform/httpRequests';
import type { Identity } from '@platform/identity';
import type { Logger } from '@platform/log';
import { authenticate, UnauthenticatedRequest } from '../authenticate';
import type { GatewayContext } from '../context';
import { DEBUG_HEADER, requestDebug } from '../debug/requestDebug';
import { newFallbackState } from '../fallback/degraded';
import type { TrustedDocuments } from '../documents/trustedDocuments';
import { registerExplorer } from '../explorer/explorerRoutes';
import { registerPlayer } from '../player/playerRoutes';
import { refusalResponseBody } from '../documents/refusal';
import { rateLimitedAnswer } from '../rateLimits/addressGate';
import type { Verdict } from '../rateLimits/limiter';
import type { AccountGate } from '../rateLimits/trustedDocumentCharges';
import { countRequestsPerApi, type RequestCounter } from '../legacy/apiGeneration';
import type { LegacyApi } from '../legacy/routes';
import { clientAddress } from './clientAddress';
import { graphqlErrorBody, HttpErrorCode } from './errors';
import type { JsonAnswer } from '../answers/jsonAnswer';
import { exceedsJsonDepth } from './jsonDepth';
import { TIMEOUT_CHECK_INTERVAL_MS, type HttpLimitSettings } from './settings';
import { securityHeaders } from './securityHeaders';

export interface PublicAppOptions {
  apollo: ApolloServer<GatewayContext>;
  verifyToken: (token: string) => Promise<Identity>;
  limits: HttpLimitSettings;
  logger: Logger;
  /** GET routes beside GraphQL, by exact path (`/health/ready`, `/.well-known/jwks.json`). */
  routes: Record<string, () => JsonAnswer | Promise<JsonAnswer>>;
  /** Resolves trusted documents' ids, and refuses free-form documents in `enforce` mode. */
  documents: TrustedDocuments;
  /** The per-address rate limit, charged before anything else. None when rate limits are off. */
  addressGate?: (address: string) => Promise<Verdict>;
  /** The account's rate limit for a trusted document, charged once the body is read. */
  accountGate?: AccountGate;
  /** Production: the explorer page (a browser's GET of `/graphql`) shows no development hints. */
  production: boolean;
  /** The REST API for devices that cannot send GraphQL (gateway/src/legacy/). None: not served. */
  legacy?: LegacyApi;
  /** Counts `/graphql` and legacy requests per API generation (`gateway_requests_total`). */
  requests?: RequestCounter;
}

export interface PublicApp {
  readonly app: FastifyInstance;
  /** The server to listen on and drain (lib/platform/httpRequests.ts tracks its requests). */
  readonly server: http.Server;
  /** Adds the GraphQL route and readies the app; call once Apollo Server has started. */
  ready(): Promise<void>;
}

const GRAPHQL_PATH = '/graphql';

export function createPublicApp(options: PublicAppOptions): PublicApp {
  const { limits, logger } = options;
  let server: http.Server | undefined;
  const app = Fastify({
    logger: false,
    bodyLimit: MAX_BODY_BYTES,
    // The gateway decides whom to trust itself (trustedProxies.ts): Fastify reads no forwarded header.
    trustProxy: false,
    serverFactory: (handler) => {
      const created = createDrainableServer(
        {
          requestTimeout: limits.requestTimeoutMs,
          headersTimeout: limits.headersTimeoutMs,
          connectionsCheckingInterval: TIMEOUT_CHECK_INTERVAL_MS,
        },
        handler,
      );
      created.maxConnections = limits.maxConnections;
      return (server = created);
    },
  });
  const callers = new WeakMap<http.IncomingMessage, Caller>();
  /** Requests whose account was charged here; Apollo's rate-limit plugin does not charge them again. */
  const accountCharged = new WeakSet<http.IncomingMessage>();

  app.removeContentTypeParser('application/json');
  const parseJson = app.getDefaultJsonParser('error', 'error');
  app.addContentTypeParser('application/json', { parseAs: 'string' }, (request, body, done) => {
    if (exceedsJsonDepth(body as string, limits.maxJsonDepth)) return done(tooDeep(limits.maxJsonDepth));
    parseJson(request, body as string, done);
  });

  app.setErrorHandler((error: FastifyError, request, reply) => answerError(error, request, reply, logger));
  if (options.requests) countRequestsPerApi(app, options.requests);
  app.setNotFoundHandler((request, reply) =>
    reply.code(404).send({ error: `No route ${new URL(request.url, 'http://localhost').pathname}` }),
  );

  for (const [path, route] of Object.entries(options.routes)) {
    app.get(path, async (_request, reply) => {
      const { status, body, headers = {} } = await route();
      return reply.code(status).headers(headers).send(body);
    });
  }

  const addressOf = (request: FastifyRequest) =>
    clientAddress(
      request.raw.socket.remoteAddress,
      request.headers['x-forwarded-for'],
      limits.trustedProxies,
    ) ?? 'unknown';

  const authenticateHook = async (request: FastifyRequest, reply: FastifyReply) => {
    if (options.addressGate) {
      const verdict = await options.addressGate(addressOf(request));
      if (!verdict.allowed) {
        if (hasBody(request)) reply.header('connection', 'close');
        const answer = rateLimitedAnswer(verdict.retryAfterSeconds);
        return reply.code(answer.status).headers(answer.headers).send(answer.body);
      }
    }
    try {
      const fromTrustedProxy = limits.trustedProxies.trusts(request.raw.socket.remoteAddress);
      callers.set(
        request.raw,
        await authenticate({ headers: request.headers, fromTrustedProxy }, options.verifyToken),
      );
    } catch (error) {
      if (!(error instanceof UnauthenticatedRequest)) throw error;
      // The body is never read: closing the connection spares reading the rest of it.
      if (hasBody(request)) reply.header('connection', 'close');
      return reply.code(401).send(graphqlErrorBody(error.message, HttpErrorCode.Unauthenticated));
    }
  };

  /** A GET carries its JSON in the query string: the same nesting cap as a body. */
  const capQueryNesting = async (request: FastifyRequest, reply: FastifyReply) => {
    const query = request.query as Record<string, unknown>;
    for (const parameter of ['variables', 'extensions']) {
      const value = query[parameter];
      if (typeof value === 'string' && exceedsJsonDepth(value, limits.maxJsonDepth)) {
        return reply
          .code(400)
          .send(graphqlErrorBody(tooDeep(limits.maxJsonDepth).message, HttpErrorCode.BadRequest));
      }
    }
  };

  /** A trusted document's id becomes its text; `enforce` refuses anything else before Apollo sees it. */
  const resolveDocument = async (request: FastifyRequest, reply: FastifyReply) => {
    const search = new URL(request.url, 'http://gateway').search;
    const caller = callers.get(request.raw);
    // Analysts explore with their own queries; devices run only the trusted documents.
    const mayRunFreeForm = caller !== undefined && hasRole(caller, 'analyst');
    const resolved = options.documents.resolveHttpRequest(
      { method: request.method, body: request.body, search },
      { mayRunFreeForm },
    );
    if (resolved.outcome === 'refuse') {
      return reply.code(resolved.error.status).send(refusalResponseBody(resolved.error));
    }
    request.body = resolved.request.body;
    if (resolved.request.search !== search) request.raw.url = `${GRAPHQL_PATH}${resolved.request.search}`;
    const query = (resolved.request.body as { query?: unknown } | undefined)?.query;
    if (options.accountGate && caller?.accountId && typeof query === 'string') {
      const verdict = await options.accountGate(caller.accountId, query);
      if (verdict) accountCharged.add(request.raw);
      if (verdict && !verdict.allowed) {
        const answer = rateLimitedAnswer(verdict.retryAfterSeconds);
        return reply.code(answer.status).headers(answer.headers).send(answer.body);
      }
    }
  };

  return {
    app,
    get server() {
      if (!server) throw new Error('Fastify did not call the server factory');
      return server;
    },
    async ready() {
      await app.register(helmet, securityHeaders);
      const explorer = await registerExplorer(app, {
        endpoint: GRAPHQL_PATH,
        production: options.production,
        logger,
      });
      // The reference web player and its development helpers (gateway/src/player/): never in production.
      if (!options.production) await registerPlayer(app, { logger });
      const handler = fastifyApolloHandler<GatewayContext>(options.apollo, {
        context: async (request) => {
          const caller = callers.get(request.raw);
          // Every operation passed the onRequest hooks; the explorer page was answered before them.
          if (!caller) {
            throw new GraphQLError(
              'Send `Authorization: Bearer <token>`; this API needs a signed-in account',
              {
                extensions: { code: HttpErrorCode.Unauthenticated, http: { status: 401 } },
              },
            );
          }
          return {
            caller,
            fallback: newFallbackState(),
            clientAddress: addressOf(request),
            accountCharged: accountCharged.has(request.raw),
            debug: requestDebug(request.headers[DEBUG_HEADER], caller),
          };
        },
      });
      app.route({
        method: ['GET', 'POST'],
        url: GRAPHQL_PATH,
        // A browser opening /graphql gets the explorer (gateway/src/explorer/), which runs nothing.
        onRequest: [
          async (request, reply) => (explorer.wantsPage(request) ? explorer.sendPage(reply) : undefined),
          authenticateHook,
        ],
        preValidation: capQueryNesting,
        preHandler: resolveDocument,
        handler,
      });
      // Its routes run their trusted documents through the route above (legacy/graphqlBridge.ts).
      options.legacy?.register(app);
      await app.ready();
    },
  };
}

function hasBody(request: FastifyRequest): boolean {
  const length = request.headers['content-length'];
  return request.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

function tooDeep(maxDepth: number): Error & { statusCode: number } {
  return Object.assign(new Error(`JSON nests deeper than ${maxDepth} levels`), { statusCode: 400 });
}

function answerError(error: FastifyError, request: FastifyRequest, reply: FastifyReply, logger: Logger) {
  const status = error.statusCode ?? 500;
  if (status === 413) {
    // The rest of the body is not read: the connection cannot carry another request.
    return reply
      .code(413)
      .header('connection', 'close')
      .send(graphqlErrorBody('Request body is larger than 1 MiB', HttpErrorCode.BadRequest));
  }
  if (status >= 500 || status < 400) {
    logger.error('request failed', { path: request.url, error: error.message });
    return reply.code(500).send(graphqlErrorBody('Internal server error', HttpErrorCode.Internal));
  }
  const message =
    error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || error instanceof SyntaxError
      ? 'Request body is not valid JSON'
      : error.message;
  return reply.code(status).send(graphqlErrorBody(message, HttpErrorCode.BadRequest));
}
