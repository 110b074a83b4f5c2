import path from 'node:path';
import { createCatalogServer } from '../../subgraphs/catalog/src/server';
import { MemoryTitleRepository } from '../../subgraphs/catalog/src/data/memoryTitleRepository';
import { createEntitlementsServer } from '../../subgraphs/entitlements/src/server';
import { MemoryEntitlementRepository } from '../../subgraphs/entitlements/src/data/memoryEntitlementRepository';
import { createPlaybackServer } from '../../subgraphs/playback/src/server';
import { MemoryCdnRepository } from '../../subgraphs/playback/src/data/memoryCdnRepository';
import { MemoryHistoryRepository } from '../../subgraphs/playback/src/data/memoryHistoryRepository';
import { WatchHistory } from '../../subgraphs/playback/src/history/watchHistory';
import { StaticFlagSource } from '../../subgraphs/playback/src/data/staticFlagSource';
import { createProfilesServer } from '../../subgraphs/profiles/src/server';
import { MemoryProfileRepository } from '../../subgraphs/profiles/src/data/memoryProfileRepository';
import { GATEWAY_CREDENTIAL_HEADER } from '@contracts/gatewayCredential';
import { loadDataset } from '@platform/dataset/load';
import { loadSigningKey, loadVerificationKeys } from '@platform/keys/keyring';
import {
  createSubgraphHarness,
  developmentCredentials,
  DEFAULT_CALLER,
  temporaryKeysDir,
  type GraphQLRequestBody,
  type RunningSubgraph,
  type SubgraphHarness,
} from '@testing/subgraphHarness';
import type { SubgraphServer } from '@platform/subgraph/server';

const dataset = loadDataset();

interface SubgraphCase {
  name: string;
  build(harness: SubgraphHarness): Promise<SubgraphServer>;
  /** An ordinary operation the subgraph answers for a caller with a valid credential. */
  operation: GraphQLRequestBody;
  /** An `_entities` call for one of the subgraph's entities. */
  entities: GraphQLRequestBody;
}

const entitiesOf = (typename: string, representation: Record<string, unknown>): GraphQLRequestBody => ({
  query: `query ($representations: [_Any!]!) { _entities(representations: $representations) { __typename } }`,
  variables: { representations: [{ __typename: typename, ...representation }] },
});

const SUBGRAPHS: SubgraphCase[] = [
  {
    name: 'catalog',
    build: async ({ verifier, logger }) =>
      createCatalogServer({
        titles: new MemoryTitleRepository(dataset.titles),
        credentialVerifier: verifier,
        logger,
        production: false,
      }),
    operation: { query: '{ title(id: "t-basic-drama") { id } }' },
    entities: entitiesOf('Title', { id: 't-basic-drama' }),
  },
  {
    name: 'profiles',
    build: async ({ verifier, logger }) =>
      createProfilesServer({
        repository: new MemoryProfileRepository(dataset.users, dataset.profiles),
        credentialVerifier: verifier,
        logger,
        production: false,
      }),
    operation: { query: '{ me { id } }' },
    entities: entitiesOf('Profile', { id: 'p-premium-adult' }),
  },
  {
    name: 'entitlements',
    build: async ({ keys, verifier, logger }) =>
      createEntitlementsServer({
        repository: new MemoryEntitlementRepository(dataset.users, dataset.entitlements),
        grantKey: await loadSigningKey('grant', keys),
        grantTtlSeconds: 300,
        credentialVerifier: verifier,
        logger,
        production: false,
      }),
    // Entitlements has no root fields of its own; the federation `_service` field is always there.
    operation: { query: '{ _service { sdl } }' },
    entities: entitiesOf('PlaySession', { id: 'session-1', title: null, profile: null }),
  },
  {
    name: 'playback',
    build: async ({ keys, verifier, logger }) =>
      createPlaybackServer({
        cdnRepository: new MemoryCdnRepository(dataset.cdns),
        flags: new StaticFlagSource(),
        manifestKey: await loadSigningKey('manifest', keys),
        edgeKey: await loadSigningKey('edge', keys),
        grantKeys: await loadVerificationKeys('grant', keys),
        manifestKeys: await loadVerificationKeys('manifest', keys),
        history: await WatchHistory.open(
          path.join(temporaryKeysDir('playback-journal-'), 'playback.jsonl'),
          new MemoryHistoryRepository(),
          logger,
        ),
        issuer: 'https://playback.test',
        licenseBaseUrl: 'https://license.test',
        credentialVerifier: verifier,
        logger,
        production: false,
      }),
    operation: {
      query: `query ($input: PlayInput!) { play(input: $input) { id } }`,
      variables: {
        input: {
          titleId: 't-basic-drama',
          profileId: 'p-premium-adult',
          device: { id: 'tv-1', type: 'TV', codecs: ['H264'], maxHeight: 1080, drm: ['WIDEVINE'] },
        },
      },
    },
    entities: entitiesOf('PlaySession', { id: 'play1.e30' }),
  },
];

