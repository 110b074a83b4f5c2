import { GatewayCredentialVerifier } from '../../../lib/auth/gatewayCredential';
import { loadDataset } from '../../../lib/dataset/load';
import { orExit } from '../../../lib/env';
import { loadVerificationKeys } from '../../../lib/keys/keyring';
import { keySource } from '../../../lib/keys/source';
import { createLogger } from '../../../lib/log';
import { runService } from '../../../lib/service';
import { MemoryTitleRepository } from './data/memoryTitleRepository';
import { loadCatalogEnv } from './env';
import { createCatalogServer } from './server';

const env = orExit(() => loadCatalogEnv());
const logger = createLogger('catalog', env.LOG_LEVEL);

runService('catalog', logger, async () => {
  const dataset = loadDataset(env.DATASET);
  const server = createCatalogServer({
    titles: new MemoryTitleRepository(dataset.titles),
    credentialVerifier: new GatewayCredentialVerifier(
      await loadVerificationKeys('gateway', keySource('gateway', env)),
    ),
    logger,
    production: env.NODE_ENV === 'production',
  });
  await server.start(env.CATALOG_PORT, env.HOST);
  return server;
});
