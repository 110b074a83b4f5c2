import { ROOT_CONTEXT, createContextKey } from '@opentelemetry/api';
import { DataUnavailableError, StaleCache, type CachePolicy } from './staleCache';
import type { TraceParent } from './tracing/spans';

const POLICY: CachePolicy = { freshMs: 1_000, maxStaleMs: 10_000, deadlineMs: 200 };

/** A fake database: records every batch it is asked for (and for whom), and can be taken down. */
function fakeDatabase() {
  const state = {
    batches: [] as string[][],
    parents: [] as TraceParent[],
    version: 1,
    failure: null as Error | null,
    hang: false,
  };
  const readBatch = async (keys: readonly string[], parent?: TraceParent) => {
    state.batches.push([...keys]);
    state.parents.push(parent);
    if (state.hang) return new Promise<string[]>(() => {});
    if (state.failure) throw state.failure;
    return keys.map((key) => `${key}@v${state.version}`);
  };
  return { state, readBatch };
}

function setup(policy: CachePolicy = POLICY) {
  const database = fakeDatabase();
  // Not 0: lru-cache reads a start time of 0 as "no TTL".
  let now = 1_000_000;
  const cache = new StaleCache(database.readBatch, { name: 'titles', policy, now: () => now });
  return {
    ...database,
    cache,
    advance(ms: number) {
      now += ms;
    },
  };
}

/** The trace of a request, told apart by its name. */
const requestTrace = (name: string): TraceParent => ROOT_CONTEXT.setValue(createContextKey('request'), name);

/** Lets a background refresh settle. */
const settle = () => new Promise((resolve) => setImmediate(resolve));

describe('StaleCache', () => {
  it('reads every miss of one call in a single batch and serves fresh copies without reading again', async () => {
    const { cache, state } = setup();

    expect(await cache.getMany(['a', 'b', 'c'])).toEqual(['a@v1', 'b@v1', 'c@v1']);
    expect(await cache.getMany(['c', 'a'])).toEqual(['c@v1', 'a@v1']);

    expect(state.batches).toEqual([['a', 'b', 'c']]);
  });

  it('reads only the keys it does not hold, and each key once however often it is asked for', async () => {
    const { cache, state } = setup();
    await cache.getMany(['a']);

    expect(await cache.getMany(['a', 'b', 'b', 'c'])).toEqual(['a@v1', 'b@v1', 'b@v1', 'c@v1']);

    expect(state.batches).toEqual([['a'], ['b', 'c']]);
  });

  it('serves a stale copy at once and refreshes it in the background', async () => {
    const { cache, state, advance } = setup();
    await cache.getMany(['a']);
    state.version = 2;
    advance(POLICY.freshMs + 1);

    expect(await cache.get('a')).toBe('a@v1');
    await settle();
    expect(await cache.get('a')).toBe('a@v2');
    expect(state.batches).toEqual([['a'], ['a']]);
  });

  it('serves a stale copy younger than the maximum age while the database fails', async () => {
    const { cache, state, advance } = setup();
    await cache.getMany(['a']);
    state.failure = new Error('connection refused');
    advance(POLICY.maxStaleMs - 1);

    expect(await cache.get('a')).toBe('a@v1');
    await settle();
    expect(await cache.get('a')).toBe('a@v1');
  });

  it('refuses a copy older than the maximum age when the database fails, naming the data and the cause', async () => {
    const { cache, state, advance } = setup();
    await cache.getMany(['a']);
    state.failure = new Error('connection refused');
    advance(POLICY.maxStaleMs + 1);

    const failure = cache.get('a');
    await expect(failure).rejects.toThrow(DataUnavailableError);
    await expect(failure).rejects.toThrow(/^titles: the read failed \(connection refused\)/);
  });

  it('waits for the database instead of serving a copy older than the maximum age', async () => {
    const { cache, state, advance } = setup();
    await cache.getMany(['a']);
    state.version = 2;
    advance(POLICY.maxStaleMs + 1);

    expect(await cache.get('a')).toBe('a@v2');
  });

  it('fails a read that was never cached when the database fails', async () => {
    const { cache, state } = setup();
    state.failure = new Error('server selection timed out');

    await expect(cache.getMany(['a', 'b'])).rejects.toThrow(DataUnavailableError);
    expect(state.batches).toEqual([['a', 'b']]);
  });

  it('gives up on a database that does not answer within the deadline, serving a stale copy if it may', async () => {
    const { cache, state, advance } = setup({ ...POLICY, deadlineMs: 50 });
    await cache.getMany(['a']);
    state.hang = true;
    advance(POLICY.freshMs + 1);

    // A stale copy is served at once; a key never read waits for the deadline and then fails.
    expect(await cache.get('a')).toBe('a@v1');
    const started = Date.now();
    await expect(cache.get('b')).rejects.toThrow(/timeout/i);
    expect(Date.now() - started).toBeLessThan(1_000);
  });

  it('traces a batch of several requests under the request whose miss opened it', async () => {
    const { cache, state } = setup();
    const [first, second] = [requestTrace('first'), requestTrace('second')];

    await Promise.all([cache.getMany(['a', 'b'], first), cache.get('c', second), cache.get('d')]);
    await cache.get('e', second);

    expect(state.batches).toEqual([['a', 'b', 'c', 'd'], ['e']]);
    expect(state.parents).toEqual([first, second]);
    expect(state.parents[0]).toBe(first);
  });

  it('traces a background refresh under no request, unless one waits for the same read', async () => {
    const { cache, state, advance } = setup();
    await cache.getMany(['a', 'b']);
    advance(POLICY.freshMs + 1);
    const waiting = requestTrace('waiting');

    // Served stale at once: the refresh is on nobody's behalf.
    expect(await cache.get('a', requestTrace('served'))).toBe('a@v1');
    await settle();
    // A refresh and a miss in one read: the request that waits for it is its parent.
    advance(POLICY.freshMs + 1);
    await Promise.all([cache.get('a', requestTrace('served')), cache.get('c', waiting)]);

    expect(state.batches).toEqual([['a', 'b'], ['a'], ['a', 'c']]);
    expect(state.parents).toEqual([undefined, undefined, waiting]);
    expect(state.parents[2]).toBe(waiting);
  });

  it('keys composite keys by the given function', async () => {
    const database = fakeDatabase();
    const cache = new StaleCache(
      (keys: readonly { account: string; title: string }[]) =>
        database.readBatch(keys.map((key) => `${key.account}/${key.title}`)),
      { name: 'entitlements', policy: POLICY, keyOf: (key) => `${key.account}\u0000${key.title}` },
    );

    await cache.getMany([
      { account: 'u1', title: 't1' },
      { account: 'u1', title: 't1' },
    ]);

    expect(database.state.batches).toEqual([['u1/t1']]);
  });
});
