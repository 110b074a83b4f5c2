import {
  getNamedType,
  getNullableType,
  isCompositeType,
  isListType,
  isObjectType,
  isInterfaceType,
  Kind,
  valueFromASTUntyped,
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLCompositeType,
  type GraphQLField,
  type GraphQLSchema,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import type { OperationLimitSettings } from './settings';
import type { SubgraphJoins } from './subgraphJoins';

export type CostSettings = Pick<
  OperationLimitSettings,
  'fetchCost' | 'objectCost' | 'sizeArguments' | 'defaultListSize' | 'listSizes'
>;

export interface CostEstimate {
  /** `fetchCost` times `fetches`, plus `objectCost` times `objects`. */
  cost: number;
  /** Subgraph fetches the plan makes: one per object path and subgraph, batched over lists. */
  fetches: number;
  /** Objects in the response and in the `@requires` data fetched on the way. */
  objects: number;
  /** The variables that sized a list: the estimate holds for any request with the same values of them. */
  sizeVariables: string[];
}

export interface CostInput {
  /** The API schema the operation was validated against; the supergraph's own is used when there is one. */
  schema: GraphQLSchema;
  joins: SubgraphJoins;
  document: DocumentNode;
  operation: OperationDefinitionNode;
  /** The request's variables, before coercion: list sizes often come from them (`first: $first`). */
  variables: Readonly<Record<string, unknown>> | undefined;
  settings: CostSettings;
}

/** Where the walk stands: the object whose selections it reads and how it was reached. */
interface Scope {
  type: GraphQLCompositeType;
  /** The subgraph that fetched this object; undefined at the root. */
  graph: string | undefined;
  /** Response path of the object, list positions left out: `titles.edges.node`. */
  path: string;
  /** How many such objects the response holds: the product of the list sizes above it. */
  multiplier: number;
  /** A size argument of the connection field above, for the list fields directly beneath it. */
  pendingSize: number | undefined;
}

/** The subgraph of root fields of a schema served without a gateway. */
const IN_PROCESS = '(in process)';

/**
 * Estimates what the query plan will fan out to, from the supergraph's joins, without planning.
 * Planning is what a hostile operation is slow at, and the gateway plans every accepted document anyway;
 * doing it twice would double that work. graphql-query-complexity does not fit either: its per-field
 * estimators cannot see which subgraph fetched a field's parent, nor follow `@requires`.
 *
 * A field costs a fetch when the supergraph resolves it in another subgraph than its parent object, or
 * in the same one but only after `@requires` data is fetched (whose own fetches are followed too), so
 * `play` with a decision costs the five fetches of its plan (README). Fetches for the same object into
 * the same subgraph are one fetch, as in the plan, and a fetch beneath a list is one batched `_entities`
 * fetch for the whole list, as the planner makes it. Each object counts once per instance: a list
 * multiplies the objects beneath it by its size argument (`first`), or that argument's default, or
 * `listSizes` / `defaultListSize` when nothing sizes it; the work of a batched fetch grows with them.
 */
export function estimateCost(input: CostInput): CostEstimate {
  const { joins, document, operation, settings } = input;
  const schema = joins.schema ?? input.schema;
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const definition of document.definitions) {
    if (definition.kind === Kind.FRAGMENT_DEFINITION) fragments.set(definition.name.value, definition);
  }
  const variables = variablesWithDefaults(operation, input.variables);
  // Keyed by response path, so that what two fields need of one object (the operation's
  // `title { name }` and `decision`'s required `title { drmRequired }`) is counted once, as the plan does.
  const fetches = new Map<string, number>();
  const objects = new Map<string, number>();
  const spreading = new Set<string>();
  const sizeVariables = new Set<string>();

  const walk = (selectionSet: SelectionSetNode, scope: Scope): void => {
    for (const selection of selectionSet.selections) {
      switch (selection.kind) {
        case Kind.FIELD:
          walkField(selection, scope);
          break;
        case Kind.INLINE_FRAGMENT:
          walk(selection.selectionSet, narrow(scope, selection.typeCondition?.name.value));
          break;
        case Kind.FRAGMENT_SPREAD: {
          const name = selection.name.value;
          const fragment = fragments.get(name);
          // A fragment cycle is a validation error; the guard only keeps the walk finite.
          if (!fragment || spreading.has(name)) break;
          spreading.add(name);
          walk(fragment.selectionSet, narrow(scope, fragment.typeCondition.name.value));
          spreading.delete(name);
          break;
        }
      }
    }
  };

  const narrow = (scope: Scope, typeName: string | undefined): Scope => {
    const type = typeName ? schema.getType(typeName) : undefined;
    return type && isCompositeType(type) ? { ...scope, type } : scope;
  };

  const walkField = (node: FieldNode, scope: Scope): void => {
    const name = node.name.value;
    // `__typename` and introspection are answered by the gateway itself.
    if (name.startsWith('__')) return;
    if (!isObjectType(scope.type) && !isInterfaceType(scope.type)) return;
    const field = scope.type.getFields()[name];
    if (!field) return;

    const join = joins.field(scope.type.name, name);
    const graphs = join?.graphs ?? [scope.graph ?? IN_PROCESS];
    let graph = scope.graph;
    if (graph === undefined || !graphs.includes(graph) || join?.requires.has(graph)) {
      graph =
        graph !== undefined && graphs.includes(graph)
          ? graph
          : (graphs.find((candidate) => !join?.requires.has(candidate)) ?? graphs[0]!);
      const required = join?.requires.get(graph);
      // Mutation root fields run one after another, each its own fetch.
      const serial = scope.graph === undefined && scope.type === schema.getMutationType();
      const key = `${scope.path}|${graph}${required ? '|after-requires' : ''}${serial ? `|${responseName(node)}` : ''}`;
      // `decision` and `manifest` require the same data in one fetch: follow it once.
      if (!fetches.has(key)) {
        fetches.set(key, 1);
        if (required) walk(required, { ...scope, pendingSize: undefined });
      }
    }

    const type = getNamedType(field.type);
    if (!isCompositeType(type) || !node.selectionSet) return;
    const size = sizeArgument(node, field);
    const list = isListType(getNullableType(field.type));
    const count = list
      ? (size ??
        scope.pendingSize ??
        settings.listSizes[`${scope.type.name}.${name}`] ??
        settings.defaultListSize)
      : 1;
    const path = scope.path ? `${scope.path}.${responseName(node)}` : responseName(node);
    const multiplier = scope.multiplier * count;
    if (!objects.has(path)) objects.set(path, multiplier);
    walk(node.selectionSet, { type, graph, path, multiplier, pendingSize: list ? undefined : size });
  };

  /** The first size argument the field declares, as passed or defaulted; undefined when none. */
  const sizeArgument = (node: FieldNode, field: GraphQLField<unknown, unknown>): number | undefined => {
    for (const argument of settings.sizeArguments) {
      const definition = field.args.find((candidate) => candidate.name === argument);
      if (!definition) continue;
      const passed = node.arguments?.find((candidate) => candidate.name.value === argument);
      if (passed?.value.kind === Kind.VARIABLE) sizeVariables.add(passed.value.name.value);
      const value: unknown = passed ? valueFromASTUntyped(passed.value, variables) : undefined;
      // Absent or null means the default, as the resolver reads it (`first ?? 20`).
      const size = typeof value === 'number' ? value : definition.defaultValue;
      // Anything else fails variable coercion later; counting the default until then is harmless.
      if (typeof size === 'number' && Number.isFinite(size)) return Math.max(0, Math.ceil(size));
    }
    return undefined;
  };

  const root = rootType(schema, operation);
  if (root)
    walk(operation.selectionSet, {
      type: root,
      graph: undefined,
      path: '',
      multiplier: 1,
      pendingSize: undefined,
    });
  const fetchCount = sum(fetches.values());
  const objectCount = sum(objects.values());
  return {
    cost: fetchCount * settings.fetchCost + objectCount * settings.objectCost,
    fetches: fetchCount,
    objects: objectCount,
    sizeVariables: [...sizeVariables],
  };
}

function rootType(
  schema: GraphQLSchema,
  operation: OperationDefinitionNode,
): GraphQLCompositeType | undefined {
  switch (operation.operation) {
    case 'query':
      return schema.getQueryType() ?? undefined;
    case 'mutation':
      return schema.getMutationType() ?? undefined;
    case 'subscription':
      return schema.getSubscriptionType() ?? undefined;
  }
}

function variablesWithDefaults(
  operation: OperationDefinitionNode,
  variables: Readonly<Record<string, unknown>> | undefined,
): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const definition of operation.variableDefinitions ?? []) {
    if (definition.defaultValue)
      values[definition.variable.name.value] = valueFromASTUntyped(definition.defaultValue);
  }
  for (const [name, value] of Object.entries(variables ?? {})) {
    if (value !== undefined) values[name] = value;
  }
  return values;
}

function responseName(node: FieldNode): string {
  return node.alias?.value ?? node.name.value;
}

function sum(values: Iterable<number>): number {
  let total = 0;
  for (const value of values) total += value;
  return total;
}
