import { z } from 'zod';
import { commonEnvShape, EnvError, onOff, parseEnv, port } from '@platform/env';
import { API_AUDIENCE, DEVELOPMENT_ISSUER, DEFAULT_ROLES_CLAIM } from '@platform/identity';
import { keyEnvShape } from '@platform/keys/source';
import { SUPERGRAPH_PATH, type SubgraphName } from '@platform/composition';
import { subgraphs, type SubgraphEntry } from '@platform/registry';
import { fieldUsageEnvShape } from '@platform/fieldUsage/stores';
import { decisionEnvShape } from '@platform/decisions/stores';
import { trustedDocumentsEnvShape, trustedDocumentsMode } from './documents/settings';
import { DEFAULT_HTTP_LIMITS, type HttpLimitSettings } from './http/settings';
import { DEFAULT_STALE_RECORDS } from './fallback/staleStore';
import { legacyApiEnvShape, legacyApiSettings } from './legacy/settings';
import { parseTrustedProxyList, TrustedProxies } from './http/trustedProxies';
import { DEFAULT_OPERATION_LIMITS } from './operationLimits/settings';
import { rateLimitBudgets, rateLimitEnvShape } from './rateLimits/settings';
import { DEFAULT_FETCH_CAPS, DEFAULT_RESILIENCE, type ResilienceSettings } from './resilience/replicaPool';

/** A comma-separated list of subgraph replica URLs. */
const urlList = z
  .string()
  .transform((value) =>
    value
      .split(',')
      .map((url) => url.trim())
      .filter(Boolean),
  )
  .pipe(z.array(z.url()).min(1));
const milliseconds = (fallback: number) => z.coerce.number().int().positive().default(fallback);
const optionalMilliseconds = z.coerce.number().int().positive().optional();
const positiveInteger = (fallback: number) => z.coerce.number().int().positive().default(fallback);
/** `TRUSTED_PROXIES`: addresses and CIDR blocks, comma-separated, or `none`. */
const trustedProxyList = z
  .string()
  .transform((value, context) => {
    const entries = parseTrustedProxyList(value);
    try {
      TrustedProxies.parse(entries);
    } catch (error) {
      context.addIssue({ code: 'custom', message: (error as Error).message });
    }
    return entries;
  })
  .optional();

/**
 * The variables of each registered subgraph (lib/platform/registry.ts): `<NAME>_URL` and
 * `<NAME>_FAILOVER_URL` (optional), `<NAME>_PORT` and its extra replicas' ports (defaults from its `subgraph.json`), `<NAME>_TIMEOUT_MS`.
 */
function subgraphEnvShape(entries: readonly SubgraphEntry[]) {
  const shape: Record<string, typeof urlList | z.ZodType<number | string[] | undefined>> = {};
  for (const { env, port: defaultPort, replicaPorts } of entries) {
    shape[env.url] = urlList.optional();
    shape[env.failoverUrl] = urlList.optional();
    shape[env.port] = port(defaultPort);
    env.replicaPorts.forEach((variable, index) => (shape[variable] = port(replicaPorts[index]!)));
    shape[env.timeoutMs] = optionalMilliseconds;
  }
  return shape;
}

