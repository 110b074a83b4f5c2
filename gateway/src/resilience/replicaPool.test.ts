import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { warmSubgraphClient } from '@testing/warmSubgraphClient';
import { SHED_HEADER } from '@contracts/shedding';
import { SubgraphUnavailableError } from '../fetch/unavailable';
import {
  REFUSED_GRACE_MS,
  ReplicaPool,
  SUSPECT_MS,
  type ReplicaFetch,
  type ResilienceSettings,
} from './replicaPool';

type Behaviour = 'answer' | 'hang' | 'fail' | 'shed';

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
      const status = fake.behaviour === 'fail' || fake.behaviour === 'shed' ? 503 : 200;
      response.writeHead(status, {
        'content-type': 'application/json',
        ...(fake.behaviour === 'shed' && { [SHED_HEADER]: 'browse', 'retry-after': '1' }),
      });
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

// The pools' client loads on first use, which can take longer on a cold worker than the 100 ms
// attempt timeout these tests use: load it before the first timed attempt.
beforeAll(warmSubgraphClient);

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

  it('fail over from a replica that sheds load, and never open its circuit for it', async () => {
    const shedding = await replica('shed');
    const healthy = await replica('answer');
    const states: string[] = [];
    const failures: string[] = [];
    const pool = new ReplicaPool('profiles', [shedding.url, healthy.url], SETTINGS, {
      onAttemptFailed: (url, reason) => failures.push(`${url} ${reason}`),
      onCircuitState: (_url, state) => states.push(state),
    });
    for (let call = 0; call < SETTINGS.breakerFailures * 2; call++) {
      await expect(pool.send(BODY, HEADERS, true)).resolves.toMatchObject({ status: 200 });
    }
    expect(failures.length).toBeGreaterThanOrEqual(SETTINGS.breakerFailures);
    expect(new Set(failures)).toEqual(new Set([`${shedding.url} shed`]));
    expect(states).toEqual([]);
    // Alone, a shedding replica fails the fetch (for the fallbacks to answer), its circuit still closed.
    const alone = new ReplicaPool(
      'profiles',
      [shedding.url],
      { ...SETTINGS, maxAttempts: 1 },
      {
        onCircuitState: (_url, state) => states.push(state),
      },
    );
    for (let call = 0; call < SETTINGS.breakerFailures + 1; call++) {
      expect(rejection((await timed(() => alone.send(BODY, HEADERS, true))).result).reason).toBe('shed');
    }
    expect(states).toEqual([]);
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

  it('abort the attempt in flight at the deadline when the deadline comes before its own timeout', async () => {
    const signals: AbortSignal[] = [];
    const pool = new ReplicaPool(
      'profiles',
      ['http://hung.test/graphql'],
      { ...SETTINGS, timeoutMs: 100, attemptTimeoutMs: 5_000 },
      {},
      (_url, init) => {
        signals.push(init.signal);
        return new Promise((_resolve, reject) =>
          init.signal.addEventListener('abort', () => reject(init.signal.reason as Error)),
        );
      },
    );
    const { result, ms } = await timed(() => pool.send(BODY, HEADERS, true));
    expect(rejection(result).reason).toBe('deadline');
    expect(ms).toBeLessThan(100 + MARGIN_MS);
    expect(signals).toHaveLength(1);
    expect(signals[0]!.aborted).toBe(true);
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

/** What a fake replica does with every attempt it receives. */
type Answering = { status: number; body?: unknown } | 'hang';

/**
 * An injected fetch that answers per replica URL and counts attempts; for tests that need no socket.
 */
function fakeNetwork(answers: Record<string, Answering>) {
  const attempts: string[] = [];
  const fetch: ReplicaFetch = (url, init) => {
    attempts.push(url);
    const answer = answers[url];
    if (!answer) throw new Error(`no fake replica at ${url}`);
    if (answer === 'hang') {
      return new Promise((_resolve, reject) =>
        init.signal.addEventListener('abort', () => reject(init.signal.reason as Error), { once: true }),
      );
    }
    return Promise.resolve({
      status: answer.status,
      json: async () => {
        if (answer.body === undefined) throw new SyntaxError('Unexpected token < in JSON');
        return answer.body;
      },
      body: { cancel: async () => {} },
    });
  };
  return { fetch, attempts };
}

/** A fetch failing as the global fetch does: a TypeError whose cause carries the socket's code. */
function failingWith(code: string): ReplicaFetch {
  return async () => {
    throw new TypeError('fetch failed', { cause: Object.assign(new Error('socket'), { code }) });
  };
}

const A = 'http://a.test/graphql';
const B = 'http://b.test/graphql';
const OK: Answering = { status: 200, body: { data: { ok: true } } };

/**
 * A pool over fake replicas that records every circuit change as `url state`. `send` replaces the
 * fake network's fetch (it is given that fetch, to fall back on).
 */
function isolatedPool(
  answers: Record<string, Answering>,
  settings: Partial<ResilienceSettings> = {},
  send: (network: ReplicaFetch) => ReplicaFetch = (network) => network,
) {
  const network = fakeNetwork(answers);
  const circuits: string[] = [];
  const pool = new ReplicaPool(
    'catalog',
    Object.keys(answers),
    { ...SETTINGS, ...settings },
    { onCircuitState: (url, state) => circuits.push(`${url} ${state}`) },
    send(network.fetch),
  );
  return { pool, circuits, attempts: network.attempts };
}

describe("a replica pool's circuits, against what one client request does", () => {
  it('count at most one failure per client request against a replica, however many of its fetches fail', async () => {
    const { pool, circuits, attempts } = isolatedPool({ [A]: { status: 503 }, [B]: { status: 503 } });
    const oneRequest = new Set<string>();

    for (let fetch = 0; fetch < 10; fetch++) {
      const failed = await timed(() => pool.send(BODY, HEADERS, true, { countedFailures: oneRequest }));
      expect(rejection(failed.result).reason).toBe('http_5xx');
    }

    expect(attempts).toHaveLength(10 * SETTINGS.maxAttempts);
    expect(circuits).toEqual([]);
    expect([...oneRequest].sort()).toEqual([A, B]);
  });

  it.each([
    ['closed by the replica (undici)', 'UND_ERR_SOCKET', false],
    ['reset by the replica', 'ECONNRESET', false],
    ['refused: nothing listens, past the grace period', 'ECONNREFUSED', true],
  ])('count a connection %s against its circuit: %s -> %s', async (_what, code, opens) => {
    const { pool, circuits } = isolatedPool({ [A]: OK }, { refusedGraceMs: 0 }, () => failingWith(code));
    for (let request = 0; request < SETTINGS.breakerFailures; request++) {
      const failed = await timed(() => pool.send(BODY, HEADERS, true, { countedFailures: new Set() }));
      expect(['connection', 'circuit_open']).toContain(rejection(failed.result).reason);
    }
    // A kept-alive connection the replica closed while draining for a restart is no sign of a
    // failing replica: only a refused connection opens the circuit.
    expect(circuits).toEqual(opens ? [`${A} open`] : []);
  });

  it('count refused connections only once the replica has refused for longer than the grace period', async () => {
    const refusing = { now: true };
    const refuse = failingWith('ECONNREFUSED');
    const { pool, circuits } = isolatedPool(
      { [A]: OK },
      { refusedGraceMs: REFUSED_GRACE_MS },
      (network) => (url, init) => (refusing.now ? refuse(url, init) : network(url, init)),
    );
    const requests = (count: number) =>
      Promise.all(
        Array.from({ length: count }, () =>
          timed(() => pool.send(BODY, HEADERS, true, { countedFailures: new Set() })),
        ),
      );

    // A port changing hands: concurrent requests refused at once, each retried, none counted.
    for (const { result } of await requests(2 * SETTINGS.breakerFailures))
      expect(rejection(result).reason).toBe('connection');
    expect(circuits).toEqual([]);

    // An answer ends the refusal: the next refusal starts a new grace period.
    refusing.now = false;
    await requests(1);
    await new Promise((resolve) => setTimeout(resolve, REFUSED_GRACE_MS + 50));
    refusing.now = true;
    await requests(SETTINGS.breakerFailures);
    expect(circuits).toEqual([]);

    // Still refusing past the grace period: the replica is down, and its circuit opens.
    await new Promise((resolve) => setTimeout(resolve, REFUSED_GRACE_MS + 50));
    await requests(SETTINGS.breakerFailures);
    expect(circuits).toEqual([`${A} open`]);
  });

  it('still open a circuit on failures of separate client requests', async () => {
    const { pool, circuits } = isolatedPool({ [A]: { status: 503 } });

    for (let request = 0; request < SETTINGS.breakerFailures; request++) {
      await timed(() => pool.send(BODY, HEADERS, true, { countedFailures: new Set() }));
    }

    expect(circuits).toEqual([`${A} open`]);
  });

  it('count the failure of a half-open probe even when its request already counted one', async () => {
    const { pool, circuits } = isolatedPool({ [A]: { status: 503 } }, { breakerFailures: 1, maxAttempts: 1 });
    const oneRequest = new Set<string>();
    await timed(() => pool.send(BODY, HEADERS, true, { countedFailures: oneRequest }));
    await new Promise((resolve) => setTimeout(resolve, SETTINGS.halfOpenAfterMs + 20));

    await timed(() => pool.send(BODY, HEADERS, true, { countedFailures: oneRequest }));

    expect(circuits).toEqual([`${A} open`, `${A} half-open`, `${A} open`]);
  });

  it('count a half-open probe that times out even when the fetch is unusually large', async () => {
    const { pool, circuits } = isolatedPool({ [A]: 'hang' }, { breakerFailures: 1, maxAttempts: 1 });
    await timed(() => pool.send(BODY, HEADERS, true));
    await new Promise((resolve) => setTimeout(resolve, SETTINGS.halfOpenAfterMs + 20));

    await timed(() => pool.send(BODY, HEADERS, true, { items: 50 }));

    expect(circuits).toEqual([`${A} open`, `${A} half-open`, `${A} open`]);
  });

  it('refuse a fetch over the byte cap without sending it, uncounted', async () => {
    const { pool, circuits, attempts } = isolatedPool({ [A]: OK }, { maxFetchBytes: 64, breakerFailures: 1 });

    const { result } = await timed(() => pool.send('x'.repeat(65), HEADERS, true));

    expect(rejection(result)).toMatchObject({ reason: 'oversized', countsAgainstReplica: false });
    expect(attempts).toEqual([]);
    expect(circuits).toEqual([]);
    await expect(pool.send('x'.repeat(64), HEADERS, true)).resolves.toEqual({ status: 200, body: OK.body });
  });

  it('refuse a fetch with more items than the cap without sending it, uncounted', async () => {
    const { pool, circuits, attempts } = isolatedPool({ [A]: OK }, { maxFetchItems: 5, breakerFailures: 1 });

    const { result } = await timed(() => pool.send(BODY, HEADERS, true, { items: 6 }));

    expect(rejection(result)).toMatchObject({ reason: 'oversized', countsAgainstReplica: false });
    expect(attempts).toEqual([]);
    expect(circuits).toEqual([]);
  });

  it.each([400, 401, 413, 422])(
    'pass a GraphQL answer with HTTP %i back as it is, without counting it against the replica',
    async (status) => {
      const refusal = { errors: [{ message: 'refused', extensions: { code: 'BAD_REQUEST' } }] };
      const { pool, circuits, attempts } = isolatedPool(
        { [A]: { status, body: refusal } },
        { breakerFailures: 1 },
      );

      for (let request = 0; request < 3; request++) {
        await expect(pool.send(BODY, HEADERS, true)).resolves.toEqual({ status, body: refusal });
      }

      expect(attempts).toHaveLength(3);
      expect(circuits).toEqual([]);
    },
  );

  it('fail a request whose 4xx answer is not JSON for that request only: not retried, not counted', async () => {
    const { pool, circuits, attempts } = isolatedPool(
      { [A]: { status: 413 }, [B]: OK },
      { breakerFailures: 1 },
    );

    const { result } = await timed(() => pool.send(BODY, HEADERS, true));

    expect(rejection(result)).toMatchObject({ reason: 'refused', countsAgainstReplica: false });
    expect(attempts).toEqual([A]);
    expect(circuits).toEqual([]);
  });

  it('not count the timeout of an unusually large fetch, but count the timeout of an ordinary one', async () => {
    const { pool, circuits } = isolatedPool(
      { [A]: 'hang' },
      { breakerFailures: 1, maxAttempts: 1, largeFetchItems: 10, largeFetchBytes: 1_024 },
    );

    const byItems = await timed(() => pool.send(BODY, HEADERS, true, { items: 11 }));
    const byBytes = await timed(() => pool.send('x'.repeat(1_025), HEADERS, true));
    expect(rejection(byItems.result)).toMatchObject({ reason: 'timeout', countsAgainstReplica: false });
    expect(rejection(byBytes.result)).toMatchObject({ reason: 'timeout', countsAgainstReplica: false });
    expect(circuits).toEqual([]);

    const ordinary = await timed(() => pool.send(BODY, HEADERS, true, { items: 10 }));
    expect(rejection(ordinary.result)).toMatchObject({ reason: 'timeout', countsAgainstReplica: true });
    expect(circuits).toEqual([`${A} open`]);
  });
});

describe("a replica pool with another zone's replicas", () => {
  it('send to its own zone only while its replicas answer, taking turns between them', async () => {
    const own = [await replica('answer'), await replica('answer')];
    const other = await replica('answer');
    const pool = new ReplicaPool(
      'profiles',
      own.map((r) => r.url),
      SETTINGS,
      {},
      undefined,
      [other.url],
    );
    for (let call = 0; call < 4; call++) await pool.send(BODY, HEADERS, true);
    expect([own[0]!.requests, own[1]!.requests, other.requests]).toEqual([2, 2, 0]);
  });

  it('cross to the other zone after one attempt on a hanging own replica, not wait on it again', async () => {
    const hanging = await replica('hang');
    const other = await replica('answer');
    const pool = new ReplicaPool('profiles', [hanging.url], SETTINGS, {}, undefined, [other.url]);
    const { result } = await timed(() => pool.send(BODY, HEADERS, true));
    expect(result).toEqual({ status: 'fulfilled', value: { status: 200, body: { data: { ok: true } } } });
    expect([hanging.requests, other.requests]).toEqual([1, 1]);
  });

  it('prefer a healthy own replica to the other zone once the first own replica failed', async () => {
    const failing = await replica('fail');
    const healthy = await replica('answer');
    const other = await replica('answer');
    const pool = new ReplicaPool('profiles', [failing.url, healthy.url], SETTINGS, {}, undefined, [
      other.url,
    ]);
    await pool.send(BODY, HEADERS, true);
    await pool.send(BODY, HEADERS, true);
    expect(other.requests).toBe(0);
    expect(healthy.requests).toBe(2);
  });

  it('serve from the other zone while every own circuit is open, and come home once a probe succeeds', async () => {
    const own = await replica('fail');
    const other = await replica('answer');
    const pool = new ReplicaPool('profiles', [own.url], { ...SETTINGS, maxAttempts: 1 }, {}, undefined, [
      other.url,
    ]);
    // Each fetch tries home first and fails; three failures open its circuit.
    for (let call = 0; call < 3; call++) await pool.send(BODY, HEADERS, false).catch(() => undefined);
    const before = own.requests;
    await expect(pool.send(BODY, HEADERS, false)).resolves.toMatchObject({ status: 200 });
    expect(own.requests).toBe(before);
    own.behaviour = 'answer';
    await new Promise((resolve) => setTimeout(resolve, SETTINGS.halfOpenAfterMs + 20));
    await pool.send(BODY, HEADERS, false);
    await pool.send(BODY, HEADERS, false);
    expect(own.requests).toBe(before + 2);
  });
});

describe('a replica pool that hedges', () => {
  // Attempt timeouts far above the hedge delay: a busy machine cannot blur which one acted.
  const HEDGED: ResilienceSettings = {
    ...SETTINGS,
    attemptTimeoutMs: 1_000,
    timeoutMs: 2_000,
    hedgeAfterMs: 20,
  };

  it("join a query's silent attempt by one at the next replica, and take the first answer", async () => {
    const hanging = await replica('hang');
    const healthy = await replica('answer');
    const failures: string[] = [];
    const pool = new ReplicaPool('profiles', [hanging.url, healthy.url], HEDGED, {
      onAttemptFailed: (url, reason) => failures.push(`${url} ${reason}`),
    });
    const { result, ms } = await timed(() => pool.send(BODY, HEADERS, true));
    expect(result).toEqual({ status: 'fulfilled', value: { status: 200, body: { data: { ok: true } } } });
    // Well before the hanging attempt's own timeout: it was not waited for.
    expect(ms).toBeLessThan(HEDGED.attemptTimeoutMs);
    expect([hanging.requests, healthy.requests]).toEqual([1, 1]);
    // The abandoned attempt still ends by its timeout, and counts against its replica.
    await new Promise((resolve) => setTimeout(resolve, HEDGED.attemptTimeoutMs + 50));
    expect(failures).toEqual([`${hanging.url} timeout`]);
  });

  it('pass over a replica it hedged around for a while, then ask it again', async () => {
    const hanging = await replica('hang');
    const healthy = await replica('answer');
    const pool = new ReplicaPool('profiles', [hanging.url, healthy.url], HEDGED);
    // They take turns: the first, third and fifth fetch would start at the hanging replica.
    for (let fetch = 0; fetch < 5; fetch++) await pool.send(BODY, HEADERS, true);
    expect([hanging.requests, healthy.requests]).toEqual([1, 5]);
    await new Promise((resolve) => setTimeout(resolve, SUSPECT_MS));
    await pool.send(BODY, HEADERS, true);
    await pool.send(BODY, HEADERS, true);
    expect(hanging.requests).toBe(2);
  });

  it('never hedge a mutation', async () => {
    const hanging = await replica('hang');
    const healthy = await replica('answer');
    const pool = new ReplicaPool('profiles', [hanging.url, healthy.url], HEDGED);
    const { result } = await timed(() => pool.send(BODY, HEADERS, false));
    expect(rejection(result).reason).toBe('timeout');
    expect([hanging.requests, healthy.requests]).toEqual([1, 0]);
  });

  it('hedge at most its budget of fetches at once', async () => {
    // A fake client, so that what counts is what the pool sent, not what a busy machine delivered.
    const asked: string[] = [];
    const pool = new ReplicaPool(
      'profiles',
      ['http://hung.test/graphql', 'http://healthy.test/graphql'],
      // Attempts that outlast the check: only hedges can add attempts before it.
      { ...HEDGED, attemptTimeoutMs: 900, timeoutMs: 1_000 },
      {},
      (url, init) => {
        asked.push(url);
        // Every attempt waits until the test ends it: more than ten fetches want a hedge.
        return new Promise((_resolve, reject) =>
          init.signal.addEventListener('abort', () => reject(init.signal.reason as Error)),
        );
      },
    );
    // The budget is full (10) and the 60 fetches are all sent before any hedge is due: ten hedges go
    // out, and no more until fetches refill it.
    const sent = Array.from({ length: 60 }, () => pool.send(BODY, HEADERS, true).catch(() => {}));
    await new Promise((resolve) => setTimeout(resolve, 200));
    expect(asked).toHaveLength(60 + 10);
    pool.send(BODY, HEADERS, true).catch(() => {});
    await new Promise((resolve) => setTimeout(resolve, 100));
    // One more fetch refills a tenth of a hedge: still none to spare.
    expect(asked).toHaveLength(60 + 10 + 1);
    await Promise.all(sent);
  }, 10_000);
});
