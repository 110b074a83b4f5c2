import { readFileSync } from 'node:fs';
import type http from 'node:http';
import { ApolloGateway } from '@apollo/gateway';
import { ApolloServer } from '@apollo/server';
import { GatewayCredentialIssuer } from '../../lib/auth/gatewayCredential';
import { createHttpServer, listen, sendJson } from '../../lib/http/server';
import type { SigningKey, VerificationKeys } from '../../lib/keys/keyring';
import type { Logger } from '../../lib/log';
import { SUPERGRAPH_PATH, type SubgraphName } from '../../lib/schema/compose';
import { authenticate } from './authenticate';
import type { GatewayContext } from './context';
import { Readiness } from './readiness';
import { SubgraphDataSource } from './subgraphDataSource';

export interface GatewayDependencies {
  subgraphUrls: Record<SubgraphName, string>;
  /** Verifies a bearer token and returns its account id. */
  verifyToken: (token: string) => Promise<string>;
  /** Signs the credential subgraphs require. */
  gatewayKey: SigningKey;
  /** Published at `/.well-known/jwks.json` so players can verify manifests. */
  manifestKeys: VerificationKeys;
  logger: Logger;
  production: boolean;
  /** Defaults to the checked-in `schema/supergraph.graphql`; the gateway never introspects. */
  supergraphSdl?: string;
}

export interface GatewayServer {
  readonly http: http.Server;
  start(port: number, host?: string): Promise<number>;
  stop(): Promise<void>;
}

/** Builds the gateway; `index.ts` starts it. */
export function createGatewayServer(deps: GatewayDependencies): GatewayServer {
  const credentials = new GatewayCredentialIssuer(deps.gatewayKey);
  const gateway = new ApolloGateway({
    supergraphSdl: deps.supergraphSdl ?? readFileSync(SUPERGRAPH_PATH, 'utf8'),
    buildService: ({ name }) => new SubgraphDataSource(deps.subgraphUrls[name as SubgraphName], credentials),
    logger: deps.logger,
  });
  const apollo = new ApolloServer<GatewayContext>({
    gateway,
    logger: deps.logger,
    includeStacktraceInErrorResponses: !deps.production,
  });
  const readiness = new Readiness(deps.subgraphUrls);
  let started = false;
  const httpServer = createHttpServer<GatewayContext>({
    graphql: {
      server: apollo,
      context: async (request) => ({ caller: await authenticate(request, deps.verifyToken) }),
    },
    routes: {
      '/health/live': (_request, response) => sendJson(response, 200, { status: 'live' }),
      '/health/ready': async (_request, response) => {
        const { ready, subgraphs } = started ? await readiness.check() : { ready: false, subgraphs: {} };
        sendJson(response, ready ? 200 : 503, { status: ready ? 'ready' : 'not ready', subgraphs });
      },
      '/.well-known/jwks.json': (_request, response) =>
        sendJson(response, 200, deps.manifestKeys.jwks, { 'cache-control': 'public, max-age=300' }),
    },
  });
  return {
    http: httpServer,
    async start(port, host) {
      await apollo.start();
      const bound = await listen(httpServer, port, host);
      started = true;
      deps.logger.info('gateway listening', { port: bound });
      return bound;
    },
    async stop() {
      started = false;
      await new Promise<void>((resolve) => {
        httpServer.close(() => resolve());
        httpServer.closeAllConnections();
      });
      await apollo.stop();
    },
  };
}
