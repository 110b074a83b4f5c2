/**
 * The gateway's public listener drained by its own lifecycle, the one server.ts starts and stops:
 * the drain reports what it let finish and what it cut, and says so in the log. A route held by the
 * test stands in for a slow `play`.
 */
import http from 'node:http';
import { ApolloServer } from '@apollo/server';
import { recordingLogger } from '@testing/recordingLogger';
import type { GatewayContext } from '../request/context';
import { createTrustedDocuments } from '../documents/trustedDocuments';
import { createPublicApp } from './publicApp';
import { DEFAULT_HTTP_LIMITS } from './settings';

async function startGatewayListener() {
  const logger = recordingLogger();
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
  const { lifecycle } = publicApp;
  const port = await lifecycle.start(0);
  return { lifecycle, port, logged: logger.lines, enteredHeld, release };
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
