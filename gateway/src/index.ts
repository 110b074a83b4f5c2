import { Redis } from 'ioredis';
import { createRemoteJWKSet } from 'jose';
import { createTokenVerifier } from '@platform/identity';
import { orExit } from '@platform/env';
import { loadVerificationKeys } from '@platform/keys/keyring';
import {
  GATEWAY_SECRET_VARIABLE,
  gatewaySecretSource,
  loadGatewaySecret,
} from '@platform/keys/gatewaySecret';
import { keySource } from '@platform/keys/source';
import { createLogger } from '@platform/log';
import { runService } from '@platform/service';
import { tracingStarted } from '@platform/tracing/setup';
import { openFieldUsageStore } from '@platform/fieldUsage/stores';
import { MemoryStaleStore, TieredStaleStore } from './fallback/staleStore';
import { DEFAULT_ADMISSION } from '@platform/overload/admission';
import { loadGatewayEnv } from './env';
import { createRateLimiter } from './rateLimits/limiter';
import { FieldUsageRecorder } from './fieldUsage/recorder';
import { DecisionRecorder } from './decisions/recorder';
import { describeDecisionStore, openDecisionStore } from '@platform/decisions/stores';
import { createGatewayServer } from './server';
import { traceRedisCommands } from './tracing/redisCommandSpans';

const env = orExit(() => loadGatewayEnv());
const logger = createLogger('gateway', env.LOG_LEVEL);

// Devices call the gateway: it samples their traces by its own rule, not by their `traceparent` flag.
const serviceOptions = { logger, shutdownGraceMs: env.SHUTDOWN_GRACE_MS, trustCallerSampling: false };

runService('gateway', serviceOptions, async () => {
  const identityKeys = env.IDENTITY_JWKS_URL
    ? createRemoteJWKSet(new URL(env.IDENTITY_JWKS_URL))
    : (await loadVerificationKeys('identity', keySource('identity', env))).keyFor;
  const memory = new MemoryStaleStore({ maxRecords: env.STALE_MAX_RECORDS });
  const redis = env.REDIS_URL
    ? new Redis(env.REDIS_URL, {
        lazyConnect: false,
        enableOfflineQueue: false,
        maxRetriesPerRequest: 1,
        connectTimeout: 1_000,
      })
    : undefined;
  redis?.on('error', (error: Error) => logger.warn('redis unavailable', { error: error.message }));
  if (redis && tracingStarted()) traceRedisCommands(redis);
  const rateLimiter = env.rateLimits.enabled
    ? createRateLimiter({
        budgets: env.rateLimits.budgets,
        redis,
        redisTimeoutMs: env.rateLimits.redisTimeoutMs,
        logger,
      })
    : undefined;
  const fieldUsage =
    env.FIELD_USAGE_STORE === 'off'
      ? undefined
      : new FieldUsageRecorder({
          // The gateway's own Redis connection when usage goes to the same Redis.
          store: openFieldUsageStore(env.FIELD_USAGE_STORE, {
            retentionDays: env.FIELD_USAGE_RETENTION_DAYS,
            ...(redis && env.FIELD_USAGE_STORE === env.REDIS_URL && { redis }),
          }),
          flushMs: env.FIELD_USAGE_FLUSH_MS,
          retentionDays: env.FIELD_USAGE_RETENTION_DAYS,
          logger,
        });
  const decisionStore = openDecisionStore(env.DECISION_STORE, { retentionDays: env.DECISION_RETENTION_DAYS });
  const decisions =
    decisionStore &&
    new DecisionRecorder({
      store: decisionStore,
      flushMs: env.DECISION_FLUSH_MS,
      retentionDays: env.DECISION_RETENTION_DAYS,
      logger,
    });
  logger.info('decision records', { store: describeDecisionStore(env.DECISION_STORE) });
  const server = createGatewayServer({
    subgraphUrls: env.subgraphUrls,
    failoverUrls: env.failoverUrls,
    resilience: env.resilience,
    playPath: env.playPath,
    supergraph: env.supergraph,
    subgraphClient: env.SUBGRAPH_CLIENT,
    staleStore: redis ? new TieredStaleStore(memory, redis, logger) : memory,
    entityCacheRedis: redis,
    entityCache: env.ENTITY_CACHE,
    apolloTelemetry: env.apolloTelemetry,
    verifyToken: createTokenVerifier({
      keyFor: identityKeys,
      issuer: env.IDENTITY_ISSUER,
      audience: env.IDENTITY_AUDIENCE,
      rolesClaim: env.IDENTITY_ROLES_CLAIM,
    }),
    gatewaySecret: await loadGatewaySecret(gatewaySecretSource(GATEWAY_SECRET_VARIABLE, env)),
    manifestKeys: await loadVerificationKeys('manifest', keySource('manifest', env)),
    logger,
    production: env.NODE_ENV === 'production',
    http: env.http,
    operationLimits: env.operationLimits,
    admin: env.admin,
    trustedDocuments: env.trustedDocuments,
    legacyApi: env.legacyApi,
    rateLimiter,
    fieldUsage,
    ...(decisions && { decisions }),
    ...(env.LOAD_SHEDDING && { loadShedding: DEFAULT_ADMISSION }),
  });
  await server.start(env.PORT, env.HOST);
  logger.info('trusting x-country from', { trustedProxies: env.http.trustedProxies.entries });
  return {
    async stop() {
      await server.stop();
      redis?.disconnect();
    },
  };
});
