import { loadDataset } from '@platform/dataset/load';
import { orExit } from '@platform/env';
import { loadSigningKey, loadVerificationKeys } from '@platform/keys/keyring';
import { keySource } from '@platform/keys/source';
import { createLogger } from '@platform/log';
import { openMongoStore, stopsWithStore } from '@platform/mongo/client';
import { cachePolicy } from '@platform/mongo/env';
import { runService } from '@platform/service';
import { subgraphCallers } from '@platform/subgraph/credential';
import path from 'node:path';
import { CachedCdnRepository } from './data/cachedCdnRepository';
import { CachedHistoryRepository } from './data/cachedHistoryRepository';
import { MemoryCdnRepository } from './data/memoryCdnRepository';
import { FileHistoryRepository } from './data/fileHistoryRepository';
import { MongoCdnRepository } from './data/mongoCdnRepository';
import { MongoHistoryRepository } from './data/mongoHistoryRepository';
import { StaticFlagSource } from './data/staticFlagSource';
import { loadPlaybackEnv } from './env';
import { WatchHistory } from './history/watchHistory';
import { createPlaybackServer } from './server';
import { DEFAULT_ADMISSION } from '@platform/overload/admission';

const env = orExit(() => loadPlaybackEnv());
const logger = createLogger('playback', env.LOG_LEVEL);

runService('playback', { logger, shutdownGraceMs: env.SHUTDOWN_GRACE_MS }, async () => {
  const mongo = env.MONGODB_URI
    ? openMongoStore(env.MONGODB_URI, { appName: 'playback', timeoutMs: env.MONGODB_TIMEOUT_MS })
    : null;
  const history = await WatchHistory.open(
    path.join(env.JOURNAL_DIR, `playback-${env.PLAYBACK_PORT}.jsonl`),
    mongo
      ? new CachedHistoryRepository(
          new MongoHistoryRepository(mongo),
          cachePolicy(env.HISTORY_CACHE_FRESH_SECONDS, env.CACHE_MAX_STALE_SECONDS, env.READ_DEADLINE_MS),
        )
      : new FileHistoryRepository(path.join(env.JOURNAL_DIR, 'embedded-history.json')),
    logger,
  );
  const server = createPlaybackServer({
    cdnRepository: mongo
      ? new CachedCdnRepository(
          new MongoCdnRepository(mongo),
          cachePolicy(env.CACHE_FRESH_SECONDS, env.CACHE_MAX_STALE_SECONDS, env.READ_DEADLINE_MS),
        )
      : new MemoryCdnRepository(loadDataset(env.DATASET).cdns),
    flags: new StaticFlagSource(),
    manifestKey: await loadSigningKey('manifest', keySource('manifest', env)),
    edgeKey: await loadSigningKey('edge', keySource('edge', env)),
    grantKeys: await loadVerificationKeys('grant', keySource('grant', env)),
    manifestKeys: await loadVerificationKeys('manifest', keySource('manifest', env)),
    history,
    issuer: env.MANIFEST_ISSUER,
    licenseBaseUrl: env.DRM_LICENSE_BASE_URL,
    credentialVerifier: await subgraphCallers('playback', env),
    logger,
    production: env.NODE_ENV === 'production',
    ...(env.LOAD_SHEDDING && { loadShedding: DEFAULT_ADMISSION }),
  });
  await server.start(env.PLAYBACK_PORT, env.HOST);
  logger.info('store', { store: mongo ? `mongodb:${mongo.db.databaseName}` : 'embedded' });
  // Stop serving, then stop draining (what is left stays in the journal for the next start).
  return stopsWithStore(
    {
      async stop(options) {
        await server.stop(options);
        await history.close();
      },
    },
    mongo,
  );
});
