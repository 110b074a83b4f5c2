import { loadDataset } from '@platform/dataset/load';
import { orExit } from '@platform/env';
import { loadSigningKey } from '@platform/keys/keyring';
import { keySource } from '@platform/keys/source';
import { createLogger } from '@platform/log';
import { openMongoStore, stopsWithStore } from '@platform/mongo/client';
import { cachePolicy } from '@platform/mongo/env';
import { runService } from '@platform/service';
import { subgraphCallers } from '@platform/subgraph/credential';
import { CachedEntitlementRepository } from './data/cachedEntitlementRepository';
import { MemoryEntitlementRepository } from './data/memoryEntitlementRepository';
import { MongoEntitlementRepository } from './data/mongoEntitlementRepository';
import { loadEntitlementsEnv } from './env';
import { createEntitlementsServer } from './server';
import { DEFAULT_ADMISSION } from '@platform/overload/admission';

const env = orExit(() => loadEntitlementsEnv());
const logger = createLogger('entitlements', env.LOG_LEVEL);

runService('entitlements', { logger, shutdownGraceMs: env.SHUTDOWN_GRACE_MS }, async () => {
  const mongo = env.MONGODB_URI
    ? openMongoStore(env.MONGODB_URI, { appName: 'entitlements', timeoutMs: env.MONGODB_TIMEOUT_MS })
    : null;
  const server = createEntitlementsServer({
    repository: mongo
      ? new CachedEntitlementRepository(
          new MongoEntitlementRepository(mongo),
          cachePolicy(
            env.ENTITLEMENT_CACHE_FRESH_SECONDS,
            env.ENTITLEMENT_MAX_STALE_SECONDS,
            env.READ_DEADLINE_MS,
          ),
        )
      : MemoryEntitlementRepository.fromDataset(loadDataset(env.DATASET)),
    grantKey: await loadSigningKey('grant', keySource('grant', env)),
    grantTtlSeconds: env.GRANT_TTL_SECONDS,
    credentialVerifier: await subgraphCallers('entitlements', env),
    logger,
    production: env.NODE_ENV === 'production',
    ...(env.LOAD_SHEDDING && { loadShedding: DEFAULT_ADMISSION }),
  });
  await server.start(env.ENTITLEMENTS_PORT, env.HOST);
  logger.info('store', { store: mongo ? `mongodb:${mongo.db.databaseName}` : 'embedded' });
  return stopsWithStore(server, mongo);
});
