import type { Caller } from '@contracts/gatewayCredential';
import { loadDataset } from '@platform/dataset/load';
import { DECISION_MESSAGES, type DecisionReason } from '@contracts/decision';
import { verifyGrant } from '@contracts/grant';
import { loadSigningKey, loadVerificationKeys, type VerificationKeys } from '@platform/keys/keyring';
import { createSubgraphHarness, temporaryKeysDir, type RunningSubgraph } from '@testing/subgraphHarness';
import { MemoryEntitlementRepository } from './data/memoryEntitlementRepository';
import type { Prompt } from '@contracts/decision';
import { createEntitlementsServer } from './server';

const dataset = loadDataset();
const GRANT_TTL_SECONDS = 300;

const ENTITLEMENTS = /* GraphQL */ `
  query Entitlements($representations: [_Any!]!) {
    _entities(representations: $representations) {
      ... on PlaySession {
        id
        entitlement {
          allowed
          reason
          message
          grant
          expiresAt
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
      }
    }
  }
`;

interface EntitlementData {
  allowed: boolean;
  reason: DecisionReason;
  message: string;
  grant: string | null;
  expiresAt: string | null;
  prompt: Prompt | null;
}

interface EntitlementsData {
  _entities: { id: string; entitlement: EntitlementData }[];
}

/** The title fields `@requires` asks the catalog for, as the gateway would pass them on. */
function titleFacts(id: string) {
  const title = dataset.titles.find((candidate) => candidate.id === id)!;
  const { maturityRating, countries, windowStart, windowEnd, subscriptionTier, rental, purchase } = title;
  return { id, maturityRating, countries, windowStart, windowEnd, subscriptionTier, rental, purchase };
}

/** The profile fields `@requires` asks the profiles service for. */
function profileFacts(id: string) {
  const profile = dataset.profiles.find((candidate) => candidate.id === id)!;
  return { id, accountId: profile.userId, maxMaturity: profile.maxMaturity };
}

/** A PlaySession representation as the gateway sends it; null ids stand for "not resolved". */
function playSession(titleId: string | null, profileId: string | null, id = `session-${titleId}`) {
  return {
    __typename: 'PlaySession',
    id,
    title: titleId === null ? null : titleFacts(titleId),
    profile: profileId === null ? null : profileFacts(profileId),
  };
}

