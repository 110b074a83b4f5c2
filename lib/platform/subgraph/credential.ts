import { GatewayCredentialVerifier } from '@contracts/gatewayCredential';
import { gatewaySecretSource, loadSubgraphKeys, subgraphKeysVariable } from '../keys/gatewaySecret';

/** What `subgraph` checks the gateway credential with: its `<NAME>_GATEWAY_JWKS`, or in development its derived key. */
export async function gatewayCredentialVerifier(
  subgraph: string,
  env: { NODE_ENV: string; KEYS_DIR: string } & Record<string, unknown>,
): Promise<GatewayCredentialVerifier> {
  const source = gatewaySecretSource(subgraphKeysVariable(subgraph), env);
  return new GatewayCredentialVerifier(subgraph, await loadSubgraphKeys(subgraph, source));
}
