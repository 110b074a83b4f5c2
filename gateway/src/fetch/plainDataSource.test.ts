import { mkdtempSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  GATEWAY_CREDENTIAL_HEADER,
  GatewayCredentialIssuer,
  GatewayCredentialVerifier,
  InvalidGatewayCredentialError,
  type Caller,
} from '@contracts/gatewayCredential';
import { loadGatewaySecret, loadSubgraphKeys } from '@platform/keys/gatewaySecret';
import { incomingFetchOptions } from '@testing/fetchOptions';
import type { GatewayContext } from '../request/context';
import { newFallbackState } from '../request/degraded';
import { PlainDataSource } from './plainDataSource';

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
  let source: PlainDataSource;
  let verifier: GatewayCredentialVerifier;

  beforeAll(async () => {
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
    const secret = await loadGatewaySecret(keys);
    source = new PlainDataSource(url, new GatewayCredentialIssuer(secret).forSubgraph('profiles'));
    verifier = new GatewayCredentialVerifier('profiles', await loadSubgraphKeys('profiles', keys));
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it('sends each fetch with a credential for the caller, bound to the exact body it sent', async () => {
    received.length = 0;
    const context: GatewayContext = { caller, fallback: newFallbackState() };

    await source.process(incomingFetchOptions(QUERY, { first: 1 }, context));
    await source.process(incomingFetchOptions(QUERY, { first: 2 }, context));

    expect(received).toHaveLength(2);
    const [first, second] = received;
    await expect(verifier.verify(first!.credential, first!.raw)).resolves.toEqual(caller);
    await expect(verifier.verify(second!.credential, second!.raw)).resolves.toEqual(caller);
    await expect(verifier.verify(first!.credential, second!.raw)).rejects.toThrow(
      InvalidGatewayCredentialError,
    );
  });
});
