/**
 * Production mode end to end: the real processes of `npm start` with `NODE_ENV=production`, every key
 * configured (test/support/productionKeys.ts) and the production defaults left alone: trusted
 * documents enforced, no trusted proxy. What a device can still do (its operations, by id) and what
 * nobody can (free-form or registered queries, introspection, development tokens, a self-declared
 * country).
 */
import { createHash } from 'node:crypto';
import { createRemoteJWKSet, decodeProtectedHeader, jwtVerify } from 'jose';
import { issueDevelopmentToken } from '@platform/identity';
import { loadSigningKey } from '@platform/keys/keyring';
import { documentIds } from '../../../clients/__generated__/documentIds';
import { metricSum } from '@testing/abuse';
import { productionKeys, type ProductionKeys } from '@testing/productionKeys';
import { Seed } from '@testing/seed';
import { startTestStack, type TestStack } from '@testing/stack';

const seed = new Seed()
  .subscriber('acct-viewer', 'PREMIUM')
  .profile('prof-viewer', 'acct-viewer')
  .title('t-world')
  .title('t-us', { countries: ['US'] })
  .cdn('cdn-global', { regions: [], priority: 1 });

const device = { id: 'tv-1', type: 'TV', codecs: ['H264'], maxHeight: 1080, drm: ['WIDEVINE'] };
const playVariables = (titleId: string) => ({ input: { titleId, profileId: 'prof-viewer', device } });

interface Answer {
  status: number;
  json: {
    data?: Record<string, unknown> | null;
    errors?: { message: string; extensions?: { code?: string } }[];
    extensions?: Record<string, unknown>;
  };
}

interface Play {
  decision: { allowed: boolean; reason: string };
  manifest: { jws: string; keyId: string } | null;
}

