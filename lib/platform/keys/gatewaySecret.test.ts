import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { JWK } from 'jose';
import { GatewayCredentialIssuer, GatewayCredentialVerifier } from '@contracts/gatewayCredential';
import { REPOSITORY_ROOT } from '../env';
import {
  deriveSubgraphKey,
  deriveSubgraphKeySet,
  gatewaySecretSource,
  loadGatewaySecret,
  loadSubgraphKeys,
  newGatewaySecretSet,
  parseSecretSet,
} from './gatewaySecret';
import { KeyConfigurationError } from './keyring';

const temporaryDir = () => mkdtempSync(path.join(tmpdir(), 'gateway-secret-'));
const BODY = '{"query":"{ me { id } }"}';
const caller = { accountId: 'u-1', country: 'US', roles: ['viewer' as const] };

describe('the development gateway secret', () => {
  it('is generated once into KEYS_DIR, readable only by the owner, and reused', async () => {
    const dir = temporaryDir();
    const first = await loadGatewaySecret({ kind: 'development', dir });
    const second = await loadGatewaySecret({ kind: 'development', dir });

    expect(first.kid).toMatch(/^dev-gateway-/);
    expect(second.kid).toBe(first.kid);
    expect(second.key.export().equals(first.key.export())).toBe(true);
    const file = path.join(dir, 'gateway.secret.jwks.json');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    expect((JSON.parse(readFileSync(file, 'utf8')) as { keys: JWK[] }).keys[0]).toMatchObject({ kty: 'oct' });
  });

  it('gives each subgraph its own key, the one the gateway derives for it', async () => {
    const source = { kind: 'development', dir: temporaryDir() } as const;
    const secret = await loadGatewaySecret(source);
    const catalog = await loadSubgraphKeys('catalog', source);
    const profiles = await loadSubgraphKeys('profiles', source);

    expect([...catalog.keys()]).toEqual([secret.kid]);
    expect(catalog.get(secret.kid)!.export()).toEqual(deriveSubgraphKey(secret.key, 'catalog'));
    expect(profiles.get(secret.kid)!.export()).not.toEqual(catalog.get(secret.kid)!.export());
    // Nor is any subgraph's key the secret itself.
    expect(catalog.get(secret.kid)!.export()).not.toEqual(secret.key.export());
  });
});

describe('configured gateway keys', () => {
  const secretSet = newGatewaySecretSet('prod-1');

  it('are the only source in production, even with nothing configured, and nothing is generated', async () => {
    const dir = temporaryDir();
    const source = gatewaySecretSource('GATEWAY_SECRET_JWKS', { NODE_ENV: 'production', KEYS_DIR: dir });
    expect(source).toEqual({ kind: 'configured', jwks: undefined });
    await expect(loadGatewaySecret(source)).rejects.toThrow(
      new KeyConfigurationError('GATEWAY_SECRET_JWKS is not configured'),
    );
    expect(readdirSync(dir)).toEqual([]);
  });

  it('are used in development when set', () => {
    const jwks = JSON.stringify(secretSet);
    expect(
      gatewaySecretSource('CATALOG_GATEWAY_JWKS', {
        NODE_ENV: 'development',
        KEYS_DIR: temporaryDir(),
        CATALOG_GATEWAY_JWKS: jwks,
      }),
    ).toEqual({ kind: 'configured', jwks });
  });

  it.each([
    ['not JSON', '{', /is not valid JSON/],
    ['an empty set', '{"keys":[]}', /must be a JWK Set of "oct" keys/],
    ['an Ed25519 key', '{"keys":[{"kty":"OKP","crv":"Ed25519","x":"aa","kid":"k"}]}', /"oct" keys/],
    ['a key without a kid', '{"keys":[{"kty":"oct","k":"aa"}]}', /each with a kid/],
    [
      'a 16-byte key',
      `{"keys":[{"kty":"oct","kid":"k","k":"${Buffer.alloc(16, 1).toString('base64url')}"}]}`,
      /shorter than 32 bytes/,
    ],
    [
      'a development key',
      JSON.stringify(newGatewaySecretSet('dev-gateway-1234')),
      /Refusing a development gateway key in X outside development/,
    ],
  ])('refuse %s, naming the variable', (_case, json, message) => {
    expect(() => parseSecretSet('X', json)).toThrow(KeyConfigurationError);
    expect(() => parseSecretSet('X', json)).toThrow(message);
  });

  it("let a subgraph hold the keys of an old and a new secret while the gateway's rotates", async () => {
    const old = newGatewaySecretSet('prod-1');
    const rotated = { keys: [...newGatewaySecretSet('prod-2').keys, ...old.keys] };
    const catalogSet = JSON.stringify({ keys: deriveSubgraphKeySet(rotated.keys, 'catalog') });
    const verifier = new GatewayCredentialVerifier(
      'catalog',
      await loadSubgraphKeys('catalog', { kind: 'configured', jwks: catalogSet }),
    );

    for (const set of [old, rotated]) {
      const secret = await loadGatewaySecret({ kind: 'configured', jwks: JSON.stringify(set) });
      const token = new GatewayCredentialIssuer(secret).forSubgraph('catalog').credentialFor(caller, BODY);
      await expect(verifier.verify(token, Buffer.from(BODY))).resolves.toEqual(caller);
    }
  });
});

describe('npm run gateway-keys', () => {
  const run = (args: string[], env: NodeJS.ProcessEnv = {}) =>
    spawnSync(process.execPath, ['--import', 'tsx', 'scripts/gateway-keys.ts', ...args], {
      cwd: REPOSITORY_ROOT,
      env: { ...process.env, GATEWAY_SECRET_JWKS: '', ...env },
      encoding: 'utf8',
    });

  it("prints a new secret, and from it a subgraph's keys that accept the gateway's credentials", async () => {
    const created = run(['new', 'prod-2026-12']);
    expect(created.status).toBe(0);
    const secretJwks = created.stdout.trim();
    const derived = run(['subgraph', 'entitlements'], { GATEWAY_SECRET_JWKS: secretJwks });
    expect(derived.status).toBe(0);
    expect(derived.stderr).toMatch(/ENTITLEMENTS_GATEWAY_JWKS/);

    const secret = await loadGatewaySecret({ kind: 'configured', jwks: secretJwks });
    const token = new GatewayCredentialIssuer(secret).forSubgraph('entitlements').credentialFor(caller, BODY);
    const keys = await loadSubgraphKeys('entitlements', { kind: 'configured', jwks: derived.stdout.trim() });
    await expect(
      new GatewayCredentialVerifier('entitlements', keys).verify(token, Buffer.from(BODY)),
    ).resolves.toEqual(caller);
  });

  it('refuses an unknown subgraph and a reused kid, printing nothing on stdout', () => {
    const secretJwks = JSON.stringify(newGatewaySecretSet('prod-1'));
    const unknown = run(['subgraph', 'nope'], { GATEWAY_SECRET_JWKS: secretJwks });
    expect(unknown.status).toBe(2);
    expect(unknown.stderr).toMatch(/No subgraph "nope"/);
    const reused = run(['new', 'prod-1'], { GATEWAY_SECRET_JWKS: secretJwks });
    expect(reused.status).toBe(2);
    expect(reused.stderr).toMatch(/has a key prod-1 already/);
    expect(unknown.stdout + reused.stdout).toBe('');
  });
});
