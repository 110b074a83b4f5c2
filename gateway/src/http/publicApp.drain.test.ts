/**
 * The gateway's public listener drained as the gateway drains it (ServerLifecycle, as in server.ts):
 * the drain reports what it let finish and what it cut, and says so in the log. A route held by the
 * test stands in for a slow `play`.
 */
import http from 'node:http';
import { ApolloServer } from '@apollo/server';
import type { Logger } from '@platform/log';
import { ServerLifecycle } from '@platform/serverLifecycle';
import type { GatewayContext } from '../request/context';
import { createTrustedDocuments } from '../documents/trustedDocuments';
import { createPublicApp } from './publicApp';
import { DEFAULT_HTTP_LIMITS } from './settings';

interface LogLine {
  level: string;
  message: string;
  fields: Record<string, unknown>;
}

async function startGatewayListener() {
  const logged: LogLine[] = [];
  const record =
    (level: string) =>
    (message: string, fields: Record<string, unknown> = {}) =>
      void logged.push({ level, message, fields });
  const logger: Logger = {
    debug: record('debug'),
    info: record('info'),
    warn: record('warn'),
    error: record('error'),
  };
  let entered: () => void = () => {};
  const enteredHeld = new Promise<void>((resolve) => (entered = resolve));
  let release: () => void = () => {};
  const released = new Promise<void>((resolve) => (release = resolve));
  const apollo = new ApolloServer<GatewayContext>({
    typeDefs: 'type Query { hello: String }',
    stopOnTerminationSignals: false,
  });
  const publicApp = createPublicApp({
    apollo,
    verifyToken: () => Promise.reject(new Error('no tokens here')),
    httpLimits: DEFAULT_HTTP_LIMITS,
    logger,
    documents: createTrustedDocuments({ mode: 'allow' }),
    production: true,
    routes: {
      '/held': async () => {
        entered();
        await released;
        return { status: 200, body: { held: 'no longer' } };
      },
    },
  });
  const lifecycle = new ServerLifecycle(
    publicApp.server,
    {
      async start() {
        await apollo.start();
        await publicApp.ready();
      },
      async stop() {
        await apollo.stop();
        await publicApp.app.close();
      },
    },
    logger,
  );
  const port = await lifecycle.start(0);
  return { lifecycle, port, logged, enteredHeld, release };
}

function getHeld(port: number) {
  return new Promise<{ status: number; connection: string | undefined }>((resolve, reject) => {
    const request = http.get({ host: '127.0.0.1', port, path: '/held', agent: false }, (response) => {
      response.resume();
      response.on('end', () =>
        resolve({ status: response.statusCode ?? 0, connection: response.headers.connection }),
      );
    });
    request.on('error', reject);
  });
}

describe("the gateway's public listener, drained", () => {
  it('destroys a request held past the grace, counts it as destroyed, and logs that the drain grace ran out', async () => {
    const { lifecycle, port, logged, enteredHeld, release } = await startGatewayListener();
    try {
      const held = getHeld(port);
      await enteredHeld;
      await lifecycle.stop({ graceMs: 200 });
      await expect(held).rejects.toThrow(/socket hang up|ECONNRESET/);
      expect(logged).toContainEqual({
        level: 'warn',
        message: 'drain grace ran out',
        fields: { destroyed: 1, finished: 0, graceMs: 200, elapsedMs: expect.any(Number) },
      });
    } finally {
      release();
    }
  });

  it('counts a request that finishes within the grace as finished, with Connection: close, and logs no grace warning', async () => {
    const { lifecycle, port, logged, enteredHeld, release } = await startGatewayListener();
    const held = getHeld(port);
    await enteredHeld;
    const stopped = lifecycle.stop({ graceMs: 5_000 });
    setTimeout(release, 50);
    await expect(held).resolves.toEqual({ status: 200, connection: 'close' });
    await stopped;
    expect(logged).toContainEqual({
      level: 'info',
      message: 'drained',
      fields: { finished: 1, elapsedMs: expect.any(Number) },
    });
    expect(logged.filter((line) => line.level === 'warn')).toEqual([]);
  });
});
