/**
 * Applies the declared fallback policies to one subgraph fetch: remembers the last good values of a
 * successful fetch, and builds the stand-in response of a failed one, field by field.
 *
 * Last good values are kept per caller (account and country), so one account's data never answers
 * for another's, except for what the subgraph declares PUBLIC (`@cacheControl`, the rule the entity
 * cache shares by): a title or a row of the catalog is kept once for every caller. A caller who
 * never asked for that title before still gets its stale copy, and the store holds one copy, not
 * one per viewer.
 */
import { createHash } from 'node:crypto';
import type { GraphQLFormattedError } from 'graphql';
import type { Caller } from '@contracts/gatewayCredential';
import { ErrorCode } from '@contracts/graphqlErrors';
import type { Representation, SubgraphFetch } from '../fetch/pipeline';
import { chooseFallback } from './choose';
import type { DegradedField } from '../request/degraded';
import { responseName } from '../fetch/fetchShape';
import type { FallbackPolicies } from './policies';
import { SHARED_KEY_PREFIX, type StaleStore } from './staleStore';
import type { SubgraphName } from '@platform/composition';
import { CachePolicies } from '../entityCache/cachePolicy';

export interface StandIn {
  data: Record<string, unknown>;
  errors: GraphQLFormattedError[];
}

export const SUBGRAPH_UNAVAILABLE = ErrorCode.SubgraphUnavailable;

export class FallbackEngine {
  constructor(
    private policies: FallbackPolicies,
    private readonly store: StaleStore,
    /** Told of every field a fallback answered (metrics, the fetch's span). */
    private readonly onFallback: (field: DegradedField, fetch: SubgraphFetch) => void = () => {},
    /** What the subgraphs declare PUBLIC: kept once for every caller. */
    private shared: CachePolicies = CachePolicies.none(),
  ) {}

  /** Follows a new supergraph (gateway/src/supergraph/): later fetches apply its policies. */
  usePolicies(policies: FallbackPolicies, shared: CachePolicies): void {
    this.policies = policies;
    this.shared = shared;
  }

  /**
   * Representations that must not be sent: one of their nested inputs is null because the fetch
   * that should have resolved it failed (see FallbackState.unresolvedTypes).
   */
  taintedIndexes(fetch: SubgraphFetch, representations: Representation[]): Set<number> {
    const tainted = new Set<number>();
    if (fetch.state.unresolvedTypes.size === 0) return tainted;
    representations.forEach((representation, index) => {
      for (const [field, value] of Object.entries(representation)) {
        const type = value === null ? this.policies.fieldType(representation.__typename, field) : undefined;
        if (type && fetch.state.unresolvedTypes.has(type)) tainted.add(index);
      }
    });
    return tainted;
  }

  /** Keeps the last good values of a successful fetch (never call it for a response with errors). */
  async remember(fetch: SubgraphFetch, data: Record<string, unknown>, representations?: Representation[]) {
    if (fetch.shape.kind === 'root') {
      await this.store.put(this.rootKey(fetch), data, Date.now(), fetch.traceParent);
      return;
    }
    const entities = (data._entities ?? []) as (Record<string, unknown> | null)[];
    const keyOf = this.entityKeys(fetch);
    await Promise.all(
      entities.map((entity, index) => {
        const representation = representations?.[index];
        if (!entity || !representation) return undefined;
        const { __typename, ...fields } = entity;
        return this.store.put(keyOf(representation), fields, Date.now(), fetch.traceParent);
      }),
    );
  }

  /** The stand-in for a failed root fetch. */
  async rootStandIn(fetch: SubgraphFetch, reason: string): Promise<StandIn> {
    if (fetch.shape.kind !== 'root') throw new Error('rootStandIn needs a root fetch');
    const rootType = fetch.shape.operation === 'mutation' ? 'Mutation' : 'Query';
    const stale =
      fetch.shape.operation === 'query'
        ? await this.store.get(this.rootKey(fetch), fetch.traceParent)
        : undefined;
    const data: Record<string, unknown> = {};
    const errors: GraphQLFormattedError[] = [];
    for (const field of fetch.shape.fields) {
      const name = responseName(field);
      const fallback = chooseFallback(this.policies.forField(rootType, field.name.value), stale?.[name]);
      this.record(fetch, [name], fallback);
      if (fallback) data[name] = fallback.value;
      else {
        data[name] = null;
        errors.push(unavailable(fetch.subgraph, reason, `${rootType}.${field.name.value}`, [name]));
      }
    }
    return { data, errors };
  }

