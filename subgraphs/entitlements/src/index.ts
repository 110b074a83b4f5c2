import { GatewayCredentialVerifier } from '../../../lib/auth/gatewayCredential';
import { loadDataset } from '../../../lib/dataset/load';
import { orExit } from '../../../lib/env';
import { loadSigningKey, loadVerificationKeys } from '../../../lib/keys/keyring';
import { keySource } from '../../../lib/keys/source';
import { createLogger } from '../../../lib/log';
import { runService } from '../../../lib/service';
import { MemoryEntitlementRepository } from './data/memoryEntitlementRepository';
import { loadEntitlementsEnv } from './env';
import { createEntitlementsServer } from './server';

const env = orExit(() => loadEntitlementsEnv());
const logger = createLogger('entitlements', env.LOG_LEVEL);

runService('entitlements', logger, async () => {
  const dataset = loadDataset(env.DATASET);
  const server = createEntitlementsServer({
    repository: new MemoryEntitlementRepository(dataset.users, dataset.entitlements),
    grantKey: await loadSigningKey('grant', keySource('grant', env)),
    grantTtlSeconds: env.GRANT_TTL_SECONDS,
    credentialVerifier: new GatewayCredentialVerifier(
      await loadVerificationKeys('gateway', keySource('gateway', env)),
    ),
    logger,
    production: env.NODE_ENV === 'production',
  });
  await server.start(env.ENTITLEMENTS_PORT, env.HOST);
  return server;
});
