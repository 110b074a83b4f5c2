import Fastify, { type FastifyRequest } from 'fastify';
import { BRIDGE_HEADER, BRIDGE_MARK, runTrustedDocument } from './graphqlBridge';

/** A bare app whose `/graphql` records what reached it, and a legacy route that runs a document. */
async function bridgeApp(graphql: (request: FastifyRequest) => unknown) {
  const app = Fastify();
  const seen: FastifyRequest[] = [];
  app.post('/graphql', async (request, reply) => {
    seen.push(request);
    reply.header('cache-control', 'max-age=60');
    return graphql(request);
  });
  app.post(
    '/v1/run',
    async (request) =>
      (await runTrustedDocument(app, request, { documentId: 'doc-1', variables: { id: 't-1' } })) ?? null,
  );
  await app.ready();
  return { app, seen };
}

describe('runTrustedDocument', () => {
  it("runs the document through /graphql with the device's peer address and headers, marked as the bridge's", async () => {
    const { app, seen } = await bridgeApp(() => ({ data: { ok: true } }));
    try {
      const response = await app.inject({
        method: 'POST',
        url: '/v1/run',
        remoteAddress: '203.0.113.9',
        headers: {
          authorization: 'Bearer abc',
          'x-country': 'DE',
          'x-forwarded-for': '198.51.100.1',
          // A device cannot make its request pass for the bridge's.
          [BRIDGE_HEADER]: 'forged',
        },
        payload: { padding: 'x'.repeat(100) },
      });
      expect(response.json()).toEqual({
        status: 200,
        headers: expect.objectContaining({ 'cache-control': 'max-age=60' }),
        json: { data: { ok: true } },
      });
      const inner = seen[0]!;
      expect(inner.raw.socket.remoteAddress).toBe('203.0.113.9');
      expect(inner.body).toEqual({ documentId: 'doc-1', variables: { id: 't-1' } });
      expect(inner.headers).toMatchObject({
        authorization: 'Bearer abc',
        'x-country': 'DE',
        'x-forwarded-for': '198.51.100.1',
        'content-type': 'application/json',
        accept: 'application/json',
        [BRIDGE_HEADER]: BRIDGE_MARK,
      });
      // The legacy body's own length is not the document's.
      expect(inner.headers['content-length']).toBe(String(Buffer.byteLength(JSON.stringify(inner.body))));
    } finally {
      await app.close();
    }
  });

  it('answers 502 when /graphql does not answer JSON', async () => {
    const { app } = await bridgeApp(() => 'not json');
    try {
      const response = await app.inject({ method: 'POST', url: '/v1/run', payload: {} });
      expect(response.json()).toMatchObject({
        status: 502,
        json: { errors: [{ message: 'The GraphQL answer was not JSON' }] },
      });
    } finally {
      await app.close();
    }
  });
});
