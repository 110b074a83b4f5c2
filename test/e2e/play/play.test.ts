/**
 * The device contract (docs/play-contract.md), end to end: the real processes of `npm start`, one `play`
 * request per decision reason, manifests verified against the gateway's JWK Set as a player would.
 */
import { print } from 'graphql';
import { SignJWT, createRemoteJWKSet, generateKeyPair, jwtVerify, type JWTPayload } from 'jose';
import { API_AUDIENCE, DEVELOPMENT_ISSUER, issueDevelopmentToken } from '@platform/identity';
import { loadSigningKey } from '@platform/keys/keyring';
import { PlayDocument } from '../../../clients/__generated__/operations';
import { FAR_FUTURE, LONG_AGO, Seed, STANDARD_LADDER } from '@testing/seed';
import { startTestStack, type TestStack } from '@testing/stack';

/** The device operation itself, as device teams send it (clients/operations/Play.graphql). */
const PLAY = print(PlayDocument);

const TV = {
  id: 'tv-1',
  type: 'TV',
  codecs: ['H264', 'HEVC'],
  maxHeight: 2160,
  hdr: ['HDR10'],
  drm: ['WIDEVINE', 'PLAYREADY'],
};

const seed = new Seed()
  .subscriber('acct-premium', 'PREMIUM')
  .profile('prof-premium-adult', 'acct-premium')
  .profile('prof-premium-kids', 'acct-premium', { kind: 'KIDS', maxMaturity: 7 })
  .subscriber('acct-basic', 'BASIC')
  .profile('prof-basic', 'acct-basic')
  .account('acct-none')
  .profile('prof-none', 'acct-none')
  .account('acct-renter')
  .profile('prof-renter', 'acct-renter')
  .account('acct-buyer')
  .profile('prof-buyer', 'acct-buyer')
  .title('t-basic', {
    rental: { priceCents: 399, currency: 'USD', hours: 48 },
    purchase: { priceCents: 1499, currency: 'USD' },
  })
  .title('t-premium', {
    subscriptionTier: 'PREMIUM',
    rental: { priceCents: 599, currency: 'USD', hours: 48 },
  })
  .title('t-us', { countries: ['US', 'CA'] })
  .title('t-soon', { windowStart: FAR_FUTURE })
  .title('t-mature', { maturityRating: 18 })
  .title('t-store', {
    subscriptionTier: null,
    rental: { priceCents: 499, currency: 'USD', hours: 48 },
    purchase: { priceCents: 1999, currency: 'USD' },
  })
  .title('t-rental', { subscriptionTier: null, rental: { priceCents: 399, currency: 'USD', hours: 72 } })
  .title('t-av1', {
    encodings: [{ id: 'av1-1080p', codec: 'AV1', width: 1920, height: 1080, bitrateKbps: 2400, hdr: 'SDR' }],
  })
  .entitlement({ userId: 'acct-renter', titleId: 't-rental', kind: 'RENTAL', expiresAt: LONG_AGO })
  .entitlement({ userId: 'acct-buyer', titleId: 't-store', kind: 'PURCHASE', expiresAt: null })
  .cdn('cdn-us', { regions: ['US'], priority: 1 })
  .cdn('cdn-us-sick', { regions: ['US'], priority: 0, healthy: false })
  .cdn('cdn-eu', { regions: ['GB', 'DE'], priority: 1 })
  .cdn('cdn-global', { regions: [], priority: 5 });

interface PlayResult {
  id: string;
  decision: {
    allowed: boolean;
    reason: string;
    message: string;
    prompt: { action: string; offers: { type: string; tier: string | null }[] } | null;
  };
  manifest: { jws: string; keyId: string; expiresAt: number } | null;
  title: { id: string; name: string } | null;
}

