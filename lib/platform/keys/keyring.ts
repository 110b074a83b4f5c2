/**
 * Ed25519 key material for every signature in the platform but one: the gateway credential is an
 * HMAC with a key per subgraph (gatewaySecret.ts). Each purpose has its own keys, so a leaked key of
 * one purpose (say, CDN tokens) cannot forge another (say, entitlement grants).
 *
 * Development: a private JWK Set per purpose is generated on first use into `KEYS_DIR` (git-ignored)
 * and shared by every local process. Production: keys come only from configuration, and any key
 * whose `kid` marks it as a development key is refused.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync, linkSync, unlinkSync } from 'node:fs';
import path from 'node:path';
import {
  createLocalJWKSet,
  exportJWK,
  generateKeyPair,
  importJWK,
  type JSONWebKeySet,
  type JWK,
  type JWTVerifyGetKey,
  type KeyLike,
} from 'jose';

export const KEY_PURPOSES = ['identity', 'grant', 'manifest', 'edge'] as const;
/**
 * - identity: development bearer tokens (production verifies the real issuer instead)
 * - grant: entitlement grants, signed by entitlements and verified by playback
 * - manifest: playback manifests, verified by players through the gateway's JWK Set
 * - edge: per-CDN segment tokens, verified by edges on their own
 */
export type KeyPurpose = (typeof KEY_PURPOSES)[number];

export const SIGNATURE_ALGORITHM = 'EdDSA';
/** The `kid` prefix of a generated development key: refused wherever keys are configured. */
export const DEVELOPMENT_KID_PREFIX = 'dev-';

/** Where a service's keys come from, decided once by its env module. */
export type KeySource =
  | { kind: 'development'; dir: string }
  /** JWK Sets as JSON strings; the first private key signs, every public key verifies (rotation). */
  | { kind: 'configured'; privateJwks?: string | undefined; publicJwks?: string | undefined };

export interface SigningKey {
  kid: string;
  privateKey: KeyLike;
}

export interface VerificationKeys {
  /** Public keys only: safe to publish. */
  jwks: JSONWebKeySet;
  /** Key lookup by `kid`, for jose's verify functions. */
  keyFor: JWTVerifyGetKey;
}

export class KeyConfigurationError extends Error {
  override name = 'KeyConfigurationError';
}

export async function loadSigningKey(purpose: KeyPurpose, source: KeySource): Promise<SigningKey> {
  const privateJwks =
    source.kind === 'development'
      ? await developmentKeys(purpose, source.dir)
      : parseJwks(purpose, source.privateJwks);
  const jwk = privateJwks.keys[0];
  if (!jwk?.d || !jwk.kid) {
    throw new KeyConfigurationError(`The ${purpose} key set has no private key with a kid to sign with`);
  }
  if (source.kind === 'configured') refuseDevelopmentKeys(purpose, privateJwks);
  const privateKey = await importJWK(jwk, SIGNATURE_ALGORITHM);
  return { kid: jwk.kid, privateKey: privateKey as KeyLike };
}

export async function loadVerificationKeys(
  purpose: KeyPurpose,
  source: KeySource,
): Promise<VerificationKeys> {
  const set =
    source.kind === 'development'
      ? await developmentKeys(purpose, source.dir)
      : parseJwks(purpose, source.publicJwks ?? source.privateJwks);
  if (source.kind === 'configured') refuseDevelopmentKeys(purpose, set);
  const jwks = { keys: set.keys.map(toPublicJwk) };
  if (jwks.keys.length === 0) throw new KeyConfigurationError(`The ${purpose} key set is empty`);
  return { jwks, keyFor: createLocalJWKSet(jwks) };
}

function toPublicJwk({ kty, crv, x, kid }: JWK): JWK {
  return { kty, crv, x, kid, alg: SIGNATURE_ALGORITHM, use: 'sig' };
}

function parseJwks(purpose: KeyPurpose, json: string | undefined): JSONWebKeySet {
  if (!json) throw new KeyConfigurationError(`No ${purpose} keys are configured`);
  let set: unknown;
  try {
    set = JSON.parse(json);
  } catch {
    throw new KeyConfigurationError(`The configured ${purpose} keys are not valid JSON`);
  }
  const keys = (set as JSONWebKeySet | null)?.keys;
  if (
    !Array.isArray(keys) ||
    keys.some((key: JWK | null) => key?.kty !== 'OKP' || key.crv !== 'Ed25519' || !key.kid)
  ) {
    throw new KeyConfigurationError(
      `The configured ${purpose} keys must be a JWK Set of Ed25519 keys with kids`,
    );
  }
  return { keys };
}

function refuseDevelopmentKeys(purpose: KeyPurpose, set: JSONWebKeySet): void {
  if (set.keys.some((key) => key.kid?.startsWith(DEVELOPMENT_KID_PREFIX))) {
    throw new KeyConfigurationError(`Refusing a development ${purpose} key outside development`);
  }
}

/** Reads, or creates on first use, the development key set of a purpose. */
async function developmentKeys(purpose: KeyPurpose, dir: string): Promise<JSONWebKeySet> {
  return createOnce(path.join(dir, `${purpose}.private.jwks.json`), async () => {
    const { privateKey } = await generateKeyPair(SIGNATURE_ALGORITHM, { crv: 'Ed25519', extractable: true });
    const kid = `${DEVELOPMENT_KID_PREFIX}${purpose}-${randomBytes(4).toString('hex')}`;
    return { keys: [{ ...(await exportJWK(privateKey)), kid }] };
  });
}

/**
 * Reads the development key set in `file`, or writes the one `make` builds when there is none yet.
 * Several processes start at once, so creation is atomic: the first `link` wins and everybody reads
 * the winner's file. A file that is there but broken is reported, never silently replaced.
 */
export async function createOnce(file: string, make: () => Promise<JSONWebKeySet>): Promise<JSONWebKeySet> {
  const existing = readIfExists(file);
  if (existing) return existing;
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const set = await make();
  const temporary = `${file}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  writeFileSync(temporary, JSON.stringify(set, null, 2), { mode: 0o600 });
  try {
    linkSync(temporary, file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  } finally {
    unlinkSync(temporary);
  }
  return readIfExists(file)!;
}

function readIfExists(file: string): JSONWebKeySet | undefined {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as JSONWebKeySet;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}
