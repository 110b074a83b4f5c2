/** What the gateway is built from: `index.ts` reads it from the environment, tests give their own. */
import type { Redis } from 'ioredis';
import type { Identity } from '@platform/identity';
import type { CredentialKey } from '@platform/keys/gatewaySecret';
import type { VerificationKeys } from '@platform/keys/keyring';
import type { Logger } from '@platform/log';
import type { SubgraphName } from '@platform/composition';
import type { TrustedDocumentsMode } from './documents/settings';
import type { StaleStore } from './fallback/staleStore';
import type { FieldUsageRecorder } from './fieldUsage/recorder';
import type { DecisionRecorder } from './decisions/recorder';
import type { HttpLimitSettings } from './http/settings';
import type { LegacyApiSettings } from './legacy/settings';
import type { OperationLimitSettings } from './operationLimits/settings';
import type { AdmissionSettings } from '@platform/overload/admission';
import type { RateLimiter } from './rateLimits/limiter';
import type { ReplicaFetch, ResilienceSettings } from './resilience/replicaPool';
import type { ApolloTelemetryChoice } from './supergraph/apolloGateway';
import type { SupergraphOrigin } from './supergraph/origin';

export interface GatewayDependencies extends ApolloTelemetryChoice {
  /** Every replica of every subgraph in the gateway's own zone. */
  subgraphUrls: Record<SubgraphName, string[]>;
  /** Replicas in other zones, asked only when none of the own zone's can answer. Defaults to none. */
  failoverUrls?: Partial<Record<SubgraphName, string[]>>;
  /** Deadlines, retries and circuit breakers per subgraph. */
  resilience: Record<SubgraphName, ResilienceSettings>;
  /** How the resilient client reaches a replica. Defaults to undici's keep-alive pool; tests inject faults. */
  fetch?: ReplicaFetch;
  /**
   * The subgraphs a `play` needs (`playPath` in their `subgraph.json`): only they hold up readiness.
   * Defaults to every subgraph of `subgraphUrls`.
   */
  playPath?: readonly SubgraphName[];
  /**
   * `resilient` (the default): deadlines, breakers, failover and per-field fallbacks. `plain`: a
   * bare RemoteGraphQLDataSource to the first replica, the baseline benchmarks compare against.
   */
  subgraphClient: 'resilient' | 'plain';
  /**
   * Shares the cache of PUBLIC entities (gateway/src/entityCache/) between gateway replicas. None:
   * each replica caches in process only.
   */
  entityCacheRedis?: Redis;
  /**
   * Whether the gateway caches PUBLIC entities and shares identical fetches in flight. Defaults to
   * true; the fallback matrix turns it off, so that a failing subgraph is asked every time.
   */
  entityCache?: boolean;
  /** Last good values for fallbacks: in process, or shared through Redis. */
  staleStore: StaleStore;
  /** Verifies a bearer token and returns whom it speaks for (account and roles). */
  verifyToken: (token: string) => Promise<Identity>;
  /** The secret the key of each subgraph's credential is derived from. */
  gatewaySecret: CredentialKey;
  /** Published at `/.well-known/jwks.json` so players can verify manifests. */
  manifestKeys: VerificationKeys;
  logger: Logger;
  production: boolean;
  /** A supergraph that never changes (tests). Overrides `supergraph`. */
  supergraphSdl?: string;
  /**
   * Where the supergraph comes from and how changes are seen (gateway/src/supergraph/). Defaults to
   * the checked-in `schema/supergraph.graphql`, watched. The gateway never introspects.
   */
  supergraph?: SupergraphOrigin;
  /** Connections, timeouts, JSON nesting, trusted proxies. Defaults to `DEFAULT_HTTP_LIMITS` (http/settings.ts). */
  http?: Partial<HttpLimitSettings>;
  /** Operation size and cost limits. Defaults to `DEFAULT_OPERATION_LIMITS` (operationLimits/settings.ts). */
  operationLimits?: Partial<OperationLimitSettings>;
  /** Where `/metrics` is served. Defaults to a free port on 127.0.0.1 (`{ port: 0 }`). */
  admin?: { port: number; host: string };
  /**
   * `enforce`: devices run only the trusted documents of `clients/__generated__/persisted-documents.json`.
   * Defaults to `enforce` in production and `allow` elsewhere.
   */
  trustedDocuments?: TrustedDocumentsMode;
  /** Per-account and per-address rate limits (gateway/src/rateLimits/). None when absent. */
  rateLimiter?: RateLimiter;
  /** Refuse the lower request classes first under overload (gateway/src/overload/). None: off. */
  loadShedding?: AdmissionSettings;
  /**
   * Counts the fields each client's operations use (gateway/src/fieldUsage/), served on the admin
   * listener at `/field-usage`. None: nothing is counted.
   */
  fieldUsage?: FieldUsageRecorder;
  /** Records every play decision (gateway/src/decisions/). None: nothing is recorded. */
  decisions?: DecisionRecorder;
  /**
   * The legacy REST API (gateway/src/legacy/): its dates and device-model table. Defaults to
   * `DEFAULT_LEGACY_API_SETTINGS`; null: not served.
   */
  legacyApi?: LegacyApiSettings | null;
}
