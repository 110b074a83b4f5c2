/**
 * What every subgraph server shares: the federated schema from its SDL, the gateway-credential
 * check on every request, health routes, and structured logs. A subgraph supplies its SDL,
 * resolvers and how to build its per-request context.
 */
import type http from 'node:http';
import { ApolloServer, type ApolloServerPlugin, type BaseContext } from '@apollo/server';
import { buildSubgraphSchema } from '@apollo/subgraph';
import { GraphQLError, type DocumentNode } from 'graphql';
import { ErrorCode } from '@contracts/graphqlErrors';
import type { Caller, CallerVerifier } from '@contracts/gatewayCredential';
import { apolloStaysLocal } from '../apolloStaysLocal';
import { createHttpServer, sendJson } from '../http';
import type { AdmissionSettings } from '../overload/admission';
import { adaptiveAdmission } from '../overload/loadSignal';
import type { DrainOptions } from '../httpRequests';
import type { Logger } from '../log';
import { ServerLifecycle } from '../serverLifecycle';
import { requestTrace } from '../tracing/serverSpans';
import { type TraceParent } from '../tracing/spans';
import { traceFields } from '../traceIds';

/** What `buildSubgraphSchema` takes as resolvers: the package exports the type only from inside `dist`. */
type ApolloResolverMap = NonNullable<
  Extract<Parameters<typeof buildSubgraphSchema>[0], { typeDefs: unknown }>['resolvers']
>;

/** What every subgraph's context holds; each subgraph adds its loaders. */
export interface SubgraphContext extends BaseContext {
  /** The caller the gateway authenticated. */
  caller: Caller;
  logger: Logger;
  /**
   * The request's server span (tracing/serverSpans.ts), undefined when it is not traced: the parent
   * of every span started for it (`inSpan`, the repositories' database reads, through the loaders)
   * and what its log lines name (`...traceFields(context.trace)`). Nothing else carries it: no span
   * is "active" after an `await` (tracing/syncContext.ts).
   */
  trace: TraceParent;
}

export interface SubgraphServerOptions<Context extends SubgraphContext> {
  name: string;
  typeDefs: DocumentNode;
  /**
   * The subgraph's resolvers, typed by its generated `Resolvers` map where they are written (codegen
   * checks them there; Apollo's own map type is looser and says nothing more).
   */
  resolvers: object;
  /** Who the caller is: the gateway's credential (subgraph/credential.ts). */
  credentialVerifier: CallerVerifier;
  /**
   * Builds the per-request context: called once per request, after the credential is verified, with
   * the request's headers (only the gateway's reach this far) and its trace, for what the context
   * reads on the request's behalf (its loaders). The server sets the context's `trace` itself.
   */
  createContext: (
    caller: Caller,
    headers: http.IncomingHttpHeaders,
    trace: TraceParent,
  ) => Omit<Context, 'trace'>;
  logger: Logger;
  production: boolean;
  /** Refuse the lower request classes first under overload (`LOAD_SHEDDING=on`). None: off. */
  loadShedding?: AdmissionSettings;
  /** The subgraph's own Apollo plugins, after those every subgraph has. */
  plugins?: ApolloServerPlugin<Context>[];
}

export interface SubgraphServer {
  readonly http: http.Server;
  /** Starts Apollo and listens; resolves with the bound port. */
  start(port: number, host?: string): Promise<number>;
  /**
   * Answers `/health/ready` 503 at once, lets in-flight requests finish within the grace, then stops
   * Apollo (see {@link ServerLifecycle.stop}).
   */
  stop(options?: DrainOptions): Promise<void>;
}

export function createSubgraphServer<Context extends SubgraphContext>(
  options: SubgraphServerOptions<Context>,
): SubgraphServer {
  const apollo = new ApolloServer<Context>({
    schema: buildSubgraphSchema({
      typeDefs: options.typeDefs,
      resolvers: options.resolvers as ApolloResolverMap,
    }),
    logger: options.logger,
    includeStacktraceInErrorResponses: !options.production,
    plugins: [...apolloStaysLocal(), ...(options.plugins ?? [])],
    // runService owns the signals: Apollo's handlers would stop it mid-drain and re-raise the signal.
    stopOnTerminationSignals: false,
  });
  const overload = options.loadShedding && adaptiveAdmission(options.loadShedding);
  const httpServer = createHttpServer<Context>({
    ...(overload && { admission: overload.admission }),
    graphql: {
      server: apollo,
      context: async (request, body) => {
        const trace = requestTrace(request);
        let caller: Caller;
        try {
          // Bound to the body: a credential captured on the way here cannot carry another request.
          caller = await options.credentialVerifier.callerOf(request.headers, body);
        } catch (error) {
          options.logger.warn('refused a request without a valid gateway credential', {
            reason: (error as Error).message,
            remote: request.socket.remoteAddress,
            ...traceFields(trace),
          });
          throw new GraphQLError(`The ${options.name} subgraph only accepts requests from the gateway`, {
            extensions: { code: ErrorCode.Unauthenticated, http: { status: 401 } },
          });
        }
        // A Context once `trace` is in: TypeScript cannot see that of a generic `Omit`.
        return { ...options.createContext(caller, request.headers, trace), trace } as Context;
      },
    },
    routes: {
      '/health/live': (_request, response) => sendJson(response, 200, { status: 'live' }),
      '/health/ready': (_request, response) => {
        const status = lifecycle.readiness;
        sendJson(response, status === 'ready' ? 200 : 503, { status });
      },
    },
  });
  const lifecycle = new ServerLifecycle(httpServer, apollo, options.logger, { subgraph: options.name });
  return {
    http: httpServer,
    async start(port, host) {
      const bound = await lifecycle.start(port, host);
      options.logger.info('subgraph listening', { subgraph: options.name, port: bound });
      return bound;
    },
    async stop(drain) {
      await lifecycle.stop(drain);
      overload?.stop();
    },
  };
}
