/**
 * The gateway's subgraph data source: every fetch goes through the replica pool (deadline, circuit
 * breakers, failover, retries for queries), successful answers feed the stale store, and a failed
 * fetch is answered by the fallback policies instead of an error. `process` is overridden whole:
 * `didEncounterError` can observe a failure but not replace it with data.
 */
import type { GraphQLDataSource, GraphQLDataSourceProcessOptions } from '@apollo/gateway';
import { GraphQLDataSourceRequestKind } from '@apollo/gateway/dist/datasources/types';
import type {
  GatewayCacheHint,
  GatewayCachePolicy,
  GatewayGraphQLResponse,
} from '@apollo/server-gateway-interface';
import type { GraphQLFormattedError } from 'graphql';
import { GATEWAY_CREDENTIAL_HEADER, type SubgraphCredentialSigner } from '@contracts/gatewayCredential';
import type { Logger } from '@platform/log';
import type { GatewayContext } from './context';
import { traced } from './debug/fetchTrace';
import type { EntityCache } from './entityCache/entityCache';
import type { PublicPolicy } from './entityCache/cachePolicy';
import { hintOf } from './entityCache/responseFreshness';
import { newFallbackState } from './fallback/degraded';
import type { FallbackEngine, Representation, SubgraphFetch } from './fallback/engine';
import { fetchShape, fetchShapeOf } from './fallback/fetchShape';
import type { GatewayMetrics } from './metrics';
import { SubgraphUnavailableError, type ReplicaPool, type SendOptions } from './resilience/replicaPool';

/** How a fetch goes to the pool, besides its body and credential. */
interface PoolSend extends SendOptions {
  retryable: boolean;
  /** Takes the freshness of each answer, for the response's `cache-control`. */
  freshness?: (hint: GatewayCacheHint) => void;
}

interface Answer {
  data?: Record<string, unknown> | null;
  errors?: GraphQLFormattedError[];
  extensions?: Record<string, unknown>;
}

export class ResilientDataSource implements GraphQLDataSource<GatewayContext> {
  constructor(
    private readonly subgraph: string,
    private readonly pool: ReplicaPool,
    private readonly credentials: SubgraphCredentialSigner,
    private readonly fallbacks: FallbackEngine | null,
    private readonly metrics: GatewayMetrics,
    private readonly logger: Logger,
    /** Fresh PUBLIC entities, and one fetch for identical ones in flight. None: every fetch is sent. */
    private readonly cache?: EntityCache,
  ) {}

  async process(options: GraphQLDataSourceProcessOptions<GatewayContext>): Promise<GatewayGraphQLResponse> {
    const incoming = options.kind === GraphQLDataSourceRequestKind.INCOMING_OPERATION ? options : undefined;
    const trace = incoming?.context.debug?.trace;
    if (!trace) return this.handle(options, incoming);
    return traced(trace, this.subgraph, incoming, (attempted) => this.handle(options, incoming, attempted));
  }

