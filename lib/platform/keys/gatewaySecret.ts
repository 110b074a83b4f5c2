/**
 * The secrets behind the gateway credential (@contracts/gatewayCredential): HMAC-SHA256 keys, one per
 * subgraph, each derived from the gateway's secret with HKDF (RFC 5869) and the subgraph's name.
 *
 * Why symmetric: the gateway signs one credential per subgraph fetch, and an Ed25519 signature was
 * the largest share of its CPU under `play` load that this code chose (each subgraph paid again to
 * verify it); an HMAC costs a small fraction of that on each side (the figures: docs/benchmarks.md,
 * docs/security.md "Why HMAC"). Why one key per subgraph: a subgraph holds only its own
 * key, so a subgraph (or its configuration) that leaks can forge credentials to itself alone, as with
 * public keys, never to its neighbours; and the gateway holds one secret whatever the number of
 * subgraphs, so a product team's new subgraph needs no new gateway setting.
 *
 * Development: the gateway's secret is generated on first use into `KEYS_DIR` like the other keys,
 * and each subgraph derives its key from it. Configured (always in production): the gateway reads
 * `GATEWAY_SECRET_JWKS`, each subgraph `<NAME>_GATEWAY_JWKS` (`npm run gateway-keys`), and any key
 * whose `kid` marks it as a development key is refused.
 */
import { createSecretKey, hkdfSync, randomBytes, type KeyObject } from 'node:crypto';
import path from 'node:path';
import type { JSONWebKeySet, JWK } from 'jose';
import { envPrefix } from '../registry';
import { createOnce, DEVELOPMENT_KID_PREFIX, KeyConfigurationError } from './keyring';

/** The gateway's variable: a JWK Set of `oct` keys; the first signs, the others are being rotated out. */
export const GATEWAY_SECRET_VARIABLE = 'GATEWAY_SECRET_JWKS';
/** A subgraph's variable, `<NAME>_GATEWAY_JWKS`: the keys derived for it from every gateway secret. */
export const subgraphKeysVariable = (subgraph: string) => `${envPrefix(subgraph)}_GATEWAY_JWKS`;

/** Shorter secrets are refused: 256 bits, the size of the HMAC-SHA256 output. */
const MIN_SECRET_BYTES = 32;

/** Where the gateway-credential secrets come from; see {@link gatewaySecretSource}. */
export type SecretSource =
  { kind: 'development'; dir: string } | { kind: 'configured'; jwks: string | undefined };

/** One HMAC key and the `kid` that names it in a credential's header. */
export interface CredentialKey {
  kid: string;
  key: KeyObject;
}

/**
 * Where `variable`'s keys come from. Production only ever uses the configured variable (and fails to
 * start without it); development uses it when set, else the generated secret in `KEYS_DIR`.
 */
export function gatewaySecretSource(
  variable: string,
  env: { NODE_ENV: string; KEYS_DIR: string } & Record<string, unknown>,
): SecretSource {
  const jwks = env[variable] as string | undefined;
  if (env.NODE_ENV === 'production' || jwks) return { kind: 'configured', jwks };
  return { kind: 'development', dir: env.KEYS_DIR };
}

/** The gateway's signing secret: the first key of its set. */
export async function loadGatewaySecret(source: SecretSource): Promise<CredentialKey> {
  const [first] = await secretSet(GATEWAY_SECRET_VARIABLE, source);
  return { kid: first!.kid!, key: createSecretKey(secretBytes(first!)) };
}

/**
 * The keys `subgraph` verifies credentials with, by `kid`: configured ones as they are, or in
 * development derived from the generated gateway secret.
 */
export async function loadSubgraphKeys(
  subgraph: string,
  source: SecretSource,
): Promise<Map<string, KeyObject>> {
  const set =
    source.kind === 'development'
      ? deriveSubgraphKeySet(await secretSet(GATEWAY_SECRET_VARIABLE, source), subgraph)
      : await secretSet(subgraphKeysVariable(subgraph), source);
  return new Map(set.map((jwk) => [jwk.kid!, createSecretKey(secretBytes(jwk))]));
}

/** The key a subgraph holds for one gateway secret: HKDF-SHA256 with the subgraph's name as info. */
export function deriveSubgraphKey(secret: KeyObject | Buffer, subgraph: string): Buffer {
  const material = Buffer.isBuffer(secret) ? secret : secret.export();
  return Buffer.from(hkdfSync('sha256', material, '', `gateway-credential/${subgraph}`, MIN_SECRET_BYTES));
}

/** `<NAME>_GATEWAY_JWKS` for `subgraph` from the gateway's JWK Set: one derived key per secret, same kids. */
export function deriveSubgraphKeySet(gatewaySet: readonly JWK[], subgraph: string): JWK[] {
  return gatewaySet.map((jwk) => ({
    kty: 'oct',
    kid: jwk.kid!,
    k: deriveSubgraphKey(secretBytes(jwk), subgraph).toString('base64url'),
  }));
}

/** A new random gateway secret set, for `npm run gateway-keys -- new <kid>`. */
export function newGatewaySecretSet(kid: string): JSONWebKeySet {
  return { keys: [{ kty: 'oct', kid, k: randomBytes(MIN_SECRET_BYTES).toString('base64url') }] };
}

/** The development set in `KEYS_DIR` (created on first use), or the configured one, validated. */
async function secretSet(variable: string, source: SecretSource): Promise<JWK[]> {
  if (source.kind === 'development') {
    const file = path.join(source.dir, 'gateway.secret.jwks.json');
    const set = await createOnce(file, async () =>
      newGatewaySecretSet(`${DEVELOPMENT_KID_PREFIX}gateway-${randomBytes(4).toString('hex')}`),
    );
    return set.keys;
  }
  return parseSecretSet(variable, source.jwks);
}

/** Parses a configured set: every key `oct`, with a kid and at least 32 bytes, none a development key. */
export function parseSecretSet(variable: string, json: string | undefined): JWK[] {
  if (!json) throw new KeyConfigurationError(`${variable} is not configured`);
  let keys: unknown;
  try {
    keys = (JSON.parse(json) as JSONWebKeySet | null)?.keys;
  } catch {
    throw new KeyConfigurationError(`${variable} is not valid JSON`);
  }
  if (
    !Array.isArray(keys) ||
    keys.length === 0 ||
    keys.some((key: JWK | null) => key?.kty !== 'oct' || !key.kid || typeof key.k !== 'string')
  ) {
    throw new KeyConfigurationError(`${variable} must be a JWK Set of "oct" keys, each with a kid and a "k"`);
  }
  const set = keys as JWK[];
  const short = set.find((key) => secretBytes(key).length < MIN_SECRET_BYTES);
  if (short) {
    throw new KeyConfigurationError(
      `${variable}: key ${short.kid} is shorter than ${MIN_SECRET_BYTES} bytes`,
    );
  }
  if (set.some((key) => key.kid!.startsWith(DEVELOPMENT_KID_PREFIX))) {
    throw new KeyConfigurationError(`Refusing a development gateway key in ${variable} outside development`);
  }
  return set;
}

const secretBytes = (jwk: JWK) => Buffer.from(jwk.k!, 'base64url');
