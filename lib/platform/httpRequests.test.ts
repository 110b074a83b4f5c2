import http from 'node:http';
import net from 'node:net';
import Fastify from 'fastify';
import { listen } from './http';
import { createDrainableServer, drainHttpServer, KEEP_ALIVE_TIMEOUT_MS, trackRequests } from './httpRequests';

interface Reply {
  status: number;
  headers: http.IncomingHttpHeaders;
  text: string;
  socket: net.Socket;
}

/**
 * A server whose `/slow` path answers only when the test says so (its headers first, when
 * `headersFirst`), and whose other paths answer at once.
 */
async function startSlowServer(options: { headersFirst?: boolean } = {}) {
  let entered: () => void = () => {};
  const enteredSlow = new Promise<void>((resolve) => (entered = resolve));
  let release: () => void = () => {};
  const released = new Promise<void>((resolve) => (release = resolve));
  const server = createDrainableServer({}, (request, response) => {
    if (request.url !== '/slow') return void response.end('quick');
    if (options.headersFirst) response.writeHead(200, { 'content-type': 'text/plain' }).write('slow...');
    entered();
    void released.then(() => response.end('finally'));
  });
  const port = await listen(server, 0, '127.0.0.1', 0, false);
  return { server, port, enteredSlow, release };
}

function get(port: number, path: string, agent: http.Agent | false = false) {
  return new Promise<Reply>((resolve, reject) => {
    const request = http.get({ host: '127.0.0.1', port, path, agent }, (response) => {
      const chunks: Buffer[] = [];
      response.on('data', (chunk: Buffer) => chunks.push(chunk));
      response.on('end', () =>
        resolve({
          status: response.statusCode ?? 0,
          headers: response.headers,
          text: Buffer.concat(chunks).toString('utf8'),
          socket: request.socket!,
        }),
      );
    });
    request.on('error', reject);
  });
}

const connects = (port: number) =>
  new Promise<boolean>((resolve) => {
    const socket = new net.Socket();
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
    socket.connect(port, '127.0.0.1');
  });

const closeOf = (socket: net.Socket) => new Promise<void>((resolve) => socket.once('close', () => resolve()));

describe('createDrainableServer', () => {
  it('keeps idle connections alive for 65 seconds, longer than load balancers keep theirs', () => {
    const server = createDrainableServer({});
    expect(KEEP_ALIVE_TIMEOUT_MS).toBe(65_000);
    expect(server.keepAliveTimeout).toBe(KEEP_ALIVE_TIMEOUT_MS);
  });
});

