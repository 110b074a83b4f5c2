import type { BaseContext } from '@apollo/server';
import { print } from 'graphql';
import { documentIdOf } from '@contracts/documentId';
import { startCountingGateway, type CountingGateway } from '@testing/countingGateway';
import { PlayDocument } from '../../../clients/__generated__/operations';
import { operationLimits } from '../operationLimits/operationLimits';
import { createTrustedDocuments } from './trustedDocuments';
import type { TrustedDocumentsMode } from './settings';

const PLAY_ID = documentIdOf(print(PlayDocument));
const playVariables = {
  input: {
    titleId: 't-premium-4k',
    profileId: 'p-premium-adult',
    device: { id: 'tv-1', type: 'TV', codecs: ['H264'], maxHeight: 1080, drm: ['WIDEVINE'] },
  },
};
const UNLISTED = '{ titles(first: 1) { totalCount } }';
const UNLISTED_HASH = documentIdOf(UNLISTED).slice('sha256:'.length);
const apq = (sha256Hash: string) => ({ persistedQuery: { version: 1, sha256Hash } });
const codesOf = (body: { errors?: Array<{ extensions?: Record<string, unknown> }> }) =>
  (body.errors ?? []).map((error) => error.extensions?.['code']);

/** Apollo Server and the gateway over the checked-in supergraph, the list in front, subgraphs counted. */
async function gatewayIn(mode: TrustedDocumentsMode): Promise<CountingGateway> {
  return startCountingGateway(operationLimits<BaseContext>(), {
    documents: createTrustedDocuments({ mode }),
  });
}

describe('trusted documents in front of Apollo Server and the gateway', () => {
  describe('with TRUSTED_DOCUMENTS=enforce', () => {
    let gateway: CountingGateway;
    beforeAll(async () => (gateway = await gatewayIn('enforce')));
    afterAll(() => gateway.stop());

    it.each([
      ['a free-form query', { query: UNLISTED }],
      ['an unknown documentId', { documentId: documentIdOf(UNLISTED) }],
      ['an unknown APQ hash', { extensions: apq(UNLISTED_HASH) }],
      ['a query registering itself through APQ', { query: UNLISTED, extensions: apq(UNLISTED_HASH) }],
    ])(
      'refuses %s with 400 PERSISTED_QUERY_NOT_IN_LIST before any subgraph is called',
      async (_what, body) => {
        const before = gateway.subgraphCalls();
        const response = await gateway.postBody(body);
        expect(response.status).toBe(400);
        expect(codesOf(response.body)).toEqual(['PERSISTED_QUERY_NOT_IN_LIST']);
        expect(gateway.subgraphCalls()).toBe(before);
      },
    );

    it('registers nothing: the hash a refused registration sent stays unknown', async () => {
      await gateway.postBody({ query: UNLISTED, extensions: apq(UNLISTED_HASH) });
      const response = await gateway.postBody({ extensions: apq(UNLISTED_HASH) });
      expect(codesOf(response.body)).toEqual(['PERSISTED_QUERY_NOT_IN_LIST']);
    });

    it.each([
      ['its documentId', { documentId: PLAY_ID, variables: playVariables }],
      ['its APQ hash', { extensions: apq(PLAY_ID.slice('sha256:'.length)), variables: playVariables }],
      ['its exact text', { query: print(PlayDocument), variables: playVariables }],
    ])('plans and fetches the Play document sent by %s', async (_how, body) => {
      const before = gateway.subgraphCalls();
      const response = await gateway.postBody(body);
      expect(codesOf(response.body)).not.toContain('PERSISTED_QUERY_NOT_IN_LIST');
      expect(codesOf(response.body)).not.toContain('BAD_REQUEST');
      expect(gateway.subgraphCalls()).toBeGreaterThan(before);
    });
  });

  describe('with TRUSTED_DOCUMENTS=allow', () => {
    let gateway: CountingGateway;
    beforeAll(async () => (gateway = await gatewayIn('allow')));
    afterAll(() => gateway.stop());

    it('runs a free-form query', async () => {
      const before = gateway.subgraphCalls();
      const response = await gateway.postBody({ query: UNLISTED });
      expect(response.status).toBe(200);
      expect(gateway.subgraphCalls()).toBeGreaterThan(before);
    });

    it("keeps Apollo's APQ for other documents: unknown, registered, then run by hash alone", async () => {
      const unknown = await gateway.postBody({ extensions: apq(UNLISTED_HASH) });
      expect(codesOf(unknown.body)).toEqual(['PERSISTED_QUERY_NOT_FOUND']);
      await gateway.postBody({ query: UNLISTED, extensions: apq(UNLISTED_HASH) });
      const before = gateway.subgraphCalls();
      const byHash = await gateway.postBody({ extensions: apq(UNLISTED_HASH) });
      expect(byHash.status).toBe(200);
      expect(gateway.subgraphCalls()).toBeGreaterThan(before);
    });
  });
});
