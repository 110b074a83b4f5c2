import path from 'node:path';
import { jwtVerify, UnsecuredJWT } from 'jose';
import type { Caller } from '@contracts/gatewayCredential';
import { loadDataset } from '@platform/dataset/load';
import { DECISION_MESSAGES, type DecisionReason } from '@contracts/decision';
import { signGrant, type GrantBasis, type GrantBinding } from '@contracts/grant';
import {
  loadSigningKey,
  loadVerificationKeys,
  type SigningKey,
  type VerificationKeys,
} from '@platform/keys/keyring';
import {
  createSubgraphHarness,
  DEFAULT_CALLER,
  temporaryKeysDir,
  type RunningSubgraph,
} from '@testing/subgraphHarness';
import type { Prompt } from './__generated__/resolvers';
import { MemoryCdnRepository } from './data/memoryCdnRepository';
import { MemoryHistoryRepository } from './data/memoryHistoryRepository';
import { StaticFlagSource } from './data/staticFlagSource';
import { WatchHistory } from './history/watchHistory';
import {
  ManifestSigner,
  PAUSE_ALLOWANCE_SECONDS,
  PREFETCH_LIFETIME_SECONDS,
  PREFETCH_START_SECONDS,
} from './manifest/sign';
import { createPlaybackServer } from './server';

const dataset = loadDataset();
const ISSUER = 'https://playback.test';
const LICENSE_BASE_URL = 'https://license.test/drm';

const PLAY = /* GraphQL */ `
  query Play($input: PlayInput!) {
    play(input: $input) {
      id
      title {
        id
      }
      profile {
        id
      }
    }
  }
`;

const OUTCOMES = /* GraphQL */ `
  query Outcomes($representations: [_Any!]!) {
    _entities(representations: $representations) {
      ... on PlaySession {
        id
        decision {
          allowed
          reason
          message
          prompt {
            action
            offers {
              type
              tier
              priceCents
              currency
              rentalHours
            }
          }
        }
        manifest {
          jws
          keyId
          expiresAt
        }
      }
    }
  }
`;

interface PlayData {
  play: { id: string; title: { id: string }; profile: { id: string } };
}

interface Outcome {
  id: string;
  decision: { allowed: boolean; reason: DecisionReason; message: string; prompt: Prompt | null };
  manifest: { jws: string; keyId: string; expiresAt: number } | null;
}

/** The entitlement as the gateway hands it to playback through `@requires`. */
interface EntitlementRepresentation {
  allowed: boolean;
  reason: DecisionReason;
  message: string;
  grant: string | null;
  prompt: Prompt | null;
}

interface ManifestPayload {
  iss: string;
  iat: number;
  exp: number;
  sid: string;
  sub: string;
  acct: string;
  titleId: string;
  variants: { id: string; codec: string; width: number; height: number; bitrateKbps: number; hdr: string }[];
  drm: { system: string; licenseUrl: string } | null;
  cdns: { id: string; baseUrl: string; priority: number; token: string }[];
  abr: { startVariantId: string; maxBitrateKbps: number };
}

/** A 4K HDR10 TV on Wi-Fi that decodes H264 and HEVC and protects with Widevine. */
const TV = {
  id: 'tv-1',
  type: 'TV',
  codecs: ['H264', 'HEVC'],
  maxHeight: 2160,
  hdr: ['HDR10'],
  drm: ['WIDEVINE'],
};

/** What the premium adult asks for unless a test says otherwise. */
const PREMIUM_4K_BINDING: GrantBinding = {
  accountId: 'u-premium',
  profileId: 'p-premium-adult',
  titleId: 't-premium-4k',
  country: 'US',
};

/** The title fields `@requires` asks the catalog for, straight from the demo dataset. */
function titleRepresentation(titleId: string) {
  const { durationSeconds, drmRequired, encodings } = dataset.titles.find((title) => title.id === titleId)!;
  return { durationSeconds, drmRequired, encodings };
}

const inFiveMinutes = () => Math.floor(Date.now() / 1000) + 300;

