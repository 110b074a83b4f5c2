/**
 * Which `_entities` fetches the gateway may answer from its cache, read from the `@cacheControl`
 * hints the subgraphs declare (Apollo's standard directive, composed into the supergraph). The rules
 * are Apollo's: a field's hint wins, then its type's; a field returning a scalar or an enum takes
 * its parent's maxAge, `inheritMaxAge` does so for an object too, and anything else undeclared is
 * maxAge 0, so not cached. A fetch is cacheable when every field it asks for, at every depth, comes
 * out PUBLIC with a maxAge above zero: PRIVATE or undeclared data is never shared between callers.
 */
import {
  Kind,
  parse,
  type DocumentNode,
  type FieldDefinitionNode,
  type OperationDefinitionNode,
  type SelectionSetNode,
} from 'graphql';
import { directiveNamed, namedType } from '../supergraph/sdlNodes';

/** A fetch's freshness: cached for `maxAgeSeconds`, for every caller. */
export interface PublicPolicy {
  maxAgeSeconds: number;
}

interface Hint {
  maxAge?: number;
  scope?: 'PUBLIC' | 'PRIVATE';
  inheritMaxAge?: boolean;
}

export class CachePolicies {
  private readonly typeHints = new Map<string, Hint>();
  private readonly fieldHints = new Map<string, Hint>();
  /** `Type.field` → the named type it returns. */
  private readonly fieldTypes = new Map<string, string>();
  private readonly leafTypes = new Set(['String', 'Int', 'Float', 'Boolean', 'ID']);
  /** By query text: a gateway sends the same few queries over and over. */
  private readonly byQuery = new Map<string, PublicPolicy | null>();
  private readonly byRootQuery = new Map<string, PublicPolicy | null>();

  private constructor(document: DocumentNode) {
    for (const definition of document.definitions) {
      if (definition.kind === Kind.SCALAR_TYPE_DEFINITION || definition.kind === Kind.ENUM_TYPE_DEFINITION) {
        this.leafTypes.add(definition.name.value);
        continue;
      }
      if (
        definition.kind !== Kind.OBJECT_TYPE_DEFINITION &&
        definition.kind !== Kind.OBJECT_TYPE_EXTENSION &&
        definition.kind !== Kind.INTERFACE_TYPE_DEFINITION
      )
        continue;
      const type = definition.name.value;
      const typeHint = hintOf(definition.directives);
      if (typeHint) this.typeHints.set(type, typeHint);
      for (const field of definition.fields ?? []) {
        const key = `${type}.${field.name.value}`;
        this.fieldTypes.set(key, namedType(field.type));
        const hint = hintOf((field as FieldDefinitionNode).directives);
        if (hint) this.fieldHints.set(key, hint);
      }
    }
  }

  /** Policies that share nothing, until a supergraph is loaded. */
  static none(): CachePolicies {
    return CachePolicies.fromSdl('scalar Nothing');
  }

  /** The policies of a supergraph (or of any SDL with `@cacheControl` hints). */
  static fromSdl(sdl: string): CachePolicies {
    return new CachePolicies(parse(sdl));
  }

  /**
   * The policy of an `_entities` fetch: PUBLIC with the smallest maxAge of what it asks for, or null
   * when any of it is PRIVATE, undeclared (maxAge 0) or not understood (a named fragment).
   */
  forEntitiesQuery(query: string): PublicPolicy | null {
    return memoised(this.byQuery, query, () => this.computeEntities(query));
  }

  /**
   * The policy of a root query a subgraph is sent: PUBLIC with the smallest maxAge of its fields, or
   * null when any of them is PRIVATE or undeclared (a root field without a hint, returning a type
   * without one, is maxAge 0), or the operation is not a query.
   */
  forRootQuery(query: string): PublicPolicy | null {
    return memoised(this.byRootQuery, query, () => {
      const operation = singleOperation(query);
      if (operation?.operation !== 'query') return null;
      const maxAge = this.selectionMaxAge('Query', 0, operation.selectionSet);
      return maxAge !== null && maxAge > 0 && Number.isFinite(maxAge) ? { maxAgeSeconds: maxAge } : null;
    });
  }