  /** `incoming`: `options` when a client request made this fetch (not a health check or schema load). */
  private async handle(
    options: GraphQLDataSourceProcessOptions<GatewayContext>,
    incoming:
      | Extract<
          GraphQLDataSourceProcessOptions<GatewayContext>,
          { kind: GraphQLDataSourceRequestKind.INCOMING_OPERATION }
        >
      | undefined,
    attempted?: string[],
  ): Promise<GatewayGraphQLResponse> {
    const { request } = options;
    const context = incoming?.context;
    const caller = context?.caller ?? { accountId: null, country: null };
    const shape = incoming?.document ? fetchShape(incoming.document) : fetchShapeOf(request.query!);
    const fetch: SubgraphFetch = {
      subgraph: this.subgraph,
      shape,
      query: request.query!,
      variables: request.variables ?? {},
      caller,
      path: [...(incoming?.pathInIncomingRequest ?? [])],
      state: context?.fallback ?? newFallbackState(),
    };
    const retryable = shape.kind === 'entities' || shape.operation === 'query';
    // Shared by every fetch of this client request (health checks and schema loads have none).
    const countedFailures = context ? (context.replicaFailures ??= new Set()) : new Set<string>();
    const policy = incoming?.incomingRequestContext.overallCachePolicy as GatewayCachePolicy | undefined;
    // Health checks and schema loads have no overall policy to restrict.
    const freshness = policy && ((hint: GatewayCacheHint) => policy.restrict(hint));
    const send = { retryable, countedFailures, attempted, freshness };
    if (shape.kind === 'entities') return this.entities(fetch, request.operationName, send);

    try {
      const answer = await this.send(fetch, fetch.variables, request.operationName, {
        ...send,
        items: shape.fields.length,
      });
      if (!answer.errors?.length && answer.data) await this.fallbacks?.remember(fetch, answer.data);
      return answer;
    } catch (error) {
      if (!(error instanceof SubgraphUnavailableError) || !this.fallbacks) throw error;
      const standIn = await this.fallbacks.rootStandIn(fetch, error.reason);
      return { data: standIn.data, ...(standIn.errors.length ? { errors: standIn.errors } : {}) };
    }
  }

  /**
   * An `_entities` fetch: representations whose inputs came from a failure are not sent, the rest
   * are; entities that failed (the fetch, or their own resolver) get stand-ins. Order and length of
   * `_entities` are kept, as the gateway requires.
   */
  private async entities(
    fetch: SubgraphFetch,
    operationName: string | undefined,
    send: Omit<PoolSend, 'items'>,
  ): Promise<GatewayGraphQLResponse> {
    const representations = (fetch.variables.representations ?? []) as Representation[];
    const tainted = this.fallbacks?.taintedIndexes(fetch, representations) ?? new Set<number>();
    let sent = representations.map((_, index) => index).filter((index) => !tainted.has(index));
    const entities: (Record<string, unknown> | null)[] = representations.map(() => null);
    const errors: GraphQLFormattedError[] = [];
    let failed = [...tainted];
    let reason = 'an input it needs is unavailable';
    const policy = sent.length > 0 ? (this.cache?.policyFor(fetch.query) ?? null) : null;
    if (policy) {
      // Fresh PUBLIC entities are served from the cache; only the misses are fetched, in order.
      const cached = await this.cache!.getMany(
        sent.map((index) => this.cache!.keyFor(this.subgraph, fetch.query, representations[index])),
      );
      sent.forEach((index, position) => {
        const hit = cached[position];
        if (!hit) return;
        entities[index] = hit.entity;
        send.freshness?.({ maxAge: hit.maxAgeSeconds, scope: 'PUBLIC' });
      });
      sent = sent.filter((_, position) => !cached[position]);
    }
    if (sent.length > 0) {
      const subset = sent.map((index) => representations[index]!);
      try {
        const { answer, shared } = await this.sendEntities(fetch, subset, operationName, send, policy);
        const received = (answer.data?._entities ?? []) as (Record<string, unknown> | null)[];
        const erred = new Set(
          (answer.errors ?? []).map((error) => (error.path?.[0] === '_entities' ? error.path[1] : undefined)),
        );
        sent.forEach((index, position) => {
          // A null entity with an error is a failure (a resolver threw), not "no such entity".
          if (received[position] === null && erred.has(position) && this.fallbacks) failed.push(index);
          else entities[index] = received[position] ?? null;
        });
        errors.push(
          ...remap(answer.errors ?? [], sent).filter((error) => !failed.includes(error.path?.[1] as number)),
        );
        if (!shared && !answer.errors?.length && answer.data) {
          await this.fallbacks?.remember(fetch, { _entities: received }, subset);
        }
        if (!this.fallbacks && answer.errors?.length && sent.length === representations.length) return answer;
      } catch (error) {
        if (!(error instanceof SubgraphUnavailableError) || !this.fallbacks) throw error;
        failed = [...failed, ...sent];
        reason = error.reason;
      }
    }
    if (failed.length > 0 && this.fallbacks) {
      failed.sort((a, b) => a - b);
      const standIns = await this.fallbacks.entityStandIns(
        fetch,
        failed.map((index) => representations[index]!),
        reason,
      );
      failed.forEach((index, position) => (entities[index] = standIns.entities[position]!));
      errors.push(...remap(standIns.errors, failed));
    }
    return { data: { _entities: entities }, ...(errors.length ? { errors } : {}) };
  }

