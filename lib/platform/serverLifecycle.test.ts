import http from 'node:http';
import { ApolloServer } from '@apollo/server';
import { createHttpServer } from './http';
import { createLogger } from './log';
import { ServerLifecycle } from './serverLifecycle';

describe('ServerLifecycle', () => {
  let release: () => void;
  let enteredSlow: Promise<void>;
  let apollo: ApolloServer;
  let lifecycle: ServerLifecycle;
  let port: number;
  const events: string[] = [];

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
    lifecycle = new ServerLifecycle(
      server,
      {
        start: () => apollo.start(),
        stop: async () => {
          events.push('apollo stopped');
          await apollo.stop();
        },
      },
      createLogger('test', 'silent'),
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
