/**
 * What an in-process gateway needs besides its subgraphs, on development keys: the token verifier of
 * the development issuer, the credential and manifest keys, an in-process stale store. Shared by the
 * in-process stack and the store benchmark, which each bring their own subgraphs.
 */
import { API_AUDIENCE, createTokenVerifier, DEVELOPMENT_ISSUER } from '@platform/identity';
import { loadGatewaySecret } from '@platform/keys/gatewaySecret';
import { loadVerificationKeys } from '@platform/keys/keyring';
import { MemoryStaleStore } from '../../gateway/src/fallback/staleStore';
import type { GatewayDependencies } from '../../gateway/src/gatewayDependencies';

export async function developmentGatewayDependencies(keys: {
  kind: 'development';
  dir: string;
}): Promise<
  Pick<
    GatewayDependencies,
    'subgraphClient' | 'staleStore' | 'verifyToken' | 'gatewaySecret' | 'manifestKeys' | 'production'
  >
> {
  return {
    subgraphClient: 'resilient',
    staleStore: new MemoryStaleStore(),
    verifyToken: createTokenVerifier({
      keyFor: (await loadVerificationKeys('identity', keys)).keyFor,
      issuer: DEVELOPMENT_ISSUER,
      audience: API_AUDIENCE,
    }),
    gatewaySecret: await loadGatewaySecret(keys),
    manifestKeys: await loadVerificationKeys('manifest', keys),
    production: false,
  };
}