/** The variables every gateway reads, whatever subgraphs are registered. */
const gatewayEnvShape = {
  ...commonEnvShape,
  PORT: port(4000),
  HOST: z.string().default('127.0.0.1'),
  ...keyEnvShape('identity', 'manifest'),
  /** The secret every subgraph's credential key is derived from (`@platform/keys/gatewaySecret`). */
  GATEWAY_SECRET_JWKS: z.string().optional(),
  /** Production: the identity provider's JWK Set URL (instead of IDENTITY_PUBLIC_JWKS). */
  IDENTITY_JWKS_URL: z.url().optional(),
  IDENTITY_ISSUER: z.string().default(DEVELOPMENT_ISSUER),
  IDENTITY_AUDIENCE: z.string().default(API_AUDIENCE),
  /** The token claim listing the caller's roles (`viewer`, `analyst`); absent in a token: a viewer. */
  IDENTITY_ROLES_CLAIM: z.string().min(1).default(DEFAULT_ROLES_CLAIM),
  SUBGRAPH_TIMEOUT_MS: milliseconds(DEFAULT_RESILIENCE.timeoutMs),
  SUBGRAPH_ATTEMPT_TIMEOUT_MS: milliseconds(DEFAULT_RESILIENCE.attemptTimeoutMs),
  SUBGRAPH_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(10).default(DEFAULT_RESILIENCE.maxAttempts),
  CIRCUIT_FAILURES: z.coerce.number().int().min(1).default(DEFAULT_RESILIENCE.breakerFailures),
  CIRCUIT_HALF_OPEN_MS: milliseconds(DEFAULT_RESILIENCE.halfOpenAfterMs),
  /** A query's attempt silent this long is joined by one at the next replica; unset: no hedging. */
  SUBGRAPH_HEDGE_MS: z.coerce.number().int().min(1).optional(),
  /** Fetch caps (gateway/src/resilience/replicaPool.ts): over them a fetch is refused, unsent. */
  SUBGRAPH_MAX_FETCH_BYTES: z.coerce.number().int().positive().default(DEFAULT_FETCH_CAPS.maxFetchBytes),
  SUBGRAPH_MAX_FETCH_ITEMS: z.coerce.number().int().positive().default(DEFAULT_FETCH_CAPS.maxFetchItems),
  /** `plain` turns deadlines, breakers and fallbacks off: the benchmarks' baseline only. */
  SUBGRAPH_CLIENT: z.enum(['resilient', 'plain']).default('resilient'),
  /**
   * The cache of PUBLIC entities and shared in-flight fetches (gateway/src/entityCache/). `off`
   * sends every fetch: the fallback suites, which need a stopped subgraph to be asked.
   */
  ENTITY_CACHE: onOff('on'),
  /**
   * Last good values the gateway keeps in its own memory for fallbacks (gateway/src/fallback/
   * staleStore.ts), least recently used first out; with REDIS_URL, Redis keeps more for every replica.
   */
  STALE_MAX_RECORDS: positiveInteger(DEFAULT_STALE_RECORDS),
  /**
   * `on`: under overload the gateway refuses the lower request classes first, with 503 and
   * Retry-After (gateway/src/overload/): browse, analysts' queries and prefetches before a viewer's
   * `play`. Off until the benchmarks have set its thresholds for more than this machine.
   */
  LOAD_SHEDDING: onOff('off'),
  /**
   * `on` lets `@apollo/gateway` probe the cloud's metadata services and report usage metrics to
   * Apollo (gateway/src/supergraph/apolloGateway.ts). Off unless an operator asks: Apollo's own
   * `APOLLO_TELEMETRY_DISABLED` is ignored, so a leftover value cannot turn it on.
   */
  APOLLO_TELEMETRY: onOff('off'),
  /** Shares stale copies between gateway replicas. */
  REDIS_URL: z.url().optional(),
  /**
   * The operators' listener (`/metrics`). Defaults to 9400, or 0 (a free port, logged) when
   * NODE_ENV is `test`, so test processes never collide on it.
   */
  ADMIN_PORT: z.coerce.number().int().min(0).max(65535).optional(),
  /** Defaults to 127.0.0.1: metrics name replicas and circuits, for operators only. */
  ADMIN_HOST: z.string().default('127.0.0.1'),
  /**
   * Whose `x-country` counts (the edge): addresses or CIDR blocks, or `none`. Defaults to loopback
   * in development and test, to none in production.
   */
  TRUSTED_PROXIES: trustedProxyList,
  MAX_CONNECTIONS: positiveInteger(DEFAULT_HTTP_LIMITS.maxConnections),
  HTTP_REQUEST_TIMEOUT_MS: milliseconds(DEFAULT_HTTP_LIMITS.requestTimeoutMs),
  HTTP_HEADERS_TIMEOUT_MS: milliseconds(DEFAULT_HTTP_LIMITS.headersTimeoutMs),
  MAX_JSON_DEPTH: positiveInteger(DEFAULT_HTTP_LIMITS.maxJsonDepth),
  LIMIT_MAX_TOKENS: positiveInteger(DEFAULT_OPERATION_LIMITS.maxTokens),
  LIMIT_MAX_ALIASES: positiveInteger(DEFAULT_OPERATION_LIMITS.maxAliases),
  LIMIT_MAX_DEPTH: positiveInteger(DEFAULT_OPERATION_LIMITS.maxDepth),
  LIMIT_MAX_FIELDS: positiveInteger(DEFAULT_OPERATION_LIMITS.maxFields),
  LIMIT_MAX_DIRECTIVES: positiveInteger(DEFAULT_OPERATION_LIMITS.maxDirectives),
  LIMIT_MAX_LIST_ITEMS: positiveInteger(DEFAULT_OPERATION_LIMITS.maxListItems),
  LIMIT_MAX_COST: positiveInteger(DEFAULT_OPERATION_LIMITS.maxCost),
  /**
   * The supergraph file, watched: a valid new one is swapped in without a restart. Defaults to the
   * composed `schema/supergraph.graphql`.
   */
  SUPERGRAPH_PATH: z.string().min(1).default(SUPERGRAPH_PATH),
  /** Instead of the file: a URL polled every SUPERGRAPH_POLL_MS. */
  SUPERGRAPH_URL: z.url().optional(),
  /** How often SUPERGRAPH_URL is polled (and the file re-read, in case a watch event was missed). */
  SUPERGRAPH_POLL_MS: milliseconds(10_000),
  ...trustedDocumentsEnvShape,
  ...rateLimitEnvShape,
  /** Where the fields each client uses are counted (gateway/src/fieldUsage/), and for how long. */
  ...fieldUsageEnvShape,
  /** How often the counts are written to FIELD_USAGE_STORE. Defaults to 10_000 (ten seconds). */
  FIELD_USAGE_FLUSH_MS: milliseconds(10_000),
  /** Where every play decision is recorded (gateway/src/decisions/), and for how long. */
  ...decisionEnvShape,
  /** How often recorded decisions are written to DECISION_STORE. Defaults to 1_000 (one second). */
  DECISION_FLUSH_MS: milliseconds(1_000),
  /** The legacy REST API (`/v1/*`): on or off, deprecation and sunset dates, docs link, device models. */
  ...legacyApiEnvShape,
};

