import { documentIdOf } from '@contracts/documentId';
import { ErrorCode } from '@contracts/graphqlErrors';
import { resolveDocument, type DocumentPolicy } from './resolveDocument';

const PLAY = 'query Play($input: PlayInput!) {\n  play(input: $input) {\n    id\n  }\n}';
const PLAY_ID = documentIdOf(PLAY);
const PLAY_HASH = PLAY_ID.slice('sha256:'.length);
const UNLISTED = '{\n  titles {\n    totalCount\n  }\n}';
const UNLISTED_ID = documentIdOf(UNLISTED);
const documents = new Map([[PLAY_ID, PLAY]]);
const variables = { input: { titleId: 't-1' } };
const apq = (sha256Hash: string) => ({ persistedQuery: { version: 1, sha256Hash } });

const enforce: DocumentPolicy = { mode: 'enforce', mayRunFreeForm: false };
const allow: DocumentPolicy = { mode: 'allow', mayRunFreeForm: false };
const analyst: DocumentPolicy = { mode: 'enforce', mayRunFreeForm: true };

describe('resolveDocument', () => {
  describe.each([
    ['enforce', enforce],
    ['allow', allow],
  ])('in %s mode', (_mode, policy) => {
    it('runs a trusted document sent by documentId as its text, with the variables and operation name', () => {
      expect(
        resolveDocument({ documentId: PLAY_ID, variables, operationName: 'Play' }, policy, documents),
      ).toEqual({
        outcome: 'run',
        body: { query: PLAY, variables, operationName: 'Play' },
        documentId: PLAY_ID,
      });
    });

    it("runs a trusted document sent as Apollo's APQ hash, dropping the extension Apollo would act on", () => {
      const body = { extensions: { ...apq(PLAY_HASH), traceId: 'abc' }, variables };
      expect(resolveDocument(body, policy, documents)).toEqual({
        outcome: 'run',
        body: { query: PLAY, variables, extensions: { traceId: 'abc' } },
        documentId: PLAY_ID,
      });
    });

    it('runs a trusted document sent as its exact text', () => {
      expect(resolveDocument({ query: PLAY, variables }, policy, documents)).toMatchObject({
        outcome: 'run',
        body: { query: PLAY, variables },
      });
    });

    it('refuses a documentId that is not written as sha256:<hex>', () => {
      for (const documentId of ['Play', PLAY_HASH, `sha256:${PLAY_HASH.toUpperCase()}`, 'sha256:abc', 42]) {
        expect(resolveDocument({ documentId, variables }, policy, documents)).toEqual({
          outcome: 'refuse',
          error: expect.objectContaining({ status: 400, code: ErrorCode.BadRequest }),
        });
      }
    });

    it('refuses a query sent with a hash that is not its own', () => {
      for (const body of [
        { query: UNLISTED, extensions: apq(PLAY_HASH) },
        { query: UNLISTED, documentId: PLAY_ID },
      ]) {
        expect(resolveDocument(body, policy, documents)).toEqual({
          outcome: 'refuse',
          error: {
            status: 400,
            code: ErrorCode.BadRequest,
            message: 'The query does not hash to the id it was sent with',
          },
        });
      }
    });

    it('refuses a documentId and an APQ hash that name different documents', () => {
      const body = { documentId: UNLISTED_ID, extensions: apq(PLAY_HASH) };
      expect(resolveDocument(body, policy, documents)).toMatchObject({
        outcome: 'refuse',
        error: { status: 400, code: ErrorCode.BadRequest },
      });
    });

    it('refuses an APQ extension of another version or with a malformed hash', () => {
      for (const persistedQuery of [
        { version: 2, sha256Hash: PLAY_HASH },
        { version: 1, sha256Hash: 'x' },
        true,
      ]) {
        expect(resolveDocument({ extensions: { persistedQuery } }, policy, documents)).toMatchObject({
          outcome: 'refuse',
          error: { status: 400, code: ErrorCode.BadRequest },
        });
      }
    });

    it('refuses a body that is not one JSON object, or names no document at all', () => {
      for (const body of [[{ documentId: PLAY_ID }], 'query', null, {}, { query: '' }, { query: 42 }]) {
        expect(resolveDocument(body, policy, documents)).toMatchObject({
          outcome: 'refuse',
          error: { status: 400, code: ErrorCode.BadRequest },
        });
      }
    });
  });

  describe('in enforce mode', () => {
    it('refuses a free-form query with PERSISTED_QUERY_NOT_IN_LIST', () => {
      expect(resolveDocument({ query: UNLISTED }, enforce, documents)).toEqual({
        outcome: 'refuse',
        error: expect.objectContaining({ status: 400, code: 'PERSISTED_QUERY_NOT_IN_LIST' }),
      });
    });

    it('refuses a trusted text changed by so much as a space', () => {
      expect(resolveDocument({ query: `${PLAY} ` }, enforce, documents)).toMatchObject({
        outcome: 'refuse',
        error: { code: 'PERSISTED_QUERY_NOT_IN_LIST' },
      });
    });

    it('refuses an unknown id, in either form, with PERSISTED_QUERY_NOT_IN_LIST', () => {
      for (const body of [{ documentId: UNLISTED_ID }, { extensions: apq(UNLISTED_ID.slice(7)) }]) {
        expect(resolveDocument(body, enforce, documents)).toMatchObject({
          outcome: 'refuse',
          error: { status: 400, code: 'PERSISTED_QUERY_NOT_IN_LIST' },
        });
      }
    });

    it('refuses to register a document at run time (APQ query with its own hash)', () => {
      const body = { query: UNLISTED, extensions: apq(UNLISTED_ID.slice(7)) };
      expect(resolveDocument(body, enforce, documents)).toEqual({
        outcome: 'refuse',
        error: {
          status: 400,
          code: 'PERSISTED_QUERY_NOT_IN_LIST',
          message: `${UNLISTED_ID} is not a trusted document, and documents cannot be registered at run time here`,
        },
      });
    });

    it('runs free-form queries for a caller allowed them (the seam for analysts), registering nothing', () => {
      expect(resolveDocument({ query: UNLISTED }, analyst, documents)).toEqual({
        outcome: 'run',
        body: { query: UNLISTED },
        documentId: null,
      });
      const withHash = { query: UNLISTED, extensions: apq(UNLISTED_ID.slice(7)) };
      expect(resolveDocument(withHash, analyst, documents)).toEqual({
        outcome: 'run',
        body: { query: UNLISTED },
        documentId: null,
      });
    });

    it('answers an unknown hash with PERSISTED_QUERY_NOT_FOUND for a caller who may send the text instead', () => {
      expect(resolveDocument({ extensions: apq(UNLISTED_ID.slice(7)) }, analyst, documents)).toMatchObject({
        outcome: 'refuse',
        error: { status: 400, code: 'PERSISTED_QUERY_NOT_FOUND' },
      });
    });
  });

  describe('in allow mode', () => {
    it('runs a free-form query as sent', () => {
      expect(resolveDocument({ query: UNLISTED, operationName: null }, allow, documents)).toEqual({
        outcome: 'run',
        body: { query: UNLISTED },
        documentId: null,
      });
    });

    it("leaves an APQ request for an unlisted hash to Apollo's own APQ, which registers it", () => {
      for (const body of [
        { extensions: apq(UNLISTED_ID.slice(7)) },
        { query: UNLISTED, extensions: apq(UNLISTED_ID.slice(7)) },
      ]) {
        expect(resolveDocument(body, allow, documents)).toEqual({ outcome: 'run', body, documentId: null });
      }
    });

    it('answers an unknown documentId with PERSISTED_QUERY_NOT_FOUND', () => {
      expect(resolveDocument({ documentId: UNLISTED_ID }, allow, documents)).toMatchObject({
        outcome: 'refuse',
        error: { status: 400, code: 'PERSISTED_QUERY_NOT_FOUND' },
      });
    });
  });
});