  /**
   * Stand-ins for the entities of a failed `_entities` fetch, in order. A field without a usable
   * fallback is left out with an error at its path, and its type is marked unresolved.
   */
  async entityStandIns(
    fetch: SubgraphFetch,
    representations: Representation[],
    reason: string,
  ): Promise<{ entities: Record<string, unknown>[]; errors: GraphQLFormattedError[] }> {
    if (fetch.shape.kind !== 'entities') throw new Error('entityStandIns needs an _entities fetch');
    const shape = fetch.shape;
    const errors: GraphQLFormattedError[] = [];
    const keyOf = this.entityKeys(fetch);
    const entities = await Promise.all(
      representations.map(async (representation, index) => {
        const type = representation.__typename;
        const stale = await this.store.get(keyOf(representation), fetch.traceParent);
        const entity: Record<string, unknown> = { __typename: type };
        const omitted: string[] = [];
        for (const field of shape.fieldsOf(type)) {
          const name = responseName(field);
          const fallback = chooseFallback(this.policies.forField(type, field.name.value), stale?.[name]);
          this.record(fetch, [...fetch.path, name], fallback);
          if (fallback) entity[name] = fallback.value;
          else omitted.push(field.name.value);
        }
        if (omitted.length > 0) {
          // One error for the entity, not one per field: most of them are plan inputs the client never asked for.
          fetch.state.unresolvedTypes.add(type);
          errors.push(
            unavailable(fetch.subgraph, reason, `${type} (${omitted.join(', ')})`, ['_entities', index]),
          );
        }
        return entity;
      }),
    );
    return { entities, errors };
  }

  private record(
    fetch: SubgraphFetch,
    path: (string | number)[],
    fallback: ReturnType<typeof chooseFallback>,
  ) {
    const field: DegradedField = {
      path,
      subgraph: fetch.subgraph,
      fallback: fallback?.kind ?? 'OMITTED',
      ageSeconds: fallback?.kind === 'STALE' ? fallback.ageSeconds : null,
    };
    fetch.state.degraded.push(field);
    this.onFallback(field, fetch);
  }

  /** Whether a fetch's answer is every caller's: PUBLIC, by the subgraph's `@cacheControl`. */
  private isShared(fetch: SubgraphFetch) {
    return (
      (fetch.shape.kind === 'entities'
        ? this.shared.forEntitiesQuery(fetch.query)
        : this.shared.forRootQuery(fetch.query)) !== null
    );
  }

  /** Where a fetch's copy is kept: once for every caller when PUBLIC, else under its caller. */
  private scopeOf(fetch: SubgraphFetch) {
    return this.isShared(fetch) ? SHARED_KEY_PREFIX : `${callerScope(fetch.caller)}|`;
  }

  private rootKey(fetch: SubgraphFetch) {
    return `${this.scopeOf(fetch)}r|${fetch.subgraph}|${hash(fetch.query + stableJson(fetch.variables))}`;
  }

  /**
   * The keys of a fetch's entities, its scope looked up once. A caller's copy is keyed by the
   * entity's key fields only: an entity keeps its identity whatever its `@requires` inputs were. A
   * PUBLIC copy is keyed by the whole representation, as the entity cache is, so inputs another
   * caller sent never answer for different ones.
   */
  private entityKeys(fetch: SubgraphFetch): (representation: Representation) => string {
    const scope = this.scopeOf(fetch);
    const shared = scope === SHARED_KEY_PREFIX;
    return (representation) => {
      const type = representation.__typename;
      const identity = shared
        ? representation
        : Object.fromEntries(
            this.policies.keyFields(fetch.subgraph, type).map((field) => [field, representation[field]]),
          );
      return `${scope}e|${fetch.subgraph}|${type}|${stableJson(identity)}`;
    };
  }
}

const scopes = new WeakMap<Caller, string>();

/** Hashed once per caller (a request's every fetch shares its caller object), not once per key. */
function callerScope(caller: Caller) {
  let scope = scopes.get(caller);
  if (scope === undefined) {
    scope = hash(`${caller.accountId ?? ''}|${caller.country ?? ''}`);
    scopes.set(caller, scope);
  }
  return scope;
}

function unavailable(
  subgraph: SubgraphName,
  reason: string,
  what: string,
  path: (string | number)[],
): GraphQLFormattedError {
  return {
    message: `The ${subgraph} service is unavailable (${reason}) and ${what} has no fallback; try again shortly`,
    path,
    extensions: { code: SUBGRAPH_UNAVAILABLE, subgraph },
  };
}

function hash(text: string) {
  return createHash('sha256').update(text).digest('base64url').slice(0, 22);
}

function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object') {
    return `{${Object.keys(value)
      .sort()
      .map((key) => `${JSON.stringify(key)}:${stableJson((value as Record<string, unknown>)[key])}`)
      .join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
