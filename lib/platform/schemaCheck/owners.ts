/**
 * Which subgraphs own a schema coordinate, read from a supergraph's `join__` directives: the graphs
 * of a field's `@join__field` (its `@external` copies left out), else those of its type's
 * `@join__type`; an enum value's `@join__enumValue`, else its enum's. The composed supergraph knows
 * what exists now; the committed one knows what a change removed.
 */
import {
  Kind,
  parse,
  type ConstArgumentNode,
  type ConstDirectiveNode,
  type DefinitionNode,
  type DocumentNode,
} from 'graphql';

/** Subgraph names by coordinate: `Title`, `Title.name`, `SubscriptionTier.BASIC`, `PlayInput.device`. */
export type OwnerIndex = ReadonlyMap<string, readonly string[]>;

export function ownerIndex(supergraphSdl: string): OwnerIndex {
  const document = parse(supergraphSdl);
  const graphNames = joinGraphNames(document);
  const graphsOf = (directives: readonly ConstDirectiveNode[] | undefined, name: string) =>
    (directives ?? [])
      .filter((directive) => directive.name.value === name)
      .filter((directive) => booleanArgument(directive, 'external') !== true)
      .flatMap((directive) => {
        const graph = enumArgument(directive, 'graph');
        const subgraph = graph && graphNames.get(graph);
        return subgraph ? [subgraph] : [];
      });
  const index = new Map<string, string[]>();
  for (const definition of document.definitions) {
    if (!isNamedTypeDefinition(definition) || definition.name.value.startsWith('join__')) continue;
    const typeName = definition.name.value;
    const typeGraphs = unique(graphsOf(definition.directives, 'join__type'));
    index.set(typeName, typeGraphs);
    const members =
      definition.kind === Kind.ENUM_TYPE_DEFINITION
        ? (definition.values ?? []).map((value) => ({
            name: value.name.value,
            graphs: graphsOf(value.directives, 'join__enumValue'),
          }))
        : 'fields' in definition
          ? (definition.fields ?? []).map((field) => ({
              name: field.name.value,
              graphs: graphsOf(field.directives, 'join__field'),
            }))
          : [];
    for (const member of members) {
      // A member without directives of its own is resolved wherever its type is.
      index.set(`${typeName}.${member.name}`, member.graphs.length > 0 ? unique(member.graphs) : typeGraphs);
    }
  }
  return index;
}

/**
 * The owners of a coordinate in the first index that knows it; an argument (`Query.title.id`)
 * belongs to its field. Empty when none knows it.
 */
export function ownersOf(coordinate: string, indexes: readonly OwnerIndex[]): readonly string[] {
  const candidates = [coordinate];
  const segments = coordinate.split('.');
  if (segments.length > 2) candidates.push(segments.slice(0, 2).join('.'));
  for (const candidate of candidates) {
    for (const index of indexes) {
      const owners = index.get(candidate);
      if (owners && owners.length > 0) return owners;
    }
  }
  return [];
}

/** `CATALOG` -> `catalog`, from `enum join__Graph { CATALOG @join__graph(name: "catalog", ...) }`. */
function joinGraphNames(document: DocumentNode): Map<string, string> {
  const names = new Map<string, string>();
  for (const definition of document.definitions) {
    if (definition.kind !== Kind.ENUM_TYPE_DEFINITION || definition.name.value !== 'join__Graph') continue;
    for (const value of definition.values ?? []) {
      const graph = value.directives?.find((directive) => directive.name.value === 'join__graph');
      const name = graph?.arguments?.find((argument) => argument.name.value === 'name');
      if (name?.value.kind === Kind.STRING) names.set(value.name.value, name.value.value);
    }
  }
  return names;
}

function isNamedTypeDefinition(definition: DefinitionNode) {
  return (
    definition.kind === Kind.OBJECT_TYPE_DEFINITION ||
    definition.kind === Kind.INTERFACE_TYPE_DEFINITION ||
    definition.kind === Kind.INPUT_OBJECT_TYPE_DEFINITION ||
    definition.kind === Kind.ENUM_TYPE_DEFINITION ||
    definition.kind === Kind.UNION_TYPE_DEFINITION ||
    definition.kind === Kind.SCALAR_TYPE_DEFINITION
  );
}

const argument = (directive: ConstDirectiveNode, name: string): ConstArgumentNode | undefined =>
  directive.arguments?.find((candidate) => candidate.name.value === name);

function enumArgument(directive: ConstDirectiveNode, name: string): string | undefined {
  const value = argument(directive, name)?.value;
  return value?.kind === Kind.ENUM ? value.value : undefined;
}

function booleanArgument(directive: ConstDirectiveNode, name: string): boolean | undefined {
  const value = argument(directive, name)?.value;
  return value?.kind === Kind.BOOLEAN ? value.value : undefined;
}

const unique = (names: string[]) => [...new Set(names)].sort();
