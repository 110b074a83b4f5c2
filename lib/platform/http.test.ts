import http from 'node:http';
import { ApolloServer, type BaseContext } from '@apollo/server';
import { REQUEST_CLASS_HEADER, SHED_HEADER } from '@contracts/shedding';
import { createHttpServer, listen, MAX_BODY_BYTES, sendJson, type HttpServerOptions } from './http';
import { AdmissionControl, DEFAULT_ADMISSION } from './overload/admission';

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
}

interface GraphQLReply {
  data?: Record<string, unknown> | null;
  errors?: { message: string; extensions?: { code?: string } }[];
}

/** `{ hello }` served by createHttpServer on a free port, with `options` added. */
async function helloServer(options: Omit<HttpServerOptions<BaseContext>, 'graphql'>) {
  const apollo = new ApolloServer({
    typeDefs: 'type Query { hello: String }',
    resolvers: { Query: { hello: () => 'world' } },
  });
  await apollo.start();
  const server = createHttpServer({ graphql: { server: apollo, context: async () => ({}) }, ...options });
  const port = await listen(server, 0);
  return {
    server,
    port,
    async stop() {
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) =>
        server.close((error) => (error ? reject(error) : resolve())),
      );
      await apollo.stop();
    },
  };
}

describe('createHttpServer', () => {
  let hello: Awaited<ReturnType<typeof helloServer>>;
  let port: number;

  beforeAll(async () => {
    hello = await helloServer({
      routes: {
        '/health/ready': (_request, response) => sendJson(response, 200, { ready: true }),
      },
    });
    ({ port } = hello);
  });

  afterAll(() => hello.stop());

  /** Sends one request on its own connection, so a server that drops the connection cannot hide it. */
  function send(
    method: string,
    requestPath: string,
    body?: string | Buffer,
    headers: http.OutgoingHttpHeaders = {},
  ): Promise<Reply> {
    return new Promise((resolve, reject) => {
      const request = http.request(
        {
          host: '127.0.0.1',
          port,
          method,
          path: requestPath,
          agent: false,
          headers: body === undefined ? headers : { 'content-type': 'application/json', ...headers },
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () =>
            resolve({
              status: response.statusCode ?? 0,
              headers: response.headers,
              text: Buffer.concat(chunks).toString('utf8'),
            }),
          );
          response.on('error', reject);
        },
      );
      request.on('error', reject);
      request.end(body);
    });
  }

  const graphql = (query: string) => send('POST', '/graphql', JSON.stringify({ query }));
  const parsed = (reply: Reply) => JSON.parse(reply.text) as GraphQLReply;

  it('answers a GraphQL query posted to /graphql', async () => {
    const reply = await graphql('{ hello }');
    expect(reply.status).toBe(200);
    expect(reply.headers['content-type']).toMatch(/application\/json/);
    expect(parsed(reply)).toEqual({ data: { hello: 'world' } });
  });

  it('answers a GraphQL query sent with GET', async () => {
    const reply = await send('GET', `/graphql?query=${encodeURIComponent('{ hello }')}`, undefined, {
      'apollo-require-preflight': 'true',
    });
    expect(reply.status).toBe(200);
    expect(parsed(reply)).toEqual({ data: { hello: 'world' } });
  });

  it('refuses a body that is not JSON with 400 and a BAD_REQUEST GraphQL error', async () => {
    const reply = await send('POST', '/graphql', '{ "query": ');
    expect(reply.status).toBe(400);
    expect(reply.headers['content-type']).toMatch(/application\/json/);
    expect(parsed(reply).errors?.[0]?.extensions?.code).toBe('BAD_REQUEST');
  });

  it('refuses a body larger than 1 MiB with 413', async () => {
    const query = `{ hello } #${'x'.repeat(MAX_BODY_BYTES)}`;
    const reply = await send('POST', '/graphql', JSON.stringify({ query }));
    expect(reply.status).toBe(413);
    expect(reply.headers.connection).toBe('close');
    expect(parsed(reply).errors?.[0]?.extensions?.code).toBe('BAD_REQUEST');
  });

  it('refuses a body many times larger than 1 MiB with 413 rather than a reset connection', async () => {
    const reply = await send('POST', '/graphql', Buffer.alloc(16 * MAX_BODY_BYTES, 0x20));
    expect(reply.status).toBe(413);
  });

  it('accepts a body of exactly 1 MiB', async () => {
    const prefix = JSON.stringify({ query: '{ hello } #' });
    const padding = 'x'.repeat(MAX_BODY_BYTES - prefix.length);
    const body = `${prefix.slice(0, -2)}${padding}"}`;
    expect(Buffer.byteLength(body)).toBe(MAX_BODY_BYTES);
    const reply = await send('POST', '/graphql', body);
    expect(reply.status).toBe(200);
    expect(parsed(reply)).toEqual({ data: { hello: 'world' } });
  });

  it('answers 404 for an unknown path', async () => {
    const reply = await send('GET', '/nowhere');
    expect(reply.status).toBe(404);
    expect(JSON.parse(reply.text)).toEqual({ error: 'No route /nowhere' });
  });

  it('answers an extra route with GET and HEAD', async () => {
    const reply = await send('GET', '/health/ready?verbose=1');
    expect(reply.status).toBe(200);
    expect(JSON.parse(reply.text)).toEqual({ ready: true });
    expect((await send('HEAD', '/health/ready')).status).toBe(200);
  });

  it('does not answer an extra route with POST', async () => {
    expect((await send('POST', '/health/ready', '{}')).status).toBe(404);
  });

  it('keeps serving after bad requests', async () => {
    await send('POST', '/graphql', 'not json');
    await send('POST', '/graphql', JSON.stringify({ query: `#${'x'.repeat(MAX_BODY_BYTES)}` }));
    await send('POST', '/graphql', JSON.stringify({ query: '{ nope }' }));
    const reply = await graphql('{ hello }');
    expect(reply.status).toBe(200);
    expect(parsed(reply)).toEqual({ data: { hello: 'world' } });
  });

  it('keeps serving a kept-alive connection after a body that is not JSON', async () => {
    const agent = new http.Agent({ keepAlive: true, maxSockets: 1 });
    try {
      const post = (body: string) =>
        new Promise<number>((resolve, reject) => {
          const request = http.request(
            {
              host: '127.0.0.1',
              port,
              method: 'POST',
              path: '/graphql',
              agent,
              headers: { 'content-type': 'application/json' },
            },
            (response) => {
              response.resume();
              response.on('end', () => resolve(response.statusCode ?? 0));
            },
          );
          request.on('error', reject);
          request.end(body);
        });
      expect(await post('not json')).toBe(400);
      expect(await post(JSON.stringify({ query: '{ hello }' }))).toBe(200);
    } finally {
      agent.destroy();
    }
  });

  it('reports a GraphQL validation error without failing the server', async () => {
    const reply = await graphql('{ nope }');
    expect(reply.status).toBe(400);
    expect(parsed(reply).errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });
});

