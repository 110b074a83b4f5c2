import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SignJWT } from 'jose';
import { loadSigningKey, loadVerificationKeys, type KeySource } from '@platform/keys/keyring';
import {
  GatewayCredentialIssuer,
  GatewayCredentialVerifier,
  InvalidGatewayCredentialError,
  type Caller,
} from './gatewayCredential';

const developmentKeys = (): KeySource => ({
  kind: 'development',
  dir: mkdtempSync(path.join(tmpdir(), 'gateway-credential-')),
});

describe('gateway credentials', () => {
  const source = developmentKeys();
  const caller: Caller = { accountId: 'u-premium', country: 'US' };

  async function issuer(ttlSeconds?: number) {
    return new GatewayCredentialIssuer(await loadSigningKey('gateway', source), ttlSeconds);
  }
  async function verifier() {
    return new GatewayCredentialVerifier(await loadVerificationKeys('gateway', source));
  }

  it('carry the account and country from the issuer to the verifier', async () => {
    const token = await (await issuer()).credentialFor(caller);
    await expect((await verifier()).verify(token)).resolves.toEqual(caller);
  });

  it('carry an anonymous caller without a country as nulls', async () => {
    const anonymous: Caller = { accountId: null, country: null };
    const token = await (await issuer()).credentialFor(anonymous);
    await expect((await verifier()).verify(token)).resolves.toEqual(anonymous);
  });

  it('carry an anonymous caller with a country', async () => {
    const token = await (await issuer()).credentialFor({ accountId: null, country: 'GB' });
    await expect((await verifier()).verify(token)).resolves.toEqual({ accountId: null, country: 'GB' });
  });

  it('are reused for the same caller instead of signed again', async () => {
    const gatewayIssuer = await issuer();
    const first = await gatewayIssuer.credentialFor(caller);
    const second = await gatewayIssuer.credentialFor({ ...caller });
    expect(second).toBe(first);
  });

  it('differ across callers, including callers that differ only in country', async () => {
    const gatewayIssuer = await issuer();
    const tokens = await Promise.all(
      [
        caller,
        { accountId: 'u-basic', country: 'US' },
        { accountId: 'u-premium', country: 'GB' },
        { accountId: 'u-premium', country: null },
        { accountId: null, country: 'US' },
      ].map((each) => gatewayIssuer.credentialFor(each)),
    );
    expect(new Set(tokens).size).toBe(tokens.length);
  });

  it('are verified the same way when the verifier has seen them before', async () => {
    const token = await (await issuer()).credentialFor(caller);
    const gatewayVerifier = await verifier();
    await gatewayVerifier.verify(token);
    await expect(gatewayVerifier.verify(token)).resolves.toEqual(caller);
  });

  it.each([
    ['missing', undefined],
    ['empty', ''],
    ['garbage', 'not-a-jwt'],
    ['three garbage segments', 'aaa.bbb.ccc'],
  ])('are refused when %s', async (_case, token) => {
    await expect((await verifier()).verify(token)).rejects.toThrow(InvalidGatewayCredentialError);
  });

  it('are refused when signed with another key', async () => {
    const otherIssuer = new GatewayCredentialIssuer(await loadSigningKey('gateway', developmentKeys()));
    const token = await otherIssuer.credentialFor(caller);
    await expect((await verifier()).verify(token)).rejects.toThrow(InvalidGatewayCredentialError);
  });

  it('are refused when signed with the key of another purpose', async () => {
    const identityIssuer = new GatewayCredentialIssuer(await loadSigningKey('identity', source));
    const token = await identityIssuer.credentialFor(caller);
    await expect((await verifier()).verify(token)).rejects.toThrow(InvalidGatewayCredentialError);
  });

  it('are refused when expired', async () => {
    const key = await loadSigningKey('gateway', source);
    const now = Math.floor(Date.now() / 1000);
    const token = await new SignJWT({ ctry: 'US' })
      .setProtectedHeader({ alg: 'EdDSA', kid: key.kid })
      .setIssuer('gateway')
      .setAudience('subgraphs')
      .setSubject('u-premium')
      .setIssuedAt(now - 120)
      .setExpirationTime(now - 60)
      .sign(key.privateKey);
    await expect((await verifier()).verify(token)).rejects.toThrow(
      expect.objectContaining({
        name: 'InvalidGatewayCredentialError',
        message: expect.stringMatching(/"exp" claim timestamp check failed/),
      }),
    );
  });

  it.each([
    ['issuer', 'someone-else', 'subgraphs'],
    ['audience', 'gateway', 'browsers'],
  ])('are refused when signed with the right key for another %s', async (_claim, issuer, audience) => {
    const key = await loadSigningKey('gateway', source);
    const token = await new SignJWT({ ctry: 'US' })
      .setProtectedHeader({ alg: 'EdDSA', kid: key.kid })
      .setIssuer(issuer)
      .setAudience(audience)
      .setSubject('u-premium')
      .setExpirationTime('1m')
      .sign(key.privateKey);
    await expect((await verifier()).verify(token)).rejects.toThrow(InvalidGatewayCredentialError);
  });

  it('are signed again once the reuse period has passed', async () => {
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
    try {
      const gatewayIssuer = await issuer(60);
      const first = await gatewayIssuer.credentialFor(caller);
      jest.advanceTimersByTime(39_000);
      expect(await gatewayIssuer.credentialFor(caller)).toBe(first);
      jest.advanceTimersByTime(2_000);
      expect(await gatewayIssuer.credentialFor(caller)).not.toBe(first);
    } finally {
      jest.useRealTimers();
    }
  });
});
