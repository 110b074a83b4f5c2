import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { GatewayCacheHint } from '@apollo/server-gateway-interface';
import {
  GATEWAY_CREDENTIAL_HEADER,
  GatewayCredentialIssuer,
  GatewayCredentialVerifier,
} from '@contracts/gatewayCredential';
import { REQUEST_CLASS_HEADER } from '@contracts/shedding';
import { loadGatewaySecret, loadSubgraphKeys } from '@platform/keys/gatewaySecret';
import { subgraphFetch, TEST_CALLER } from '@testing/subgraphFetch';
import type { ReplicaPool, SendOptions } from './replicaPool';
import { replicaSend } from './replicaSend';

const keys = { kind: 'development', dir: mkdtempSync(path.join(tmpdir(), 'replica-send-')) } as const;
const PROFILES =
  'query($representations: [_Any!]!) { _entities(representations: $representations) { ... on Profile { id } } }';

interface Sent {
  body: string;
  headers: Record<string, string>;
  retryable: boolean;
  options: SendOptions;
}

function recordingPool(cacheControl?: string) {
  const sent: Sent[] = [];
  const pool: Pick<ReplicaPool, 'send'> = {
    async send(body, headers, retryable, options = {}) {
      sent.push({ body, headers, retryable, options });
      options.attempted?.push('http://replica-1/graphql');
      return { status: 200, body: { data: { ok: true } }, cacheControl };
    },
  };
  return { pool, sent };
}

describe('the replica send', () => {
  it("passes the client request's class on to the subgraph, and none when it has none", async () => {
    const secret = await loadGatewaySecret(keys);
    const { pool, sent } = recordingPool();
    const send = replicaSend(pool, new GatewayCredentialIssuer(secret).forSubgraph('profiles'));
    await send({ ...subgraphFetch('profiles', PROFILES), requestClass: 'browse' });
    await send(subgraphFetch('profiles', PROFILES));
    expect(sent.map((request) => request.headers[REQUEST_CLASS_HEADER])).toEqual(['browse', undefined]);
  });

  it('sends the fetch as the subgraph reads it, with a credential for the caller bound to that body', async () => {
    const secret = await loadGatewaySecret(keys);
    const { pool, sent } = recordingPool();
    const send = replicaSend(pool, new GatewayCredentialIssuer(secret).forSubgraph('profiles'));
    const fetch = subgraphFetch('profiles', PROFILES, {
      operationName: 'Profiles',
      variables: {
        representations: [
          { __typename: 'Profile', id: 'p-1' },
          { __typename: 'Profile', id: 'p-2' },
        ],
      },
    });

    await expect(send(fetch)).resolves.toEqual({ data: { ok: true } });

    const [request] = sent;
    expect(JSON.parse(request!.body)).toEqual({
      query: PROFILES,
      variables: fetch.variables,
      operationName: 'Profiles',
    });
    const verifier = new GatewayCredentialVerifier('profiles', await loadSubgraphKeys('profiles', keys));
    await expect(
      verifier.verify(request!.headers[GATEWAY_CREDENTIAL_HEADER], Buffer.from(request!.body)),
    ).resolves.toEqual(TEST_CALLER);
    // Entities may be asked again; the pool's caps count representations; the trace sees the replica.
    expect(request!.retryable).toBe(true);
    expect(request!.options).toMatchObject({ items: 2, countedFailures: fetch.countedFailures });
    expect(fetch.attempted).toEqual(['http://replica-1/graphql']);
  });

  it('never retries a mutation, counts its root fields, and passes on the answer’s freshness', async () => {
    const secret = await loadGatewaySecret(keys);
    const { pool, sent } = recordingPool('max-age=30, public');
    const hints: GatewayCacheHint[] = [];
    const fetch = subgraphFetch('playback', 'mutation { a: endPlayback(id: "1") b: endPlayback(id: "2") }', {
      freshness: (hint) => hints.push(hint),
    });
    await replicaSend(pool, new GatewayCredentialIssuer(secret).forSubgraph('playback'))(fetch);
    expect(sent[0]!.retryable).toBe(false);
    expect(sent[0]!.options.items).toBe(2);
    expect(hints).toEqual([{ maxAge: 30, scope: 'PUBLIC' }]);
  });
});
