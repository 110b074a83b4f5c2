import type { IncomingMessage } from 'node:http';
import { GraphQLError } from 'graphql';
import { COUNTRY_HEADER, normalizeCountry } from '@contracts/country';
import type { Caller } from '@contracts/gatewayCredential';
import { UnauthenticatedError } from '@platform/identity';

const unauthenticated = (message: string) =>
  new GraphQLError(message, { extensions: { code: 'UNAUTHENTICATED', http: { status: 401 } } });

/**
 * The caller of a GraphQL request: the account of its bearer token and the country the edge set.
 * Every operation needs a valid token; a missing, expired or forged one gets HTTP 401.
 */
export async function authenticate(
  request: IncomingMessage,
  verifyToken: (token: string) => Promise<string>,
): Promise<Caller> {
  const header = request.headers.authorization;
  const match = header?.match(/^Bearer\s+(\S+)$/i);
  if (!match)
    throw unauthenticated('Send `Authorization: Bearer <token>`; this API needs a signed-in account');
  try {
    return {
      accountId: await verifyToken(match[1]!),
      country: normalizeCountry(request.headers[COUNTRY_HEADER]),
    };
  } catch (error) {
    if (error instanceof UnauthenticatedError)
      throw unauthenticated('The bearer token is invalid or expired');
    throw error;
  }
}
