/** How the gateway refuses a document, before Apollo or any subgraph sees the request. */

/** The `extensions.code` of a refused document. */
export enum DocumentErrorCode {
  /** Not a trusted document, and the caller may run only those (`TRUSTED_DOCUMENTS=enforce`). */
  NotInList = 'PERSISTED_QUERY_NOT_IN_LIST',
  /**
   * An id no trusted document has, where the caller could have sent the text instead (`allow` mode, or
   * a caller allowed free-form queries): APQ clients answer it by sending the query with its hash.
   */
  NotFound = 'PERSISTED_QUERY_NOT_FOUND',
  /** Not a GraphQL request: a malformed id, a hash that is not the query's, no query at all. */
  BadRequest = 'BAD_REQUEST',
}

/** What the HTTP layer answers instead of running the request. */
export interface DocumentRefusal {
  /** HTTP status: always 400, the request is the client's to fix. */
  status: 400;
  code: DocumentErrorCode;
  message: string;
}

export const refuse = (code: DocumentErrorCode, message: string): DocumentRefusal => ({
  status: 400,
  code,
  message,
});

/** The JSON body of a refusal, shaped like any GraphQL error response. */
export function refusalResponseBody(refusal: DocumentRefusal) {
  return { errors: [{ message: refusal.message, extensions: { code: refusal.code } }] };
}
