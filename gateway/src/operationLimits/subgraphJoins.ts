import {
  buildASTSchema,
  Kind,
  parse,
  type ConstDirectiveNode,
  type DocumentNode,
  type FieldDefinitionNode,
  type GraphQLSchema,
  type SelectionSetNode,
} from 'graphql';

/** Where the supergraph resolves one field. */
export interface FieldJoin {
  /** The subgraphs (`join__Graph` values) that resolve the field themselves, never empty. */
  graphs: readonly string[];
  /** Per subgraph, the fields it needs fetched from elsewhere first (`@requires`). */
  requires: ReadonlyMap<string, SelectionSetNode>;
}

/**
 * Which subgraph resolves each field, read from the supergraph's `@join__type` and `@join__field`: a
 * field with `@join__field`s is resolved by the subgraphs named there that do not mark it `external`;
 * a field without any by every subgraph that declares its type. Built once per schema load.
 */
export class SubgraphJoins {
  private constructor(
    private readonly fields: ReadonlyMap<string, FieldJoin>,
    /**
     * The supergraph as a schema: unlike the API schema it has the `@inaccessible` fields that
     * `@requires` follows (`PlaySession.entitlement`). Undefined without a gateway.
     */
    readonly schema: GraphQLSchema | undefined,
  ) {}

  /** Joins of no subgraph at all: a schema served without a gateway. Every root field costs one fetch. */
  static readonly none = new SubgraphJoins(new Map(), undefined);

  static fromSupergraph(supergraphSdl: string): SubgraphJoins {
    return SubgraphJoins.fromDocument(parse(supergraphSdl));
  }

  static fromDocument(supergraph: DocumentNode): SubgraphJoins {
    const fields = new Map<string, FieldJoin>();
    for (const definition of supergraph.definitions) {
      if (
        definition.kind !== Kind.OBJECT_TYPE_DEFINITION &&
        definition.kind !== Kind.OBJECT_TYPE_EXTENSION &&
        definition.kind !== Kind.INTERFACE_TYPE_DEFINITION &&
        definition.kind !== Kind.INTERFACE_TYPE_EXTENSION
      ) {
        continue;
      }
      const typeGraphs = joinArguments(definition.directives, 'join__type').flatMap(({ graph }) =>
        graph ? [graph] : [],
      );
      for (const field of definition.fields ?? []) {
        fields.set(`${definition.name.value}.${field.name.value}`, fieldJoin(field, typeGraphs));
      }
    }
    // The supergraph was validated by composition; only its types and fields are read here.
    return new SubgraphJoins(fields, buildASTSchema(supergraph, { assumeValidSDL: true }));
  }

  /** Where `Type.field` is resolved; undefined for a field the supergraph does not join (`__typename`). */
  field(typeName: string, fieldName: string): FieldJoin | undefined {
    return this.fields.get(`${typeName}.${fieldName}`);
  }
}

function fieldJoin(field: FieldDefinitionNode, typeGraphs: string[]): FieldJoin {
  const joins = joinArguments(field.directives, 'join__field');
  if (joins.length === 0) return { graphs: typeGraphs, requires: new Map() };
  const graphs: string[] = [];
  const requires = new Map<string, SelectionSetNode>();
  for (const join of joins) {
    if (!join.graph || join.external === 'true') continue;
    graphs.push(join.graph);
    if (join.requires) requires.set(join.graph, fieldSet(join.requires));
  }
  return { graphs: graphs.length > 0 ? graphs : typeGraphs, requires };
}

/** A `@requires` field set as a selection set, so the cost walk can follow it like the operation. */
function fieldSet(fields: string): SelectionSetNode {
  const [definition] = parse(`{ ${fields} }`, { noLocation: true }).definitions;
  if (definition?.kind !== Kind.OPERATION_DEFINITION) throw new Error(`Unreadable field set: ${fields}`);
  return definition.selectionSet;
}

/** The enum, string and boolean arguments of each use of a join directive, as strings. */
function joinArguments(
  directives: readonly ConstDirectiveNode[] | undefined,
  name: string,
): Array<Record<string, string | undefined>> {
  return (directives ?? [])
    .filter((directive) => directive.name.value === name)
    .map((directive) =>
      Object.fromEntries(
        (directive.arguments ?? []).map(({ name: argument, value }) => [
          argument.value,
          value.kind === Kind.ENUM || value.kind === Kind.STRING
            ? value.value
            : value.kind === Kind.BOOLEAN
              ? String(value.value)
              : undefined,
        ]),
      ),
    );
}
