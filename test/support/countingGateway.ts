/**
 * A rig for measuring the limits: an in-process gateway over the checked-in supergraph whose subgraphs
 * only count the fetches they are sent (and answer empty data), so a test or `scripts/bench-limits.ts`
 * can show that a request never reached a subgraph, and time Apollo Server's own path. Given the trusted
 * documents, it resolves each body first, as the gateway's HTTP layer does. The gateway's server never
 * builds one.
 */
import { readFileSync } from 'node:fs';
import type { GraphQLDataSource } from '@apollo/gateway';
import {
  ApolloServer,
  HeaderMap,
  type ApolloServerOptionsWithGateway,
  type BaseContext,
} from '@apollo/server';
import { createLogger } from '@platform/log';
import { apolloStaysLocal } from '@platform/apolloStaysLocal';
import { SUPERGRAPH_PATH } from '@platform/composition';
import { createApolloGateway } from '../../gateway/src/supergraph/apolloGateway';
import type { OperationLimits } from '../../gateway/src/operationLimits/operationLimits';
import { refusalResponseBody } from '../../gateway/src/documents/refusal';
import type { TrustedDocuments } from '../../gateway/src/documents/trustedDocuments';

/** A response as the rig reads it: what a client would parse. */
export interface ResponseBody {
  data?: unknown;
  errors?: Array<{ message: string; extensions?: Record<string, unknown> }>;
}

export interface CountingGateway {
  readonly server: ApolloServer<BaseContext>;
  /** Fetches sent to any subgraph since the gateway started. */
  subgraphCalls(): number;
  /** POSTs one operation through Apollo Server's HTTP handling, as the gateway's listener does. */
  post(query: string, variables?: Record<string, unknown>): Promise<{ status: number; body: ResponseBody }>;
  /** POSTs any JSON body (a `documentId`, an APQ extension), through the trusted documents if given. */
  postBody(body: unknown): Promise<{ status: number; body: ResponseBody }>;
  stop(): Promise<void>;
}

export interface CountingGatewayOptions {
  /** Resolves each body before Apollo sees it, as the gateway's HTTP layer does. Defaults to none. */
  documents?: TrustedDocuments;
}

/**
 * A started Apollo Server over an ApolloGateway on the checked-in supergraph, whose every subgraph
 * is a data source that counts the fetches it is sent and answers empty data. `options` adds what a
 * test needs (plugins, parse options).
 */
export async function startCountingApollo<TContext extends BaseContext>(
  options: Omit<ApolloServerOptionsWithGateway<TContext>, 'gateway'> = {},
): Promise<{ server: ApolloServer<TContext>; subgraphCalls(): number }> {
  let calls = 0;
  const countingSubgraph: GraphQLDataSource = {
    async process() {
      calls += 1;
      return { data: {} };
    },
  };
  const logger = createLogger('gateway', 'silent');
  const server = new ApolloServer<TContext>({
    gateway: createApolloGateway({
      supergraphSdl: readFileSync(SUPERGRAPH_PATH, 'utf8'),
      logger,
      buildService: () => countingSubgraph,
    }),
    logger,
    ...options,
    plugins: [...apolloStaysLocal(), ...(options.plugins ?? [])],
  });
  await server.start();
  return { server, subgraphCalls: () => calls };
}

export async function startCountingGateway(
  limits: OperationLimits<BaseContext>,
  options: CountingGatewayOptions = {},
): Promise<CountingGateway> {
  const { server, subgraphCalls } = await startCountingApollo<BaseContext>({
    parseOptions: limits.parseOptions,
    plugins: [...limits.plugins],
    ...(options.documents && { persistedQueries: options.documents.apolloPersistedQueries }),
  });
  const postBody: CountingGateway['postBody'] = async (sent) => {
    const resolved = options.documents?.resolveDocument(sent);
    if (resolved?.outcome === 'refuse') {
      return { status: resolved.error.status, body: refusalResponseBody(resolved.error) };
    }
    const response = await server.executeHTTPGraphQLRequest({
      httpGraphQLRequest: {
        method: 'POST',
        headers: new HeaderMap([['content-type', 'application/json']]),
        search: '',
        body: resolved ? resolved.body : sent,
      },
      context: async () => ({}),
    });
    if (response.body.kind !== 'complete') throw new Error('expected a complete (non-incremental) response');
    return { status: response.status ?? 200, body: JSON.parse(response.body.string) as ResponseBody };
  };
  return {
    server,
    subgraphCalls,
    post: (query, variables) => postBody(variables ? { query, variables } : { query }),
    postBody,
    stop: () => server.stop(),
  };
}
