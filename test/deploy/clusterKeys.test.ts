/**
 * The keys `npm run cluster-keys` makes for a cluster: one Secret per service with what that service
 * reads, a private key only where it signs, none a development key, and the services' own key loading
 * in production accepting them: a manifest playback signs verifies with the gateway's published set, a
 * credential the gateway signs for a subgraph verifies at that subgraph, and nobody else's.
 */
import { GatewayCredentialIssuer } from '@contracts/gatewayCredential';
import { gatewaySecretSource, loadGatewaySecret } from '@platform/keys/gatewaySecret';
import { loadSigningKey, loadVerificationKeys } from '@platform/keys/keyring';
import { keySource } from '@platform/keys/source';
import { subgraphCallers } from '@platform/subgraph/credential';
import { jwtVerify, SignJWT } from 'jose';
import { chartServices } from '../../scripts/chartFiles';
import { clusterKeys, type ClusterKeys } from '../../scripts/clusterKeys';

describe('the keys `npm run cluster-keys` makes', () => {
  let keys: ClusterKeys;
  const envOf = (service: string) => ({
    NODE_ENV: 'production',
    KEYS_DIR: '/nonexistent',
    ...keys.secrets.find((secret) => secret.service === service)!.data,
  });

  beforeAll(async () => {
    keys = await clusterKeys(await chartServices(), '2026-12', 'streaming');
  });

  it('gives each service its own Secret, with variables it reads, and private keys only to signers', async () => {
    const { gateway, subgraphs } = await chartServices();
    for (const { name, secretEnv } of [gateway, ...subgraphs]) {
      const secret = keys.secrets.find((candidate) => candidate.service === name)!;
      expect(secret.name).toBe(`streaming-${name}-keys`);
      expect(Object.keys(secret.data).filter((variable) => !secretEnv.includes(variable))).toEqual([]);
    }
    const privateHolders = keys.secrets.flatMap((secret) =>
      Object.keys(secret.data)
        .filter((variable) => variable.endsWith('_PRIVATE_JWKS'))
        .map((variable) => `${secret.service}:${variable}`),
    );
    expect(privateHolders.sort()).toEqual([
      'entitlements:GRANT_PRIVATE_JWKS',
      'playback:EDGE_PRIVATE_JWKS',
      'playback:MANIFEST_PRIVATE_JWKS',
    ]);
  });

  it('makes keys production accepts: a manifest playback signs verifies with what the gateway publishes', async () => {
    const signer = await loadSigningKey('manifest', keySource('manifest', envOf('playback')));
    const published = await loadVerificationKeys('manifest', keySource('manifest', envOf('gateway')));
    const jws = await new SignJWT({ sid: 's-1' })
      .setProtectedHeader({ alg: 'EdDSA', kid: signer.kid })
      .sign(signer.privateKey);

    await expect(jwtVerify(jws, published.keyFor)).resolves.toMatchObject({ payload: { sid: 's-1' } });
    expect(signer.kid).toBe('manifest-2026-12');
  });

  it('makes a gateway credential each subgraph accepts from its own Secret, and only its own', async () => {
    const issuer = new GatewayCredentialIssuer(
      await loadGatewaySecret(gatewaySecretSource('GATEWAY_SECRET_JWKS', envOf('gateway'))),
    );
    const body = new TextEncoder().encode('{}');
    const caller = { accountId: 'u-1', country: 'US' };
    const playback = await subgraphCallers('playback', envOf('playback'));
    const catalog = await subgraphCallers('catalog', envOf('catalog'));

    await expect(
      playback.callerOf(
        { 'x-gateway-credential': issuer.forSubgraph('playback').credentialFor(caller, body) },
        body,
      ),
    ).resolves.toMatchObject({
      accountId: 'u-1',
    });
    await expect(
      catalog.callerOf(
        { 'x-gateway-credential': issuer.forSubgraph('playback').credentialFor(caller, body) },
        body,
      ),
    ).rejects.toThrow();
  });
});