/**
 * Every variable the gateway reads with these subgraphs registered: what `loadGatewayEnv` parses,
 * and what the Helm chart may set (deploy/helm/streaming/, checked by test/deploy/).
 */
export function envShapeFor(entries: readonly SubgraphEntry[]) {
  return { ...subgraphEnvShape(entries), ...gatewayEnvShape };
}

type GatewaySettings = z.infer<z.ZodObject<typeof gatewayEnvShape>>;
/** The parsed value of one of a subgraph's variables, typed by the caller (`subgraphEnvShape` checked it). */
type SubgraphVariable = <T>(variable: string) => T;

/**
 * The gateway's settings: read from `process.env` here and nowhere else.
 *
 * Subgraphs, one set of variables per registered subgraph: `<NAME>_URL` lists its replicas
 * (comma-separated); by default they run on localhost at `<NAME>_PORT` and at the ports of the extra
 * replicas its `subgraph.json` declares (playback: `PLAYBACK_REPLICA_PORT`, because playback is on
 * every `play`). Fetch deadlines: `SUBGRAPH_TIMEOUT_MS` for all, `<NAME>_TIMEOUT_MS` for one.
 */
export function loadGatewayEnv(env: NodeJS.ProcessEnv = process.env) {
  const registered = subgraphs();
  // One parse, so that every problem is reported at once, static and per-subgraph alike.
  const settings = parseEnv(envShapeFor(registered), env);
  refuseContradictions(settings);
  const variable: SubgraphVariable = <T>(name: string) => (settings as Record<string, unknown>)[name] as T;
  return {
    ...settings,
    supergraph: supergraphSource(settings),
    subgraphUrls: subgraphUrls(registered, variable),
    failoverUrls: Object.fromEntries(
      registered.map(({ name, env: names }) => [
        name,
        variable<string[] | undefined>(names.failoverUrl) ?? [],
      ]),
    ),
    resilience: subgraphResilience(registered, settings, variable),
    /** Subgraphs whose readiness holds up the gateway's: those a `play` needs. */
    playPath: registered.filter((entry) => entry.playPath).map((entry) => entry.name),
    http: httpLimits(settings),
    operationLimits: operationLimits(settings),
    admin: {
      port: settings.ADMIN_PORT ?? (settings.NODE_ENV === 'test' ? 0 : 9400),
      host: settings.ADMIN_HOST,
    },
    rateLimits: {
      enabled: settings.RATE_LIMITS,
      budgets: rateLimitBudgets(settings),
      redisTimeoutMs: settings.RATE_LIMIT_REDIS_TIMEOUT_MS,
    },
    trustedDocuments: trustedDocumentsMode(settings),
    apolloTelemetry: settings.APOLLO_TELEMETRY,
    legacyApi: legacyApiSettings(settings),
  };
}

export type GatewayEnv = ReturnType<typeof loadGatewayEnv>;

