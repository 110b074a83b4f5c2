/**
 * Which client sent an operation, as field usage records it: the `apollographql-client-name` and
 * `apollographql-client-version` headers (Apollo's convention, which Apollo's and The Guild's
 * clients send and the player SDK sends), checked and bounded, since anyone can write anything there.
 */

export const CLIENT_NAME_HEADER = 'apollographql-client-name';
export const CLIENT_VERSION_HEADER = 'apollographql-client-version';

export interface ClientIdentity {
  name: string;
  /** "" when the client sent none. */
  version: string;
}

/** A request with no name that ran a trusted document: one of the device apps' operations. */
export const TRUSTED_DOCUMENT_CLIENT = 'device-operations';
/** A free-form operation with no name: someone's script, or an analyst's explorer without headers. */
export const UNNAMED_CLIENT = 'unnamed';
/** A name or version that is too long or holds characters no client name needs. */
export const INVALID_CLIENT = 'invalid';

const NAME = /^[A-Za-z0-9][A-Za-z0-9 ._@/+-]{0,63}$/;
const VERSION = /^[A-Za-z0-9][A-Za-z0-9._+-]{0,31}$/;

type Header = string | string[] | undefined;

export function clientIdentity(name: Header, version: Header, trustedDocument: boolean): ClientIdentity {
  const givenName = single(name);
  const givenVersion = single(version) ?? '';
  if (givenName === undefined) {
    return { name: trustedDocument ? TRUSTED_DOCUMENT_CLIENT : UNNAMED_CLIENT, version: '' };
  }
  if (!NAME.test(givenName) || (givenVersion !== '' && !VERSION.test(givenVersion))) {
    return { name: INVALID_CLIENT, version: '' };
  }
  return { name: givenName, version: givenVersion };
}

function single(header: Header): string | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  const trimmed = value?.trim();
  return trimmed ? trimmed : undefined;
}
