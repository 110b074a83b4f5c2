/**
 * Turns the body of a GraphQL request into the body Apollo Server runs, or a refusal. Three forms:
 * (a) a trusted document by id, `{ documentId: "sha256:<hex>", variables, operationName? }` (the
 *     GraphQL-over-HTTP persisted documents appendix, what the player SDK sends);
 * (b) Apollo's APQ, `{ extensions: { persistedQuery: { version: 1, sha256Hash: "<hex>" } }, variables }`,
 *     with or without the `query`;
 * (c) free-form, `{ query, variables, operationName? }`.
 *
 * A trusted document sent by id, in either form, is translated into `query` here, and the APQ extension
 * dropped, so Apollo Server only ever sees the text. That is simpler and more robust than pre-filling
 * Apollo's APQ cache with the document list: Apollo does not know `documentId` at all, its APQ path writes
 * every `query` + hash it is sent into that cache (a read-only cache would have to swallow writes while
 * Apollo still ran the query), and its cache keys are its own detail. One function decides what runs.
 * In `allow` mode an APQ request for an unlisted hash goes to Apollo untouched, so development clients
 * keep Apollo's APQ (registration included); `enforce` never lets an unlisted document through, and
 * the gateway turns Apollo's APQ off (`TrustedDocuments.apolloPersistedQueries`).
 */
import { documentIdOf, isDocumentId } from '@contracts/documentId';
import { ErrorCode } from '@contracts/graphqlErrors';
import type { TrustedDocumentList } from './documentList';
import { refuse, type DocumentRefusal } from './refusal';
import type { TrustedDocumentsMode } from './settings';

/** What Apollo Server reads from a POST body. */
export interface GraphQLRequestBody {
  query?: string;
  operationName?: string;
  variables?: unknown;
  extensions?: Record<string, unknown>;
}

/** Who may run what: the mode, and whether this caller may send free-form queries anyway. */
export interface DocumentPolicy {
  mode: TrustedDocumentsMode;
  /**
   * The seam for roles: a caller allowed free-form queries (analysts, later) runs them even in
   * `enforce` mode, though never registers one. Devices: false.
   */
  mayRunFreeForm: boolean;
}

export type DocumentResolution =
  | {
      outcome: 'run';
      /** The body to hand to Apollo Server. */
      body: GraphQLRequestBody;
      /** The trusted document's id, or null for a free-form query (or an APQ left to Apollo). */
      documentId: string | null;
    }
  | { outcome: 'refuse'; error: DocumentRefusal };

const APQ_HASH = /^[0-9a-f]{64}$/;

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** The id the body names, from `documentId` or the APQ extension (which must agree), or none. */
function namedId(body: Record<string, unknown>): { id: string | null } | DocumentRefusal {
  const { documentId, extensions } = body;
  if (documentId !== undefined && !isDocumentId(documentId)) {
    return refuse(ErrorCode.BadRequest, '`documentId` must be "sha256:" and 64 lower-case hex digits');
  }
  const persistedQuery = isObject(extensions) ? extensions['persistedQuery'] : undefined;
  if (persistedQuery === undefined) return { id: documentId ?? null };
  if (!isObject(persistedQuery) || persistedQuery['version'] !== 1) {
    return refuse(ErrorCode.BadRequest, 'Unsupported persisted query version: send version 1');
  }
  const hash = persistedQuery['sha256Hash'];
  if (typeof hash !== 'string' || !APQ_HASH.test(hash)) {
    return refuse(ErrorCode.BadRequest, '`sha256Hash` must be 64 lower-case hex digits');
  }
  if (documentId !== undefined && documentId !== `sha256:${hash}`) {
    return refuse(ErrorCode.BadRequest, '`documentId` and `sha256Hash` name different documents');
  }
  return { id: `sha256:${hash}` };
}

