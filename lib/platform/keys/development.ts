import { KEY_PURPOSES, loadSigningKey } from './keyring';
import { loadGatewaySecret } from './gatewaySecret';

/**
 * Generates every missing development key in `dir` (each purpose's Ed25519 set and the gateway's
 * secret) before the processes that share the directory start, rather than have them race to.
 */
export async function generateDevelopmentKeys(dir: string): Promise<void> {
  for (const purpose of KEY_PURPOSES) await loadSigningKey(purpose, { kind: 'development', dir });
  await loadGatewaySecret({ kind: 'development', dir });
}
