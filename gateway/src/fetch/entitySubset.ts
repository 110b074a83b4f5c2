/**
 * For stages that answer some representations of an `_entities` fetch themselves (from the cache,
 * or with stand-ins) and pass the others on: sends those others as a smaller fetch, and hands back
 * its entities and errors in terms of the whole list, so the caller can put them back in place.
 */
import type { GraphQLFormattedError } from 'graphql';
import { representationsOf, type FetchHandler, type SubgraphAnswer, type SubgraphFetch } from './pipeline';

export interface SubsetAnswer {
  /** The entities answered, by position in `indexes`. */
  entities: (Record<string, unknown> | null)[];
  /** The answer's errors, their `_entities` paths pointing into the whole list. */
  errors: GraphQLFormattedError[];
  /** The answer as `next` gave it, for a stage that keeps it whole when nothing was left out. */
  answer: SubgraphAnswer;
}

/** Sends the representations at `indexes` (ascending) of `fetch` through `next`. */
export async function sendSubset(
  fetch: SubgraphFetch,
  indexes: readonly number[],
  next: FetchHandler,
): Promise<SubsetAnswer> {
  const representations = representationsOf(fetch);
  const whole = indexes.length === representations.length;
  const answer = await next(
    whole
      ? fetch
      : {
          ...fetch,
          variables: { ...fetch.variables, representations: indexes.map((index) => representations[index]) },
        },
  );
  const entities = (answer.data?._entities ?? []) as (Record<string, unknown> | null)[];
  return {
    entities: indexes.map((_, position) => entities[position] ?? null),
    errors: whole ? (answer.errors ?? []) : remapErrors(answer.errors ?? [], indexes),
    answer,
  };
}

/** Error paths of a sub-list of `_entities` back to the indexes of the whole list. */
export function remapErrors(
  errors: readonly GraphQLFormattedError[],
  indexes: readonly number[],
): GraphQLFormattedError[] {
  return errors.map((error) => {
    if (error.path?.[0] !== '_entities' || typeof error.path[1] !== 'number') return error;
    return { ...error, path: ['_entities', indexes[error.path[1]] ?? error.path[1], ...error.path.slice(2)] };
  });
}

/** Positions of `answer.errors` at `_entities[i]`: an entity that is null there failed, not "not found". */
export function erredPositions(errors: readonly GraphQLFormattedError[]): Set<number> {
  const positions = new Set<number>();
  for (const error of errors) {
    if (error.path?.[0] === '_entities' && typeof error.path[1] === 'number') positions.add(error.path[1]);
  }
  return positions;
}
