import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { GatewayCredentialIssuer } from '@contracts/gatewayCredential';
import { issueDevelopmentToken } from '../identity';
import { loadGatewaySecret, gatewaySecretSource } from '../keys/gatewaySecret';
import { loadSigningKey } from '../keys/keyring';
import { subgraphCallers } from './credential';

describe("a subgraph's callers", () => {
  let dir: string;
  let env: { NODE_ENV: string; KEYS_DIR: string };
  let deviceToken: string;
  const body = new TextEncoder().encode('{"query":"{ me { id } }"}');

  beforeAll(async () => {
    dir = mkdtempSync(path.join(tmpdir(), 'subgraph-callers-'));
    env = { NODE_ENV: 'development', KEYS_DIR: dir };
    const identity = await loadSigningKey('identity', { kind: 'development', dir });
    deviceToken = await issueDevelopmentToken(identity, 'u-1');
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it("come from the gateway's credential by default, and a device's token alone is refused", async () => {
    const callers = await subgraphCallers('catalog', env);
    const issuer = new GatewayCredentialIssuer(
      await loadGatewaySecret(gatewaySecretSource('GATEWAY_SECRET_JWKS', env)),
    );
    const credential = issuer.forSubgraph('catalog').credentialFor({ accountId: 'u-1', country: 'US' }, body);
    await expect(callers.callerOf({ 'x-gateway-credential': credential }, body)).resolves.toMatchObject({
      accountId: 'u-1',
      country: 'US',
    });
    await expect(
      callers.callerOf({ authorization: `Bearer ${deviceToken}`, 'x-country': 'US' }, body),
    ).rejects.toThrow(/Missing gateway credential/);
  });

  it("come from the device's token and country with SUBGRAPH_CALLER=device-token, in development", async () => {
    const callers = await subgraphCallers('catalog', { ...env, SUBGRAPH_CALLER: 'device-token' });
    const issuer = new GatewayCredentialIssuer(
      await loadGatewaySecret(gatewaySecretSource('GATEWAY_SECRET_JWKS', env)),
    );
    const credential = issuer.forSubgraph('catalog').credentialFor({ accountId: 'u-2', country: 'GB' }, body);
    // The gateway's requests still go by their credential, and a forged one is still refused.
    await expect(
      callers.callerOf({ 'x-gateway-credential': credential, authorization: `Bearer ${deviceToken}` }, body),
    ).resolves.toMatchObject({ accountId: 'u-2', country: 'GB' });
    await expect(
      callers.callerOf({ 'x-gateway-credential': 'forged', authorization: `Bearer ${deviceToken}` }, body),
    ).rejects.toThrow(/Invalid gateway credential/);
    await expect(
      callers.callerOf({ authorization: `Bearer ${deviceToken}`, 'x-country': 'fr' }, body),
    ).resolves.toEqual({ accountId: 'u-1', country: 'FR', roles: ['viewer'] });
    await expect(callers.callerOf({ 'x-country': 'FR' }, body)).rejects.toThrow(/Missing bearer token/);
    await expect(callers.callerOf({ authorization: 'Bearer not.a.token' }, body)).rejects.toThrow(
      /Invalid bearer token/,
    );
  });

  it('refuse device tokens in production', async () => {
    await expect(
      subgraphCallers('catalog', { NODE_ENV: 'production', KEYS_DIR: dir, SUBGRAPH_CALLER: 'device-token' }),
    ).rejects.toThrow(/development only/);
  });
});
