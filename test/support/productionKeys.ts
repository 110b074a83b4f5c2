/**
 * Configured keys for a production-mode stack: one Ed25519 key set per purpose, with `kid`s that do
 * not mark them as development keys, passed the way operators pass them (`<PURPOSE>_PRIVATE_JWKS`,
 * `<PURPOSE>_PUBLIC_JWKS`), the gateway's secret (`GATEWAY_SECRET_JWKS`) with each registered
 * subgraph's key derived from it (`<NAME>_GATEWAY_JWKS`), plus a token signer standing in for the
 * identity provider.
 */
import { exportJWK, generateKeyPair, SignJWT, type KeyLike } from 'jose';
import { API_AUDIENCE } from '@platform/identity';
import {
  deriveSubgraphKeySet,
  GATEWAY_SECRET_VARIABLE,
  newGatewaySecretSet,
  subgraphKeysVariable,
} from '@platform/keys/gatewaySecret';
import { KEY_PURPOSES, SIGNATURE_ALGORITHM } from '@platform/keys/keyring';
import { subgraphs } from '@platform/registry';

/** The issuer production-mode test stacks are configured to trust. */
export const TEST_IDENTITY_ISSUER = 'https://identity.test.invalid/';

export interface ProductionKeys {
  /** Every key variable (`<PURPOSE>_PRIVATE_JWKS`, `_PUBLIC_JWKS`, the gateway's), plus the identity issuer settings. */
  env: NodeJS.ProcessEnv;
  /** A bearer token for an account, as the identity provider would sign it. */
  tokenFor(accountId: string, ttlSeconds?: number): Promise<string>;
}

export async function productionKeys(): Promise<ProductionKeys> {
  const env: NodeJS.ProcessEnv = {
    IDENTITY_ISSUER: TEST_IDENTITY_ISSUER,
    IDENTITY_AUDIENCE: API_AUDIENCE,
  };
  let identityKey: { kid: string; privateKey: KeyLike } | undefined;
  for (const purpose of KEY_PURPOSES) {
    const kid = `prod-${purpose}-1`;
    const { privateKey, publicKey } = await generateKeyPair(SIGNATURE_ALGORITHM, {
      crv: 'Ed25519',
      extractable: true,
    });
    const jwk = (key: KeyLike) =>
      exportJWK(key).then((exported) => ({ ...exported, kid, alg: SIGNATURE_ALGORITHM, use: 'sig' }));
    env[`${purpose.toUpperCase()}_PRIVATE_JWKS`] = JSON.stringify({ keys: [await jwk(privateKey)] });
    env[`${purpose.toUpperCase()}_PUBLIC_JWKS`] = JSON.stringify({ keys: [await jwk(publicKey)] });
    if (purpose === 'identity') identityKey = { kid, privateKey };
  }
  const gatewaySecret = newGatewaySecretSet('prod-gateway-1');
  env[GATEWAY_SECRET_VARIABLE] = JSON.stringify(gatewaySecret);
  for (const { name } of subgraphs()) {
    env[subgraphKeysVariable(name)] = JSON.stringify({
      keys: deriveSubgraphKeySet(gatewaySecret.keys, name),
    });
  }
  // Services never hold the identity provider's private key.
  delete env.IDENTITY_PRIVATE_JWKS;
  const signer = identityKey!;
  return {
    env,
    tokenFor: (accountId, ttlSeconds = 3_600) =>
      new SignJWT({})
        .setProtectedHeader({ alg: SIGNATURE_ALGORITHM, kid: signer.kid, typ: 'JWT' })
        .setIssuer(TEST_IDENTITY_ISSUER)
        .setAudience(API_AUDIENCE)
        .setSubject(accountId)
        .setIssuedAt()
        .setExpirationTime(Math.floor(Date.now() / 1000) + ttlSeconds)
        .sign(signer.privateKey),
  };
}