/** The body Apollo runs for `query`: the client's variables, operation name and other extensions. */
function runnable(body: Record<string, unknown>, query: string): GraphQLRequestBody {
  const { persistedQuery: _dropped, ...extensions } = isObject(body['extensions']) ? body['extensions'] : {};
  return {
    query,
    ...(typeof body['operationName'] === 'string' && { operationName: body['operationName'] }),
    ...(body['variables'] !== undefined && { variables: body['variables'] }),
    ...(Object.keys(extensions).length > 0 && { extensions }),
  };
}

const notInList = (what: string) =>
  refuse(
    ErrorCode.PersistedQueryNotInList,
    `${what} is not a trusted document: this gateway runs only the operations of clients/operations/, sent by documentId`,
  );

/**
 * Resolves one request body (a JSON object: batches are refused) against the trusted documents.
 * Never throws; every refusal is HTTP 400 with a code (see `DocumentErrorCode`, refusal.ts).
 */
export function resolveDocument(
  body: unknown,
  policy: DocumentPolicy,
  documents: TrustedDocumentList,
): DocumentResolution {
  if (!isObject(body)) {
    return {
      outcome: 'refuse',
      error: refuse(ErrorCode.BadRequest, 'The request body must be one JSON object (no batches)'),
    };
  }
  const { query, operationName } = body;
  if (query !== undefined && typeof query !== 'string') {
    return { outcome: 'refuse', error: refuse(ErrorCode.BadRequest, '`query` must be a string') };
  }
  if (operationName !== undefined && operationName !== null && typeof operationName !== 'string') {
    return {
      outcome: 'refuse',
      error: refuse(ErrorCode.BadRequest, '`operationName` must be a string'),
    };
  }
  const named = namedId(body);
  if ('code' in named) return { outcome: 'refuse', error: named };
  const freeFormAllowed = policy.mode === 'allow' || policy.mayRunFreeForm;

  if (named.id !== null) {
    // Checked before the list is consulted: a hash that is not the query's is a broken client, listed
    // or not, and letting it through would run one text under another's id.
    if (query !== undefined && documentIdOf(query) !== named.id) {
      return {
        outcome: 'refuse',
        error: refuse(ErrorCode.BadRequest, 'The query does not hash to the id it was sent with'),
      };
    }
    const text = documents.get(named.id);
    if (text !== undefined) return { outcome: 'run', body: runnable(body, text), documentId: named.id };
    if (policy.mode === 'allow' && body['documentId'] === undefined) {
      // APQ for a document the list does not hold: Apollo's own APQ answers (its cache, or
      // PERSISTED_QUERY_NOT_FOUND so the client sends the query, which Apollo then registers).
      return { outcome: 'run', body: body as GraphQLRequestBody, documentId: null };
    }
    if (query !== undefined && freeFormAllowed) {
      // The text came with its (verified) hash: run it as a free-form query, registering nothing.
      return { outcome: 'run', body: runnable(body, query), documentId: null };
    }
    if (query !== undefined) {
      return {
        outcome: 'refuse',
        error: refuse(
          ErrorCode.PersistedQueryNotInList,
          `${named.id} is not a trusted document, and documents cannot be registered at run time here`,
        ),
      };
    }
    return {
      outcome: 'refuse',
      error: freeFormAllowed
        ? refuse(
            ErrorCode.PersistedQueryNotFound,
            `No trusted document has the id ${named.id}: send the query`,
          )
        : notInList(named.id),
    };
  }

  if (!query) {
    return {
      outcome: 'refuse',
      error: refuse(
        ErrorCode.BadRequest,
        'A GraphQL request needs a `documentId`, a `persistedQuery` extension or a non-empty `query`',
      ),
    };
  }
  if (freeFormAllowed) return { outcome: 'run', body: runnable(body, query), documentId: null };
  // A device (or an older SDK) that sends a trusted document's exact text, not its id.
  const id = documentIdOf(query);
  if (documents.has(id)) return { outcome: 'run', body: runnable(body, query), documentId: id };
  return { outcome: 'refuse', error: notInList('This query') };
}
