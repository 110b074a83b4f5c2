import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { SignJWT } from 'jose';
import {
  deriveSubgraphKey,
  loadGatewaySecret,
  loadSubgraphKeys,
  type SecretSource,
} from '@platform/keys/gatewaySecret';
import {
  bodyHash,
  GatewayCredentialIssuer,
  GatewayCredentialVerifier,
  InvalidGatewayCredentialError,
  type Caller,
} from './gatewayCredential';

const developmentKeys = (): SecretSource => ({
  kind: 'development',
  dir: mkdtempSync(path.join(tmpdir(), 'gateway-credential-')),
});

/** A subgraph fetch body, as the gateway sends it. */
const BODY = JSON.stringify({ query: '{ me { id } }', variables: {} });
const bytes = (body: string) => Buffer.from(body, 'utf8');

describe('gateway credentials', () => {
  const source = developmentKeys();
  const caller: Caller = { accountId: 'u-premium', country: 'US', roles: ['viewer'] };

  /** The gateway's signer for catalog. */
  async function issuer(ttlSeconds?: number, subgraph = 'catalog') {
    return new GatewayCredentialIssuer(await loadGatewaySecret(source), ttlSeconds).forSubgraph(subgraph);
  }
  /** Catalog's verifier. */
  async function verifier(subgraph = 'catalog') {
    return new GatewayCredentialVerifier(subgraph, await loadSubgraphKeys(subgraph, source));
  }
  /** A JWS signed with catalog's own key, with whatever claims a test needs. */
  async function signedByCatalogKey(claims: Record<string, unknown>, alg = 'HS256') {
    const secret = await loadGatewaySecret(source);
    return new SignJWT(claims)
      .setProtectedHeader({ alg, kid: secret.kid })
      .sign(deriveSubgraphKey(secret.key, 'catalog'));
  }

  it('carry the account and country from the issuer to the verifier', async () => {
    const token = (await issuer()).credentialFor(caller, BODY);
    await expect((await verifier()).verify(token, bytes(BODY))).resolves.toEqual(caller);
  });

  it('carry an anonymous caller without a country as nulls', async () => {
    const anonymous: Caller = { accountId: null, country: null, roles: ['viewer'] };
    const token = (await issuer()).credentialFor(anonymous, BODY);
    await expect((await verifier()).verify(token, bytes(BODY))).resolves.toEqual(anonymous);
  });

  it('carry an anonymous caller with a country', async () => {
    const token = (await issuer()).credentialFor({ accountId: null, country: 'GB' }, BODY);
    await expect((await verifier()).verify(token, bytes(BODY))).resolves.toEqual({
      accountId: null,
      country: 'GB',
      roles: ['viewer'],
    });
  });

  it("carry the caller's roles: an analyst stays an analyst, and a caller without roles is a viewer", async () => {
    const analyst: Caller = { accountId: 'ana', country: null, roles: ['analyst'] };
    const signed = (await issuer()).credentialFor(analyst, BODY);
    await expect((await verifier()).verify(signed, bytes(BODY))).resolves.toEqual(analyst);
    const device = (await issuer()).credentialFor({ accountId: 'u-premium', country: 'US' }, BODY);
    await expect((await verifier()).verify(device, bytes(BODY))).resolves.toEqual(caller);
  });

  it('are bound to the exact bytes of the body, non-ASCII text included', async () => {
    const body = JSON.stringify({ query: '{ title(id: "t-ü") { id } }' });
    const token = (await issuer()).credentialFor(caller, body);
    await expect((await verifier()).verify(token, Buffer.from(body, 'utf8'))).resolves.toEqual(caller);
  });

  it.each([
    ['another body', JSON.stringify({ query: '{ _entities(representations: []) { __typename } }' })],
    ['the same body with a byte more', `${BODY} `],
    ['an empty body', ''],
  ])('are refused with %s than the one they were signed for', async (_case, other) => {
    const token = (await issuer()).credentialFor(caller, BODY);
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
      const first = gatewayIssuer.credentialFor(caller, BODY);
      jest.advanceTimersByTime(1_000);
      expect(gatewayIssuer.credentialFor(caller, BODY)).not.toBe(first);
    } finally {
      jest.useRealTimers();
    }
  });

  it('differ across callers, including callers that differ only in country', async () => {
    const gatewayIssuer = await issuer();
    const tokens = (
      [
        caller,
        { accountId: 'u-basic', country: 'US' },
        { accountId: 'u-premium', country: 'GB' },
        { accountId: 'u-premium', country: null },
        { accountId: null, country: 'US' },
      ] as Caller[]
    ).map((each) => gatewayIssuer.credentialFor(each, BODY));
    expect(new Set(tokens).size).toBe(tokens.length);
  });

  it('are verified the same way a second time', async () => {
    const token = (await issuer()).credentialFor(caller, BODY);
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

  it('are refused when signed with another gateway secret', async () => {
    const otherIssuer = new GatewayCredentialIssuer(await loadGatewaySecret(developmentKeys()));
    const token = otherIssuer.forSubgraph('catalog').credentialFor(caller, BODY);
    await expect((await verifier()).verify(token, bytes(BODY))).rejects.toThrow(
      InvalidGatewayCredentialError,
    );
  });

  it('are refused by another subgraph: each holds its own key, and the audience names it', async () => {
    const forProfiles = await issuer(60, 'profiles');
    const token = forProfiles.credentialFor(caller, BODY);
    await expect((await verifier('profiles')).verify(token, bytes(BODY))).resolves.toEqual(caller);
    await expect((await verifier('catalog')).verify(token, bytes(BODY))).rejects.toThrow(
      InvalidGatewayCredentialError,
    );
    // Even with the catalog's key (a catalog that would accept anything signed for it), the audience
    // of a credential signed for profiles is not the catalog.
    const catalogKeys = await loadSubgraphKeys('catalog', source);
    const [kid] = catalogKeys.keys();
    const profilesKeys = new Map([[kid!, (await loadSubgraphKeys('profiles', source)).get(kid!)!]]);
    await expect(
      new GatewayCredentialVerifier('catalog', profilesKeys).verify(token, bytes(BODY)),
    ).rejects.toThrow(/unexpected "aud" claim value/);
  });

  it('are refused when signed with the right key but another algorithm', async () => {
    const exp = Math.floor(Date.now() / 1000) + 60;
    const claims = { ctry: 'US', bh: bodyHash(BODY), iss: 'gateway', aud: 'catalog', sub: 'u-premium', exp };
    await expect((await verifier()).verify(await signedByCatalogKey(claims), bytes(BODY))).resolves.toEqual(
      expect.objectContaining({ accountId: 'u-premium' }),
    );
    await expect(
      (await verifier()).verify(await signedByCatalogKey(claims, 'HS512'), bytes(BODY)),
    ).rejects.toThrow(/"alg" \(Algorithm\) Header Parameter value not allowed/);
  });

  it('are refused when expired', async () => {
    const now = Math.floor(Date.now() / 1000);
    const token = await signedByCatalogKey({
      ctry: 'US',
      bh: bodyHash(BODY),
      iss: 'gateway',
      aud: 'catalog',
      sub: 'u-premium',
      iat: now - 120,
      exp: now - 60,
    });
    await expect((await verifier()).verify(token, bytes(BODY))).rejects.toThrow(
      expect.objectContaining({
        name: 'InvalidGatewayCredentialError',
        message: expect.stringMatching(/"exp" claim timestamp check failed/),
      }),
    );
  });

  it('are refused when signed with the right key but bound to no body', async () => {
    const exp = Math.floor(Date.now() / 1000) + 60;
    const token = await signedByCatalogKey({
      ctry: 'US',
      iss: 'gateway',
      aud: 'catalog',
      sub: 'u-premium',
      exp,
    });
    await expect((await verifier()).verify(token, bytes(BODY))).rejects.toThrow(
      InvalidGatewayCredentialError,
    );
  });

  it.each([
    ['issuer', 'someone-else', 'catalog'],
    ['audience', 'gateway', 'subgraphs'],
  ])('are refused when signed with the right key for another %s', async (_claim, iss, aud) => {
    const exp = Math.floor(Date.now() / 1000) + 60;
    const token = await signedByCatalogKey({
      ctry: 'US',
      bh: bodyHash(BODY),
      iss,
      aud,
      sub: 'u-premium',
      exp,
    });
    await expect((await verifier()).verify(token, bytes(BODY))).rejects.toThrow(
      InvalidGatewayCredentialError,
    );
  });
});

describe('gateway credentials signed without jose', () => {
  it('are the compact JWS that jose signs for the same claims, with the subgraph key', async () => {
    const source = developmentKeys();
    const secret = await loadGatewaySecret(source);
    const before = Math.floor(Date.now() / 1000);
    const token = new GatewayCredentialIssuer(secret, 60)
      .forSubgraph('entitlements')
      .credentialFor({ accountId: 'u-premium', country: null }, BODY);
    const iat = JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()).iat as number;
    expect(iat).toBeGreaterThanOrEqual(before);
    const expected = await new SignJWT({ ctry: null, bh: bodyHash(BODY) })
      .setProtectedHeader({ alg: 'HS256', kid: secret.kid })
      .setIssuer('gateway')
      .setAudience('entitlements')
      .setSubject('u-premium')
      .setIssuedAt(iat)
      .setExpirationTime(iat + 60)
      .sign(deriveSubgraphKey(secret.key, 'entitlements'));
    expect(token).toBe(expected);
  });
});
