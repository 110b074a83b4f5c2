import { GatewayCredentialVerifier } from '../../../lib/auth/gatewayCredential';
import { loadDataset } from '../../../lib/dataset/load';
import { orExit } from '../../../lib/env';
import { loadSigningKey, loadVerificationKeys } from '../../../lib/keys/keyring';
import { keySource } from '../../../lib/keys/source';
import { createLogger } from '../../../lib/log';
import { openMongoStore, stopsWithStore } from '../../../lib/mongo/client';
import { cachePolicy } from '../../../lib/mongo/env';
import { runService } from '../../../lib/service';
import { CachedCdnRepository } from './data/cachedCdnRepository';
import { MemoryCdnRepository } from './data/memoryCdnRepository';
import { MongoCdnRepository } from './data/mongoCdnRepository';
import { StaticFlagSource } from './data/staticFlagSource';
import { loadPlaybackEnv } from './env';
import { createPlaybackServer } from './server';

const env = orExit(() => loadPlaybackEnv());
const logger = createLogger('playback', env.LOG_LEVEL);

runService('playback', logger, async () => {
  const mongo = env.MONGODB_URI
    ? openMongoStore(env.MONGODB_URI, { appName: 'playback', timeoutMs: env.MONGODB_TIMEOUT_MS })
    : null;
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
    issuer: env.MANIFEST_ISSUER,
    licenseBaseUrl: env.DRM_LICENSE_BASE_URL,
    credentialVerifier: new GatewayCredentialVerifier(
      await loadVerificationKeys('gateway', keySource('gateway', env)),
    ),
    logger,
    production: env.NODE_ENV === 'production',
  });
  await server.start(env.PLAYBACK_PORT, env.HOST);
  logger.info('store', { store: mongo ? `mongodb:${mongo.db.databaseName}` : 'embedded' });
  return stopsWithStore(server, mongo);
});
