import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { ReplicaPool, SubgraphUnavailableError, type ResilienceSettings } from './replicaPool';

type Behaviour = 'answer' | 'hang' | 'fail';

/** A local stand-in for one subgraph replica; its behaviour can change between requests. */
interface FakeReplica {
  url: string;
  requests: number;
  behaviour: Behaviour;
  close(): Promise<void>;
}

const servers: http.Server[] = [];

async function replica(behaviour: Behaviour): Promise<FakeReplica> {
  const fake = { url: '', requests: 0, behaviour, close: async () => {} };
  const server = http.createServer((request, response) => {
    fake.requests++;
    request.resume();
    request.on('end', () => {
      if (fake.behaviour === 'hang') return;
      const status = fake.behaviour === 'fail' ? 503 : 200;
      response.writeHead(status, { 'content-type': 'application/json' });
      response.end(JSON.stringify(status === 200 ? { data: { ok: true } } : { error: 'unavailable' }));
    });
  });
  servers.push(server);
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  fake.url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/graphql`;
  fake.close = () => stop(server);
  return fake;
}

/** A URL where nothing listens: connection refused. */
async function closedReplica(): Promise<string> {
  const fake = await replica('answer');
  await fake.close();
  return fake.url;
}

function stop(server: http.Server): Promise<void> {
  return new Promise((resolve) => {
    if (!server.listening) return resolve();
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

afterEach(async () => {
  await Promise.all(servers.splice(0).map(stop));
});

const SETTINGS: ResilienceSettings = {
  timeoutMs: 300,
  attemptTimeoutMs: 100,
  maxAttempts: 3,
  breakerFailures: 3,
  halfOpenAfterMs: 200,
};
const BODY = JSON.stringify({ query: '{ me { id } }' });
const HEADERS = { 'content-type': 'application/json' };
/** Room for scheduling on a busy machine: a bound on latency, not a performance test. */
const MARGIN_MS = 250;

async function timed<T>(work: () => Promise<T>): Promise<{ result: PromiseSettledResult<T>; ms: number }> {
  const started = performance.now();
  const [result] = await Promise.allSettled([work()]);
  return { result: result!, ms: performance.now() - started };
}

function rejection(result: PromiseSettledResult<unknown>): SubgraphUnavailableError {
  if (result.status !== 'rejected') throw new Error('expected the call to fail');
  expect(result.reason).toBeInstanceOf(SubgraphUnavailableError);
  return result.reason as SubgraphUnavailableError;
}

describe('a replica pool', () => {
  it('refuse to be built without a URL', () => {
    expect(() => new ReplicaPool('profiles', [], SETTINGS)).toThrow(/No URL for subgraph profiles/);
  });

  it("return a healthy replica's answer", async () => {
    const healthy = await replica('answer');
    const pool = new ReplicaPool('profiles', [healthy.url], SETTINGS);
    await expect(pool.send(BODY, HEADERS, true)).resolves.toEqual({
      status: 200,
      body: { data: { ok: true } },
    });
    expect(healthy.requests).toBe(1);
  });

  it('time out an attempt on a hanging replica and take the answer of the next, within the deadline', async () => {
    const hanging = await replica('hang');
    const healthy = await replica('answer');
    const failures: string[] = [];
    const pool = new ReplicaPool('profiles', [hanging.url, healthy.url], SETTINGS, {
      onAttemptFailed: (url, reason) => failures.push(`${url} ${reason}`),
    });
    const { result, ms } = await timed(() => pool.send(BODY, HEADERS, true));
    expect(result).toEqual({ status: 'fulfilled', value: { status: 200, body: { data: { ok: true } } } });
    expect(ms).toBeLessThan(SETTINGS.timeoutMs);
    expect(ms).toBeGreaterThanOrEqual(SETTINGS.attemptTimeoutMs - 5);
    expect(failures).toEqual([`${hanging.url} timeout`]);
    expect(healthy.requests).toBe(1);
  });

  it('fail over from a replica that answers 503', async () => {
    const failing = await replica('fail');
    const healthy = await replica('answer');
    const failures: string[] = [];
    const pool = new ReplicaPool('profiles', [failing.url, healthy.url], SETTINGS, {
      onAttemptFailed: (url, reason) => failures.push(`${url} ${reason}`),
    });
    await expect(pool.send(BODY, HEADERS, true)).resolves.toMatchObject({ status: 200 });
    expect(failures).toEqual([`${failing.url} http_5xx`]);
  });

  it('fail over from a replica that refuses connections', async () => {
    const refused = await closedReplica();
    const healthy = await replica('answer');
    const failures: string[] = [];
    const pool = new ReplicaPool('profiles', [refused, healthy.url], SETTINGS, {
      onAttemptFailed: (url, reason) => failures.push(`${url} ${reason}`),
    });
    await expect(pool.send(BODY, HEADERS, true)).resolves.toMatchObject({ status: 200 });
    expect(failures).toEqual([`${refused} connection`]);
  });

  it('send every attempt through the fetch it was given, aborting it at the attempt timeout', async () => {
    const sent: { url: string; body: string; aborted: boolean }[] = [];
    const pool = new ReplicaPool(
      'profiles',
      ['http://hung.test/graphql', 'http://healthy.test/graphql'],
      SETTINGS,
      {},
      (url, init) => {
        const attempt = { url, body: init.body, aborted: false };
        sent.push(attempt);
        if (url.startsWith('http://healthy.test')) {
          return Promise.resolve({ status: 200, json: async () => ({ data: { ok: true } }) });
        }
        return new Promise((_resolve, reject) =>
          init.signal.addEventListener('abort', () => {
            attempt.aborted = true;
            reject(init.signal.reason as Error);
          }),
        );
      },
    );
    await expect(pool.send(BODY, HEADERS, true)).resolves.toEqual({
      status: 200,
      body: { data: { ok: true } },
    });
    expect(sent).toEqual([
      { url: 'http://hung.test/graphql', body: BODY, aborted: true },
      { url: 'http://healthy.test/graphql', body: BODY, aborted: false },
    ]);
  });

  it('take turns between healthy replicas', async () => {
    const first = await replica('answer');
    const second = await replica('answer');
    const pool = new ReplicaPool('profiles', [first.url, second.url], SETTINGS);
    for (let call = 0; call < 4; call++) await pool.send(BODY, HEADERS, true);
    expect([first.requests, second.requests]).toEqual([2, 2]);
  });

  it('give up with SubgraphUnavailableError by the deadline when every replica hangs', async () => {
    const replicas = [await replica('hang'), await replica('hang')];
    const pool = new ReplicaPool(
      'profiles',
      replicas.map((fake) => fake.url),
      SETTINGS,
    );
    const { result, ms } = await timed(() => pool.send(BODY, HEADERS, true));
    expect(rejection(result).reason).toMatch(/^(deadline|timeout)$/);
    expect(ms).toBeLessThan(SETTINGS.timeoutMs + MARGIN_MS);
  });

  it('open the circuit after consecutive failures and then fail fast, until a probe closes it again', async () => {
    const flaky = await replica('fail');
    const states: string[] = [];
    const pool = new ReplicaPool(
      'profiles',
      [flaky.url],
      { ...SETTINGS, maxAttempts: 1 },
      {
        onCircuitState: (_url, state) => states.push(state),
      },
    );
    for (let call = 0; call < SETTINGS.breakerFailures; call++) {
      expect(rejection((await timed(() => pool.send(BODY, HEADERS, true))).result).reason).toBe('http_5xx');
    }
    expect(states).toEqual(['open']);
    expect(flaky.requests).toBe(SETTINGS.breakerFailures);

    const fast = await timed(() => pool.send(BODY, HEADERS, true));
    expect(rejection(fast.result).reason).toBe('circuit_open');
    expect(fast.ms).toBeLessThan(SETTINGS.attemptTimeoutMs / 2);
    expect(flaky.requests).toBe(SETTINGS.breakerFailures);

    flaky.behaviour = 'answer';
    await new Promise((resolve) => setTimeout(resolve, SETTINGS.halfOpenAfterMs + 20));
    await expect(pool.send(BODY, HEADERS, true)).resolves.toMatchObject({ status: 200 });
    expect(states).toEqual(['open', 'half-open', 'closed']);
    expect(flaky.requests).toBe(SETTINGS.breakerFailures + 1);
  });

  it('keep the circuit open when the probe fails', async () => {
    const flaky = await replica('fail');
    const states: string[] = [];
    const pool = new ReplicaPool(
      'profiles',
      [flaky.url],
      { ...SETTINGS, maxAttempts: 1 },
      {
        onCircuitState: (_url, state) => states.push(state),
      },
    );
    for (let call = 0; call < SETTINGS.breakerFailures; call++)
      await timed(() => pool.send(BODY, HEADERS, true));
    await new Promise((resolve) => setTimeout(resolve, SETTINGS.halfOpenAfterMs + 20));
    expect(rejection((await timed(() => pool.send(BODY, HEADERS, true))).result).reason).toBe('http_5xx');
    expect(states).toEqual(['open', 'half-open', 'open']);
    expect(rejection((await timed(() => pool.send(BODY, HEADERS, true))).result).reason).toBe('circuit_open');
  });

  it('send a mutation (not retryable) exactly once, even when it fails', async () => {
    const failing = await replica('fail');
    const healthy = await replica('answer');
    const pool = new ReplicaPool('playback', [failing.url, healthy.url], SETTINGS);
    expect(rejection((await timed(() => pool.send(BODY, HEADERS, false))).result).reason).toBe('http_5xx');
    expect(failing.requests + healthy.requests).toBe(1);
  });

  it('send a mutation to a hanging replica exactly once', async () => {
    const hanging = await replica('hang');
    const pool = new ReplicaPool('playback', [hanging.url], SETTINGS);
    const { result, ms } = await timed(() => pool.send(BODY, HEADERS, false));
    expect(rejection(result).reason).toBe('timeout');
    expect(ms).toBeLessThan(SETTINGS.timeoutMs + MARGIN_MS);
    expect(hanging.requests).toBe(1);
  });

  it('retry a query on the same replica when it is the only one', async () => {
    const flaky = await replica('fail');
    const pool = new ReplicaPool('profiles', [flaky.url], { ...SETTINGS, breakerFailures: 10 });
    expect(rejection((await timed(() => pool.send(BODY, HEADERS, true))).result).reason).toBe('http_5xx');
    expect(flaky.requests).toBe(SETTINGS.maxAttempts);
  });
});
