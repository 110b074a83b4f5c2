/**
 * Who a subgraph takes its caller from (`SUBGRAPH_CALLER`): the gateway's credential, always in
 * production; or, in development only, the device's own bearer token, so that a router which cannot
 * sign that credential (a Cosmo Router, `npm run bench -- --peer`) can run over the same subgraphs.
 */
import type { IncomingHttpHeaders } from 'node:http';
import { COUNTRY_HEADER, normalizeCountry } from '@contracts/country';
import {
  type Caller,
  type CallerVerifier,
  GATEWAY_CREDENTIAL_HEADER,
  GatewayCredentialVerifier,
} from '@contracts/gatewayCredential';
import { API_AUDIENCE, createTokenVerifier, DEVELOPMENT_ISSUER, type Identity } from '../identity';
import { gatewaySecretSource, loadSubgraphKeys, subgraphKeysVariable } from '../keys/gatewaySecret';
import { loadVerificationKeys } from '../keys/keyring';
import { keySource } from '../keys/source';

export type SubgraphCaller = 'gateway' | 'device-token';

/**
 * What `subgraph` checks its callers with: the gateway credential, verified with its
 * `<NAME>_GATEWAY_JWKS` (in development its derived key), unless `SUBGRAPH_CALLER` is `device-token`.
 */
export async function subgraphCallers(
  subgraph: string,
  env: { NODE_ENV: string; KEYS_DIR: string; SUBGRAPH_CALLER?: SubgraphCaller } & Record<string, unknown>,
): Promise<CallerVerifier> {
  const deviceTokens = env.SUBGRAPH_CALLER === 'device-token';
  if (deviceTokens && env.NODE_ENV === 'production') {
    throw new Error(
      'SUBGRAPH_CALLER=device-token is for development only: it trusts any bearer token and country a request names',
    );
  }
  const source = gatewaySecretSource(subgraphKeysVariable(subgraph), env);
  const gateway = new GatewayCredentialVerifier(subgraph, await loadSubgraphKeys(subgraph, source));
  if (!deviceTokens) return gateway;
  const identity = await loadVerificationKeys('identity', keySource('identity', env));
  return new DeviceTokenCallers(
    gateway,
    createTokenVerifier({ keyFor: identity.keyFor, issuer: DEVELOPMENT_ISSUER, audience: API_AUDIENCE }),
  );
}

/**
 * The caller of a request the gateway sent, from its credential as always; of any other, the caller
 * a router forwards: the account of the device's bearer token and its `x-country`. Nothing binds
 * those to the body, and the country is taken as sent: whoever reaches the subgraph can name any
 * country and send any representations, so development only. The gateway and a peer router can
 * then share one set of subgraph processes.
 */
export class DeviceTokenCallers implements CallerVerifier {
  constructor(
    private readonly gateway: CallerVerifier,
    private readonly verifyToken: (token: string) => Promise<Identity>,
  ) {}

  async callerOf(headers: IncomingHttpHeaders, body: Uint8Array): Promise<Caller> {
    if (headers[GATEWAY_CREDENTIAL_HEADER] !== undefined) return this.gateway.callerOf(headers, body);
    const token = headers.authorization?.match(/^Bearer\s+(\S+)$/i)?.[1];
    if (!token) throw new Error('Missing bearer token');
    const { subject, roles } = await this.verifyToken(token);
    return { accountId: subject, country: normalizeCountry(headers[COUNTRY_HEADER]), roles };
  }
}
