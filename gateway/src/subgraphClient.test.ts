import { mkdtempSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { readFileSync } from 'node:fs';
import type { GraphQLFormattedError } from 'graphql';
import {
  GATEWAY_CREDENTIAL_HEADER,
  GatewayCredentialIssuer,
  GatewayCredentialVerifier,
  type Caller,
} from '@contracts/gatewayCredential';
import { loadGatewaySecret, loadSubgraphKeys } from '@platform/keys/gatewaySecret';
import { createLogger } from '@platform/log';
import { SUPERGRAPH_PATH } from '@platform/composition';
import type { GatewayContext } from './request/context';
import { newFallbackState } from './request/degraded';
import { FallbackEngine, SUBGRAPH_UNAVAILABLE } from './fallback/engine';
import { FallbackPolicies } from './fallback/policies';
import { MemoryStaleStore } from './fallback/staleStore';
import { createMetrics } from './metrics/gatewayMetrics';
import type { ResilienceSettings } from './resilience/replicaPool';
import { subgraphClient } from './subgraphClient';
import { CachePolicies } from './entityCache/cachePolicy';
import { EntityCache } from './entityCache/entityCache';
import { incomingFetchOptions as processOptions } from '@testing/fetchOptions';
import { warmSubgraphClient } from '@testing/warmSubgraphClient';

interface ReceivedRequest {
  body: { query: string; variables: Record<string, unknown> };
  /** The body's bytes as received: the credential is bound to them. */
  raw: Buffer;
  credential: string | undefined;
}
interface Reply {
  data?: unknown;
  errors?: GraphQLFormattedError[];
}

/** A fake subgraph: answers canned JSON and keeps every request it received. */
class FakeSubgraph {
  readonly received: ReceivedRequest[] = [];
  reply: Reply = { data: null };
  private readonly server = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      const credential = request.headers[GATEWAY_CREDENTIAL_HEADER];
      const raw = Buffer.concat(chunks);
      this.received.push({
        body: JSON.parse(raw.toString('utf8')) as ReceivedRequest['body'],
        raw,
        credential: [credential].flat()[0],
      });
      response.writeHead(200, { 'content-type': 'application/json' });
      response.end(JSON.stringify(this.reply));
    });
  });

  get url() {
    return `http://127.0.0.1:${(this.server.address() as AddressInfo).port}/graphql`;
  }

  async start() {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    return this;
  }

  /** The subgraph goes away: connections to it are refused from now on. */
  async stop() {
    if (!this.server.listening) return;
    await new Promise<void>((resolve) => {
      this.server.close(() => resolve());
      this.server.closeAllConnections();
    });
  }
}

/**
 * Nothing here hangs (the pool's own tests time attempts out): a generous attempt timeout, so that a
 * first request on a busy CI worker is not sent twice (the subgraph would count two requests).
 */
const SETTINGS: ResilienceSettings = {
  timeoutMs: 2_000,
  attemptTimeoutMs: 1_000,
  maxAttempts: 2,
  breakerFailures: 5,
  halfOpenAfterMs: 200,
};

const PLAY = 'query($input: PlayInput!) { play(input: $input) { __typename id title { __typename id } } }';
const PROFILE_ENTITIES = `query($representations: [_Any!]!) {
  _entities(representations: $representations) { ... on Profile { __typename accountId maxMaturity } }
}`;
const ENTITLEMENT_ENTITIES = `query($representations: [_Any!]!) {
  _entities(representations: $representations) { ... on PlaySession { __typename entitlement { allowed reason } } }
}`;

const caller: Caller = { accountId: 'u-premium', country: 'US', roles: ['viewer'] };
const keys = {
  kind: 'development',
  dir: mkdtempSync(path.join(tmpdir(), 'resilient-data-source-')),
} as const;
const policies = FallbackPolicies.fromSupergraph(readFileSync(SUPERGRAPH_PATH, 'utf8'));

const newContext = (): GatewayContext => ({ caller, fallback: newFallbackState() });
const profile = (id: string) => ({ __typename: 'Profile', id });
const playSession = (id: string, profileId: string | null) => ({
  __typename: 'PlaySession',
  id,
  title: { id: 't-1' },
  profile: profileId === null ? null : { id: profileId, accountId: 'u-premium', maxMaturity: 18 },
});

