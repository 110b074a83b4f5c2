import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';
import { describeWith } from '@testing/servers';
import { CachePolicies } from './cachePolicy';
import { EntityCache } from './entityCache';

const REDIS_URL = 'redis://127.0.0.1:6379';
const QUERY =
  'query Q($representations: [_Any!]!) { _entities(representations: $representations) { ... on Title { name } } }';
const TITLE = (id: string) => ({ __typename: 'Title', id });
/** The entities of `keys`, without their freshness. */
const entities = async (cache: EntityCache, keys: string[]) =>
  (await cache.getMany(keys)).map((hit) => hit?.entity);

describe('the entity cache in memory', () => {
  it('serves an entity it was given while fresh, as a copy of its own each time', async () => {
    const cache = new EntityCache();
    const key = cache.keyFor('catalog', QUERY, TITLE('t-1'));
    cache.putMany([[key, { name: 'Orbitfall' }]], 60);
    const [first] = (await cache.getMany([key])).map((hit) => hit?.entity);
    expect(first).toEqual({ name: 'Orbitfall' });
    first!.name = 'changed by a request';
    expect(await entities(cache, [key])).toEqual([{ name: 'Orbitfall' }]);
  });

  it('answers hits and misses in the order of the keys asked for', async () => {
    const cache = new EntityCache();
    const keys = ['t-1', 't-2', 't-3'].map((id) => cache.keyFor('catalog', QUERY, TITLE(id)));
    cache.putMany([[keys[2]!, { name: 'Three' }]], 60);
    cache.putMany([[keys[0]!, { name: 'One' }]], 60);
    expect(await entities(cache, keys)).toEqual([{ name: 'One' }, undefined, { name: 'Three' }]);
  });

  it('says how long a hit stays fresh, and forgets it once its maxAge has passed', async () => {
    let now = 1_000_000;
    const cache = new EntityCache({ now: () => now });
    const key = cache.keyFor('catalog', QUERY, TITLE('t-1'));
    cache.putMany([[key, { name: 'Orbitfall' }]], 60);
    now += 20_500;
    expect(await cache.getMany([key])).toEqual([{ entity: { name: 'Orbitfall' }, maxAgeSeconds: 39 }]);
    now += 39_499;
    expect(await entities(cache, [key])).toEqual([{ name: 'Orbitfall' }]);
    now += 1;
    expect(await entities(cache, [key])).toEqual([undefined]);
  });

  it('keys entities by subgraph, exact query and representation', () => {
    const cache = new EntityCache();
    const key = cache.keyFor('catalog', QUERY, TITLE('t-1'));
    expect(cache.keyFor('playback', QUERY, TITLE('t-1'))).not.toBe(key);
    expect(cache.keyFor('catalog', QUERY.replace('name', 'name id'), TITLE('t-1'))).not.toBe(key);
    expect(cache.keyFor('catalog', QUERY, TITLE('t-2'))).not.toBe(key);
    expect(cache.keyFor('catalog', QUERY, TITLE('t-1'))).toBe(key);
  });

  it('shares nothing until it has the policies of a supergraph', () => {
    const cache = new EntityCache();
    expect(cache.policyFor(QUERY)).toBeNull();
    cache.usePolicies(
      CachePolicies.fromSdl(
        'directive @cacheControl(maxAge: Int) on OBJECT type Title @cacheControl(maxAge: 60) { id: ID! name: String }',
      ),
    );
    expect(cache.policyFor(QUERY)).toEqual({ maxAgeSeconds: 60 });
  });
});

describeWith(['redis'], 'the entity cache shared through the local Redis', () => {
  const prefix = `entity:test:${randomUUID()}:`;
  let redis: Redis;

  beforeAll(async () => {
    redis = new Redis(REDIS_URL, { lazyConnect: true, maxRetriesPerRequest: 1, connectTimeout: 1_000 });
    await redis.connect();
  });

  afterAll(async () => {
    const keys = await redis.keys(`${prefix}*`);
    if (keys.length > 0) await redis.del(...keys);
    await redis.quit();
  });

  it('serves an entity one gateway replica fetched to another with an empty memory, for the same maxAge', async () => {
    const replicaA = new EntityCache({ redis, prefix });
    const replicaB = new EntityCache({ redis, prefix, redisTimeoutMs: 500 });
    const key = replicaA.keyFor('catalog', QUERY, TITLE('t-shared'));
    replicaA.putMany([[key, { name: 'Orbitfall' }]], 60);
    let shared: (Record<string, unknown> | undefined)[] = [undefined];
    for (let tries = 0; tries < 50 && !shared[0]; tries++) {
      shared = await entities(replicaB, [key]);
      if (!shared[0]) await new Promise((resolve) => setTimeout(resolve, 20));
    }
    expect(shared).toEqual([{ name: 'Orbitfall' }]);
    const ttl = await redis.pttl(`${prefix}${key}`);
    expect(ttl).toBeGreaterThan(50_000);
    expect(ttl).toBeLessThanOrEqual(60_000);
  });

  it('does not serve a shared entity past its maxAge, even where Redis still has it', async () => {
    const now = Date.now();
    const replicaA = new EntityCache({ redis, prefix, now: () => now });
    const replicaB = new EntityCache({ redis, prefix, now: () => now + 61_000, redisTimeoutMs: 500 });
    const key = replicaA.keyFor('catalog', QUERY, TITLE('t-expired'));
    replicaA.putMany([[key, { name: 'Old' }]], 60);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(await redis.exists(`${prefix}${key}`)).toBe(1);
    expect(await entities(replicaB, [key])).toEqual([undefined]);
  });
});
