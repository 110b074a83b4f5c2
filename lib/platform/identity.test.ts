import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SignJWT, UnsecuredJWT } from 'jose';
import { loadSigningKey, loadVerificationKeys, type KeySource, type SigningKey } from './keys/keyring';
import {
  API_AUDIENCE,
  DEVELOPMENT_ISSUER,
  UnauthenticatedError,
  createTokenVerifier,
  issueDevelopmentToken,
  type Identity,
} from './identity';

const developmentKeys = (): KeySource => ({
  kind: 'development',
  dir: mkdtempSync(path.join(tmpdir(), 'identity-')),
});

describe('development identity tokens', () => {
  const source = developmentKeys();
  let key: SigningKey;
  let verify: (token: string) => Promise<Identity>;

  beforeAll(async () => {
    key = await loadSigningKey('identity', source);
    const { keyFor } = await loadVerificationKeys('identity', source);
    verify = createTokenVerifier({ keyFor, issuer: DEVELOPMENT_ISSUER, audience: API_AUDIENCE });
  });

  /** A token like a development one, with some claims changed. */
  function tokenWith(
    changes: { issuer?: string; audience?: string; subject?: string; expiresAt?: number },
    signingKey: SigningKey = key,
  ): Promise<string> {
    const now = Math.floor(Date.now() / 1000);
    const jwt = new SignJWT({})
      .setProtectedHeader({ alg: 'EdDSA', kid: signingKey.kid, typ: 'JWT' })
      .setIssuer(changes.issuer ?? DEVELOPMENT_ISSUER)
      .setAudience(changes.audience ?? API_AUDIENCE)
      .setIssuedAt(now - 3600)
      .setExpirationTime(changes.expiresAt ?? now + 3600);
    if (changes.subject !== undefined) jwt.setSubject(changes.subject);
    return jwt.sign(signingKey.privateKey);
  }

  it("are verified to the account id they were issued for, a viewer's when they carry no roles", async () => {
    const token = await issueDevelopmentToken(key, 'u-premium');
    await expect(verify(token)).resolves.toEqual({ subject: 'u-premium', roles: ['viewer'] });
  });

  it('are verified the same way when the verifier has seen them before', async () => {
    const token = await issueDevelopmentToken(key, 'u-basic');
    await verify(token);
    await expect(verify(token)).resolves.toEqual({ subject: 'u-basic', roles: ['viewer'] });
  });

  it('carry the roles they were issued with', async () => {
    const token = await issueDevelopmentToken(key, 'ana', { roles: ['analyst'] });
    await expect(verify(token)).resolves.toEqual({ subject: 'ana', roles: ['analyst'] });
  });

  it('read the roles from the claim the identity provider uses, and grant no role a claim does not name', async () => {
    const { keyFor } = await loadVerificationKeys('identity', source);
    const verifyProvider = createTokenVerifier({
      keyFor,
      issuer: DEVELOPMENT_ISSUER,
      audience: API_AUDIENCE,
      rolesClaim: 'https://streaming.example.net/roles',
    });
    const signed = (claims: Record<string, unknown>) =>
      new SignJWT(claims)
        .setProtectedHeader({ alg: 'EdDSA', kid: key.kid, typ: 'JWT' })
        .setIssuer(DEVELOPMENT_ISSUER)
        .setAudience(API_AUDIENCE)
        .setSubject('staff-1')
        .setExpirationTime('1h')
        .sign(key.privateKey);

    await expect(
      verifyProvider(await signed({ 'https://streaming.example.net/roles': 'analyst' })),
    ).resolves.toEqual({ subject: 'staff-1', roles: ['analyst'] });
    // The development claim name means nothing to a verifier told to read another one.
    await expect(verifyProvider(await signed({ roles: ['analyst'] }))).resolves.toEqual({
      subject: 'staff-1',
      roles: ['viewer'],
    });
    await expect(
      verifyProvider(await signed({ 'https://streaming.example.net/roles': ['admin', 'root'] })),
    ).resolves.toEqual({ subject: 'staff-1', roles: [] });
  });

  it('are issued for a day by default', async () => {
    const token = await issueDevelopmentToken(key, 'u-premium');
    const payload = JSON.parse(Buffer.from(token.split('.')[1] ?? '', 'base64url').toString('utf8')) as {
      iat: number;
      exp: number;
    };
    expect(payload.exp - payload.iat).toBe(86_400);
  });

  it('are refused from another issuer', async () => {
    const token = await tokenWith({ issuer: 'https://evil.example', subject: 'u-premium' });
    await expect(verify(token)).rejects.toThrow(UnauthenticatedError);
  });

  it('are refused for another audience', async () => {
    const token = await tokenWith({ audience: 'some-other-api', subject: 'u-premium' });
    await expect(verify(token)).rejects.toThrow(UnauthenticatedError);
  });

  it('are refused when signed with another key', async () => {
    const otherKey = await loadSigningKey('identity', developmentKeys());
    const token = await issueDevelopmentToken(otherKey, 'u-premium');
    await expect(verify(token)).rejects.toThrow(UnauthenticatedError);
  });

  it('are refused when signed with another key that claims the right kid', async () => {
    const otherKey = await loadSigningKey('identity', developmentKeys());
    const token = await issueDevelopmentToken({ ...otherKey, kid: key.kid }, 'u-premium');
    await expect(verify(token)).rejects.toThrow(
      expect.objectContaining({ name: 'UnauthenticatedError', message: expect.stringMatching(/signature/) }),
    );
  });

  it('are refused once expired', async () => {
    const token = await issueDevelopmentToken(key, 'u-premium', { ttlSeconds: -60 });
    await expect(verify(token)).rejects.toThrow(
      expect.objectContaining({ name: 'UnauthenticatedError', message: expect.stringMatching(/"exp"/) }),
    );
  });

  it('are refused without a subject', async () => {
    await expect(verify(await tokenWith({}))).rejects.toThrow(UnauthenticatedError);
  });

  it('are refused with alg none', async () => {
    const token = new UnsecuredJWT({})
      .setIssuer(DEVELOPMENT_ISSUER)
      .setAudience(API_AUDIENCE)
      .setSubject('u-premium')
      .setExpirationTime('1h')
      .encode();
    await expect(verify(token)).rejects.toThrow(UnauthenticatedError);
  });

  it.each([
    ['garbage', 'garbage'],
    ['an empty string', ''],
    ['three garbage segments', 'aaa.bbb.ccc'],
  ])('are refused when the token is %s', async (_case, token) => {
    await expect(verify(token)).rejects.toThrow(UnauthenticatedError);
  });
});
