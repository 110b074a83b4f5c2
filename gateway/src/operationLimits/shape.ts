import {
  Kind,
  type DocumentNode,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';

/** The size of an operation as its limits see it, fragments counted wherever they are spread. */
export interface OperationShape {
  aliases: number;
  depth: number;
  fields: number;
  directives: number;
}

/** Introspection root fields: the gateway answers them from the schema, without any subgraph. */
export const INTROSPECTION_FIELDS: ReadonlySet<string> = new Set(['__schema', '__type']);

const EMPTY: OperationShape = Object.freeze({ aliases: 0, depth: 0, fields: 0, directives: 0 });

/**
 * Measures one operation in a single pass over its document. Each fragment is measured once and its
 * measure added wherever it is spread, so a document that nests fragments to blow up exponentially is
 * measured in linear time (its counts simply come out huge, and are refused).
 */
export function measureOperation(document: DocumentNode, operation: OperationDefinitionNode): OperationShape {
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const measured = new Map<string, OperationShape>();
  // A fragment cycle is a validation error; if one is met anyway, the spread inside the cycle counts 0.
  const inProgress = new Set<string>();

  const measureFragment = (name: string): OperationShape => {
    const known = measured.get(name);
    if (known) return known;
    const fragment = fragments.get(name);
    if (!fragment || inProgress.has(name)) return EMPTY;
    inProgress.add(name);
    const shape = measureSelections(fragment.selectionSet);
    shape.directives += fragment.directives?.length ?? 0;
    inProgress.delete(name);
    measured.set(name, shape);
    return shape;
  };

  const measureSelections = (selectionSet: SelectionSetNode): OperationShape => {
    const shape = { ...EMPTY };
    const add = (inner: OperationShape, depthOffset: number): void => {
      shape.aliases += inner.aliases;
      shape.fields += inner.fields;
      shape.directives += inner.directives;
      shape.depth = Math.max(shape.depth, inner.depth + depthOffset);
    };
    for (const selection of selectionSet.selections) {
      shape.directives += selection.directives?.length ?? 0;
      switch (selection.kind) {
        case Kind.FIELD:
          if (INTROSPECTION_FIELDS.has(selection.name.value)) break;
          shape.fields += 1;
          if (selection.alias) shape.aliases += 1;
          shape.depth = Math.max(shape.depth, 1);
          if (selection.selectionSet) add(measureSelections(selection.selectionSet), 1);
          break;
        case Kind.INLINE_FRAGMENT:
          add(measureSelections(selection.selectionSet), 0);
          break;
        case Kind.FRAGMENT_SPREAD:
          add(measureFragment(selection.name.value), 0);
          break;
      }
    }
    return shape;
  };

  const shape = measureSelections(operation.selectionSet);
  shape.directives += operation.directives?.length ?? 0;
  for (const variable of operation.variableDefinitions ?? []) {
    shape.directives += variable.directives?.length ?? 0;
  }
  return shape;
}