describe.each(SUBGRAPHS)('the $name subgraph', ({ name, build, operation, entities }) => {
  let harness: SubgraphHarness;
  let subgraph: RunningSubgraph;
  let keysDir: string;

  beforeAll(async () => {
    keysDir = temporaryKeysDir('subgraph-server-keys-');
    harness = await createSubgraphHarness(name, keysDir);
    subgraph = await harness.startSubgraph(await build(harness));
  });

  afterAll(() => subgraph.stop());

  it('answers an operation that carries a valid gateway credential', async () => {
    const { status, body } = await subgraph.query(operation);

    expect(status).toBe(200);
    expect(body.errors).toBeUndefined();
    expect(body.data).toEqual(expect.any(Object));
  });

  /** Credentials to refuse, each made for the body it is sent with unless its case says otherwise. */
  const refusals: [string, (body: GraphQLRequestBody) => Promise<string | null> | string | null][] = [
    ['no credential', () => null],
    ['a garbage credential', () => 'not-a-jwt'],
    [
      'a credential signed with another gateway secret',
      async (body) =>
        (await developmentCredentials(name, temporaryKeysDir('other-gateway-keys-'))).issuer.credentialFor(
          DEFAULT_CALLER,
          JSON.stringify(body),
        ),
    ],
    [
      'a credential signed for another subgraph',
      async (body) =>
        (
          await developmentCredentials(name === 'catalog' ? 'profiles' : 'catalog', keysDir)
        ).issuer.credentialFor(DEFAULT_CALLER, JSON.stringify(body)),
    ],
    [
      'an expired credential',
      async (body) =>
        (await developmentCredentials(name, keysDir, -60)).issuer.credentialFor(
          DEFAULT_CALLER,
          JSON.stringify(body),
        ),
    ],
    [
      'a valid credential captured from a request with another body',
      (body) =>
        harness.issuer.credentialFor(
          DEFAULT_CALLER,
          JSON.stringify(body === operation ? entities : operation),
        ),
    ],
    [
      'a valid credential signed for the same query with other variables',
      (body) =>
        harness.issuer.credentialFor(
          DEFAULT_CALLER,
          JSON.stringify({ ...body, variables: { ...body.variables, forged: true } }),
        ),
    ],
  ];

  describe.each(refusals)('with %s', (_case, credentialFor) => {
    it('refuses an operation with HTTP 401 and UNAUTHENTICATED, without data', async () => {
      const { status, body } = await subgraph.query(operation, {
        credential: await credentialFor(operation),
      });

      expect(status).toBe(401);
      expect(body.data).toBeUndefined();
      expect(body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    });

    it('refuses _entities with HTTP 401 and UNAUTHENTICATED', async () => {
      const { status, body } = await subgraph.query(entities, { credential: await credentialFor(entities) });

      expect(status).toBe(401);
      expect(body.data).toBeUndefined();
      expect(body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    });
  });

  it('refuses forged _entities sent with a credential captured from a real _entities fetch', async () => {
    const captured = harness.issuer.credentialFor(DEFAULT_CALLER, JSON.stringify(entities));
    const forged = {
      ...entities,
      variables: {
        representations: [...(entities.variables!.representations as unknown[]), { __typename: 'X' }],
      },
    };

    const replayed = await subgraph.query(entities, { credential: captured });
    const refused = await subgraph.query(forged, { credential: captured });

    expect(replayed.status).toBe(200);
    expect(refused.status).toBe(401);
    expect(refused.body.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it.each([
    ['captured from a POST of the same operation', () => JSON.stringify(operation)],
    ['signed for an empty body', () => ''],
  ])('refuses a GET of the operation with a credential %s', async (_case, signedBody) => {
    const credential = harness.issuer.credentialFor(DEFAULT_CALLER, signedBody());
    const search = new URLSearchParams({ query: operation.query });
    if (operation.variables) search.set('variables', JSON.stringify(operation.variables));

    const response = await fetch(`${subgraph.url}/graphql?${search}`, {
      headers: { [GATEWAY_CREDENTIAL_HEADER]: credential, 'apollo-require-preflight': 'true' },
    });

    expect(response.status).toBe(401);
  });

  it('answers /health/ready and /health/live with 200 once started, without a credential', async () => {
    const ready = await fetch(`${subgraph.url}/health/ready`);
    const live = await fetch(`${subgraph.url}/health/live`);

    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: 'ready' });
    expect(live.status).toBe(200);
  });
});
