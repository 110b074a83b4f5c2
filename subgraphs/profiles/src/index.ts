import { loadDataset } from '@platform/dataset/load';
import { orExit } from '@platform/env';
import { createLogger } from '@platform/log';
import { openMongoStore, stopsWithStore } from '@platform/mongo/client';
import { cachePolicy } from '@platform/mongo/env';
import { runService } from '@platform/service';
import { subgraphCallers } from '@platform/subgraph/credential';
import { CachedProfileRepository } from './data/cachedProfileRepository';
import { MemoryProfileRepository } from './data/memoryProfileRepository';
import { MongoProfileRepository } from './data/mongoProfileRepository';
import { loadProfilesEnv } from './env';
import { createProfilesServer } from './server';
import { DEFAULT_ADMISSION } from '@platform/overload/admission';

const env = orExit(() => loadProfilesEnv());
const logger = createLogger('profiles', env.LOG_LEVEL);

runService('profiles', { logger, shutdownGraceMs: env.SHUTDOWN_GRACE_MS }, async () => {
  const mongo = env.MONGODB_URI
    ? openMongoStore(env.MONGODB_URI, { appName: 'profiles', timeoutMs: env.MONGODB_TIMEOUT_MS })
    : null;
  const server = createProfilesServer({
    repository: mongo
      ? new CachedProfileRepository(
          new MongoProfileRepository(mongo),
          cachePolicy(env.CACHE_FRESH_SECONDS, env.CACHE_MAX_STALE_SECONDS, env.READ_DEADLINE_MS),
        )
      : MemoryProfileRepository.fromDataset(loadDataset(env.DATASET)),
    credentialVerifier: await subgraphCallers('profiles', env),
    logger,
    production: env.NODE_ENV === 'production',
    ...(env.LOAD_SHEDDING && { loadShedding: DEFAULT_ADMISSION }),
  });
  await server.start(env.PROFILES_PORT, env.HOST);
  logger.info('store', { store: mongo ? `mongodb:${mongo.db.databaseName}` : 'embedded' });
  return stopsWithStore(server, mongo);
});
