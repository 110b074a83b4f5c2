import { GatewayCredentialVerifier } from '../../../lib/auth/gatewayCredential';
import { loadDataset } from '../../../lib/dataset/load';
import { orExit } from '../../../lib/env';
import { loadVerificationKeys } from '../../../lib/keys/keyring';
import { keySource } from '../../../lib/keys/source';
import { createLogger } from '../../../lib/log';
import { runService } from '../../../lib/service';
import { MemoryProfileRepository } from './data/memoryProfileRepository';
import { loadProfilesEnv } from './env';
import { createProfilesServer } from './server';

const env = orExit(() => loadProfilesEnv());
const logger = createLogger('profiles', env.LOG_LEVEL);

runService('profiles', logger, async () => {
  const dataset = loadDataset(env.DATASET);
  const server = createProfilesServer({
    repository: new MemoryProfileRepository(dataset.users, dataset.profiles),
    credentialVerifier: new GatewayCredentialVerifier(
      await loadVerificationKeys('gateway', keySource('gateway', env)),
    ),
    logger,
    production: env.NODE_ENV === 'production',
  });
  await server.start(env.PROFILES_PORT, env.HOST);
  return server;
});
