import { GatewayCredentialVerifier } from '../../../lib/auth/gatewayCredential';
import { loadDataset } from '../../../lib/dataset/load';
import { orExit } from '../../../lib/env';
import { loadSigningKey, loadVerificationKeys } from '../../../lib/keys/keyring';
import { keySource } from '../../../lib/keys/source';
import { createLogger } from '../../../lib/log';
import { runService } from '../../../lib/service';
import { MemoryCdnRepository } from './data/memoryCdnRepository';
import { loadPlaybackEnv } from './env';
import { createPlaybackServer } from './server';

const env = orExit(() => loadPlaybackEnv());
const logger = createLogger('playback', env.LOG_LEVEL);

runService('playback', logger, async () => {
  const dataset = loadDataset(env.DATASET);
  const server = createPlaybackServer({
    cdnRepository: new MemoryCdnRepository(dataset.cdns),
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
  return server;
});
