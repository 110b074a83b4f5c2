import { EventEmitter, once } from 'node:events';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createPooledFetch, type PooledFetchSettings } from './pooledFetch';

/** What each test opened, closed after it: clients first, then replicas. */
const opened: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const resource of opened.splice(0)) await resource.close();
});

function client(settings?: PooledFetchSettings) {
  const fetch = createPooledFetch(settings);
  opened.unshift(fetch);
  return fetch;
}

/**
 * A local replica: answers JSON with a cache-control header, or never answers a body of `hang`.
 * `events` emits `request` and `closed` (a connection), for tests to wait on.
 */
async function replica() {
  const events = new EventEmitter();
  const seen = {
    requests: 0,
    connections: 0,
    closed: 0,
    bodies: [] as string[],
    headers: [] as http.IncomingHttpHeaders[],
  };
  const server = http.createServer((request, response) => {
    seen.requests++;
    events.emit('request');
    request.socket.once('close', () => {
      seen.closed++;
      events.emit('closed');
    });
    let body = '';
    request.on('data', (chunk: Buffer) => (body += chunk.toString()));
    request.on('end', () => {
      seen.bodies.push(body);
      seen.headers.push(request.headers);
      if (body === 'hang') return;
      response.writeHead(200, { 'content-type': 'application/json', 'cache-control': 'max-age=60, public' });
      // Written in two chunks: the client must put the answer back together.
      response.write('{"data":{"echo":');
      response.end(`${JSON.stringify(body)}}}`);
    });
  });
  server.on('connection', () => seen.connections++);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  const stop = () =>
    new Promise<void>((resolve) => {
      if (!server.listening) return resolve();
      server.close(() => resolve());
      server.closeAllConnections();
    });
  const fake = { url, seen, events, stop };
  opened.push({ close: stop });
  return fake;
}

const post = (body: string, signal = new AbortController().signal) => ({
  method: 'POST' as const,
  body,
  headers: { 'content-type': 'application/json', 'x-gateway-credential': 'c' },
  signal,
});

describe('the pooled subgraph client', () => {
  it('sends the body and headers, and returns the status, headers and JSON of the answer', async () => {
    const server = await replica();
    const fetch = client();
    const answer = await fetch(server.url, post('{"query":"{ a }"}'));
    expect(answer.status).toBe(200);
    expect(answer.headers?.get('Cache-Control')).toBe('max-age=60, public');
    expect(answer.headers?.get('x-missing')).toBeNull();
    await expect(answer.json()).resolves.toEqual({ data: { echo: '{"query":"{ a }"}' } });
    expect(server.seen.headers[0]).toMatchObject({ 'x-gateway-credential': 'c' });
    // Kept alive: ten requests one after another share connections. (The pool may open a second
    // one while the first is still being released; it opens no more.)
    for (let request = 0; request < 9; request++) await (await fetch(server.url, post('next'))).json();
    expect(server.seen.requests).toBe(10);
    expect(server.seen.connections).toBeLessThanOrEqual(2);
    expect(server.seen.closed).toBe(0);
  });

  it('fails at once when aborted, cutting the socket of a request in flight and dropping a queued one', async () => {
    const server = await replica();
    // One connection: the second request waits in the pool behind the hanging first.
    const fetch = client({ connectionsPerOrigin: 1 });
    const first = new AbortController();
    const second = new AbortController();
    const arrived = once(server.events, 'request');
    const hanging = fetch(server.url, post('hang', first.signal));
    const queued = fetch(server.url, post('queued', second.signal));
    await arrived;
    expect(server.seen.requests).toBe(1);

    second.abort(new Error('attempt timeout'));
    await expect(queued).rejects.toThrow('attempt timeout');
    const closed = once(server.events, 'closed');
    first.abort(new Error('deadline'));
    await expect(hanging).rejects.toThrow('deadline');
    await closed;
    expect(server.seen.closed).toBe(1);
    // The queued request never reached the replica, and the pool still works.
    expect(server.seen.bodies).toEqual(['hang']);
    await expect((await fetch(server.url, post('after'))).json()).resolves.toEqual({
      data: { echo: 'after' },
    });
  });

  it('rejects with the socket error code when nothing listens', async () => {
    const server = await replica();
    await server.stop();
    await expect(client()(server.url, post('x'))).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });

  it('does not send a request whose signal was aborted before it was called', async () => {
    const server = await replica();
    await expect(client()(server.url, post('x', AbortSignal.abort(new Error('too late'))))).rejects.toThrow(
      'too late',
    );
    expect(server.seen.requests).toBe(0);
  });
});
