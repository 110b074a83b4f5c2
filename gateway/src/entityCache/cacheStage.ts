/**
 * The fetch stage of the entity cache: fresh PUBLIC entities (`@cacheControl(scope: PUBLIC)` on their
 * type) are answered from the cache, only the misses are fetched, and identical fetches in flight
 * share one (a premiere's thousands of `play`s of one title cost the catalog one fetch). Every other
 * fetch passes through untouched.
 */
import { sendSubset } from '../fetch/entitySubset';
import {
  representationsOf,
  type FetchHandler,
  type FetchStage,
  type SubgraphAnswer,
  type SubgraphFetch,
} from '../fetch/pipeline';
import type { PublicPolicy } from './cachePolicy';
import type { EntityCache } from './entityCache';

export function cacheStage(cache: EntityCache): FetchStage {
  return (next) => async (fetch) => {
    const policy = fetch.shape.kind === 'entities' ? cache.policyFor(fetch.query) : null;
    const representations = representationsOf(fetch);
    if (!policy || representations.length === 0) return next(fetch);
    const keys = representations.map((representation) =>
      cache.keyFor(fetch.subgraph, fetch.query, representation),
    );
    const cached = await cache.getMany(keys, fetch.traceParent);
    const entities = cached.map((hit) => {
      if (!hit) return null;
      fetch.freshness?.({ maxAge: hit.maxAgeSeconds, scope: 'PUBLIC' });
      return hit.entity;
    });
    const misses = keys.flatMap((_, index) => (cached[index] ? [] : [index]));
    if (misses.length === 0) return { data: { _entities: entities } };
    const answer = await sendSubset(fetch, misses, (subset) =>
      sharedFetch(
        cache,
        policy,
        subset,
        misses.map((index) => keys[index]!),
        next,
      ),
    );
    if (misses.length === representations.length) return answer.answer;
    misses.forEach((index, position) => (entities[index] = answer.entities[position]!));
    return { data: { _entities: entities }, ...(answer.errors.length ? { errors: answer.errors } : {}) };
  };
}

/**
 * Sends `fetch` once for every identical one in flight, and caches the entities of a clean answer.
 * Each waiting caller gets a copy of its own: the gateway merges answers into its result tree.
 */
async function sharedFetch(
  cache: EntityCache,
  policy: PublicPolicy,
  fetch: SubgraphFetch,
  keys: string[],
  next: FetchHandler,
): Promise<SubgraphAnswer> {
  const { value, shared } = await cache.share(keys.join('\n'), async () => {
    const answer = await next(fetch);
    const received = (answer.data?._entities ?? []) as (Record<string, unknown> | null)[];
    if (!answer.errors?.length && received.length === keys.length) {
      cache.putMany(
        keys.flatMap((key, position) =>
          received[position] ? [[key, received[position]] as [string, unknown]] : [],
        ),
        policy.maxAgeSeconds,
        fetch.traceParent,
      );
    }
    return answer;
  });
  if (!shared) return value;
  // The leader took the subgraph's freshness; a follower's answer is as fresh as the policy says.
  fetch.freshness?.({ maxAge: policy.maxAgeSeconds, scope: 'PUBLIC' });
  return structuredClone(value);
}
