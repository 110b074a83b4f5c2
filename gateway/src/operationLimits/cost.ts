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
  const walk = new CostWalk(input);
  const root = rootType(walk.schema, input.operation);
  if (root) walk.selections(input.operation.selectionSet, rootScope(root));
  return walk.estimate();
}

/** The scope of an operation's root fields: no subgraph has fetched anything yet. */
function rootScope(type: GraphQLCompositeType): Scope {
  return { type, graph: undefined, path: '', multiplier: 1, pendingSize: undefined };
}

/** One walk over an operation's selections, counting the fetches and objects they make. */
class CostWalk {
  readonly schema: GraphQLSchema;
  private readonly settings: CostSettings;
  private readonly fragments = new Map<string, FragmentDefinitionNode>();
  private readonly variables: Record<string, unknown>;
  // Keyed by response path, so that what two fields need of one object (the operation's
  // `title { name }` and `decision`'s required `title { drmRequired }`) is counted once, as the plan does.
  private readonly fetches = new Map<string, number>();
  private readonly objects = new Map<string, number>();
  private readonly spreading = new Set<string>();
  private readonly sizeVariables = new Set<string>();

  constructor(private readonly input: CostInput) {
    this.schema = input.joins.schema ?? input.schema;
    this.settings = input.settings;
    for (const definition of input.document.definitions) {
      if (definition.kind === Kind.FRAGMENT_DEFINITION) this.fragments.set(definition.name.value, definition);
    }
    this.variables = variablesWithDefaults(input.operation, input.variables);
  }

  /** Walks a selection set: fields, and the fields of inline fragments and spreads, in `scope`. */
  selections(selectionSet: SelectionSetNode, scope: Scope): void {
    for (const selection of selectionSet.selections) {
      switch (selection.kind) {
        case Kind.FIELD:
          this.field(selection, scope);
          break;
        case Kind.INLINE_FRAGMENT:
          this.selections(selection.selectionSet, this.narrow(scope, selection.typeCondition?.name.value));
          break;
        case Kind.FRAGMENT_SPREAD:
          this.spread(selection.name.value, scope);
          break;
      }
    }
  }

  /** The totals of the walk so far, weighed by the settings' costs. */
  estimate(): CostEstimate {
    const fetchCount = sum(this.fetches.values());
    const objectCount = sum(this.objects.values());
    return {
      cost: fetchCount * this.settings.fetchCost + objectCount * this.settings.objectCost,
      fetches: fetchCount,
      objects: objectCount,
      sizeVariables: [...this.sizeVariables],
    };
  }

  private spread(name: string, scope: Scope): void {
    const fragment = this.fragments.get(name);
    // A fragment cycle is a validation error; the guard only keeps the walk finite.
    if (!fragment || this.spreading.has(name)) return;
    this.spreading.add(name);
    this.selections(fragment.selectionSet, this.narrow(scope, fragment.typeCondition.name.value));
    this.spreading.delete(name);
  }

  private narrow(scope: Scope, typeName: string | undefined): Scope {
    const type = typeName ? this.schema.getType(typeName) : undefined;
    return type && isCompositeType(type) ? { ...scope, type } : scope;
  }

  /** One field: the fetch that reaches it, if any, then the objects it returns and their selections. */
  private field(node: FieldNode, scope: Scope): void {
    const name = node.name.value;
    // `__typename` and introspection are answered by the gateway itself.
    if (name.startsWith('__')) return;
    if (!isObjectType(scope.type) && !isInterfaceType(scope.type)) return;
    const field = scope.type.getFields()[name];
    if (!field) return;
    const graph = this.fetchReaching(node, scope);
    this.objectsBeneath(node, field, scope, graph);
  }

  /**
   * The subgraph that resolves the field, counting a fetch (and following its `@requires` data) when
   * the field is not resolved with its parent: another subgraph, or the same one after required data.
   */
  private fetchReaching(node: FieldNode, scope: Scope): string | undefined {
    const join = this.input.joins.field(scope.type.name, node.name.value);
    const graphs = join?.graphs ?? [scope.graph ?? IN_PROCESS];
    const current = scope.graph;
    if (current !== undefined && graphs.includes(current) && !join?.requires.has(current)) return current;
    const graph =
      current !== undefined && graphs.includes(current)
        ? current
        : (graphs.find((candidate) => !join?.requires.has(candidate)) ?? graphs[0]!);
    const required = join?.requires.get(graph);
    // Mutation root fields run one after another, each its own fetch.
    const serial = current === undefined && scope.type === this.schema.getMutationType();
    const key = `${scope.path}|${graph}${required ? '|after-requires' : ''}${serial ? `|${responseName(node)}` : ''}`;
    // `decision` and `manifest` require the same data in one fetch: follow it once.
    if (!this.fetches.has(key)) {
      this.fetches.set(key, 1);
      if (required) this.selections(required, { ...scope, pendingSize: undefined });
    }
    return graph;
  }

  /** Counts the objects a field of object type returns (a list's size of them), then walks beneath. */
  private objectsBeneath(
    node: FieldNode,
    field: GraphQLField<unknown, unknown>,
    scope: Scope,
    graph: string | undefined,
  ): void {
    const type = getNamedType(field.type);
    if (!isCompositeType(type) || !node.selectionSet) return;
    const size = this.sizeArgument(node, field);
    const list = isListType(getNullableType(field.type));
    const count = list
      ? (size ??
        scope.pendingSize ??
        this.settings.listSizes[`${scope.type.name}.${node.name.value}`] ??
        this.settings.defaultListSize)
      : 1;
    const path = scope.path ? `${scope.path}.${responseName(node)}` : responseName(node);
    const multiplier = scope.multiplier * count;
    if (!this.objects.has(path)) this.objects.set(path, multiplier);
    this.selections(node.selectionSet, {
      type,
      graph,
      path,
      multiplier,
      pendingSize: list ? undefined : size,
    });
  }

  /** The first size argument the field declares, as passed or defaulted; undefined when none. */
  private sizeArgument(node: FieldNode, field: GraphQLField<unknown, unknown>): number | undefined {
    for (const argument of this.settings.sizeArguments) {
      const definition = field.args.find((candidate) => candidate.name === argument);
      if (!definition) continue;
      const passed = node.arguments?.find((candidate) => candidate.name.value === argument);
      if (passed?.value.kind === Kind.VARIABLE) this.sizeVariables.add(passed.value.name.value);
      const value: unknown = passed ? valueFromASTUntyped(passed.value, this.variables) : undefined;
      // Absent or null means the default, as the resolver reads it (`first ?? 20`).
      const size = typeof value === 'number' ? value : definition.defaultValue;
      // Anything else fails variable coercion later; counting the default until then is harmless.
      if (typeof size === 'number' && Number.isFinite(size)) return Math.max(0, Math.ceil(size));
    }
    return undefined;
  }
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
