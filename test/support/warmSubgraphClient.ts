/**
 * Sends one request through the gateway's subgraph client (undici's pool), so that a cold test
 * worker's first timed attempt does not also pay for loading it: undici compiles its HTTP parser on
 * first use, which can take longer than the 100 ms attempt timeouts the unit tests use.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { pooledFetch } from '../../gateway/src/resilience/pooledFetch';

export async function warmSubgraphClient(): Promise<void> {
  const server = http.createServer((request, response) => {
    request.resume();
    request.on('end', () => response.end('{}'));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  try {
    const { port } = server.address() as AddressInfo;
    const answer = await pooledFetch(`http://127.0.0.1:${port}/graphql`, {
      method: 'POST',
      body: '{}',
      headers: { 'content-type': 'application/json' },
      signal: new AbortController().signal,
    });
    await answer.json();
  } finally {
    server.closeAllConnections();
    await new Promise((resolve) => server.close(resolve));
  }
}