describe('play through the gateway', () => {
  let stack: TestStack;

  beforeAll(async () => {
    stack = await startTestStack(seed);
  }, 90_000);

  afterAll(async () => {
    await stack?.stop();
  });

  async function play(
    account: string,
    input: { titleId: string; profileId: string; device?: object; network?: object },
    country: string | null = 'US',
  ): Promise<PlayResult> {
    const headers: Record<string, string> = { authorization: `Bearer ${await stack.tokenFor(account)}` };
    if (country) headers['x-country'] = country;
    const { status, json } = await stack.graphql(
      { query: PLAY, variables: { input: { device: TV, ...input } } },
      headers,
    );
    expect(json.errors).toBeUndefined();
    expect(status).toBe(200);
    return (json.data as { play: PlayResult }).play;
  }

  it('answers ready once play can be served', async () => {
    const response = await fetch(`${stack.gatewayUrl}/health/ready`);
    expect(response.status).toBe(200);
  });

  it.each([
    ['TITLE_NOT_FOUND', 'acct-premium', 'prof-premium-adult', 't-missing', 'US'],
    ['PROFILE_NOT_FOUND', 'acct-premium', 'prof-missing', 't-basic', 'US'],
    ['PROFILE_NOT_FOUND', 'acct-premium', 'prof-basic', 't-basic', 'US'],
    ['GEO_RESTRICTED', 'acct-premium', 'prof-premium-adult', 't-us', 'GB'],
    ['GEO_RESTRICTED', 'acct-premium', 'prof-premium-adult', 't-us', null],
    ['OUTSIDE_LICENSE_WINDOW', 'acct-premium', 'prof-premium-adult', 't-soon', 'US'],
    ['MATURITY_RESTRICTED', 'acct-premium', 'prof-premium-kids', 't-mature', 'US'],
    ['RENTAL_EXPIRED', 'acct-renter', 'prof-renter', 't-rental', 'US'],
    ['UPGRADE_REQUIRED', 'acct-basic', 'prof-basic', 't-premium', 'US'],
    ['SUBSCRIPTION_REQUIRED', 'acct-none', 'prof-none', 't-basic', 'US'],
    ['PURCHASE_REQUIRED', 'acct-premium', 'prof-premium-adult', 't-store', 'US'],
    ['DEVICE_UNSUPPORTED', 'acct-premium', 'prof-premium-adult', 't-av1', 'US'],
  ])(
    'refuses with %s (%s, %s, %s, country %s) and issues no manifest',
    async (reason, account, profileId, titleId, country) => {
      const result = await play(account, { titleId, profileId }, country);
      expect(result.decision).toMatchObject({ allowed: false, reason });
      expect(result.decision.message).toMatch(/\w+/);
      expect(result.manifest).toBeNull();
    },
  );

  it('offers the way out with each commercial refusal', async () => {
    const upgrade = await play('acct-basic', { titleId: 't-premium', profileId: 'prof-basic' });
    expect(upgrade.decision.prompt).toEqual({
      action: 'UPGRADE',
      offers: [
        {
          type: 'SUBSCRIPTION',
          tier: 'PREMIUM',
          priceCents: expect.any(Number),
          currency: 'USD',
          rentalHours: null,
        },
        { type: 'RENTAL', tier: null, priceCents: 599, currency: 'USD', rentalHours: 48 },
      ],
    });
    const expired = await play('acct-renter', { titleId: 't-rental', profileId: 'prof-renter' });
    expect(expired.decision.prompt).toEqual({
      action: 'RENT',
      offers: [{ type: 'RENTAL', tier: null, priceCents: 399, currency: 'USD', rentalHours: 72 }],
    });
    const store = await play('acct-premium', { titleId: 't-store', profileId: 'prof-premium-adult' });
    expect(store.decision.prompt?.offers.map((offer) => offer.type)).toEqual(['RENTAL', 'PURCHASE']);
  });

  it('grants a subscriber a manifest that verifies against the gateway JWK Set', async () => {
    const result = await play('acct-premium', { titleId: 't-premium', profileId: 'prof-premium-adult' });
    expect(result.decision).toEqual({
      allowed: true,
      reason: 'GRANTED',
      message: expect.any(String),
      prompt: null,
    });
    expect(result.title).toEqual({ id: 't-premium', name: 'Title t-premium' });
    const jwks = createRemoteJWKSet(new URL(`${stack.gatewayUrl}/.well-known/jwks.json`));
    const { payload, protectedHeader } = await jwtVerify(result.manifest!.jws, jwks);
    expect(protectedHeader).toMatchObject({ alg: 'EdDSA', kid: result.manifest!.keyId });
    expect(payload).toMatchObject({
      sub: 'prof-premium-adult',
      acct: 'acct-premium',
      titleId: 't-premium',
      exp: result.manifest!.expiresAt,
    });
    expect(payload.drm).toEqual({ system: 'WIDEVINE', licenseUrl: expect.stringContaining('widevine') });
    const variants = payload.variants as { id: string; height: number; bitrateKbps: number; hdr: string }[];
    expect(variants.map((variant) => variant.id)).toEqual(
      [...STANDARD_LADDER].sort((a, b) => a.bitrateKbps - b.bitrateKbps).map((encoding) => encoding.id),
    );
  });

  it('caps a BASIC subscriber at 720 lines and orders CDNs for the country, healthy first', async () => {
    const result = await play('acct-basic', {
      titleId: 't-basic',
      profileId: 'prof-basic',
      network: { type: 'WIFI', downlinkKbps: 4000 },
    });
    const payload = await verifiedManifest(result);
    const variants = payload.variants as { id: string; height: number; bitrateKbps: number }[];
    expect(variants.map((variant) => variant.height)).toEqual([240, 480, 720]);
    expect(payload.abr).toEqual({ startVariantId: 'h264-480p', maxBitrateKbps: 3000 });
    const cdns = payload.cdns as { id: string; token: string }[];
    expect(cdns.map((cdn) => cdn.id)).toEqual(['cdn-us', 'cdn-global', 'cdn-us-sick']);
  });

  it('gives every CDN a segment token that an edge verifies alone, bound to the session, title and CDN', async () => {
    const payload = await verifiedManifest(
      await play('acct-buyer', { titleId: 't-store', profileId: 'prof-buyer' }),
    );
    const edgeKeys = await stack.publicKeys('edge');
    for (const cdn of payload.cdns as { id: string; token: string }[]) {
      const { payload: token } = await jwtVerify(cdn.token, edgeKeys.keyFor, { audience: cdn.id });
      expect(token).toMatchObject({ sid: payload.sid, titleId: 't-store' });
      await expect(jwtVerify(cdn.token, edgeKeys.keyFor, { audience: 'another-cdn' })).rejects.toThrow();
    }
  });

  it('starts a new playback session id for every grant', async () => {
    const input = { titleId: 't-store', profileId: 'prof-buyer' };
    const first = await verifiedManifest(await play('acct-buyer', input));
    const second = await verifiedManifest(await play('acct-buyer', input));
    expect(first.sid).not.toEqual(second.sid);
  });

  it('serves the profile picker and the catalog to the same token', async () => {
    const headers = { authorization: `Bearer ${await stack.tokenFor('acct-premium')}` };
    const me = await stack.graphql({ query: '{ me { id profiles { id kind maxMaturity } } }' }, headers);
    expect(me.json.data).toEqual({
      me: {
        id: 'acct-premium',
        profiles: [
          { id: 'prof-premium-adult', kind: 'ADULT', maxMaturity: 18 },
          { id: 'prof-premium-kids', kind: 'KIDS', maxMaturity: 7 },
        ],
      },
    });
    const titles = await stack.graphql(
      { query: '{ titles(first: 3) { totalCount edges { node { id } } } }' },
      headers,
    );
    expect(titles.json.data).toEqual({
      titles: {
        totalCount: 8,
        edges: [{ node: { id: 't-av1' } }, { node: { id: 't-basic' } }, { node: { id: 't-mature' } }],
      },
    });
  });

  it('refuses a request straight to a subgraph that lacks the gateway credential', async () => {
    for (const port of [
      stack.ports.playback,
      stack.ports.entitlements,
      stack.ports.profiles,
      stack.ports.catalog,
    ]) {
      const response = await fetch(`http://127.0.0.1:${port}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: '{ _service { sdl } }' }),
      });
      expect(response.status).toBe(401);
      expect(
        ((await response.json()) as { errors: { extensions: { code: string } }[] }).errors[0]!.extensions
          .code,
      ).toBe('UNAUTHENTICATED');
    }
  });

  describe('bad input gets a clear error while the stack keeps serving', () => {
    const validBody = {
      query: PLAY,
      variables: { input: { titleId: 't-basic', profileId: 'prof-basic', device: TV } },
    };

    it('answers 400 to a body that is not JSON', async () => {
      const { status, json } = await stack.graphql('{"query": ', {
        authorization: `Bearer ${await stack.tokenFor('acct-basic')}`,
      });
      expect(status).toBe(400);
      expect(json.errors?.[0]?.extensions?.code).toBe('BAD_REQUEST');
    });

    it('answers 400 to an unknown enum value, naming it', async () => {
      const body = {
        ...validBody,
        variables: { input: { ...validBody.variables.input, device: { ...TV, codecs: ['MPEG2'] } } },
      };
      const { status, json } = await stack.graphql(body, {
        authorization: `Bearer ${await stack.tokenFor('acct-basic')}`,
      });
      expect(status).toBe(400);
      expect(json.errors?.[0]?.message).toMatch(/MPEG2/);
      expect(json.data).toBeUndefined();
    });

    it('answers 401 UNAUTHENTICATED without a token', async () => {
      const { status, json } = await stack.graphql(validBody);
      expect(status).toBe(401);
      expect(json.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      expect(json.data).toBeUndefined();
    });

    it('answers 401 UNAUTHENTICATED to a forged or expired token', async () => {
      const { privateKey } = await generateKeyPair('EdDSA', { crv: 'Ed25519' });
      const forged = await new SignJWT({})
        .setProtectedHeader({ alg: 'EdDSA', kid: 'dev-identity-forged' })
        .setIssuer(DEVELOPMENT_ISSUER)
        .setAudience(API_AUDIENCE)
        .setSubject('acct-premium')
        .setExpirationTime('1h')
        .sign(privateKey);
      const tampered = (await stack.tokenFor('acct-basic')).replace(
        /\.[^.]+\./,
        `.${Buffer.from('{"sub":"acct-premium"}').toString('base64url')}.`,
      );
      const identityKey = await loadSigningKey('identity', { kind: 'development', dir: stack.keysDir });
      const expired = await issueDevelopmentToken(identityKey, 'acct-basic', { ttlSeconds: -60 });
      for (const token of [forged, tampered, expired, 'not-a-jwt']) {
        const { status, json } = await stack.graphql(validBody, { authorization: `Bearer ${token}` });
        expect(status).toBe(401);
        expect(json.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      }
    });

    it('still grants a valid request afterwards', async () => {
      const result = await play('acct-basic', { titleId: 't-basic', profileId: 'prof-basic' });
      expect(result.decision.reason).toBe('GRANTED');
    });
  });

  async function verifiedManifest(result: PlayResult): Promise<JWTPayload & Record<string, unknown>> {
    expect(result.decision.reason).toBe('GRANTED');
    const jwks = createRemoteJWKSet(new URL(`${stack.gatewayUrl}/.well-known/jwks.json`));
    return (await jwtVerify(result.manifest!.jws, jwks)).payload;
  }
});
