/**
 * A rig for measuring the limits: an in-process gateway over the checked-in supergraph whose subgraphs
 * only count the fetches they are sent (and answer empty data), so a test or `scripts/bench-limits.ts`
 * can show that a request never reached a subgraph, and time Apollo Server's own path. The gateway's
 * server never builds one.
 */
import { readFileSync } from 'node:fs';
import { ApolloGateway, type GraphQLDataSource } from '@apollo/gateway';
import { ApolloServer, HeaderMap, type BaseContext } from '@apollo/server';
import { createLogger } from '@platform/log';
import { SUPERGRAPH_PATH } from '@platform/composition';
import type { OperationLimits } from '../../gateway/src/limits/operationLimits';

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
  stop(): Promise<void>;
}

export async function startCountingGateway(limits: OperationLimits<BaseContext>): Promise<CountingGateway> {
  let calls = 0;
  const countingSubgraph: GraphQLDataSource = {
    async process() {
      calls += 1;
      return { data: {} };
    },
  };
  const logger = createLogger('gateway', 'silent');
  const server = new ApolloServer<BaseContext>({
    gateway: new ApolloGateway({
      supergraphSdl: readFileSync(SUPERGRAPH_PATH, 'utf8'),
      logger,
      buildService: () => countingSubgraph,
    }),
    logger,
    parseOptions: limits.parseOptions,
    plugins: [...limits.plugins],
  });
  await server.start();
  return {
    server,
    subgraphCalls: () => calls,
    async post(query, variables) {
      const response = await server.executeHTTPGraphQLRequest({
        httpGraphQLRequest: {
          method: 'POST',
          headers: new HeaderMap([['content-type', 'application/json']]),
          search: '',
          body: variables ? { query, variables } : { query },
        },
        context: async () => ({}),
      });
      if (response.body.kind !== 'complete')
        throw new Error('expected a complete (non-incremental) response');
      return { status: response.status ?? 200, body: JSON.parse(response.body.string) as ResponseBody };
    },
    stop: () => server.stop(),
  };
}
