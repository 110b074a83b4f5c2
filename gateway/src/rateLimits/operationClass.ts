import { Kind, type DocumentNode, type OperationDefinitionNode, type SelectionSetNode } from 'graphql';
import type { OperationClass } from './budgets';

/** The budget an operation is charged to, and how many points: one per root field of that class. */
export interface OperationCharge {
  operationClass: OperationClass;
  points: number;
}

/**
 * Classifies a resolved operation by its root fields (fragments and inline fragments followed, aliases
 * seen through): `play` if it has any `play` or `startPlayback`, else `prefetch` if it has any
 * `prefetch`, else `endPlayback` if it has any, else `browse`. Each aliased copy of those is one more
 * point, so aliases cannot multiply a budget (the
 * operation limits cap aliases at 20 anyway). Browse operations cost one point whatever they hold: their
 * size is the operation limits' business (`maxCost`).
 */
export function chargeFor(document: DocumentNode, operation: OperationDefinitionNode): OperationCharge {
  const counts = rootFieldCounts(document, operation.selectionSet);
  const play = (counts.get('play') ?? 0) + (counts.get('startPlayback') ?? 0);
  if (play > 0) return { operationClass: 'play', points: play };
  const prefetch = counts.get('prefetch') ?? 0;
  if (prefetch > 0) return { operationClass: 'prefetch', points: prefetch };
  const endPlayback = counts.get('endPlayback') ?? 0;
  if (endPlayback > 0) return { operationClass: 'endPlayback', points: endPlayback };
  return { operationClass: 'browse', points: 1 };
}

/** How many times each root field name is selected. */
function rootFieldCounts(document: DocumentNode, root: SelectionSetNode): Map<string, number> {
  const fragments = new Map(
    document.definitions.flatMap((definition) =>
      definition.kind === Kind.FRAGMENT_DEFINITION ? [[definition.name.value, definition] as const] : [],
    ),
  );
  const counts = new Map<string, number>();
  // Validation has refused fragment cycles already; `entered` keeps a walk finite regardless.
  const walk = (selectionSet: SelectionSetNode, entered: ReadonlySet<string>) => {
    for (const selection of selectionSet.selections) {
      switch (selection.kind) {
        case Kind.FIELD:
          counts.set(selection.name.value, (counts.get(selection.name.value) ?? 0) + 1);
          break;
        case Kind.INLINE_FRAGMENT:
          walk(selection.selectionSet, entered);
          break;
        case Kind.FRAGMENT_SPREAD: {
          const name = selection.name.value;
          const fragment = fragments.get(name);
          if (fragment && !entered.has(name)) walk(fragment.selectionSet, new Set([...entered, name]));
          break;
        }
      }
    }
  };
  walk(root, new Set());
  return counts;
}
