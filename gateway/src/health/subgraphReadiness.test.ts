import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { SubgraphReadiness } from './subgraphReadiness';

/** A subgraph stand-in whose `/health/ready` answers `status`. */
async function subgraphAnswering(status: number): Promise<{ url: string; close(): void }> {
  const server = http.createServer((_request, response) => response.writeHead(status).end());
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return { url: `http://127.0.0.1:${port}/graphql`, close: () => server.close() };
}

describe('subgraph readiness', () => {
  const servers: { close(): void }[] = [];
  afterAll(() => servers.forEach((server) => server.close()));

  async function urls(status: number) {
    const server = await subgraphAnswering(status);
    servers.push(server);
    return [server.url];
  }

  it('is ready once every subgraph on the play path is, while reporting an optional one that is not', async () => {
    const readiness = new SubgraphReadiness(
      { catalog: await urls(200), reviews: await urls(503) },
      ['catalog'],
      0,
    );
    await expect(readiness.check()).resolves.toEqual({
      ready: true,
      subgraphs: { catalog: true, reviews: false },
    });
  });

  it('is not ready while a subgraph on the play path is not', async () => {
    const readiness = new SubgraphReadiness(
      { catalog: await urls(503), reviews: await urls(200) },
      ['catalog'],
      0,
    );
    await expect(readiness.check()).resolves.toEqual({
      ready: false,
      subgraphs: { catalog: false, reviews: true },
    });
  });
});