describe('drainHttpServer', () => {
  it('lets a request in flight finish, tells its client to close the connection, refuses new ones, and counts it as finished', async () => {
    const { server, port, enteredSlow, release } = await startSlowServer();
    const agent = new http.Agent({ keepAlive: true });
    try {
      const slow = get(port, '/slow', agent);
      await enteredSlow;
      const drained = drainHttpServer(server, { graceMs: 5_000 });
      expect(server.listening).toBe(false);
      expect(await connects(port)).toBe(false);
      release();
      const reply = await slow;
      expect(reply).toMatchObject({ status: 200, text: 'finally', headers: { connection: 'close' } });
      await expect(drained).resolves.toMatchObject({ finished: 1, destroyed: 0, graceRanOut: false });
    } finally {
      agent.destroy();
    }
  });

  it('closes idle keep-alive connections at once instead of waiting for their timeout', async () => {
    const { server, port } = await startSlowServer();
    const agent = new http.Agent({ keepAlive: true });
    try {
      const reply = await get(port, '/quick', agent);
      expect(reply.headers.connection).toBe('keep-alive');
      const socketClosed = closeOf(reply.socket);
      const outcome = await drainHttpServer(server, { graceMs: 5_000 });
      await socketClosed;
      expect(outcome).toMatchObject({ finished: 0, destroyed: 0, graceRanOut: false });
      // The keep-alive timeout is 65 s; the grace 5 s: neither was waited for.
      expect(outcome.elapsedMs).toBeLessThan(1_000);
    } finally {
      agent.destroy();
    }
  });

  it('closes a kept-alive connection once a response that sent its headers before the drain finishes', async () => {
    const { server, port, enteredSlow, release } = await startSlowServer({ headersFirst: true });
    const agent = new http.Agent({ keepAlive: true });
    try {
      const slow = get(port, '/slow', agent);
      await enteredSlow;
      const drained = drainHttpServer(server, { graceMs: 5_000 });
      setTimeout(release, 50);
      const reply = await slow;
      // Too late to say Connection: close; the server closes the connection instead of leaving it idle.
      expect(reply.headers.connection).toBe('keep-alive');
      const outcome = await drained;
      expect(outcome).toMatchObject({ finished: 1, destroyed: 0, graceRanOut: false });
      expect(outcome.elapsedMs).toBeLessThan(2_000);
    } finally {
      agent.destroy();
    }
  });

  it('answers a request that arrives during the drain, on a connection opened before it, with Connection: close', async () => {
    const { server, port } = await startSlowServer();
    const socket = net.connect(port, '127.0.0.1');
    await new Promise<void>((resolve) => socket.once('connect', () => resolve()));
    let text = '';
    socket.on('data', (chunk: Buffer) => (text += chunk.toString('utf8')));
    // All but the empty line that ends the headers: Node has no request to hand out yet.
    socket.write('GET /quick HTTP/1.1\r\nHost: localhost\r\n');
    await new Promise((resolve) => setTimeout(resolve, 50));
    const drained = drainHttpServer(server, { graceMs: 5_000 });
    const closed = closeOf(socket);
    socket.write('\r\n');
    await closed;
    expect(text).toMatch(/^HTTP\/1\.1 200/);
    expect(text.toLowerCase()).toContain('connection: close');
    await expect(drained).resolves.toMatchObject({ finished: 1, destroyed: 0 });
  });

  it('destroys a request still in flight when the grace runs out, and counts it as destroyed', async () => {
    const { server, port, enteredSlow, release } = await startSlowServer();
    try {
      const stuck = get(port, '/slow');
      await enteredSlow;
      const outcome = await drainHttpServer(server, { graceMs: 200 });
      expect(outcome).toMatchObject({ finished: 0, destroyed: 1, graceRanOut: true });
      expect(outcome.elapsedMs).toBeGreaterThanOrEqual(190);
      expect(outcome.elapsedMs).toBeLessThan(2_000);
      await expect(stuck).rejects.toThrow(/socket hang up|ECONNRESET/);
    } finally {
      release();
    }
  });

  it("drains a Fastify app's server, tracked by listening on its requests: what finishes in time is counted finished, the rest destroyed", async () => {
    let release: () => void = () => {};
    const released = new Promise<void>((resolve) => (release = resolve));
    let server: http.Server | undefined;
    const app = Fastify({
      serverFactory: (handler) => {
        server = http.createServer(handler);
        trackRequests(server);
        return server;
      },
    });
    let entered = 0;
    app.get('/soon', async () => {
      entered += 1;
      await new Promise((resolve) => setTimeout(resolve, 100));
      return { done: true };
    });
    app.get('/held', async () => {
      entered += 1;
      await released;
      return { done: true };
    });
    await app.ready();
    const port = await listen(server!, 0, '127.0.0.1', 0, false);
    try {
      const soon = get(port, '/soon');
      const held = get(port, '/held');
      while (entered < 2) await new Promise((resolve) => setTimeout(resolve, 5));
      const outcome = await drainHttpServer(server!, { graceMs: 500 });
      expect(outcome).toMatchObject({ finished: 1, destroyed: 1, graceRanOut: true });
      await expect(soon).resolves.toMatchObject({ status: 200, headers: { connection: 'close' } });
      await expect(held).rejects.toThrow(/socket hang up|ECONNRESET/);
    } finally {
      release();
      await app.close();
    }
  });

  it('refuses to drain a server whose requests it does not track, rather than report nothing cut', async () => {
    await expect(drainHttpServer(http.createServer())).rejects.toThrow(/not tracked/);
  });
});
