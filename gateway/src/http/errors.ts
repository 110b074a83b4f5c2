/** The body of a refusal made before Apollo Server sees the request, shaped like a GraphQL error. */
export function graphqlErrorBody(message: string, code: HttpErrorCode) {
  return { errors: [{ message, extensions: { code } }] };
}

/** `extensions.code` of the refusals the HTTP layer makes itself. */
export enum HttpErrorCode {
  BadRequest = 'BAD_REQUEST',
  Unauthenticated = 'UNAUTHENTICATED',
  NotFound = 'NOT_FOUND',
  Internal = 'INTERNAL_SERVER_ERROR',
}