describe('the entitlements subgraph', () => {
  let entitlements: RunningSubgraph;
  let grantKeys: VerificationKeys;

  beforeAll(async () => {
    const harness = await createSubgraphHarness('entitlements', temporaryKeysDir('entitlements-keys-'));
    grantKeys = await loadVerificationKeys('grant', harness.keys);
    entitlements = await harness.startSubgraph(
      createEntitlementsServer({
        repository: new MemoryEntitlementRepository(dataset.users, dataset.entitlements),
        grantKey: await loadSigningKey('grant', harness.keys),
        grantTtlSeconds: GRANT_TTL_SECONDS,
        credentialVerifier: harness.verifier,
        logger: harness.logger,
        production: false,
      }),
    );
  });

  afterAll(() => entitlements.stop());

  async function decide(
    representations: ReturnType<typeof playSession>[],
    caller?: Caller,
  ): Promise<EntitlementData[]> {
    const { status, body } = await entitlements.query<EntitlementsData>(
      { query: ENTITLEMENTS, variables: { representations } },
      caller ? { caller } : {},
    );
    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    return body.data!._entities.map((session) => session.entitlement);
  }

  it('grants a premium subscriber a premium title with a grant bound to account, profile, title and country', async () => {
    const before = Math.floor(Date.now() / 1000);
    const [entitlement] = await decide([playSession('t-premium-4k', 'p-premium-adult')]);

    expect(entitlement).toMatchObject({
      allowed: true,
      reason: 'GRANTED',
      message: DECISION_MESSAGES.GRANTED,
      prompt: null,
    });
    const grant = await verifyGrant(grantKeys, entitlement!.grant!, {
      accountId: 'u-premium',
      profileId: 'p-premium-adult',
      titleId: 't-premium-4k',
      country: 'US',
    });
    expect(grant.basis).toEqual({ kind: 'SUBSCRIPTION', tier: 'PREMIUM' });
    expect(grant.expiresAt).toBeGreaterThanOrEqual(before + GRANT_TTL_SECONDS);
    expect(grant.expiresAt).toBeLessThanOrEqual(Math.ceil(Date.now() / 1000) + GRANT_TTL_SECONDS);
    expect(Date.parse(entitlement!.expiresAt!)).toBe(grant.expiresAt * 1000);
  });

  it('grants through a purchase when the account bought the title', async () => {
    const [entitlement] = await decide([playSession('t-store-only', 'p-nosub-adult')], {
      accountId: 'u-nosub',
      country: 'US',
    });

    expect(entitlement).toMatchObject({ allowed: true, reason: 'GRANTED' });
    const grant = await verifyGrant(grantKeys, entitlement!.grant!, {
      accountId: 'u-nosub',
      profileId: 'p-nosub-adult',
      titleId: 't-store-only',
      country: 'US',
    });
    expect(grant.basis).toEqual({ kind: 'PURCHASE' });
  });

  it("binds the grant to the credential's country, so it does not verify for another country", async () => {
    const [entitlement] = await decide([playSession('t-premium-4k', 'p-premium-adult')]);

    await expect(
      verifyGrant(grantKeys, entitlement!.grant!, {
        accountId: 'u-premium',
        profileId: 'p-premium-adult',
        titleId: 't-premium-4k',
        country: 'GB',
      }),
    ).rejects.toThrow('bound to another country');
  });

  it('refuses a kids profile a title above its maturity limit, with no grant and no prompt', async () => {
    const [entitlement] = await decide([playSession('t-mature-thriller', 'p-premium-kids')]);

    expect(entitlement).toEqual({
      allowed: false,
      reason: 'MATURITY_RESTRICTED',
      message: DECISION_MESSAGES.MATURITY_RESTRICTED,
      grant: null,
      expiresAt: null,
      prompt: null,
    });
  });

  it('asks a basic subscriber to upgrade to premium, or rent, for a premium title', async () => {
    const [entitlement] = await decide([playSession('t-premium-4k', 'p-basic-adult')], {
      accountId: 'u-basic',
      country: 'US',
    });

    expect(entitlement).toEqual({
      allowed: false,
      reason: 'UPGRADE_REQUIRED',
      message: DECISION_MESSAGES.UPGRADE_REQUIRED,
      grant: null,
      expiresAt: null,
      prompt: {
        action: 'UPGRADE',
        offers: [
          { type: 'SUBSCRIPTION', tier: 'PREMIUM', priceCents: 2299, currency: 'USD', rentalHours: null },
          { type: 'RENTAL', tier: null, priceCents: 599, currency: 'USD', rentalHours: 48 },
        ],
      },
    });
  });

  it('refuses with TITLE_NOT_FOUND when the catalog resolved no title', async () => {
    const [entitlement] = await decide([playSession(null, 'p-premium-adult')]);

    expect(entitlement).toMatchObject({
      allowed: false,
      reason: 'TITLE_NOT_FOUND',
      grant: null,
      prompt: null,
    });
  });

  it('refuses with PROFILE_NOT_FOUND when the profile belongs to another account, even if it was resolved', async () => {
    const [entitlement] = await decide([playSession('t-basic-drama', 'p-basic-adult')]);

    expect(entitlement).toMatchObject({ allowed: false, reason: 'PROFILE_NOT_FOUND', grant: null });
  });

  it('refuses with GEO_RESTRICTED when the credential carries no country and the title is licensed in a few', async () => {
    const [entitlement] = await decide([playSession('t-us-only', 'p-premium-adult')], {
      accountId: 'u-premium',
      country: null,
    });

    expect(entitlement).toMatchObject({ allowed: false, reason: 'GEO_RESTRICTED', grant: null });
  });

  it('answers each play session of one _entities batch, in order', async () => {
    const { body } = await entitlements.query<EntitlementsData>({
      query: ENTITLEMENTS,
      variables: {
        representations: [
          playSession('t-premium-4k', 'p-premium-adult', 'a'),
          playSession('t-mature-thriller', 'p-premium-kids', 'b'),
          playSession(null, 'p-premium-adult', 'c'),
          playSession('t-store-only', 'p-premium-adult', 'd'),
          playSession('t-license-ended', 'p-premium-adult', 'e'),
          playSession('t-kids-cartoon', 'p-premium-kids', 'f'),
        ],
      },
    });

    expect(body.errors).toBeUndefined();
    expect(
      body.data!._entities.map(({ id, entitlement }) => [id, entitlement.reason, entitlement.grant !== null]),
    ).toEqual([
      ['a', 'GRANTED', true],
      ['b', 'MATURITY_RESTRICTED', false],
      ['c', 'TITLE_NOT_FOUND', false],
      ['d', 'PURCHASE_REQUIRED', false],
      ['e', 'OUTSIDE_LICENSE_WINDOW', false],
      ['f', 'GRANTED', true],
    ]);
  });

  it('decides nothing and says UNAUTHENTICATED for a credential without an account', async () => {
    const { body } = await entitlements.query<EntitlementsData>(
      {
        query: ENTITLEMENTS,
        variables: { representations: [playSession('t-kids-cartoon', 'p-premium-kids')] },
      },
      { caller: { accountId: null, country: 'US' } },
    );

    expect(body.data).toEqual({ _entities: [null] });
    expect(body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });
});

describe('the entitlements subgraph when the account holdings cannot be read', () => {
  let entitlements: RunningSubgraph;
  const warnings: string[] = [];

  beforeAll(async () => {
    const harness = await createSubgraphHarness('entitlements', temporaryKeysDir('entitlements-keys-'));
    const unavailable = () =>
      Promise.reject(new Error('subscriptions: the read failed (server selection timed out)'));
    entitlements = await harness.startSubgraph(
      createEntitlementsServer({
        repository: { findSubscriptions: unavailable, findEntitlements: unavailable },
        grantKey: await loadSigningKey('grant', harness.keys),
        grantTtlSeconds: GRANT_TTL_SECONDS,
        credentialVerifier: harness.verifier,
        logger: { ...harness.logger, warn: (message) => warnings.push(message) },
        production: false,
      }),
    );
  });

  afterAll(() => entitlements.stop());

  it('answers TEMPORARILY_UNAVAILABLE with no grant where the account would have been entitled, and logs a warning', async () => {
    const { body } = await entitlements.query<EntitlementsData>({
      query: ENTITLEMENTS,
      variables: { representations: [playSession('t-premium-4k', 'p-premium-adult')] },
    });

    expect(body.errors).toBeUndefined();
    expect(body.data!._entities[0]!.entitlement).toEqual({
      allowed: false,
      reason: 'TEMPORARILY_UNAVAILABLE',
      message: DECISION_MESSAGES.TEMPORARILY_UNAVAILABLE,
      grant: null,
      expiresAt: null,
      prompt: null,
    });
    expect(warnings).toContain('entitlement unavailable: cannot read the account holdings');
  });

  it('still gives the refusals that need no holdings (title, profile, country, window, maturity)', async () => {
    const { body } = await entitlements.query<EntitlementsData>({
      query: ENTITLEMENTS,
      variables: {
        representations: [
          playSession('t-mature-thriller', 'p-premium-kids', 'a'),
          playSession(null, 'p-premium-adult', 'b'),
          playSession('t-store-only', 'p-premium-adult', 'c'),
        ],
      },
    });

    expect(
      body.data!._entities.map(({ id, entitlement }) => [id, entitlement.reason, entitlement.grant]),
    ).toEqual([
      ['a', 'MATURITY_RESTRICTED', null],
      ['b', 'TITLE_NOT_FOUND', null],
      ['c', 'TEMPORARILY_UNAVAILABLE', null],
    ]);
  });
});

describe('the entitlements subgraph, given malformed representations', () => {
  let entitlements: RunningSubgraph;

  beforeAll(async () => {
    const harness = await createSubgraphHarness(
      'entitlements',
      temporaryKeysDir('entitlements-malformed-keys-'),
    );
    entitlements = await harness.startSubgraph(
      createEntitlementsServer({
        repository: new MemoryEntitlementRepository(dataset.users, dataset.entitlements),
        grantKey: await loadSigningKey('grant', harness.keys),
        grantTtlSeconds: GRANT_TTL_SECONDS,
        credentialVerifier: harness.verifier,
        logger: harness.logger,
        production: false,
      }),
    );
  });

  afterAll(() => entitlements.stop());

  /** A grantable session (premium title, premium adult) with one part of it replaced. */
  function malformed(change: (session: Record<string, unknown>) => void): Record<string, unknown> {
    const session = structuredClone(playSession('t-premium-4k', 'p-premium-adult')) as Record<
      string,
      unknown
    >;
    change(session);
    return session;
  }
  const title = (session: Record<string, unknown>) => session.title as Record<string, unknown>;
  const profile = (session: Record<string, unknown>) => session.profile as Record<string, unknown>;

  it.each<[string, (session: Record<string, unknown>) => void]>([
    ['no title at all', (session) => delete session.title],
    ['no profile at all', (session) => delete session.profile],
    ['a title without countries', (session) => delete title(session).countries],
    ['a title without maturityRating', (session) => delete title(session).maturityRating],
    ['a title without windowEnd', (session) => delete title(session).windowEnd],
    ['a title without subscriptionTier', (session) => delete title(session).subscriptionTier],
    ['a title without an id', (session) => delete title(session).id],
    ['a profile without maxMaturity', (session) => delete profile(session).maxMaturity],
    ['a profile without accountId', (session) => delete profile(session).accountId],
    ['a maturityRating given as a string', (session) => (title(session).maturityRating = '0')],
    ['a maxMaturity given as a string', (session) => (profile(session).maxMaturity = '18')],
    ['countries given as a string', (session) => (title(session).countries = 'US')],
    ['countries nested one level too deep', (session) => (title(session).countries = [['US']])],
    ['an unknown subscription tier', (session) => (title(session).subscriptionTier = 'FREE')],
    [
      'a rental offer without hours',
      (session) => (title(session).rental = { priceCents: 1, currency: 'USD' }),
    ],
    ['a title nested in a list', (session) => (session.title = [title(session)])],
    ['a title given as a string', (session) => (session.title = 't-premium-4k')],
    ['a profile nested one level too deep', (session) => (session.profile = { profile: profile(session) })],
  ])('answers TEMPORARILY_UNAVAILABLE without a grant or an error for %s', async (_case, change) => {
    const { status, body } = await entitlements.query<EntitlementsData>({
      query: ENTITLEMENTS,
      variables: { representations: [malformed(change)] },
    });

    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    expect(body.data!._entities[0]!.entitlement).toEqual({
      allowed: false,
      reason: 'TEMPORARILY_UNAVAILABLE',
      message: DECISION_MESSAGES.TEMPORARILY_UNAVAILABLE,
      grant: null,
      expiresAt: null,
      prompt: null,
    });
  });

  it('still grants a well-formed session sent in the same batch as a malformed one', async () => {
    const { body } = await entitlements.query<EntitlementsData>({
      query: ENTITLEMENTS,
      variables: {
        representations: [
          malformed((session) => delete title(session).countries),
          { ...playSession('t-premium-4k', 'p-premium-adult'), id: 'session-well-formed' },
        ],
      },
    });

    expect(body.errors).toBeUndefined();
    expect(body.data!._entities.map((session) => session.entitlement.reason)).toEqual([
      'TEMPORARILY_UNAVAILABLE',
      'GRANTED',
    ]);
  });
});
