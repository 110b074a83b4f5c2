import type { IncomingHttpHeaders } from 'node:http';
import { COUNTRY_HEADER, normalizeCountry } from '@contracts/country';
import type { Caller } from '@contracts/gatewayCredential';
import { UnauthenticatedError, type Identity } from '@platform/identity';

/** Why a request has no caller: answered 401 `UNAUTHENTICATED` before its body is read. */
export class UnauthenticatedRequest extends Error {
  override name = 'UnauthenticatedRequest';
}

/** What authentication reads of a request: its headers, and whether its TCP peer is a trusted hop. */
export interface AuthenticationInput {
  headers: IncomingHttpHeaders;
  /** The peer is one of `TRUSTED_PROXIES`, so its `x-country` counts (gateway/src/http/trustedProxies.ts). */
  fromTrustedProxy: boolean;
}

/**
 * The caller of a GraphQL request: the account of its bearer token, the roles it carries and the
 * country a trusted edge set. Every operation needs a valid token; a missing, expired or forged one throws
 * {@link UnauthenticatedRequest}. The country is unknown (null) unless the request came through a
 * trusted proxy: anyone else could claim any country.
 */
export async function authenticate(
  input: AuthenticationInput,
  verifyToken: (token: string) => Promise<Identity>,
): Promise<Caller> {
  const match = input.headers.authorization?.match(/^Bearer\s+(\S+)$/i);
  if (!match)
    throw new UnauthenticatedRequest(
      'Send `Authorization: Bearer <token>`; this API needs a signed-in account',
    );
  try {
    const { subject, roles } = await verifyToken(match[1]!);
    return {
      accountId: subject,
      country: input.fromTrustedProxy ? normalizeCountry(input.headers[COUNTRY_HEADER]) : null,
      roles,
    };
  } catch (error) {
    if (error instanceof UnauthenticatedError)
      throw new UnauthenticatedRequest('The bearer token is invalid or expired');
    throw error;
  }
}
