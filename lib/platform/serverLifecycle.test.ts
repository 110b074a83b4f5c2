import http from 'node:http';
import { ApolloServer } from '@apollo/server';
import { createHttpServer } from './http';
import { recordingLogger } from '@testing/recordingLogger';
import { createLogger } from './log';
import { ServerLifecycle } from './serverLifecycle';

describe('ServerLifecycle', () => {
  let release: () => void;
  let enteredSlow: Promise<void>;
  let apollo: ApolloServer;
  let lifecycle: ServerLifecycle;
  let port: number;
  const events: string[] = [];
  let logged: ReturnType<typeof recordingLogger>['lines'] = [];

  beforeEach(async () => {
    events.length = 0;
    let entered: () => void = () => {};
    enteredSlow = new Promise<void>((resolve) => (entered = resolve));
    const released = new Promise<void>((resolve) => (release = resolve));
    apollo = new ApolloServer({
      typeDefs: 'type Query { slow: String }',
      resolvers: {
        Query: {
          slow: async () => {
            entered();
            await released;
            events.push('answered');
            return 'done';
          },
        },
      },
      stopOnTerminationSignals: false,
    });
    const server = createHttpServer({ graphql: { server: apollo, context: async () => ({}) } });
    const logger = recordingLogger();
    logged = logger.lines;
    lifecycle = new ServerLifecycle(
      server,
      {
        start: () => apollo.start(),
        stop: async () => {
          events.push('apollo stopped');
          await apollo.stop();
        },
      },
      logger,
    );
    port = await lifecycle.start(0);
  });

  const slowRequest = () =>
    new Promise<number>((resolve, reject) => {
      const request = http.request(
        {
          host: '127.0.0.1',
          port,
          method: 'POST',
          path: '/graphql',
          agent: false,
          headers: { 'content-type': 'application/json' },
        },
        (response) => {
          response.resume();
          response.on('end', () => resolve(response.statusCode ?? 0));
        },
      );
      request.on('error', reject);
      request.end(JSON.stringify({ query: '{ slow }' }));
    });

  it('is ready only while serving', async () => {
    expect(lifecycle.state.phase).toBe('serving');
    expect(lifecycle.readiness).toBe('ready');
    await lifecycle.stop();
    expect(lifecycle.state).toEqual({ phase: 'stopped' });
    expect(lifecycle.readiness).toBe('stopping');
  });

  it('reports stopping from the moment stop is called, before the request in flight is answered', async () => {
    const answered = slowRequest();
    await enteredSlow;
    const stopped = lifecycle.stop({ graceMs: 5_000 });
    expect(lifecycle.readiness).toBe('stopping');
    expect(lifecycle.state.phase).toBe('draining');
    release();
    await expect(answered).resolves.toBe(200);
    await stopped;
  });

  it('stops Apollo only after the requests in flight are answered', async () => {
    const answered = slowRequest();
    await enteredSlow;
    const stopped = lifecycle.stop({ graceMs: 5_000 });
    setTimeout(release, 50);
    await Promise.all([answered, stopped]);
    expect(events).toEqual(['answered', 'apollo stopped']);
  });

  it('destroys a request held past the grace, counts it as destroyed, and logs that the drain grace ran out', async () => {
    const answered = slowRequest();
    await enteredSlow;
    await lifecycle.stop({ graceMs: 200 });
    await expect(answered).rejects.toThrow(/socket hang up|ECONNRESET/);
    expect(logged).toContainEqual({
      level: 'warn',
      message: 'drain grace ran out',
      fields: { destroyed: 1, finished: 0, graceMs: 200, elapsedMs: expect.any(Number) },
    });
    expect(logged.map((line) => line.message)).not.toContain('drained');
    release();
  });

  it('counts a request that finishes within the grace as finished, and logs no grace warning', async () => {
    const answered = slowRequest();
    await enteredSlow;
    const stopped = lifecycle.stop({ graceMs: 5_000 });
    setTimeout(release, 50);
    await expect(answered).resolves.toBe(200);
    await stopped;
    expect(logged).toContainEqual({
      level: 'info',
      message: 'drained',
      fields: { finished: 1, elapsedMs: expect.any(Number) },
    });
    expect(logged.filter((line) => line.level === 'warn')).toEqual([]);
  });

  it('returns the same promise when stopped again while draining', async () => {
    const first = lifecycle.stop();
    expect(lifecycle.stop()).toBe(first);
    await first;
    await expect(lifecycle.stop()).resolves.toBeUndefined();
  });
});

describe('ServerLifecycle stopped while it starts', () => {
  it('finishes starting, then drains and closes the listener it opened', async () => {
    const apollo = new ApolloServer({
      typeDefs: 'type Query { hello: String }',
      stopOnTerminationSignals: false,
    });
    const server = createHttpServer({ graphql: { server: apollo, context: async () => ({}) } });
    const lifecycle = new ServerLifecycle(server, apollo, createLogger('test', 'silent'));
    const started = lifecycle.start(0);
    expect(lifecycle.readiness).toBe('starting');
    const stopped = lifecycle.stop();
    expect(lifecycle.readiness).toBe('stopping');
    await expect(started).resolves.toEqual(expect.any(Number));
    await stopped;
    expect(lifecycle.state).toEqual({ phase: 'stopped' });
    expect(server.listening).toBe(false);
  });
});