describe('the playback subgraph', () => {
  let playback: RunningSubgraph;
  let grantKey: SigningKey;
  let forgedGrantKey: SigningKey;
  let manifestKeys: VerificationKeys;
  let edgeKeys: VerificationKeys;
  let history: WatchHistory;
  /** Signs manifests as this playback does (same keys and issuer), at any time. */
  let signer: ManifestSigner;
  /** Signs manifests with keys this playback does not hold. */
  let forger: ManifestSigner;

  beforeAll(async () => {
    const harness = await createSubgraphHarness('playback', temporaryKeysDir('playback-keys-'));
    grantKey = await loadSigningKey('grant', harness.keys);
    forgedGrantKey = await loadSigningKey('grant', {
      kind: 'development',
      dir: temporaryKeysDir('playback-forger-keys-'),
    });
    manifestKeys = await loadVerificationKeys('manifest', harness.keys);
    edgeKeys = await loadVerificationKeys('edge', harness.keys);
    history = await WatchHistory.open(
      path.join(temporaryKeysDir('playback-journal-'), 'playback.jsonl'),
      new MemoryHistoryRepository(),
      harness.logger,
    );
    const edgeKey = await loadSigningKey('edge', harness.keys);
    signer = new ManifestSigner(await loadSigningKey('manifest', harness.keys), edgeKey, ISSUER);
    forger = new ManifestSigner(
      await loadSigningKey('manifest', { kind: 'development', dir: temporaryKeysDir('playback-forger-') }),
      edgeKey,
      ISSUER,
    );
    playback = await harness.startSubgraph(
      createPlaybackServer({
        cdnRepository: new MemoryCdnRepository(dataset.cdns),
        flags: new StaticFlagSource(),
        manifestKey: await loadSigningKey('manifest', harness.keys),
        edgeKey: await loadSigningKey('edge', harness.keys),
        grantKeys: await loadVerificationKeys('grant', harness.keys),
        manifestKeys,
        history,
        issuer: ISSUER,
        licenseBaseUrl: LICENSE_BASE_URL,
        credentialVerifier: harness.verifier,
        logger: harness.logger,
        production: false,
      }),
    );
  });

  afterAll(async () => {
    await playback.stop();
    await history.close();
  });

  /** Step 1 of the query plan: `play` returns the session id that carries the request. */
  async function play(
    input: { titleId?: string; profileId?: string; device?: typeof TV } = {},
    caller: Caller = DEFAULT_CALLER,
  ): Promise<string> {
    const { body } = await playback.query<PlayData>(
      {
        query: PLAY,
        variables: {
          input: {
            titleId: input.titleId ?? PREMIUM_4K_BINDING.titleId,
            profileId: input.profileId ?? PREMIUM_4K_BINDING.profileId,
            device: input.device ?? TV,
            network: { type: 'WIFI', downlinkKbps: 20_000, metered: false },
          },
        },
      },
      { caller },
    );
    expect(body.errors).toBeUndefined();
    return body.data!.play.id;
  }

  /** A grant as the entitlements service would sign it, for the premium adult's 4K title by default. */
  function grant(
    binding: Partial<GrantBinding> = {},
    key: SigningKey = grantKey,
    basis: GrantBasis = { kind: 'SUBSCRIPTION', tier: 'PREMIUM' },
  ): Promise<string> {
    return signGrant(key, { ...PREMIUM_4K_BINDING, ...binding }, basis, inFiveMinutes());
  }

  const granted = (grantToken: string | null): EntitlementRepresentation => ({
    allowed: true,
    reason: 'GRANTED',
    message: DECISION_MESSAGES.GRANTED,
    grant: grantToken,
    prompt: null,
  });

  /** Step 2 of the query plan: the gateway comes back with the entitlement and title for the outcome. */
  async function outcome(
    sessionId: string,
    entitlement: EntitlementRepresentation,
    { titleId = PREMIUM_4K_BINDING.titleId, caller = DEFAULT_CALLER } = {},
  ): Promise<Outcome> {
    const { status, body } = await playback.query<{ _entities: Outcome[] }>(
      {
        query: OUTCOMES,
        variables: {
          representations: [
            { __typename: 'PlaySession', id: sessionId, entitlement, title: titleRepresentation(titleId) },
          ],
        },
      },
      { caller },
    );
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    return body.data!._entities[0]!;
  }

  /** A manifest as playback signs it for a grant (or a prefetch), `issuedSecondsAgo` in the past. */
  async function manifestFor(
    { accountId = 'u-premium', profileId = 'p-premium-adult', titleId = 't-basic-drama' } = {},
    { by = signer, issuedSecondsAgo = 0, prefetch = false } = {},
  ): Promise<string> {
    const signed = await by.sign(
      {
        sessionId: `sid-${Math.random().toString(36).slice(2)}`,
        accountId,
        profileId,
        titleId,
        durationSeconds: 3600,
        variants: [],
        drm: null,
        cdns: [],
        abr: { startVariantId: 'h264-480p', maxBitrateKbps: 3000 },
        traceId: null,
        prefetch,
      },
      new Date(Date.now() - issuedSecondsAgo * 1000),
    );
    return signed.jws;
  }

  describe('play', () => {
    it('returns a play session whose title and profile are the ones asked for', async () => {
      const { status, body } = await playback.query<PlayData>({
        query: PLAY,
        variables: {
          input: { titleId: 't-premium-4k', profileId: 'p-premium-adult', device: TV },
        },
      });

      expect(status).toBe(200);
      expect(body.errors).toBeUndefined();
      expect(body.data!.play).toEqual({
        id: expect.any(String),
        title: { id: 't-premium-4k' },
        profile: { id: 'p-premium-adult' },
      });
    });

    it('refuses with UNAUTHENTICATED when the credential carries no account', async () => {
      const { body } = await playback.query<PlayData>(
        { query: PLAY, variables: { input: { titleId: 't-premium-4k', profileId: 'p-1', device: TV } } },
        { caller: { accountId: null, country: 'US' } },
      );

      expect(body.data).toBeNull();
      expect(body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    });

    it('refuses a device with a non-positive maxHeight with BAD_USER_INPUT', async () => {
      const { body } = await playback.query<PlayData>({
        query: PLAY,
        variables: {
          input: { titleId: 't-premium-4k', profileId: 'p-premium-adult', device: { ...TV, maxHeight: 0 } },
        },
      });

      expect(body.data).toBeNull();
      expect(body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    });

    it('refuses 60,000 codecs with BAD_USER_INPUT instead of echoing them in a session id', async () => {
      const { body } = await playback.query<PlayData>({
        query: PLAY,
        variables: {
          input: {
            titleId: 't-premium-4k',
            profileId: 'p-premium-adult',
            device: { ...TV, codecs: Array.from({ length: 60_000 }, () => 'H264') },
          },
        },
      });

      expect(body.data).toBeNull();
      expect(body.errors?.[0]).toMatchObject({
        message: 'Invalid play input at device.codecs: must list at most 8 entries',
        extensions: { code: 'BAD_USER_INPUT' },
      });
    });
  });

  describe('decision and manifest', () => {
    it('issues a manifest, signed with the manifest key, for a grant signed by entitlements', async () => {
      const sessionId = await play();

      const { decision, manifest } = await outcome(sessionId, granted(await grant()));

      expect(decision).toEqual({
        allowed: true,
        reason: 'GRANTED',
        message: DECISION_MESSAGES.GRANTED,
        prompt: null,
      });
      expect(manifest).not.toBeNull();
      const { payload, protectedHeader } = await jwtVerify<ManifestPayload>(
        manifest!.jws,
        manifestKeys.keyFor,
        { issuer: ISSUER, algorithms: ['EdDSA'] },
      );
      expect(protectedHeader).toMatchObject({ alg: 'EdDSA', kid: manifest!.keyId });
      expect(payload.exp).toBe(manifest!.expiresAt);
      expect(payload).toMatchObject({
        sid: expect.any(String),
        sub: 'p-premium-adult',
        acct: 'u-premium',
        titleId: 't-premium-4k',
        drm: { system: 'WIDEVINE', licenseUrl: expect.stringContaining(`${LICENSE_BASE_URL}/widevine`) },
      });
    });

    it('lists only variants the device plays, ascending by bitrate, with a start variant among them', async () => {
      const { manifest } = await outcome(await play(), granted(await grant()));
      const { payload } = await jwtVerify<ManifestPayload>(manifest!.jws, manifestKeys.keyFor);

      expect(payload.variants.length).toBeGreaterThan(0);
      for (const variant of payload.variants) {
        expect(TV.codecs).toContain(variant.codec);
        expect(variant.height).toBeLessThanOrEqual(TV.maxHeight);
        expect(['SDR', ...TV.hdr]).toContain(variant.hdr);
      }
      const bitrates = payload.variants.map((variant) => variant.bitrateKbps);
      expect(bitrates).toEqual([...bitrates].sort((a, b) => a - b));
      expect(payload.variants.map((variant) => variant.id)).toContain(payload.abr.startVariantId);
      expect(payload.abr.maxBitrateKbps).toEqual(expect.any(Number));
    });

    it("lists the country's CDNs, healthy ones first, each with a segment token for that CDN", async () => {
      const { manifest } = await outcome(await play(), granted(await grant()));
      const { payload } = await jwtVerify<ManifestPayload>(manifest!.jws, manifestKeys.keyFor);

      expect(payload.cdns.map((cdn) => cdn.id)).toEqual(['cdn-us-east', 'cdn-global', 'cdn-us-west']);
      for (const cdn of payload.cdns) {
        const { payload: token } = await jwtVerify(cdn.token, edgeKeys.keyFor, {
          issuer: ISSUER,
          audience: cdn.id,
        });
        expect(token).toMatchObject({ sid: payload.sid, titleId: 't-premium-4k', exp: payload.exp });
      }
    });

    it('starts a new playback session id for every grant', async () => {
      const sessionId = await play();

      const first = await outcome(sessionId, granted(await grant()));
      const second = await outcome(sessionId, granted(await grant()));

      const [a, b] = await Promise.all(
        [first, second].map(({ manifest }) => jwtVerify<ManifestPayload>(manifest!.jws, manifestKeys.keyFor)),
      );
      expect(a!.payload.sid).not.toBe(b!.payload.sid);
    });

    it.each([
      ['a forged grant, signed by a key entitlements does not hold', () => grant({}, forgedGrantKey)],
      [
        'an unsigned grant (alg none)',
        async () =>
          new UnsecuredJWT({
            titleId: 't-premium-4k',
            acct: 'u-premium',
            ctry: 'US',
            basis: { kind: 'PURCHASE' },
          })
            .setIssuer('entitlements')
            .setAudience('playback')
            .setSubject('p-premium-adult')
            .setJti('unsigned-1')
            .setIssuedAt()
            .setExpirationTime(inFiveMinutes())
            .encode(),
      ],
      ['a grant for another title', () => grant({ titleId: 't-basic-drama' })],
      ['a grant for another profile', () => grant({ profileId: 'p-premium-kids' })],
      ['a grant for another account', () => grant({ accountId: 'u-basic' })],
      ['a grant for another country', () => grant({ country: 'GB' })],
      [
        'an expired grant',
        () =>
          signGrant(grantKey, PREMIUM_4K_BINDING, { kind: 'PURCHASE' }, Math.floor(Date.now() / 1000) - 60),
      ],
      ['a grant that is not a JWS at all', async () => 'not-a-grant'],
    ])('issues no manifest for %s, and answers TEMPORARILY_UNAVAILABLE', async (_case, makeGrant) => {
      const sessionId = await play();

      const { decision, manifest } = await outcome(sessionId, granted(await makeGrant()));

      expect(decision).toEqual({
        allowed: false,
        reason: 'TEMPORARILY_UNAVAILABLE',
        message: DECISION_MESSAGES.TEMPORARILY_UNAVAILABLE,
        prompt: null,
      });
      expect(manifest).toBeNull();
    });

    it('issues no manifest for an allowed entitlement that carries no grant', async () => {
      const { decision, manifest } = await outcome(await play(), granted(null));

      expect(decision).toMatchObject({ allowed: false, reason: 'TEMPORARILY_UNAVAILABLE' });
      expect(manifest).toBeNull();
    });

    it('issues no manifest when a valid grant is replayed by another account on the same session', async () => {
      const sessionId = await play();

      const { decision, manifest } = await outcome(sessionId, granted(await grant()), {
        caller: { accountId: 'u-basic', country: 'US' },
      });

      expect(decision.reason).toBe('TEMPORARILY_UNAVAILABLE');
      expect(manifest).toBeNull();
    });

    it("passes the entitlement's refusal through with its reason, message and prompt", async () => {
      const prompt: Prompt = {
        action: 'UPGRADE',
        offers: [
          { type: 'SUBSCRIPTION', tier: 'PREMIUM', priceCents: 2299, currency: 'USD', rentalHours: null },
          { type: 'RENTAL', tier: null, priceCents: 599, currency: 'USD', rentalHours: 48 },
        ],
      };
      const sessionId = await play({ profileId: 'p-basic-adult' }, { accountId: 'u-basic', country: 'US' });

      const { decision, manifest } = await outcome(
        sessionId,
        {
          allowed: false,
          reason: 'UPGRADE_REQUIRED',
          message: DECISION_MESSAGES.UPGRADE_REQUIRED,
          grant: null,
          prompt,
        },
        { caller: { accountId: 'u-basic', country: 'US' } },
      );

      expect(decision).toEqual({
        allowed: false,
        reason: 'UPGRADE_REQUIRED',
        message: DECISION_MESSAGES.UPGRADE_REQUIRED,
        prompt,
      });
      expect(manifest).toBeNull();
    });

    it.each([true, false])(
      'keeps a refusal a refusal even when a valid grant comes with it (allowed: %s)',
      async (allowed) => {
        const { decision, manifest } = await outcome(await play(), {
          allowed,
          reason: 'MATURITY_RESTRICTED',
          message: DECISION_MESSAGES.MATURITY_RESTRICTED,
          grant: await grant(),
          prompt: null,
        });

        expect(decision).toMatchObject({ allowed: false, reason: 'MATURITY_RESTRICTED' });
        expect(manifest).toBeNull();
      },
    );

    it.each([
      ['decodes none of the title encodings', { ...TV, codecs: ['AV1'] }],
      ['lists no DRM system for a title that requires DRM', { ...TV, drm: [] }],
    ])('answers DEVICE_UNSUPPORTED for a granted title when the device %s', async (_case, device) => {
      const sessionId = await play({ device });

      const { decision, manifest } = await outcome(sessionId, granted(await grant()));

      expect(decision).toEqual({
        allowed: false,
        reason: 'DEVICE_UNSUPPORTED',
        message: DECISION_MESSAGES.DEVICE_UNSUPPORTED,
        prompt: null,
      });
      expect(manifest).toBeNull();
    });

    it('answers each play session of one _entities batch, in order', async () => {
      const kidsSession = await play({ titleId: 't-kids-cartoon', profileId: 'p-premium-kids' });
      const premiumSession = await play();
      const kidsGrant = await grant({ titleId: 't-kids-cartoon', profileId: 'p-premium-kids' }, grantKey, {
        kind: 'SUBSCRIPTION',
        tier: 'PREMIUM',
      });

      const { body } = await playback.query<{ _entities: Outcome[] }>({
        query: OUTCOMES,
        variables: {
          representations: [
            {
              __typename: 'PlaySession',
              id: kidsSession,
              entitlement: granted(kidsGrant),
              title: titleRepresentation('t-kids-cartoon'),
            },
            {
              __typename: 'PlaySession',
              id: premiumSession,
              entitlement: granted(await grant({}, forgedGrantKey)),
              title: titleRepresentation('t-premium-4k'),
            },
          ],
        },
      });

      expect(body.errors).toBeUndefined();
      const [kids, premium] = body.data!._entities;
      expect(kids!.decision.reason).toBe('GRANTED');
      const { payload } = await jwtVerify<ManifestPayload>(kids!.manifest!.jws, manifestKeys.keyFor);
      expect(payload).toMatchObject({ titleId: 't-kids-cartoon', sub: 'p-premium-kids', drm: null });
      expect(premium!.decision.reason).toBe('TEMPORARILY_UNAVAILABLE');
      expect(premium!.manifest).toBeNull();
    });

    it('issues no manifest for a PlaySession representation whose id is not a play session id', async () => {
      const { body } = await playback.query<{ _entities: (Outcome | null)[] }>({
        query: OUTCOMES,
        variables: {
          representations: [
            {
              __typename: 'PlaySession',
              id: 'made-up',
              entitlement: granted(await grant()),
              title: titleRepresentation('t-premium-4k'),
            },
          ],
        },
      });

      expect(body.data?._entities?.[0]?.manifest ?? null).toBeNull();
      expect(body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    });
  });

  describe('malformed representations', () => {
    type Representation = Record<string, unknown>;
    const entitlementOf = (session: Representation) => session.entitlement as Representation;
    const titleOf = (session: Representation) => session.title as Representation;

    /** A grantable session for the premium adult's 4K title, with one part of it replaced. */
    async function malformed(
      change: (session: Representation) => void,
      device: typeof TV = TV,
    ): Promise<Representation> {
      const session: Representation = {
        __typename: 'PlaySession',
        id: await play({ device }),
        entitlement: granted(await grant()),
        // A copy: the representation shares its encodings with the dataset, which other tests read.
        title: structuredClone(titleRepresentation(PREMIUM_4K_BINDING.titleId)),
      };
      change(session);
      return session;
    }

    it.each<[string, (session: Representation) => void]>([
      ['no entitlement at all', (session) => delete session.entitlement],
      ['no title at all', (session) => delete session.title],
      ['an entitlement without allowed', (session) => delete entitlementOf(session).allowed],
      ['an entitlement without reason', (session) => delete entitlementOf(session).reason],
      ['an entitlement with a reason nobody defined', (session) => (entitlementOf(session).reason = 'VIP')],
      ['an entitlement whose allowed is a string', (session) => (entitlementOf(session).allowed = 'true')],
      [
        'an entitlement nested one level too deep',
        (session) => (session.entitlement = { entitlement: entitlementOf(session) }),
      ],
      [
        'a grant given as an object',
        (session) => (entitlementOf(session).grant = { jws: entitlementOf(session).grant }),
      ],
      ['a title without encodings', (session) => delete titleOf(session).encodings],
      ['a title without drmRequired', (session) => delete titleOf(session).drmRequired],
      [
        'a title whose encodings are a single object',
        (session) => (titleOf(session).encodings = (titleOf(session).encodings as unknown[])[0]),
      ],
      [
        'encodings nested one level too deep',
        (session) => (titleOf(session).encodings = [titleOf(session).encodings]),
      ],
      [
        'an encoding without a height',
        (session) => delete (titleOf(session).encodings as Representation[])[0]!.height,
      ],
      ['a durationSeconds given as a string', (session) => (titleOf(session).durationSeconds = '5400')],
    ])('answers TEMPORARILY_UNAVAILABLE without a manifest or an error for %s', async (_case, change) => {
      const { status, body } = await playback.query<{ _entities: Outcome[] }>({
        query: OUTCOMES,
        variables: { representations: [await malformed(change)] },
      });

      expect(status).toBe(200);
      expect(body.errors).toBeUndefined();
      expect(body.data!._entities[0]).toMatchObject({
        decision: {
          allowed: false,
          reason: 'TEMPORARILY_UNAVAILABLE',
          message: DECISION_MESSAGES.TEMPORARILY_UNAVAILABLE,
          prompt: null,
        },
        manifest: null,
      });
    });

    it('refuses a PlaySession representation whose id is not a string with BAD_USER_INPUT, not a TypeError', async () => {
      const { body } = await playback.query<{ _entities: (Outcome | null)[] }>({
        query: OUTCOMES,
        variables: { representations: [await malformed((session) => (session.id = { id: 'play1.x' }))] },
      });

      expect(body.data?._entities?.[0] ?? null).toBeNull();
      expect(body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    });

    it('still issues a manifest for a well-formed session next to a malformed one in the batch', async () => {
      const { body } = await playback.query<{ _entities: Outcome[] }>({
        query: OUTCOMES,
        variables: {
          representations: [
            await malformed((session) => delete titleOf(session).encodings),
            // Another session id: outcomes are per session id within a request.
            await malformed(() => {}, { ...TV, id: 'tv-2' }),
          ],
        },
      });

      expect(body.errors).toBeUndefined();
      expect(body.data!._entities.map((outcome) => outcome.decision.reason)).toEqual([
        'TEMPORARILY_UNAVAILABLE',
        'GRANTED',
      ]);
      expect(body.data!._entities[1]!.manifest).not.toBeNull();
    });
  });

  describe('prefetch and startPlayback', () => {
    const PREFETCH = PLAY.replace('query Play', 'query Prefetch').replace('play(input', 'prefetch(input');
    const START = /* GraphQL */ `
      mutation Start($input: StartPlaybackInput!) {
        startPlayback(input: $input) {
          id
        }
      }
    `;
    const input = {
      titleId: PREMIUM_4K_BINDING.titleId,
      profileId: PREMIUM_4K_BINDING.profileId,
      device: TV,
    };

    async function prefetched(): Promise<{ jws: string; payload: ManifestPayload & { startBy: number } }> {
      const { body } = await playback.query<{ prefetch: { id: string } }>({
        query: PREFETCH,
        variables: { input },
      });
      expect(body.errors).toBeUndefined();
      const { manifest } = await outcome(body.data!.prefetch.id, granted(await grant()));
      const { payload } = await jwtVerify<ManifestPayload & { startBy: number }>(
        manifest!.jws,
        manifestKeys.keyFor,
      );
      return { jws: manifest!.jws, payload };
    }

    async function start(manifest: string, play: object = input, caller: Caller = DEFAULT_CALLER) {
      const { body } = await playback.query<{ startPlayback: { id: string } }>(
        { query: START, variables: { input: { manifest, play } } },
        { caller },
      );
      return body;
    }

    it('issues a manifest to start within five minutes, whose tokens last fifteen', async () => {
      const { payload } = await prefetched();

      expect(payload.startBy - payload.iat).toBe(PREFETCH_START_SECONDS);
      expect(payload.exp - payload.iat).toBe(PREFETCH_LIFETIME_SECONDS);
      const { payload: token } = await jwtVerify(payload.cdns[0]!.token, edgeKeys.keyFor);
      expect(token.exp).toBe(payload.exp);
    });

    it('renews a started prefetch for the whole title, same session, when the entitlement still grants', async () => {
      const { jws, payload } = await prefetched();

      const body = await start(jws);
      expect(body.errors).toBeUndefined();
      const renewed = await outcome(body.data!.startPlayback.id, granted(await grant()));

      expect(renewed.decision.allowed).toBe(true);
      const { payload: fresh } = await jwtVerify<ManifestPayload & { startBy?: number }>(
        renewed.manifest!.jws,
        manifestKeys.keyFor,
      );
      expect(fresh.sid).toBe(payload.sid);
      expect(fresh.startBy).toBeUndefined();
      const { durationSeconds } = titleRepresentation(input.titleId);
      expect(fresh.exp - fresh.iat).toBe(durationSeconds + PAUSE_ALLOWANCE_SECONDS);
    });

    it('answers the refusal, and no manifest, when the entitlement was revoked since the prefetch', async () => {
      const { jws } = await prefetched();

      const body = await start(jws);
      const revoked = await outcome(body.data!.startPlayback.id, {
        allowed: false,
        reason: 'SUBSCRIPTION_REQUIRED',
        message: DECISION_MESSAGES.SUBSCRIPTION_REQUIRED,
        grant: null,
        prompt: null,
      });

      expect(revoked.decision).toMatchObject({ allowed: false, reason: 'SUBSCRIPTION_REQUIRED' });
      expect(revoked.manifest).toBeNull();
    });

    it.each([
      [
        'a manifest from play, which was never prefetched',
        async () => (await outcome(await play(), granted(await grant()))).manifest!.jws,
        input,
        'BAD_USER_INPUT',
      ],
      [
        'a prefetched manifest started for another title',
        async () => (await prefetched()).jws,
        { ...input, titleId: 't-basic-drama' },
        'BAD_USER_INPUT',
      ],
      [
        'a prefetched manifest that expired',
        () => manifestFor(input, { prefetch: true, issuedSecondsAgo: PREFETCH_LIFETIME_SECONDS + 60 }),
        input,
        'BAD_USER_INPUT',
      ],
      [
        'a forged prefetched manifest',
        () => manifestFor(input, { prefetch: true, by: forger }),
        input,
        'BAD_USER_INPUT',
      ],
    ])('refuses to start %s', async (_case, makeManifest, play, code) => {
      const body = await start(await makeManifest(), play);

      expect(body.data).toBeNull();
      expect(body.errors?.[0]?.extensions?.code).toBe(code);
      expect(body.errors?.[0]?.message).toMatch(/manifest/);
    });

    it("refuses to start another account's prefetched manifest with FORBIDDEN", async () => {
      const { jws } = await prefetched();

      const body = await start(jws, input, { accountId: 'u-standard', country: 'US' });

      expect(body.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    });
  });

  describe('watch history', () => {
    const END_PLAYBACK = /* GraphQL */ `
      mutation End($input: EndPlaybackInput!) {
        endPlayback(input: $input) {
          accepted
        }
      }
    `;
    const CONTINUE_WATCHING = /* GraphQL */ `
      query ContinueWatching($representations: [_Any!]!) {
        _entities(representations: $representations) {
          ... on Profile {
            id
            continueWatching {
              title {
                id
              }
              positionSeconds
              updatedAt
            }
          }
        }
      }
    `;

    interface Row {
      title: { id: string };
      positionSeconds: number;
      updatedAt: string;
    }

    async function endPlayback(
      input: { manifest: string; positionSeconds: number; completed: boolean },
      caller: Caller = DEFAULT_CALLER,
    ) {
      const { body } = await playback.query<{ endPlayback: { accepted: boolean } }>(
        { query: END_PLAYBACK, variables: { input } },
        { caller },
      );
      return body;
    }

    async function continueWatching(profileIds: string[], caller: Caller = DEFAULT_CALLER) {
      await history.drained();
      const { body } = await playback.query<{ _entities: { id: string; continueWatching: Row[] }[] }>(
        {
          query: CONTINUE_WATCHING,
          variables: { representations: profileIds.map((id) => ({ __typename: 'Profile', id })) },
        },
        { caller },
      );
      expect(body.errors).toBeUndefined();
      return body.data!._entities.map((profile) => profile.continueWatching);
    }

    it('accepts the end of a session whose manifest playback issued, and lists it on the profile', async () => {
      const sessionId = await play({ titleId: 't-basic-drama' });
      const { manifest } = await outcome(sessionId, granted(await grant({ titleId: 't-basic-drama' })), {
        titleId: 't-basic-drama',
      });

      const body = await endPlayback({ manifest: manifest!.jws, positionSeconds: 1234, completed: false });

      expect(body.errors).toBeUndefined();
      expect(body.data!.endPlayback).toEqual({ accepted: true });
      const [row] = await continueWatching(['p-premium-adult']);
      expect(row![0]).toEqual({
        title: { id: 't-basic-drama' },
        positionSeconds: 1234,
        updatedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/),
      });
    });

    it('lists the most recent first and leaves completed titles out', async () => {
      const profileId = 'p-premium-teen';
      for (const [titleId, completed] of [
        ['t-standard-series', false],
        ['t-free-documentary', true],
        ['t-kids-cartoon', false],
      ] as const) {
        const body = await endPlayback({
          manifest: await manifestFor({ profileId, titleId }),
          positionSeconds: 60,
          completed,
        });
        expect(body.data!.endPlayback.accepted).toBe(true);
      }
      // Watching the first again moves it to the front.
      await endPlayback({
        manifest: await manifestFor({ profileId, titleId: 't-standard-series' }),
        positionSeconds: 900,
        completed: false,
      });

      const [row] = await continueWatching([profileId]);

      expect(row!.map((item) => [item.title.id, item.positionSeconds])).toEqual([
        ['t-standard-series', 900],
        ['t-kids-cartoon', 60],
      ]);
    });

    it("answers another account's profile with an empty list, whatever its history", async () => {
      await endPlayback({
        manifest: await manifestFor({ profileId: 'p-premium-kids', titleId: 't-kids-cartoon' }),
        positionSeconds: 30,
        completed: false,
      });

      const [mine] = await continueWatching(['p-premium-kids']);
      const [theirs] = await continueWatching(['p-premium-kids'], { accountId: 'u-basic', country: 'US' });

      expect(mine).toHaveLength(1);
      expect(theirs).toEqual([]);
    });

    it('accepts a manifest that expired less than a day ago: viewers end long sessions', async () => {
      const manifest = await manifestFor(
        { profileId: 'p-premium-kids', titleId: 't-free-documentary' },
        { issuedSecondsAgo: 3600 + PAUSE_ALLOWANCE_SECONDS + 600 },
      );

      const body = await endPlayback({ manifest, positionSeconds: 10, completed: false });

      expect(body.data!.endPlayback.accepted).toBe(true);
    });

    it.each([
      [
        'a forged manifest',
        () => manifestFor({ profileId: 'p-standard-adult' }, { by: forger }),
        'BAD_USER_INPUT',
      ],
      ['a manifest that is not a JWS at all', async () => 'garbage', 'BAD_USER_INPUT'],
      [
        'a manifest that expired more than a day ago',
        () =>
          manifestFor(
            { profileId: 'p-standard-adult' },
            { issuedSecondsAgo: 3600 + PAUSE_ALLOWANCE_SECONDS + 2 * 86_400 },
          ),
        'BAD_USER_INPUT',
      ],
      [
        "another account's manifest",
        () => manifestFor({ accountId: 'u-standard', profileId: 'p-standard-adult' }),
        'FORBIDDEN',
      ],
    ])('refuses %s with a clear error and writes nothing', async (_case, makeManifest, code) => {
      const body = await endPlayback({
        manifest: await makeManifest(),
        positionSeconds: 5,
        completed: false,
      });

      expect(body.data).toBeNull();
      expect(body.errors?.[0]?.extensions?.code).toBe(code);
      expect(body.errors?.[0]?.message).toMatch(/manifest/);
      expect(history.pending).toBe(0);
      const [row] = await continueWatching(['p-standard-adult'], { accountId: 'u-standard', country: 'US' });
      expect(row).toEqual([]);
    });

    it.each([-1, 86_401])('refuses positionSeconds %d with BAD_USER_INPUT', async (positionSeconds) => {
      const body = await endPlayback({
        manifest: await manifestFor({ accountId: 'u-standard', profileId: 'p-standard-adult' }),
        positionSeconds,
        completed: false,
      });

      expect(body.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      const [row] = await continueWatching(['p-standard-adult'], { accountId: 'u-standard', country: 'US' });
      expect(row).toEqual([]);
    });
  });
});
