import { loadDataset } from '@platform/dataset/load';
import { orExit } from '@platform/env';
import { createLogger } from '@platform/log';
import { openMongoStore, stopsWithStore } from '@platform/mongo/client';
import { cachePolicy } from '@platform/mongo/env';
import { runService } from '@platform/service';
import { subgraphCallers } from '@platform/subgraph/credential';
import { CachedTitleRepository } from './data/cachedTitleRepository';
import { MemoryTitleRepository } from './data/memoryTitleRepository';
import { MongoTitleRepository } from './data/mongoTitleRepository';
import { loadCatalogEnv } from './env';
import { createCatalogServer } from './server';
import { DEFAULT_ADMISSION } from '@platform/overload/admission';

const env = orExit(() => loadCatalogEnv());
const logger = createLogger('catalog', env.LOG_LEVEL);

runService('catalog', { logger, shutdownGraceMs: env.SHUTDOWN_GRACE_MS }, async () => {
  const mongo = env.MONGODB_URI
    ? openMongoStore(env.MONGODB_URI, { appName: 'catalog', timeoutMs: env.MONGODB_TIMEOUT_MS })
    : null;
  const server = createCatalogServer({
    titles: mongo
      ? new CachedTitleRepository(
          new MongoTitleRepository(mongo),
          cachePolicy(env.CACHE_FRESH_SECONDS, env.CACHE_MAX_STALE_SECONDS, env.READ_DEADLINE_MS),
        )
      : new MemoryTitleRepository(loadDataset(env.DATASET).titles),
    credentialVerifier: await subgraphCallers('catalog', env),
    logger,
    production: env.NODE_ENV === 'production',
    ...(env.LOAD_SHEDDING && { loadShedding: DEFAULT_ADMISSION }),
  });
  await server.start(env.CATALOG_PORT, env.HOST);
  logger.info('store', { store: mongo ? `mongodb:${mongo.db.databaseName}` : 'embedded' });
  return stopsWithStore(server, mongo);
});
