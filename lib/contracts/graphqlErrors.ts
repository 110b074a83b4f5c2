/**
 * The `extensions.code` of every GraphQL error the gateway and the subgraphs send: part of the device
 * contract (docs/play-contract.md), so a device can act on the code without reading the message. A
 * refusal to play is never one of these: it is a normal answer with `decision.allowed: false`.
 *
 * The legacy REST API has its own codes (`LegacyErrorCode`, gateway/src/legacy/legacyErrors.ts): its
 * devices read `{ "error": { "code" } }`, not GraphQL errors, and it maps these codes onto those.
 * The player SDK (clients/player) spells the codes it acts on itself: it runs in browsers and
 * imports nothing from lib/.
 */
export enum ErrorCode {
  /**
   * HTTP 400: not a GraphQL request the gateway can read (a body that is not JSON, larger than 1 MiB
   * or nested deeper than `MAX_JSON_DEPTH`; a malformed `documentId` or hash; an `operationName` the
   * document does not define; a subscription). A bug in the app: do not send the same request again.
   */
  BadRequest = 'BAD_REQUEST',
  /**
   * Values the schema accepts but the contract does not (an empty id, a page size out of range, a
   * forged play session id, an `endPlayback` manifest that is not one of ours), or variables Apollo
   * Server cannot coerce. The message names the field. Do not retry unchanged: an `endPlayback` report
   * refused so is dropped, it never will be accepted.
   */
  BadUserInput = 'BAD_USER_INPUT',
  /**
   * HTTP 401 (or in `errors` from a subgraph): no bearer token, or one that is expired, forged or not
   * a JWT. Get a fresh token (sign in again), then retry.
   */
  Unauthenticated = 'UNAUTHENTICATED',
  /**
   * HTTP 403 from the gateway (a field the token's roles do not open, every such field named), or a
   * subgraph refusing what the caller may not do (an analyst playing, another account's manifest).
   * Do not retry: the same token never will be allowed.
   */
  Forbidden = 'FORBIDDEN',
  /** The token names an account that does not exist (`me`): treat it as signed out. */
  NotFound = 'NOT_FOUND',
  /**
   * HTTP 429: the account's or the address's budget is spent. Wait `extensions.retryAfterSeconds`
   * (also the `Retry-After` header), then retry.
   */
  RateLimited = 'RATE_LIMITED',
  /**
   * HTTP 503: the gateway is overloaded and refused this request before working on it, lower classes
   * first (`extensions.requestClass`: browse, prefetch, analyst; a viewer's `play` last). Nothing was
   * done; retry after `extensions.retryAfterSeconds` (also `Retry-After`).
   */
  Overloaded = 'OVERLOADED',
  /**
   * A service could not answer and the field has no fallback: its value is null, the rest of `data`
   * stands (`extensions.subgraph` names the service). Show what came; retry in a few seconds.
   */
  SubgraphUnavailable = 'SUBGRAPH_UNAVAILABLE',
  /**
   * HTTP 400: the document is not one the gateway runs (an id this gateway does not list, or a
   * free-form query where only trusted documents run). The app is newer than the gateway, or uses an
   * operation that was retired: do not retry now; a queued `endPlayback` report is kept for later.
   */
  PersistedQueryNotInList = 'PERSISTED_QUERY_NOT_IN_LIST',
  /**
   * HTTP 400: an id no trusted document has, where the text may be sent instead (development, or a
   * caller allowed free-form queries): send the query with its hash, as Apollo's APQ link does.
   */
  PersistedQueryNotFound = 'PERSISTED_QUERY_NOT_FOUND',
  /**
   * HTTP 400, written by Apollo Server: the text is not GraphQL. Trusted documents always parse, so
   * only a free-form query gets it: fix the query.
   */
  GraphQLParseFailed = 'GRAPHQL_PARSE_FAILED',
  /**
   * HTTP 400, written by Apollo Server: the document does not match the schema. Trusted documents
   * always do, so only a free-form query (or an app built against a newer schema) gets it: fix the query.
   */
  GraphQLValidationFailed = 'GRAPHQL_VALIDATION_FAILED',
  /**
   * HTTP 400, one of the operation limits (docs/security.md): the document has too many tokens.
   * Trusted documents are within every limit, so a device only meets the next seven with a
   * free-form query or variables (`TooManyListItems`): make the request smaller, do not retry it.
   */
  TooManyTokens = 'TOO_MANY_TOKENS',
  /** HTTP 400, an operation limit: too many aliases. Make the request smaller. */
  TooManyAliases = 'TOO_MANY_ALIASES',
  /** HTTP 400, an operation limit: too many directives. Make the request smaller. */
  TooManyDirectives = 'TOO_MANY_DIRECTIVES',
  /** HTTP 400, an operation limit: fields nested too deep. Make the request shallower. */
  TooDeep = 'TOO_DEEP',
  /** HTTP 400, an operation limit: too many fields selected. Make the request smaller. */
  TooManyFields = 'TOO_MANY_FIELDS',
  /**
   * HTTP 400, an operation limit: a list in the variables is too long (e.g. thousands of codecs in
   * `PlayInput`). Send the list the device actually has.
   */
  TooManyListItems = 'TOO_MANY_LIST_ITEMS',
  /** HTTP 400, an operation limit: the estimated cost is too high. Ask for fewer items per page. */
  OperationTooComplex = 'OPERATION_TOO_COMPLEX',
  /** HTTP 500: the gateway or a service failed. Retry later, with backoff. */
  InternalServerError = 'INTERNAL_SERVER_ERROR',
}

/**
 * The body of a refusal made outside GraphQL execution (the HTTP layers, the trusted-documents check,
 * the rate-limit gate): one error and no `data`, shaped as Apollo Server shapes its own, so a device
 * reads every refusal the same way. `extensions` are added after the code (`retryAfterSeconds`).
 */
export function graphqlErrorBody(message: string, code: ErrorCode, extensions: Record<string, unknown> = {}) {
  return { errors: [{ message, extensions: { code, ...extensions } }] };
}
