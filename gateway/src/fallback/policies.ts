/**
 * The fallback policies subgraph owners declare with `@fallback` in their SDL, read from the
 * composed supergraph, plus what the gateway needs to apply them: each type's key fields per
 * subgraph (to find the last good copy of an entity) and each field's type (to follow nested data).
 */
import {
  Kind,
  parse,
  type ConstDirectiveNode,
  type FieldDefinitionNode,
  type ObjectTypeDefinitionNode,
} from 'graphql';
import { argumentValue, directiveNamed, namedType } from '../supergraph/sdlNodes';
import type { SubgraphName } from '@platform/composition';

export const FALLBACK_KINDS = ['STALE', 'DEFAULT', 'STALE_THEN_DEFAULT', 'NONE'] as const;
export type FallbackKind = (typeof FALLBACK_KINDS)[number];

/** One field's policy. `NONE` (the default) means: an error at that path, as usual. */
export type FallbackPolicy =
  | { kind: 'NONE' }
  | { kind: 'STALE'; maxAgeSeconds: number; validUntil?: string }
  | { kind: 'DEFAULT'; default: unknown }
  | { kind: 'STALE_THEN_DEFAULT'; maxAgeSeconds: number; default: unknown; validUntil?: string };

const NONE: FallbackPolicy = { kind: 'NONE' };

export class FallbackPolicyError extends Error {
  override name = 'FallbackPolicyError';
}

export class FallbackPolicies {
  private constructor(
    private readonly byField: Map<string, FallbackPolicy>,
    private readonly byType: Map<string, FallbackPolicy>,
    private readonly keyFieldsByGraph: Map<string, string[]>,
    private readonly fieldTypes: Map<string, string>,
  ) {}

  /** No policies: what the gateway holds until its first supergraph is loaded. */
  static none(): FallbackPolicies {
    return new FallbackPolicies(new Map(), new Map(), new Map(), new Map());
  }

  /** Reads every `@fallback` of a supergraph; an invalid policy is an error at start-up, not later. */
  static fromSupergraph(supergraphSdl: string): FallbackPolicies {
    const byField = new Map<string, FallbackPolicy>();
    const byType = new Map<string, FallbackPolicy>();
    const keyFieldsByGraph = new Map<string, string[]>();
    const fieldTypes = new Map<string, string>();
    const graphNames = new Map<string, string>();
    const document = parse(supergraphSdl);
    for (const definition of document.definitions) {
      if (definition.kind === Kind.ENUM_TYPE_DEFINITION && definition.name.value === 'join__Graph') {
        for (const value of definition.values ?? []) {
          const name = stringArgument(
            value.directives?.find((d) => d.name.value === 'join__graph'),
            'name',
          );
          if (name) graphNames.set(value.name.value, name);
        }
      }
    }
    for (const definition of document.definitions) {
      if (definition.kind !== Kind.OBJECT_TYPE_DEFINITION) continue;
      const type = definition.name.value;
      const typePolicy = policyOf(type, definition);
      if (typePolicy) byType.set(type, typePolicy);
      for (const join of definition.directives?.filter((d) => d.name.value === 'join__type') ?? []) {
        const graph = graphNames.get(enumArgument(join, 'graph') ?? '');
        const key = stringArgument(join, 'key');
        if (graph && key && !keyFieldsByGraph.has(`${graph}|${type}`)) {
          keyFieldsByGraph.set(`${graph}|${type}`, topLevelFields(key));
        }
      }
      for (const field of definition.fields ?? []) {
        fieldTypes.set(`${type}.${field.name.value}`, namedType(field.type));
        const policy = policyOf(`${type}.${field.name.value}`, field);
        if (policy) byField.set(`${type}.${field.name.value}`, policy);
      }
    }
    return new FallbackPolicies(byField, byType, keyFieldsByGraph, fieldTypes);
  }

  /** The field's own policy, else its type's, else NONE. */
  forField(type: string, field: string): FallbackPolicy {
    return this.byField.get(`${type}.${field}`) ?? this.byType.get(type) ?? NONE;
  }

  /** Top-level key fields of an entity type as the given subgraph knows it (first `@key`). */
  keyFields(subgraph: SubgraphName, type: string): string[] {
    return this.keyFieldsByGraph.get(`${subgraph}|${type}`) ?? ['id'];
  }

  /** The named type of a field, such as `Profile` for `PlaySession.profile`. */
  fieldType(type: string, field: string): string | undefined {
    return this.fieldTypes.get(`${type}.${field}`);
  }
}

function policyOf(
  where: string,
  node: FieldDefinitionNode | ObjectTypeDefinitionNode,
): FallbackPolicy | undefined {
  const directive = directiveNamed(node.directives, 'fallback');
  if (!directive) return undefined;
  const kind = stringArgument(directive, 'policy');
  if (!FALLBACK_KINDS.includes(kind as FallbackKind)) {
    throw new FallbackPolicyError(
      `@fallback on ${where}: policy must be one of ${FALLBACK_KINDS.join(', ')}`,
    );
  }
  const maxAgeSeconds = Number(intArgument(directive, 'maxAgeSeconds'));
  const validUntil = stringArgument(directive, 'validUntil');
  const defaultJson = stringArgument(directive, 'default');
  const needsStale = kind === 'STALE' || kind === 'STALE_THEN_DEFAULT';
  const needsDefault = kind === 'DEFAULT' || kind === 'STALE_THEN_DEFAULT';
  if (needsStale && !(maxAgeSeconds > 0)) {
    throw new FallbackPolicyError(`@fallback on ${where}: ${kind} needs a positive maxAgeSeconds`);
  }
  let defaultValue: unknown;
  if (needsDefault) {
    if (defaultJson === undefined)
      throw new FallbackPolicyError(`@fallback on ${where}: ${kind} needs a default`);
    try {
      defaultValue = JSON.parse(defaultJson);
    } catch {
      throw new FallbackPolicyError(`@fallback on ${where}: default is not valid JSON`);
    }
  }
  switch (kind as FallbackKind) {
    case 'NONE':
      return NONE;
    case 'STALE':
      return { kind: 'STALE', maxAgeSeconds, ...(validUntil ? { validUntil } : {}) };
    case 'DEFAULT':
      return { kind: 'DEFAULT', default: defaultValue };
    case 'STALE_THEN_DEFAULT':
      return {
        kind: 'STALE_THEN_DEFAULT',
        maxAgeSeconds,
        default: defaultValue,
        ...(validUntil ? { validUntil } : {}),
      };
  }
}

function stringArgument(directive: ConstDirectiveNode | undefined, name: string): string | undefined {
  const value = argumentValue(directive, name);
  return value?.kind === Kind.STRING ? value.value : undefined;
}
function intArgument(directive: ConstDirectiveNode | undefined, name: string): string | undefined {
  const value = argumentValue(directive, name);
  return value?.kind === Kind.INT ? value.value : undefined;
}
function enumArgument(directive: ConstDirectiveNode | undefined, name: string): string | undefined {
  const value = argumentValue(directive, name);
  return value?.kind === Kind.ENUM ? value.value : undefined;
}

/** "id sku { x }" -> ["id", "sku"]: the top-level fields of a key field set. */
function topLevelFields(fieldSet: string): string[] {
  const fields: string[] = [];
  let depth = 0;
  for (const token of fieldSet.match(/[_A-Za-z][_0-9A-Za-z]*|[{}]/g) ?? []) {
    if (token === '{') depth++;
    else if (token === '}') depth--;
    else if (depth === 0) fields.push(token);
  }
  return fields;
}