  /**
   * Sends an `_entities` fetch. A PUBLIC one (`policy`) is shared with the identical fetches in
   * flight, each of which gets a copy of the answer of its own, and its entities are cached.
   */
  private async sendEntities(
    fetch: SubgraphFetch,
    subset: Representation[],
    operationName: string | undefined,
    send: Omit<PoolSend, 'items'>,
    policy: PublicPolicy | null,
  ): Promise<{ answer: Answer; shared: boolean }> {
    const variables = { ...fetch.variables, representations: subset };
    const options = { ...send, items: subset.length };
    if (!policy || !this.cache) {
      return { answer: await this.send(fetch, variables, operationName, options), shared: false };
    }
    const cache = this.cache;
    const keys = subset.map((representation) => cache.keyFor(this.subgraph, fetch.query, representation));
    const { value, shared } = await cache.share(keys.join('\n'), async () => {
      const answer = await this.send(fetch, variables, operationName, options);
      const received = (answer.data?._entities ?? []) as (Record<string, unknown> | null)[];
      if (!answer.errors?.length && received.length === subset.length) {
        cache.putMany(
          keys.flatMap((key, position) =>
            received[position] ? [[key, received[position]] as [string, unknown]] : [],
          ),
          policy.maxAgeSeconds,
        );
      }
      return answer;
    });
    // The leader took the subgraph's freshness; a follower's answer is as fresh as the policy says.
    if (shared) send.freshness?.({ maxAge: policy.maxAgeSeconds, scope: 'PUBLIC' });
    // The gateway merges answers into its result tree: each request gets its own copy.
    return { answer: shared ? structuredClone(value) : value, shared };
  }

  private async send(
    fetch: SubgraphFetch,
    variables: Record<string, unknown>,
    operationName: string | undefined,
    { retryable, freshness, ...options }: PoolSend,
  ): Promise<Answer> {
    const started = performance.now();
    try {
      const body = JSON.stringify({ query: fetch.query, variables, operationName });
      // Signed per fetch, bound to this body: a captured credential cannot carry another request.
      const headers = {
        'content-type': 'application/json',
        [GATEWAY_CREDENTIAL_HEADER]: this.credentials.credentialFor(fetch.caller, body),
      };
      const answer = await this.pool.send(body, headers, retryable, options);
      freshness?.(hintOf(answer.cacheControl));
      this.metrics.fetchDuration.observe(
        { subgraph: this.subgraph, outcome: 'ok' },
        (performance.now() - started) / 1000,
      );
      return answer.body as Answer;
    } catch (error) {
      this.metrics.fetchDuration.observe(
        { subgraph: this.subgraph, outcome: 'failed' },
        (performance.now() - started) / 1000,
      );
      this.logger.warn('subgraph fetch failed', {
        subgraph: this.subgraph,
        path: fetch.path.join('.'),
        reason: error instanceof SubgraphUnavailableError ? error.reason : 'unexpected',
        error: (error as Error).message,
      });
      throw error;
    }
  }
}

/** Error paths of a sub-list of `_entities` back to the indexes of the whole list. */
function remap(errors: readonly GraphQLFormattedError[], indexes: number[]): GraphQLFormattedError[] {
  return errors.map((error) => {
    if (error.path?.[0] !== '_entities' || typeof error.path[1] !== 'number') return error;
    return { ...error, path: ['_entities', indexes[error.path[1]] ?? error.path[1], ...error.path.slice(2)] };
  });
}