  private computeEntities(query: string): PublicPolicy | null {
    const operation = singleOperation(query);
    if (!operation) return null;
    const entities = operation.selectionSet.selections[0];
    if (
      operation.selectionSet.selections.length !== 1 ||
      entities?.kind !== Kind.FIELD ||
      entities.name.value !== '_entities' ||
      !entities.selectionSet
    )
      return null;
    let maxAge = Infinity;
    let fragments = 0;
    for (const selection of entities.selectionSet.selections) {
      if (selection.kind === Kind.FIELD && selection.name.value === '__typename') continue;
      if (selection.kind !== Kind.INLINE_FRAGMENT || !selection.typeCondition) return null;
      const type = selection.typeCondition.name.value;
      const hint = this.typeHints.get(type);
      if (!hint || hint.scope === 'PRIVATE' || !hint.maxAge) return null;
      const age = this.selectionMaxAge(type, hint.maxAge, selection.selectionSet);
      if (age === null) return null;
      maxAge = Math.min(maxAge, hint.maxAge, age);
      fragments++;
    }
    return fragments > 0 && maxAge > 0 && Number.isFinite(maxAge) ? { maxAgeSeconds: maxAge } : null;
  }

  /**
   * The smallest maxAge of the fields in `selectionSet` of a `parentType` value (Infinity for none
   * but `__typename`), or null when not PUBLIC.
   */
  private selectionMaxAge(
    parentType: string,
    parentMaxAge: number,
    selectionSet: SelectionSetNode,
  ): number | null {
    let maxAge = Infinity;
    for (const selection of selectionSet.selections) {
      if (selection.kind === Kind.INLINE_FRAGMENT) {
        const type = selection.typeCondition?.name.value ?? parentType;
        const age = this.selectionMaxAge(type, parentMaxAge, selection.selectionSet);
        if (age === null) return null;
        maxAge = Math.min(maxAge, age);
        continue;
      }
      if (selection.kind !== Kind.FIELD) return null;
      if (selection.name.value === '__typename') continue;
      const key = `${parentType}.${selection.name.value}`;
      const returns = this.fieldTypes.get(key);
      if (!returns) return null;
      const fieldHint = this.fieldHints.get(key);
      const typeHint = this.leafTypes.has(returns) ? undefined : this.typeHints.get(returns);
      if (fieldHint?.scope === 'PRIVATE' || typeHint?.scope === 'PRIVATE') return null;
      const age =
        fieldHint?.maxAge ??
        (fieldHint?.inheritMaxAge ? parentMaxAge : undefined) ??
        typeHint?.maxAge ??
        (typeHint?.inheritMaxAge || this.leafTypes.has(returns) ? parentMaxAge : 0);
      if (age <= 0) return null;
      maxAge = Math.min(maxAge, age);
      if (selection.selectionSet) {
        const below = this.selectionMaxAge(returns, age, selection.selectionSet);
        if (below === null) return null;
        maxAge = Math.min(maxAge, below);
      }
    }
    return maxAge;
  }
}

function memoised(
  byQuery: Map<string, PublicPolicy | null>,
  query: string,
  compute: () => PublicPolicy | null,
): PublicPolicy | null {
  let policy = byQuery.get(query);
  if (policy === undefined) {
    policy = compute();
    if (byQuery.size > 1_000) byQuery.clear();
    byQuery.set(query, policy);
  }
  return policy;
}

/** The one operation of a document a gateway sends, or undefined for anything else. */
function singleOperation(query: string): OperationDefinitionNode | undefined {
  let document: DocumentNode;
  try {
    document = parse(query);
  } catch {
    return undefined;
  }
  const operation = document.definitions[0];
  if (document.definitions.length !== 1 || operation?.kind !== Kind.OPERATION_DEFINITION) return undefined;
  return operation;
}

function hintOf(directives: FieldDefinitionNode['directives']): Hint | undefined {
  const directive = directiveNamed(directives, 'cacheControl');
  if (!directive) return undefined;
  const hint: Hint = {};
  for (const argument of directive.arguments ?? []) {
    const { value } = argument;
    if (argument.name.value === 'maxAge' && value.kind === Kind.INT) hint.maxAge = Number(value.value);
    if (argument.name.value === 'scope' && value.kind === Kind.ENUM)
      hint.scope = value.value === 'PRIVATE' ? 'PRIVATE' : 'PUBLIC';
    if (argument.name.value === 'inheritMaxAge' && value.kind === Kind.BOOLEAN)
      hint.inheritMaxAge = value.value;
  }
  return hint;
}
