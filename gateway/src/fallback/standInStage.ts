/**
 * The fetch stage that keeps a failure from becoming an error: when no replica could answer
 * (`SubgraphUnavailableError`), the fetch is answered by the declared fallback policies instead.
 * For `_entities` it also answers what must not be sent: representations whose inputs came from an
 * earlier failure in the same request (FallbackEngine.taintedIndexes), and entities the subgraph
 * returned null with an error for (a resolver that threw, not "no such entity").
 *
 * Anything else thrown (a bug, a refused credential) passes through: only unavailability falls back.
 */
import type { GraphQLFormattedError } from 'graphql';
import { erredPositions, remapErrors, sendSubset } from '../fetch/entitySubset';
import {
  representationsOf,
  type FetchHandler,
  type FetchStage,
  type SubgraphAnswer,
  type SubgraphFetch,
} from '../fetch/pipeline';
import { SubgraphUnavailableError } from '../fetch/unavailable';
import type { FallbackEngine } from './engine';

export function standInStage(fallbacks: FallbackEngine): FetchStage {
  return (next) => (fetch) =>
    fetch.shape.kind === 'entities'
      ? entitiesWithStandIns(fallbacks, fetch, next)
      : rootWithStandIn(fallbacks, fetch, next);
}

async function rootWithStandIn(
  fallbacks: FallbackEngine,
  fetch: SubgraphFetch,
  next: FetchHandler,
): Promise<SubgraphAnswer> {
  try {
    return await next(fetch);
  } catch (error) {
    if (!(error instanceof SubgraphUnavailableError)) throw error;
    const standIn = await fallbacks.rootStandIn(fetch, error.reason);
    return { data: standIn.data, ...(standIn.errors.length ? { errors: standIn.errors } : {}) };
  }
}

async function entitiesWithStandIns(
  fallbacks: FallbackEngine,
  fetch: SubgraphFetch,
  next: FetchHandler,
): Promise<SubgraphAnswer> {
  const representations = representationsOf(fetch);
  const tainted = fallbacks.taintedIndexes(fetch, representations);
  const sent = representations.map((_, index) => index).filter((index) => !tainted.has(index));
  const entities: (Record<string, unknown> | null)[] = representations.map(() => null);
  const errors: GraphQLFormattedError[] = [];
  let failed = [...tainted];
  let reason = 'an input it needs is unavailable';
  // The subgraph's own extensions (playback's decision notes) go on with the answer.
  let extensions: Record<string, unknown> | undefined;
  if (sent.length > 0) {
    try {
      const answer = await sendSubset(fetch, sent, next);
      extensions = answer.answer.extensions;
      const erred = erredPositions(answer.errors);
      sent.forEach((index, position) => {
        const entity = answer.entities[position]!;
        if (entity === null && erred.has(index)) failed.push(index);
        else entities[index] = entity;
      });
      errors.push(...answer.errors.filter((error) => !failed.includes(error.path?.[1] as number)));
    } catch (error) {
      if (!(error instanceof SubgraphUnavailableError)) throw error;
      failed = [...failed, ...sent];
      reason = error.reason;
    }
  }
  if (failed.length > 0) {
    failed.sort((a, b) => a - b);
    const standIns = await fallbacks.entityStandIns(
      fetch,
      failed.map((index) => representations[index]!),
      reason,
    );
    failed.forEach((index, position) => (entities[index] = standIns.entities[position]!));
    errors.push(...remapErrors(standIns.errors, failed));
  }
  return {
    data: { _entities: entities },
    ...(errors.length ? { errors } : {}),
    ...(extensions && { extensions }),
  };
}
