/**
 * What a subgraph fetch asks for, read from the operation the query planner sent: either root fields
 * (`play(...)`, `titles(...)`) or `_entities` with the fields wanted per entity type.
 */
import { LRUCache } from 'lru-cache';
import {
  Kind,
  parse,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';

export type FetchShape =
  | { kind: 'root'; operation: 'query' | 'mutation' | 'subscription'; fields: FieldNode[] }
  | { kind: 'entities'; fieldsOf(type: string): FieldNode[] };

const shapes = new WeakMap<DocumentNode, FetchShape>();
/**
 * The query planner sends the same few operation texts over and over, without their parsed
 * document (it exposes documents only on request), so shapes are cached by text: one parse per
 * operation, not per fetch. Bounded: plans are cached by the gateway too.
 */
const shapesByQuery = new LRUCache<string, FetchShape>({ max: 2_000 });

export function fetchShapeOf(query: string): FetchShape {
  let shape = shapesByQuery.get(query);
  if (!shape) {
    shape = readShape(parse(query));
    shapesByQuery.set(query, shape);
  }
  return shape;
}

export function fetchShape(document: DocumentNode): FetchShape {
  let shape = shapes.get(document);
  if (!shape) {
    shape = readShape(document);
    shapes.set(document, shape);
  }
  return shape;
}

export const responseName = (field: FieldNode) => field.alias?.value ?? field.name.value;

function readShape(document: DocumentNode): FetchShape {
  const operation = document.definitions.find(
    (definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION,
  );
  if (!operation) throw new Error('A subgraph fetch without an operation');
  const fragments = new Map(
    document.definitions
      .filter(
        (definition): definition is FragmentDefinitionNode => definition.kind === Kind.FRAGMENT_DEFINITION,
      )
      .map((fragment) => [fragment.name.value, fragment]),
  );
  const rootFields = collectFields(operation.selectionSet, undefined, fragments);
  const entities = rootFields.find((field) => field.name.value === '_entities');
  if (!entities?.selectionSet) return { kind: 'root', operation: operation.operation, fields: rootFields };
  const perType = new Map<string, FieldNode[]>();
  return {
    kind: 'entities',
    fieldsOf(type) {
      let fields = perType.get(type);
      if (!fields) {
        fields = collectFields(entities.selectionSet!, type, fragments);
        perType.set(type, fields);
      }
      return fields;
    },
  };
}

/** Fields of a selection set that apply to `type` (every field when no type is given), `__typename` aside. */
function collectFields(
  selectionSet: SelectionSetNode,
  type: string | undefined,
  fragments: Map<string, FragmentDefinitionNode>,
): FieldNode[] {
  const fields: FieldNode[] = [];
  for (const selection of selectionSet.selections) {
    if (selection.kind === Kind.FIELD) {
      if (selection.name.value !== '__typename') fields.push(selection);
    } else if (selection.kind === Kind.INLINE_FRAGMENT) {
      const condition = selection.typeCondition?.name.value;
      if (!condition || !type || condition === type)
        fields.push(...collectFields(selection.selectionSet, type, fragments));
    } else {
      const fragment = fragments.get(selection.name.value);
      if (fragment && (!type || fragment.typeCondition.name.value === type)) {
        fields.push(...collectFields(fragment.selectionSet, type, fragments));
      }
    }
  }
  return fields;
}