/** Settings each valid alone but not together: refused as `parseEnv` refuses a bad value. */
function refuseContradictions(settings: GatewaySettings): void {
  if (settings.NODE_ENV === 'production' && settings.IDENTITY_ISSUER === DEVELOPMENT_ISSUER) {
    throw new EnvError('Invalid environment:\n  IDENTITY_ISSUER: production needs the real identity issuer');
  }
  if (settings.HTTP_HEADERS_TIMEOUT_MS > settings.HTTP_REQUEST_TIMEOUT_MS) {
    throw new EnvError(
      'Invalid environment:\n  HTTP_HEADERS_TIMEOUT_MS: must not exceed HTTP_REQUEST_TIMEOUT_MS (Node refuses it)',
    );
  }
}

/** The supergraph's source: a URL polled when `SUPERGRAPH_URL` is set, else the watched file. */
function supergraphSource(settings: GatewaySettings) {
  return settings.SUPERGRAPH_URL
    ? { kind: 'url' as const, url: settings.SUPERGRAPH_URL, pollMs: settings.SUPERGRAPH_POLL_MS }
    : { kind: 'file' as const, path: settings.SUPERGRAPH_PATH, pollMs: settings.SUPERGRAPH_POLL_MS };
}

/** Each subgraph's replica URLs: `<NAME>_URL`, else localhost at its port and its replicas' ports. */
function subgraphUrls(
  registered: readonly SubgraphEntry[],
  variable: SubgraphVariable,
): Record<SubgraphName, string[]> {
  const local = (port: number) => `http://127.0.0.1:${port}/graphql`;
  return Object.fromEntries(
    registered.map(({ name, env: names }) => [
      name,
      variable<string[] | undefined>(names.url) ??
        [names.port, ...names.replicaPorts].map((port) => local(variable<number>(port))),
    ]),
  );
}

/** Each subgraph's deadlines, retries, circuit and fetch caps: the shared ones, its own deadline if set. */
function subgraphResilience(
  registered: readonly SubgraphEntry[],
  settings: GatewaySettings,
  variable: SubgraphVariable,
): Record<SubgraphName, ResilienceSettings> {
  const resilienceWith = (timeoutMs: number | undefined): ResilienceSettings => ({
    timeoutMs: timeoutMs ?? settings.SUBGRAPH_TIMEOUT_MS,
    attemptTimeoutMs: Math.min(
      settings.SUBGRAPH_ATTEMPT_TIMEOUT_MS,
      timeoutMs ?? settings.SUBGRAPH_TIMEOUT_MS,
    ),
    maxAttempts: settings.SUBGRAPH_MAX_ATTEMPTS,
    breakerFailures: settings.CIRCUIT_FAILURES,
    halfOpenAfterMs: settings.CIRCUIT_HALF_OPEN_MS,
    hedgeAfterMs: settings.SUBGRAPH_HEDGE_MS,
    maxFetchBytes: settings.SUBGRAPH_MAX_FETCH_BYTES,
    maxFetchItems: settings.SUBGRAPH_MAX_FETCH_ITEMS,
  });
  return Object.fromEntries(
    registered.map(({ name, env: names }) => [
      name,
      resilienceWith(variable<number | undefined>(names.timeoutMs)),
    ]),
  );
}

/** The public listener's HTTP limits; trusted proxies default to loopback except in production. */
function httpLimits(settings: GatewaySettings): HttpLimitSettings {
  const production = settings.NODE_ENV === 'production';
  return {
    maxConnections: settings.MAX_CONNECTIONS,
    requestTimeoutMs: settings.HTTP_REQUEST_TIMEOUT_MS,
    headersTimeoutMs: settings.HTTP_HEADERS_TIMEOUT_MS,
    maxJsonDepth: settings.MAX_JSON_DEPTH,
    trustedProxies: settings.TRUSTED_PROXIES
      ? TrustedProxies.parse(settings.TRUSTED_PROXIES)
      : production
        ? TrustedProxies.none
        : TrustedProxies.loopback,
  };
}

/** The operation limits set from the environment; the cost weights keep their defaults. */
function operationLimits(settings: GatewaySettings) {
  return {
    maxTokens: settings.LIMIT_MAX_TOKENS,
    maxAliases: settings.LIMIT_MAX_ALIASES,
    maxDepth: settings.LIMIT_MAX_DEPTH,
    maxFields: settings.LIMIT_MAX_FIELDS,
    maxDirectives: settings.LIMIT_MAX_DIRECTIVES,
    maxListItems: settings.LIMIT_MAX_LIST_ITEMS,
    maxCost: settings.LIMIT_MAX_COST,
  };
}
