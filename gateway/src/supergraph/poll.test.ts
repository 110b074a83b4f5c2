import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { readFileSync } from 'node:fs';
import { RemoteGraphQLDataSource } from '@apollo/gateway';
import { SUPERGRAPH_PATH } from '@platform/composition';
import { createLogger } from '@platform/log';
import { composeVariantSupergraph } from '@testing/supergraphVariant';
import { createApolloGateway } from './apolloGateway';
import { supergraphSource } from './origin';
import { supergraphHash } from './source';

const original = readFileSync(SUPERGRAPH_PATH, 'utf8');
const variant = composeVariantSupergraph();

describe('a supergraph polled from SUPERGRAPH_URL', () => {
  let served: { status: number; body: string };
  let server: http.Server;
  let url: string;

  beforeAll(async () => {
    server = http.createServer((_request, response) => response.writeHead(served.status).end(served.body));
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/supergraph.graphql`;
  });
  afterAll(() => new Promise((resolve) => server.close(resolve)));

  it('applies a changed answer at the next poll, and keeps the old one while the URL fails', async () => {
    served = { status: 200, body: original };
    const outcomes: string[] = [];
    const source = supergraphSource(
      { kind: 'url', url, pollMs: 50 },
      {
        check: () => {},
        logger: createLogger('test', 'silent'),
        onOutcome: (outcome) => outcomes.push(outcome),
      },
    );
    const gateway = createApolloGateway({
      supergraphSdl: source.hook,
      buildService: ({ url: subgraphUrl }) => new RemoteGraphQLDataSource({ url: subgraphUrl! }),
    });
    await gateway.load();
    try {
      expect(source.hash).toBe(supergraphHash(original));
      served = { status: 503, body: 'unavailable' };
      await new Promise((resolve) => setTimeout(resolve, 200));
      expect(source.hash).toBe(supergraphHash(original));
      expect(outcomes).toEqual([]);

      served = { status: 200, body: variant };
      const deadline = Date.now() + 5_000;
      while (source.hash !== supergraphHash(variant) && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      expect(source.hash).toBe(supergraphHash(variant));
      expect(outcomes).toEqual(['applied']);
    } finally {
      await gateway.stop();
    }
  });

  it('refuses to start when the URL does not answer with a supergraph', async () => {
    served = { status: 404, body: 'not found' };
    const source = supergraphSource(
      { kind: 'url', url, pollMs: 50 },
      { check: () => {}, logger: createLogger('test', 'silent') },
    );
    const gateway = createApolloGateway({ supergraphSdl: source.hook });
    await expect(gateway.load()).rejects.toThrow(/answered 404/);
  });
});
