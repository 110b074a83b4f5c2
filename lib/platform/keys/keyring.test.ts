import { mkdtempSync, readFileSync, readdirSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SignJWT, exportJWK, generateKeyPair, jwtVerify, type JWK } from 'jose';
import {
  KeyConfigurationError,
  loadSigningKey,
  loadVerificationKeys,
  type KeySource,
  type SigningKey,
  type VerificationKeys,
} from './keyring';
import { keyEnvShape, keySource } from './source';

const temporaryDir = () => mkdtempSync(path.join(tmpdir(), 'keyring-'));

/** A private Ed25519 JWK, as an operator would configure it. */
async function ed25519PrivateJwk(kid: string): Promise<JWK> {
  const { privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519', extractable: true });
  return { ...(await exportJWK(privateKey)), kid };
}

function publicPart({ kty, crv, x, kid }: JWK): JWK {
  return { kty, crv, x, kid };
}

async function sign(key: SigningKey): Promise<string> {
  return new SignJWT({ purpose: 'test' })
    .setProtectedHeader({ alg: 'EdDSA', kid: key.kid })
    .setExpirationTime('5m')
    .sign(key.privateKey);
}

async function verifiedPayload(keys: VerificationKeys, token: string) {
  const { payload } = await jwtVerify(token, keys.keyFor, { algorithms: ['EdDSA'] });
  return payload;
}

describe('development keys', () => {
  it('are generated on first use into the keys dir, readable only by the owner', async () => {
    const dir = path.join(temporaryDir(), 'nested', 'keys');
    const key = await loadSigningKey('manifest', { kind: 'development', dir });

    const file = path.join(dir, 'manifest.private.jwks.json');
    expect(statSync(file).mode & 0o777).toBe(0o600);
    const stored = JSON.parse(readFileSync(file, 'utf8')) as { keys: JWK[] };
    expect(stored.keys).toHaveLength(1);
    expect(stored.keys[0]).toMatchObject({ kty: 'OKP', crv: 'Ed25519', kid: key.kid });
    expect(key.kid).toMatch(/^dev-manifest-/);
  });

  it('are reused on the next load, with the same kid', async () => {
    const source: KeySource = { kind: 'development', dir: temporaryDir() };
    const first = await loadSigningKey('grant', source);
    const second = await loadSigningKey('grant', source);
    expect(second.kid).toBe(first.kid);

    const keys = await loadVerificationKeys('grant', source);
    expect(keys.jwks.keys.map((key) => key.kid)).toEqual([first.kid]);
    await expect(verifiedPayload(keys, await sign(first))).resolves.toMatchObject({ purpose: 'test' });
  });

  it('give every one of many concurrent first loads in one dir the same kid', async () => {
    const dir = temporaryDir();
    const source: KeySource = { kind: 'development', dir };
    const keys = await Promise.all(Array.from({ length: 10 }, () => loadSigningKey('edge', source)));

    expect(new Set(keys.map((key) => key.kid)).size).toBe(1);
    // The losers of the race leave no temporary files behind.
    expect(readdirSync(dir)).toEqual(['edge.private.jwks.json']);
  });

  it('are separate for each purpose', async () => {
    const source: KeySource = { kind: 'development', dir: temporaryDir() };
    const identity = await loadSigningKey('identity', source);
    const grant = await loadSigningKey('grant', source);
    expect(identity.kid).not.toBe(grant.kid);

    const grantKeys = await loadVerificationKeys('grant', source);
    await expect(verifiedPayload(grantKeys, await sign(identity))).rejects.toThrow();
  });

  it('publish only the public half of the key', async () => {
    const keys = await loadVerificationKeys('manifest', { kind: 'development', dir: temporaryDir() });
    expect(keys.jwks.keys).toHaveLength(1);
    expect(keys.jwks.keys[0]).not.toHaveProperty('d');
    expect(keys.jwks.keys[0]).toMatchObject({ kty: 'OKP', crv: 'Ed25519', alg: 'EdDSA', use: 'sig' });
  });
});

describe('configured keys', () => {
  it('sign tokens that their public set verifies', async () => {
    const jwk = await ed25519PrivateJwk('prod-1');
    const source: KeySource = {
      kind: 'configured',
      privateJwks: JSON.stringify({ keys: [jwk] }),
      publicJwks: JSON.stringify({ keys: [publicPart(jwk)] }),
    };
    const key = await loadSigningKey('manifest', source);
    expect(key.kid).toBe('prod-1');

    const keys = await loadVerificationKeys('manifest', source);
    await expect(verifiedPayload(keys, await sign(key))).resolves.toMatchObject({ purpose: 'test' });
  });

  it('verify with the private set, publishing only public keys, when no public set is given', async () => {
    const jwk = await ed25519PrivateJwk('prod-1');
    const source: KeySource = { kind: 'configured', privateJwks: JSON.stringify({ keys: [jwk] }) };
    const keys = await loadVerificationKeys('manifest', source);

    expect(keys.jwks.keys[0]).not.toHaveProperty('d');
    const key = await loadSigningKey('manifest', source);
    await expect(verifiedPayload(keys, await sign(key))).resolves.toMatchObject({ purpose: 'test' });
  });

  it('verify tokens of both keys of a rotation set and sign with the first private key', async () => {
    const current = await ed25519PrivateJwk('prod-2');
    const previous = await ed25519PrivateJwk('prod-1');
    const currentKey = await loadSigningKey('grant', {
      kind: 'configured',
      privateJwks: JSON.stringify({ keys: [current, previous] }),
    });
    const previousKey = await loadSigningKey('grant', {
      kind: 'configured',
      privateJwks: JSON.stringify({ keys: [previous] }),
    });
    expect(currentKey.kid).toBe('prod-2');

    const keys = await loadVerificationKeys('grant', {
      kind: 'configured',
      publicJwks: JSON.stringify({ keys: [publicPart(current), publicPart(previous)] }),
    });
    await expect(verifiedPayload(keys, await sign(currentKey))).resolves.toMatchObject({ purpose: 'test' });
    await expect(verifiedPayload(keys, await sign(previousKey))).resolves.toMatchObject({ purpose: 'test' });
  });

  it('do not verify tokens of a key outside the set', async () => {
    const configured = await ed25519PrivateJwk('prod-1');
    const stranger = await ed25519PrivateJwk('prod-1');
    const keys = await loadVerificationKeys('grant', {
      kind: 'configured',
      publicJwks: JSON.stringify({ keys: [publicPart(configured)] }),
    });
    const strangerKey = await loadSigningKey('grant', {
      kind: 'configured',
      privateJwks: JSON.stringify({ keys: [stranger] }),
    });
    await expect(verifiedPayload(keys, await sign(strangerKey))).rejects.toThrow(/signature/);
  });

  it('are refused for signing and verifying when a kid marks a development key', async () => {
    const jwk = await ed25519PrivateJwk('dev-manifest-0001');
    const privateJwks = JSON.stringify({ keys: [jwk] });
    const publicJwks = JSON.stringify({
      keys: [publicPart(await ed25519PrivateJwk('prod-1')), publicPart(jwk)],
    });

    await expect(loadSigningKey('manifest', { kind: 'configured', privateJwks })).rejects.toThrow(
      new KeyConfigurationError('Refusing a development manifest key outside development'),
    );
    await expect(loadVerificationKeys('manifest', { kind: 'configured', publicJwks })).rejects.toThrow(
      KeyConfigurationError,
    );
  });

  it('are refused when the value is not JSON, with a message naming the purpose', async () => {
    await expect(loadSigningKey('edge', { kind: 'configured', privateJwks: '{"keys": [' })).rejects.toThrow(
      new KeyConfigurationError('The configured edge keys are not valid JSON'),
    );
  });

  it.each([
    ['a set without keys', { kty: 'OKP' }],
    ['a JSON null', null],
    ['a set whose key is null', { keys: [null] }],
    ['a key without a kid', { keys: [{ kty: 'OKP', crv: 'Ed25519', x: 'AAAA' }] }],
  ])('are refused when the value is %s', async (_case, value) => {
    await expect(
      loadVerificationKeys('edge', { kind: 'configured', publicJwks: JSON.stringify(value) }),
    ).rejects.toThrow(/must be a JWK Set of Ed25519 keys with kids/);
  });

  it.each([
    ['an EC P-256 key', 'ES256', {}],
    ['an RSA key', 'RS256', { modulusLength: 2048 }],
  ])('refuse %s with a message that asks for Ed25519', async (_case, alg, options) => {
    const { privateKey } = await generateKeyPair(alg, { ...options, extractable: true });
    const privateJwks = JSON.stringify({ keys: [{ ...(await exportJWK(privateKey)), kid: 'prod-1' }] });
    const expected = new KeyConfigurationError(
      'The configured identity keys must be a JWK Set of Ed25519 keys with kids',
    );
    await expect(loadSigningKey('identity', { kind: 'configured', privateJwks })).rejects.toThrow(expected);
    await expect(loadVerificationKeys('identity', { kind: 'configured', privateJwks })).rejects.toThrow(
      expected,
    );
  });

  it('refuse to sign with a set of public keys only', async () => {
    const publicOnly = JSON.stringify({ keys: [publicPart(await ed25519PrivateJwk('prod-1'))] });
    await expect(loadSigningKey('grant', { kind: 'configured', privateJwks: publicOnly })).rejects.toThrow(
      /no private key/,
    );
  });

  it('refuse an empty set for verification', async () => {
    await expect(
      loadVerificationKeys('grant', { kind: 'configured', publicJwks: JSON.stringify({ keys: [] }) }),
    ).rejects.toThrow(new KeyConfigurationError('The grant key set is empty'));
  });
});

describe('keySource', () => {
  it('uses generated keys in KEYS_DIR in development when no keys are configured', () => {
    expect(keySource('manifest', { NODE_ENV: 'development', KEYS_DIR: '/tmp/keys' })).toEqual({
      kind: 'development',
      dir: '/tmp/keys',
    });
  });

  it('uses configured keys in development when they are given', () => {
    expect(
      keySource('manifest', {
        NODE_ENV: 'development',
        KEYS_DIR: '/tmp/keys',
        MANIFEST_PRIVATE_JWKS: '{"keys":[]}',
      }),
    ).toEqual({ kind: 'configured', privateJwks: '{"keys":[]}', publicJwks: undefined });
  });

  it('never uses generated keys in production, so loading unconfigured keys fails', async () => {
    const dir = temporaryDir();
    const source = keySource('manifest', { NODE_ENV: 'production', KEYS_DIR: dir });
    expect(source.kind).toBe('configured');

    await expect(loadSigningKey('manifest', source)).rejects.toThrow(
      new KeyConfigurationError('No manifest keys are configured'),
    );
    await expect(loadVerificationKeys('manifest', source)).rejects.toThrow(KeyConfigurationError);
    expect(readdirSync(dir)).toEqual([]);
  });

  it('refuses in production a development key copied out of KEYS_DIR', async () => {
    const dir = temporaryDir();
    await loadSigningKey('grant', { kind: 'development', dir });
    const privateJwks = readFileSync(path.join(dir, 'grant.private.jwks.json'), 'utf8');
    const source = keySource('grant', {
      NODE_ENV: 'production',
      KEYS_DIR: dir,
      GRANT_PRIVATE_JWKS: privateJwks,
    });

    await expect(loadSigningKey('grant', source)).rejects.toThrow(/Refusing a development grant key/);
  });

  it('reads the variables that keyEnvShape declares', () => {
    expect(Object.keys(keyEnvShape('grant', 'edge')).sort()).toEqual([
      'EDGE_PRIVATE_JWKS',
      'EDGE_PUBLIC_JWKS',
      'GRANT_PRIVATE_JWKS',
      'GRANT_PUBLIC_JWKS',
    ]);
  });
});

describe('development key files', () => {
  it('are read as they are, so a broken file is reported rather than silently replaced', async () => {
    const dir = temporaryDir();
    writeFileSync(path.join(dir, 'edge.private.jwks.json'), 'not json');
    await expect(loadSigningKey('edge', { kind: 'development', dir })).rejects.toThrow(SyntaxError);
  });
});
