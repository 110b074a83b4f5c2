import { mkdtempSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { GraphQLDataSourceRequestKind } from '@apollo/gateway/dist/datasources/types';
import type { GatewayGraphQLRequestContext } from '@apollo/server-gateway-interface';
import { parse } from 'graphql';
import {
  GATEWAY_CREDENTIAL_HEADER,
  GatewayCredentialIssuer,
  GatewayCredentialVerifier,
  InvalidGatewayCredentialError,
  type Caller,
} from '@contracts/gatewayCredential';
import { loadGatewaySecret, loadSubgraphKeys } from '@platform/keys/gatewaySecret';
import type { GatewayContext } from './context';
import { newFallbackState } from './fallback/degraded';
import { SubgraphDataSource } from './subgraphDataSource';

const keys = { kind: 'development', dir: mkdtempSync(path.join(tmpdir(), 'plain-source-')) } as const;
const caller: Caller = { accountId: 'u-premium', country: 'US', roles: ['viewer'] };
const QUERY = '{ me { id } }';

describe('the plain subgraph data source', () => {
  const received: { raw: Buffer; credential: string | undefined }[] = [];
  const server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const credential = request.headers[GATEWAY_CREDENTIAL_HEADER];
      received.push({ raw: Buffer.concat(chunks), credential: [credential].flat()[0] });
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify({ data: { me: { id: 'u-premium' } } }));
    });
  });
  let source: SubgraphDataSource;
  let verifier: GatewayCredentialVerifier;

  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
    const secret = await loadGatewaySecret(keys);
    source = new SubgraphDataSource(url, new GatewayCredentialIssuer(secret).forSubgraph('profiles'));
    verifier = new GatewayCredentialVerifier('profiles', await loadSubgraphKeys('profiles', keys));
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  function processOptions(
    variables: Record<string, unknown>,
    context: GatewayContext,
  ): GraphQLDataSourceProcessOptions<GatewayContext> {
    return {
      kind: GraphQLDataSourceRequestKind.INCOMING_OPERATION,
      request: { query: QUERY, variables },
      context,
      document: parse(QUERY),
      pathInIncomingRequest: [],
      // Apollo's data source reads the cache policy of the incoming request only when it has one.
      incomingRequestContext: {} as unknown as GatewayGraphQLRequestContext<GatewayContext>,
    };
  }

  it('sends each fetch with a credential for the caller, bound to the exact body it sent', async () => {
    received.length = 0;
    const context: GatewayContext = { caller, fallback: newFallbackState() };

    await source.process(processOptions({ first: 1 }, context));
    await source.process(processOptions({ first: 2 }, context));

    expect(received).toHaveLength(2);
    const [first, second] = received;
    await expect(verifier.verify(first!.credential, first!.raw)).resolves.toEqual(caller);
    await expect(verifier.verify(second!.credential, second!.raw)).resolves.toEqual(caller);
    await expect(verifier.verify(first!.credential, second!.raw)).rejects.toThrow(
      InvalidGatewayCredentialError,
    );
  });
});