describe('createHttpServer under overload', () => {
  const admission = new AdmissionControl({ ...DEFAULT_ADMISSION, initialLimit: 2, minLimit: 2, maxLimit: 2 });
  let hello: Awaited<ReturnType<typeof helloServer>>;

  beforeAll(async () => {
    hello = await helloServer({ admission });
  });
  afterAll(() => hello.stop());

  const ask = (requestClass: string) =>
    fetch(`http://127.0.0.1:${hello.port}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', [REQUEST_CLASS_HEADER]: requestClass },
      body: JSON.stringify({ query: '{ hello }' }),
    });

  it('sheds the class the gateway passed on, with 503 and x-shed, once its share is taken, and serves a play', async () => {
    // The browse share of a limit of 2 is one place: taken.
    const held = admission.admit('browse')!;
    try {
      const shed = await ask('browse');
      expect(shed.status).toBe(503);
      expect(shed.headers.get(SHED_HEADER)).toBe('browse');
      expect(shed.headers.get('retry-after')).toBe('1');
      expect(await shed.json()).toMatchObject({ errors: [{ extensions: { code: 'OVERLOADED' } }] });
      const critical = await ask('critical');
      expect(critical.status).toBe(200);
      expect(await critical.json()).toEqual({ data: { hello: 'world' } });
    } finally {
      held.release();
    }
    // Its place given back (and each answered request's), browse is served again.
    expect((await ask('browse')).status).toBe(200);
  });
});
