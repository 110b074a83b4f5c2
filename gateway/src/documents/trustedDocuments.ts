/**
 * The gateway's trusted documents, built once with the server: the document list loaded, the mode fixed,
 * and the one call the HTTP layer makes with each parsed body before handing it to Apollo Server.
 */
import { resolveHttpRequest, type GraphQLHttpRequest, type HttpRequestResolution } from './httpRequest';
import { loadTrustedDocumentList, type TrustedDocumentList } from './documentList';
import { resolveDocument, type DocumentResolution } from './resolveDocument';
import type { TrustedDocumentsMode } from './settings';

export interface TrustedDocumentsOptions {
  mode: TrustedDocumentsMode;
  /** Defaults to the generated document list, read once here (`loadTrustedDocumentList()`). */
  documents?: TrustedDocumentList;
}

/** What a caller may do beyond the trusted documents. Devices: nothing. */
export interface DocumentCaller {
  /** Runs free-form queries even in `enforce` mode (analysts, once roles exist). Defaults to false. */
  mayRunFreeForm: boolean;
}

export interface TrustedDocuments {
  readonly mode: TrustedDocumentsMode;
  readonly documents: TrustedDocumentList;
  /** The body to hand to Apollo Server, or the refusal to answer with (`refusalResponseBody`). */
  resolveDocument(body: unknown, caller?: DocumentCaller): DocumentResolution;
  /** The same for a whole request: a POST's body, or a GET's search (see `resolveHttpRequest`). */
  resolveHttpRequest(request: GraphQLHttpRequest, caller?: DocumentCaller): HttpRequestResolution;
  /**
   * ApolloServer's `persistedQueries` option: `false` (Apollo's APQ off, so nothing is ever registered)
   * in `enforce` mode, where every id is resolved before Apollo; Apollo's default (an in-memory APQ
   * cache) in `allow` mode, for the APQ requests `resolveDocument` passes through.
   */
  readonly apolloPersistedQueries: false | undefined;
}

const DEVICE: DocumentCaller = { mayRunFreeForm: false };

export function createTrustedDocuments(options: TrustedDocumentsOptions): TrustedDocuments {
  const documents = options.documents ?? loadTrustedDocumentList();
  const { mode } = options;
  const resolveBody = (body: unknown, caller = DEVICE) =>
    resolveDocument(body, { mode, mayRunFreeForm: caller.mayRunFreeForm }, documents);
  return {
    mode,
    documents,
    resolveDocument: resolveBody,
    resolveHttpRequest: (request, caller = DEVICE) =>
      resolveHttpRequest(request, (body) => resolveBody(body, caller)),
    apolloPersistedQueries: mode === 'enforce' ? false : undefined,
  };
}
