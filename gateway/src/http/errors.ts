import type { ErrorCode } from '@contracts/graphqlErrors';

/** The body of a refusal made before Apollo Server sees the request, shaped like a GraphQL error. */
export function graphqlErrorBody(message: string, code: ErrorCode) {
  return { errors: [{ message, extensions: { code } }] };
}