// The pool's client loads on first use, which can take long on a cold worker: load it before the
// first attempt.
beforeAll(warmSubgraphClient);

describe("the resilient subgraph client (the composed fetch pipeline over a subgraph's HTTP endpoint)", () => {
  let subgraph: FakeSubgraph;
  let credentials: GatewayCredentialIssuer;

  beforeAll(async () => {
    credentials = new GatewayCredentialIssuer(await loadGatewaySecret(keys));
  });
  beforeEach(async () => {
    subgraph = await new FakeSubgraph().start();
  });
  afterEach(() => subgraph.stop());

  function dataSource(name: string, entityCache?: EntityCache) {
    const metrics = createMetrics();
    const source = subgraphClient(name, {
      subgraphUrls: { [name]: [subgraph.url] },
      resilience: { [name]: SETTINGS },
      kind: 'resilient',
      credentials,
      fallbacks: new FallbackEngine(policies, new MemoryStaleStore()),
      entityCache,
      metrics,
      logger: createLogger('test', 'silent'),
    });
    return { source, metrics };
  }

  describe('for a root fetch', () => {
    const variables = { input: { titleId: 't-1', profileId: 'p-1' } };
    const play = { __typename: 'PlaySession', id: 'play1.abc', title: { __typename: 'Title', id: 't-1' } };

    it('pass a successful answer through, with a credential for the caller', async () => {
      const { source } = dataSource('playback');
      subgraph.reply = { data: { play } };
      const context = newContext();
      await expect(source.process(processOptions(PLAY, variables, context))).resolves.toEqual({
        data: { play },
      });
      expect(subgraph.received.map((request) => request.body)).toEqual([{ query: PLAY, variables }]);
      const verifier = new GatewayCredentialVerifier('playback', await loadSubgraphKeys('playback', keys));
      const [received] = subgraph.received;
      await expect(verifier.verify(received!.credential, received!.raw)).resolves.toEqual(caller);
      expect(context.fallback.degraded).toEqual([]);
    });

    it('stand in with the last good answer once the subgraph is gone, and report it in the context', async () => {
      const { source, metrics } = dataSource('playback');
      subgraph.reply = { data: { play } };
      await source.process(processOptions(PLAY, variables, newContext()));
      await subgraph.stop();

      const context = newContext();
      await expect(source.process(processOptions(PLAY, variables, context))).resolves.toEqual({
        data: { play },
      });
      expect(context.fallback.degraded).toEqual([
        { path: ['play'], subgraph: 'playback', fallback: 'STALE', ageSeconds: 0 },
      ]);
      const outcomes = (await metrics.fetchDuration.get()).values
        .filter((value) => value.metricName?.endsWith('_count'))
        .map((value) => [value.labels.outcome, value.value]);
      expect(outcomes).toEqual(
        expect.arrayContaining([
          ['ok', 1],
          ['failed', 1],
        ]),
      );
    });

    it('remember nothing from an answer with errors', async () => {
      const { source } = dataSource('playback');
      subgraph.reply = { data: { play }, errors: [{ message: 'partial', path: ['play', 'title'] }] };
      await expect(source.process(processOptions(PLAY, variables, newContext()))).resolves.toMatchObject({
        errors: [{ message: 'partial' }],
      });
      await subgraph.stop();

      const context = newContext();
      const response = await source.process(processOptions(PLAY, variables, context));
      expect(response.data).toEqual({
        play: { __typename: 'PlaySession', id: 'play1.unavailable', title: null, profile: null },
      });
      expect(context.fallback.degraded).toMatchObject([{ path: ['play'], fallback: 'DEFAULT' }]);
    });

    it('answer null with an error for a failed root field without a fallback', async () => {
      const { source } = dataSource('profiles');
      await subgraph.stop();
      const response = await source.process(processOptions('{ me { id } }', {}, newContext()));
      expect(response).toEqual({
        data: { me: null },
        errors: [
          expect.objectContaining({
            path: ['me'],
            extensions: { code: SUBGRAPH_UNAVAILABLE, subgraph: 'profiles' },
          }),
        ],
      });
    });
  });

  describe('for an _entities fetch', () => {
    it('pass every entity through and remember them for later stand-ins', async () => {
      const { source } = dataSource('profiles');
      const representations = [profile('p-1'), profile('p-2')];
      const entities = [
        { __typename: 'Profile', accountId: 'u-premium', maxMaturity: 18 },
        { __typename: 'Profile', accountId: 'u-premium', maxMaturity: 7 },
      ];
      subgraph.reply = { data: { _entities: entities } };
      await expect(
        source.process(
          processOptions(PROFILE_ENTITIES, { representations }, newContext(), ['play', 'profile']),
        ),
      ).resolves.toEqual({ data: { _entities: entities } });
      await subgraph.stop();

      const context = newContext();
      const response = await source.process(
        processOptions(PROFILE_ENTITIES, { representations }, context, ['play', 'profile']),
      );
      expect(response).toEqual({ data: { _entities: entities } });
      expect(context.fallback.degraded.map((field) => field.fallback)).toEqual([
        'STALE',
        'STALE',
        'STALE',
        'STALE',
      ]);
      expect(context.fallback.unresolvedTypes.size).toBe(0);
    });

    it('stand in for an entity that came back null with an error, and pass the others through', async () => {
      const { source } = dataSource('profiles');
      const representations = [profile('p-1'), profile('p-2'), profile('p-3')];
      subgraph.reply = {
        data: {
          _entities: [
            { __typename: 'Profile', accountId: 'u-premium', maxMaturity: 18 },
            null,
            { __typename: 'Profile', accountId: 'u-premium', maxMaturity: 13 },
          ],
        },
        errors: [{ message: 'profile store timed out', path: ['_entities', 1] }],
      };
      const context = newContext();
      const response = await source.process(processOptions(PROFILE_ENTITIES, { representations }, context));
      expect(response.data).toEqual({
        _entities: [
          { __typename: 'Profile', accountId: 'u-premium', maxMaturity: 18 },
          { __typename: 'Profile', maxMaturity: 0 },
          { __typename: 'Profile', accountId: 'u-premium', maxMaturity: 13 },
        ],
      });
      expect(response.errors).toEqual([
        expect.objectContaining({
          path: ['_entities', 1],
          extensions: { code: SUBGRAPH_UNAVAILABLE, subgraph: 'profiles' },
        }),
      ]);
      expect(context.fallback.unresolvedTypes).toEqual(new Set(['Profile']));
    });

    it('pass a null entity without an error through as "not found"', async () => {
      const { source } = dataSource('profiles');
      subgraph.reply = { data: { _entities: [null] } };
      const context = newContext();
      const response = await source.process(
        processOptions(PROFILE_ENTITIES, { representations: [profile('p-x')] }, context),
      );
      expect(response).toEqual({ data: { _entities: [null] } });
      expect(context.fallback.degraded).toEqual([]);
    });

    it('not send representations whose null profile came from a failure, and map error paths back', async () => {
      const { source } = dataSource('entitlements');
      const representations = [
        playSession('s-0', null),
        playSession('s-1', 'p-1'),
        playSession('s-2', 'p-2'),
      ];
      subgraph.reply = {
        data: {
          _entities: [
            { __typename: 'PlaySession', entitlement: { allowed: true, reason: 'ALLOWED' } },
            { __typename: 'PlaySession', entitlement: { allowed: false, reason: 'NOT_IN_REGION' } },
          ],
        },
        errors: [{ message: 'no offers', path: ['_entities', 1, 'entitlement', 'prompt'] }],
      };
      const context = newContext();
      context.fallback.unresolvedTypes.add('Profile');
      const response = await source.process(
        processOptions(ENTITLEMENT_ENTITIES, { representations }, context, ['play']),
      );

      expect(subgraph.received).toHaveLength(1);
      expect(subgraph.received[0]?.body.variables.representations).toEqual([
        representations[1],
        representations[2],
      ]);
      expect(response.data).toEqual({
        _entities: [
          {
            __typename: 'PlaySession',
            entitlement: expect.objectContaining({ reason: 'TEMPORARILY_UNAVAILABLE' }),
          },
          { __typename: 'PlaySession', entitlement: { allowed: true, reason: 'ALLOWED' } },
          { __typename: 'PlaySession', entitlement: { allowed: false, reason: 'NOT_IN_REGION' } },
        ],
      });
      expect(response.errors).toEqual([
        { message: 'no offers', path: ['_entities', 2, 'entitlement', 'prompt'] },
      ]);
      expect(context.fallback.degraded).toEqual([
        { path: ['play', 'entitlement'], subgraph: 'entitlements', fallback: 'DEFAULT', ageSeconds: null },
      ]);
    });

    it('send nothing when every representation is tainted', async () => {
      const { source } = dataSource('entitlements');
      const context = newContext();
      context.fallback.unresolvedTypes.add('Profile');
      const response = await source.process(
        processOptions(ENTITLEMENT_ENTITIES, { representations: [playSession('s-0', null)] }, context),
      );
      expect(subgraph.received).toEqual([]);
      expect(response).toEqual({
        data: {
          _entities: [
            {
              __typename: 'PlaySession',
              entitlement: expect.objectContaining({ reason: 'TEMPORARILY_UNAVAILABLE' }),
            },
          ],
        },
      });
    });

    it('stand in for every entity, in order, when the subgraph is gone', async () => {
      const { source } = dataSource('profiles');
      await subgraph.stop();
      const context = newContext();
      const response = await source.process(
        processOptions(PROFILE_ENTITIES, { representations: [profile('p-1'), profile('p-2')] }, context),
      );
      expect(response.data).toEqual({
        _entities: [
          { __typename: 'Profile', maxMaturity: 0 },
          { __typename: 'Profile', maxMaturity: 0 },
        ],
      });
      expect(response.errors?.map((error) => error.path)).toEqual([
        ['_entities', 0],
        ['_entities', 1],
      ]);
      expect(response.errors?.[0]?.message).toMatch(/unavailable \(connection\)/);
    });
  });
  describe('with the entity cache', () => {
    const TITLE_ENTITIES = `query($representations: [_Any!]!) {
  _entities(representations: $representations) { ... on Title { __typename name maturityRating } }
}`;
    const title = (id: string) => ({ __typename: 'Title', id });
    const titleEntity = (id: string) => ({ __typename: 'Title', name: `Name of ${id}`, maturityRating: 13 });

    function cachedDataSource(name: string) {
      const cache = new EntityCache();
      cache.usePolicies(CachePolicies.fromSdl(readFileSync(SUPERGRAPH_PATH, 'utf8')));
      return dataSource(name, cache).source;
    }

    it('fetch only the titles not cached yet and answer every title in the order asked', async () => {
      const source = cachedDataSource('catalog');
      subgraph.reply = { data: { _entities: [titleEntity('t-1'), titleEntity('t-3')] } };
      await source.process(
        processOptions(TITLE_ENTITIES, { representations: [title('t-1'), title('t-3')] }, newContext()),
      );
      subgraph.reply = { data: { _entities: [titleEntity('t-2')] } };

      const response = await source.process(
        processOptions(
          TITLE_ENTITIES,
          { representations: [title('t-1'), title('t-2'), title('t-3')] },
          newContext(),
        ),
      );

      expect(response).toEqual({
        data: { _entities: [titleEntity('t-1'), titleEntity('t-2'), titleEntity('t-3')] },
      });
      expect(subgraph.received.map((request) => request.body.variables.representations)).toEqual([
        [title('t-1'), title('t-3')],
        [title('t-2')],
      ]);
    });

    it('send every fetch of undeclared (profile) data, for every caller, however often it was asked', async () => {
      const source = cachedDataSource('profiles');
      subgraph.reply = {
        data: { _entities: [{ __typename: 'Profile', accountId: 'u-1', maxMaturity: 18 }] },
      };
      const asAccount = (accountId: string): GatewayContext => ({
        caller: { accountId, country: 'US' },
        fallback: newFallbackState(),
      });
      await source.process(
        processOptions(PROFILE_ENTITIES, { representations: [profile('p-1')] }, asAccount('u-1')),
      );
      await source.process(
        processOptions(PROFILE_ENTITIES, { representations: [profile('p-1')] }, asAccount('u-2')),
      );
      await source.process(
        processOptions(PROFILE_ENTITIES, { representations: [profile('p-1')] }, asAccount('u-1')),
      );
      expect(subgraph.received).toHaveLength(3);
    });
  });
});
