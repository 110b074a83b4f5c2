import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SignJWT } from 'jose';
import { loadSigningKey, loadVerificationKeys, type KeySource } from '@platform/keys/keyring';
import {
  bodyHash,
  GatewayCredentialIssuer,
  GatewayCredentialVerifier,
  InvalidGatewayCredentialError,
  type Caller,
} from './gatewayCredential';

const developmentKeys = (): KeySource => ({
  kind: 'development',
  dir: mkdtempSync(path.join(tmpdir(), 'gateway-credential-')),
});

/** A subgraph fetch body, as the gateway sends it. */
const BODY = JSON.stringify({ query: '{ me { id } }', variables: {} });
const bytes = (body: string) => Buffer.from(body, 'utf8');

describe('gateway credentials', () => {
  const source = developmentKeys();
  const caller: Caller = { accountId: 'u-premium', country: 'US', roles: ['viewer'] };

  async function issuer(ttlSeconds?: number) {
    return new GatewayCredentialIssuer(await loadSigningKey('gateway', source), ttlSeconds);
  }
  async function verifier() {
    return new GatewayCredentialVerifier(await loadVerificationKeys('gateway', source));
  }

  it('carry the account and country from the issuer to the verifier', async () => {
    const token = await (await issuer()).credentialFor(caller, BODY);
    await expect((await verifier()).verify(token, bytes(BODY))).resolves.toEqual(caller);
  });

  it('carry an anonymous caller without a country as nulls', async () => {
    const anonymous: Caller = { accountId: null, country: null, roles: ['viewer'] };
    const token = await (await issuer()).credentialFor(anonymous, BODY);
    await expect((await verifier()).verify(token, bytes(BODY))).resolves.toEqual(anonymous);
  });

  it('carry an anonymous caller with a country', async () => {
    const token = await (await issuer()).credentialFor({ accountId: null, country: 'GB' }, BODY);
    await expect((await verifier()).verify(token, bytes(BODY))).resolves.toEqual({
      accountId: null,
      country: 'GB',
      roles: ['viewer'],
    });
  });

  it("carry the caller's roles: an analyst stays an analyst, and a caller without roles is a viewer", async () => {
    const analyst: Caller = { accountId: 'ana', country: null, roles: ['analyst'] };
    const signed = await (await issuer()).credentialFor(analyst, BODY);
    await expect((await verifier()).verify(signed, bytes(BODY))).resolves.toEqual(analyst);
    const device = await (await issuer()).credentialFor({ accountId: 'u-premium', country: 'US' }, BODY);
    await expect((await verifier()).verify(device, bytes(BODY))).resolves.toEqual(caller);
  });

  it('are bound to the exact bytes of the body, non-ASCII text included', async () => {
    const body = JSON.stringify({ query: '{ title(id: "t-ü") { id } }' });
    const token = await (await issuer()).credentialFor(caller, body);
    await expect((await verifier()).verify(token, Buffer.from(body, 'utf8'))).resolves.toEqual(caller);
  });

  it.each([
    ['another body', JSON.stringify({ query: '{ _entities(representations: []) { __typename } }' })],
    ['the same body with a byte more', `${BODY} `],
    ['an empty body', ''],
  ])('are refused with %s than the one they were signed for', async (_case, other) => {
    const token = await (await issuer()).credentialFor(caller, BODY);
    await expect((await verifier()).verify(token, bytes(other))).rejects.toThrow(
      expect.objectContaining({
        name: 'InvalidGatewayCredentialError',
        message: 'Invalid gateway credential: it was not signed for this request body',
      }),
    );
  });

  it('are signed afresh for every fetch, even for the same caller and body', async () => {
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'] });
    try {
      const gatewayIssuer = await issuer();
      const first = await gatewayIssuer.credentialFor(caller, BODY);
      jest.advanceTimersByTime(1_000);
      expect(await gatewayIssuer.credentialFor(caller, BODY)).not.toBe(first);
    } finally {
      jest.useRealTimers();
    }
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
      ].map((each) => gatewayIssuer.credentialFor(each, BODY)),
    );
    expect(new Set(tokens).size).toBe(tokens.length);
  });

  it('are verified the same way a second time', async () => {
    const token = await (await issuer()).credentialFor(caller, BODY);
    const gatewayVerifier = await verifier();
    await gatewayVerifier.verify(token, bytes(BODY));
    await expect(gatewayVerifier.verify(token, bytes(BODY))).resolves.toEqual(caller);
  });

  it.each([
    ['missing', undefined],
    ['empty', ''],
    ['garbage', 'not-a-jwt'],
    ['three garbage segments', 'aaa.bbb.ccc'],
  ])('are refused when %s', async (_case, token) => {
    await expect((await verifier()).verify(token, bytes(BODY))).rejects.toThrow(
      InvalidGatewayCredentialError,
    );
  });

  it('are refused when signed with another key', async () => {
    const otherIssuer = new GatewayCredentialIssuer(await loadSigningKey('gateway', developmentKeys()));
    const token = await otherIssuer.credentialFor(caller, BODY);
    await expect((await verifier()).verify(token, bytes(BODY))).rejects.toThrow(
      InvalidGatewayCredentialError,
    );
  });

  it('are refused when signed with the key of another purpose', async () => {
    const identityIssuer = new GatewayCredentialIssuer(await loadSigningKey('identity', source));
    const token = await identityIssuer.credentialFor(caller, BODY);
    await expect((await verifier()).verify(token, bytes(BODY))).rejects.toThrow(
      InvalidGatewayCredentialError,
    );
  });

  it('are refused when expired', async () => {
    const key = await loadSigningKey('gateway', source);
    const now = Math.floor(Date.now() / 1000);
    const token = await new SignJWT({ ctry: 'US', bh: bodyHash(BODY) })
      .setProtectedHeader({ alg: 'EdDSA', kid: key.kid })
      .setIssuer('gateway')
      .setAudience('subgraphs')
      .setSubject('u-premium')
      .setIssuedAt(now - 120)
      .setExpirationTime(now - 60)
      .sign(key.privateKey);
    await expect((await verifier()).verify(token, bytes(BODY))).rejects.toThrow(
      expect.objectContaining({
        name: 'InvalidGatewayCredentialError',
        message: expect.stringMatching(/"exp" claim timestamp check failed/),
      }),
    );
  });

  it('are refused when signed with the right key but bound to no body', async () => {
    const key = await loadSigningKey('gateway', source);
    const token = await new SignJWT({ ctry: 'US' })
      .setProtectedHeader({ alg: 'EdDSA', kid: key.kid })
      .setIssuer('gateway')
      .setAudience('subgraphs')
      .setSubject('u-premium')
      .setExpirationTime('1m')
      .sign(key.privateKey);
    await expect((await verifier()).verify(token, bytes(BODY))).rejects.toThrow(
      InvalidGatewayCredentialError,
    );
  });

  it.each([
    ['issuer', 'someone-else', 'subgraphs'],
    ['audience', 'gateway', 'browsers'],
  ])('are refused when signed with the right key for another %s', async (_claim, issuer, audience) => {
    const key = await loadSigningKey('gateway', source);
    const token = await new SignJWT({ ctry: 'US', bh: bodyHash(BODY) })
      .setProtectedHeader({ alg: 'EdDSA', kid: key.kid })
      .setIssuer(issuer)
      .setAudience(audience)
      .setSubject('u-premium')
      .setExpirationTime('1m')
      .sign(key.privateKey);
    await expect((await verifier()).verify(token, bytes(BODY))).rejects.toThrow(
      InvalidGatewayCredentialError,
    );
  });
});

describe('gateway credentials signed without jose', () => {
  it('are byte for byte the compact JWS that jose signs for the same claims', async () => {
    const key = await loadSigningKey('gateway', developmentKeys());
    const before = Math.floor(Date.now() / 1000);
    const token = await new GatewayCredentialIssuer(key, 60).credentialFor(
      { accountId: 'u-premium', country: null },
      BODY,
    );
    const iat = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()).iat as number;
    expect(iat).toBeGreaterThanOrEqual(before);
    const expected = await new SignJWT({ ctry: null, bh: bodyHash(BODY) })
      .setProtectedHeader({ alg: 'EdDSA', kid: key.kid })
      .setIssuer('gateway')
      .setAudience('subgraphs')
      .setSubject('u-premium')
      .setIssuedAt(iat)
      .setExpirationTime(iat + 60)
      .sign(key.privateKey);
    expect(token).toBe(expected);
  });
});
