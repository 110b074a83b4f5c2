/** How the gateway refuses a document, before Apollo or any subgraph sees the request. */
import { graphqlErrorBody, type ErrorCode } from '@contracts/graphqlErrors';

/**
 * The `extensions.code` of a refused document: `PersistedQueryNotInList` when the caller may run only
 * trusted documents (`TRUSTED_DOCUMENTS=enforce`); `PersistedQueryNotFound` for an unknown id where the
 * caller could have sent the text instead (`allow` mode, or a caller allowed free-form queries);
 * `BadRequest` for what is not a GraphQL request (a malformed id, a hash that is not the query's, no
 * query at all).
 */
export type DocumentErrorCode =
  ErrorCode.PersistedQueryNotInList | ErrorCode.PersistedQueryNotFound | ErrorCode.BadRequest;

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
  return graphqlErrorBody(refusal.message, refusal.code);
}
