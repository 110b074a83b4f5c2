import { z } from 'zod';
import { commonEnvShape, EnvError, parseEnv, port } from '@platform/env';
import { API_AUDIENCE, DEVELOPMENT_ISSUER } from '@platform/identity';
import { keyEnvShape } from '@platform/keys/source';
import type { SubgraphName } from '@platform/composition';
import { DEFAULT_RESILIENCE, type ResilienceSettings } from './resilience/replicaPool';

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

/**
 * The gateway's settings: read from `process.env` here and nowhere else.
 *
 * Subgraphs: `<NAME>_URL` lists a subgraph's replicas (comma-separated); by default each runs on
 * localhost at `<NAME>_PORT`, and playback also at `PLAYBACK_REPLICA_PORT` (two replicas, because
 * playback is on every `play`). Fetch deadlines: `SUBGRAPH_TIMEOUT_MS` for all, `<NAME>_TIMEOUT_MS`
 * for one.
 */
export function loadGatewayEnv(env: NodeJS.ProcessEnv = process.env) {
  const settings = parseEnv(
    {
      ...commonEnvShape,
      PORT: port(4000),
      HOST: z.string().default('127.0.0.1'),
      ...keyEnvShape('identity', 'gateway', 'manifest'),
      /** Production: the identity provider's JWK Set URL (instead of IDENTITY_PUBLIC_JWKS). */
      IDENTITY_JWKS_URL: z.url().optional(),
      IDENTITY_ISSUER: z.string().default(DEVELOPMENT_ISSUER),
      IDENTITY_AUDIENCE: z.string().default(API_AUDIENCE),
      PROFILES_URL: urlList.optional(),
      PROFILES_PORT: port(4001),
      PROFILES_TIMEOUT_MS: optionalMilliseconds,
      ENTITLEMENTS_URL: urlList.optional(),
      ENTITLEMENTS_PORT: port(4002),
      ENTITLEMENTS_TIMEOUT_MS: optionalMilliseconds,
      CATALOG_URL: urlList.optional(),
      CATALOG_PORT: port(4003),
      CATALOG_TIMEOUT_MS: optionalMilliseconds,
      PLAYBACK_URL: urlList.optional(),
      PLAYBACK_PORT: port(4004),
      PLAYBACK_REPLICA_PORT: port(4014),
      PLAYBACK_TIMEOUT_MS: optionalMilliseconds,
      SUBGRAPH_TIMEOUT_MS: milliseconds(DEFAULT_RESILIENCE.timeoutMs),
      SUBGRAPH_ATTEMPT_TIMEOUT_MS: milliseconds(DEFAULT_RESILIENCE.attemptTimeoutMs),
      SUBGRAPH_MAX_ATTEMPTS: z.coerce.number().int().min(1).max(10).default(DEFAULT_RESILIENCE.maxAttempts),
      CIRCUIT_FAILURES: z.coerce.number().int().min(1).default(DEFAULT_RESILIENCE.breakerFailures),
      CIRCUIT_HALF_OPEN_MS: milliseconds(DEFAULT_RESILIENCE.halfOpenAfterMs),
      /** `plain` turns deadlines, breakers and fallbacks off: the benchmarks' baseline only. */
      SUBGRAPH_CLIENT: z.enum(['resilient', 'plain']).default('resilient'),
      /** Shares stale copies between gateway replicas. */
      REDIS_URL: z.url().optional(),
    },
    env,
  );
  const local = (port: number) => `http://127.0.0.1:${port}/graphql`;
  const subgraphUrls: Record<SubgraphName, string[]> = {
    profiles: settings.PROFILES_URL ?? [local(settings.PROFILES_PORT)],
    entitlements: settings.ENTITLEMENTS_URL ?? [local(settings.ENTITLEMENTS_PORT)],
    catalog: settings.CATALOG_URL ?? [local(settings.CATALOG_PORT)],
    playback: settings.PLAYBACK_URL ?? [local(settings.PLAYBACK_PORT), local(settings.PLAYBACK_REPLICA_PORT)],
  };
  const resilienceWith = (timeoutMs: number | undefined): ResilienceSettings => ({
    timeoutMs: timeoutMs ?? settings.SUBGRAPH_TIMEOUT_MS,
    attemptTimeoutMs: Math.min(
      settings.SUBGRAPH_ATTEMPT_TIMEOUT_MS,
      timeoutMs ?? settings.SUBGRAPH_TIMEOUT_MS,
    ),
    maxAttempts: settings.SUBGRAPH_MAX_ATTEMPTS,
    breakerFailures: settings.CIRCUIT_FAILURES,
    halfOpenAfterMs: settings.CIRCUIT_HALF_OPEN_MS,
  });
  const resilience: Record<SubgraphName, ResilienceSettings> = {
    profiles: resilienceWith(settings.PROFILES_TIMEOUT_MS),
    entitlements: resilienceWith(settings.ENTITLEMENTS_TIMEOUT_MS),
    catalog: resilienceWith(settings.CATALOG_TIMEOUT_MS),
    playback: resilienceWith(settings.PLAYBACK_TIMEOUT_MS),
  };
  if (settings.NODE_ENV === 'production' && settings.IDENTITY_ISSUER === DEVELOPMENT_ISSUER) {
    throw new EnvError('Invalid environment:\n  IDENTITY_ISSUER: production needs the real identity issuer');
  }
  return { ...settings, subgraphUrls, resilience };
}

export type GatewayEnv = ReturnType<typeof loadGatewayEnv>;