describe('a production-mode stack', () => {
  let stack: TestStack;
  let keys: ProductionKeys;
  let token: string;

  beforeAll(async () => {
    keys = await productionKeys();
    // TRUSTED_DOCUMENTS and TRUSTED_PROXIES unset: production's defaults (enforce; none).
    const inherited = { TRUSTED_DOCUMENTS: undefined, TRUSTED_PROXIES: undefined };
    stack = await startTestStack(seed, { ...inherited, ...keys.env, NODE_ENV: 'production' });
    token = await keys.tokenFor('acct-viewer');
  }, 60_000);

  afterAll(async () => {
    await stack?.stop();
  });

  async function send(body: unknown, headers: Record<string, string> = {}): Promise<Answer> {
    const { status, json } = await stack.graphql(body, {
      authorization: `Bearer ${token}`,
      'x-country': 'US',
      ...headers,
    });
    return { status, json };
  }

  const subgraphFetches = async () => {
    const response = await fetch(`http://127.0.0.1:${stack.env.ADMIN_PORT}/metrics`);
    return metricSum(await response.text(), 'gateway_subgraph_fetch_duration_seconds_count');
  };

  const sha256Hex = (text: string) => createHash('sha256').update(text).digest('hex');
  const codeOf = (answer: Answer) => answer.json.errors?.[0]?.extensions?.code;

  it('runs every device operation sent by its trusted document id', async () => {
    const play = await send({ documentId: documentIds.Play, variables: playVariables('t-world') });
    expect(play.status).toBe(200);
    const session = (play.json.data?.play ?? null) as (Play & { id: string }) | null;
    expect(session?.decision.allowed).toBe(true);

    const title = await send({ documentId: documentIds.Title, variables: { id: 't-world' } });
    expect(title.json.errors).toBeUndefined();
    expect(title.json.data?.title).toMatchObject({ id: 't-world' });

    const titles = await send({ documentId: documentIds.Titles, variables: { first: 10 } });
    expect(titles.json.errors).toBeUndefined();
    expect(titles.json.data?.titles).toMatchObject({ totalCount: 2 });

    const me = await send({ documentId: documentIds.Me });
    expect(me.json.errors).toBeUndefined();
    expect(me.json.data?.me).toMatchObject({ id: 'acct-viewer', profiles: [{ id: 'prof-viewer' }] });

    const end = await send({
      documentId: documentIds.EndPlayback,
      variables: { input: { manifest: session!.manifest!.jws, positionSeconds: 60, completed: false } },
    });
    expect(end.json.errors).toBeUndefined();
    expect(end.json.data?.endPlayback).toEqual({ accepted: true });
  });

  it('refuses a free-form query with PERSISTED_QUERY_NOT_IN_LIST before any subgraph call', async () => {
    const before = await subgraphFetches();
    const answer = await send({ query: 'query Mine { me { id profiles { id } } }' });
    expect(answer.status).toBe(400);
    expect(codeOf(answer)).toBe('PERSISTED_QUERY_NOT_IN_LIST');
    expect(answer.json.data ?? null).toBeNull();
    expect(await subgraphFetches()).toBe(before);
  });

  it('refuses to register an unlisted query through automatic persisted queries', async () => {
    const query = 'query Registered { me { id } }';
    const before = await subgraphFetches();
    const register = await send({
      query,
      extensions: { persistedQuery: { version: 1, sha256Hash: sha256Hex(query) } },
    });
    expect(register.status).toBe(400);
    expect(codeOf(register)).toBe('PERSISTED_QUERY_NOT_IN_LIST');
    // Nor does the hash run afterwards: nothing was registered.
    const byHash = await send({
      extensions: { persistedQuery: { version: 1, sha256Hash: sha256Hex(query) } },
    });
    expect(byHash.status).toBe(400);
    expect(codeOf(byHash)).toBe('PERSISTED_QUERY_NOT_IN_LIST');
    expect(await subgraphFetches()).toBe(before);
  });

  it('refuses introspection', async () => {
    const answer = await send({ query: '{ __schema { types { name } } }' });
    expect(answer.status).toBe(400);
    expect(answer.json.data ?? null).toBeNull();
    expect(JSON.stringify(answer.json)).not.toMatch(/PlayInput/);
  });

  it('refuses a development token with 401', async () => {
    const developmentKey = await loadSigningKey('identity', { kind: 'development', dir: stack.keysDir });
    const developmentToken = await issueDevelopmentToken(developmentKey, 'acct-viewer');
    const answer = await send(
      { documentId: documentIds.Me },
      { authorization: `Bearer ${developmentToken}` },
    );
    expect(answer.status).toBe(401);
    expect(codeOf(answer)).toBe('UNAUTHENTICATED');
  });

  it('does not count x-country from an untrusted peer: a US-only title is geo-restricted, a worldwide one granted', async () => {
    const us = await send({ documentId: documentIds.Play, variables: playVariables('t-us') });
    expect(us.status).toBe(200);
    const refused = us.json.data?.play as Play;
    expect(refused.decision).toMatchObject({ allowed: false, reason: 'GEO_RESTRICTED' });
    expect(refused.manifest).toBeNull();

    const world = await send({ documentId: documentIds.Play, variables: playVariables('t-world') });
    const granted = world.json.data?.play as Play;
    expect(granted.decision.allowed).toBe(true);
    expect(world.json.extensions?.degraded).toBeUndefined();
  });

  it('signs manifests with the configured key, published at /.well-known/jwks.json', async () => {
    const answer = await send({ documentId: documentIds.Play, variables: playVariables('t-world') });
    const { manifest } = answer.json.data?.play as Play;
    const jwks = createRemoteJWKSet(new URL(`${stack.gatewayUrl}/.well-known/jwks.json`));
    const { protectedHeader } = await jwtVerify(manifest!.jws, jwks);
    const configured = JSON.parse(keys.env.MANIFEST_PUBLIC_JWKS!) as { keys: { kid: string }[] };
    expect(protectedHeader.kid).toBe(configured.keys[0]!.kid);
    expect(decodeProtectedHeader(manifest!.jws).kid).toBe(manifest!.keyId);
    const published = (await (await fetch(`${stack.gatewayUrl}/.well-known/jwks.json`)).json()) as {
      keys: { kid: string }[];
    };
    expect(published.keys.map((key) => key.kid)).toEqual(configured.keys.map((key) => key.kid));
  });
});
