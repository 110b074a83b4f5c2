import type { KeyPurpose, KeySource } from './keyring';
import { z } from 'zod';

/** The environment variables that configure a purpose's keys: `<PURPOSE>_PRIVATE_JWKS` / `_PUBLIC_JWKS`. */
export function keyEnvShape(...purposes: KeyPurpose[]): Record<string, z.ZodOptional<z.ZodString>> {
  return Object.fromEntries(
    purposes.flatMap((purpose) => [
      [`${purpose.toUpperCase()}_PRIVATE_JWKS`, z.string().optional()],
      [`${purpose.toUpperCase()}_PUBLIC_JWKS`, z.string().optional()],
    ]),
  );
}

/**
 * Where a purpose's keys come from. Production only ever uses configured keys (and fails to start
 * without them); development uses configured keys when given, else generated ones in `KEYS_DIR`.
 */
export function keySource(
  purpose: KeyPurpose,
  env: { NODE_ENV: string; KEYS_DIR: string } & Record<string, unknown>,
): KeySource {
  const privateJwks = env[`${purpose.toUpperCase()}_PRIVATE_JWKS`] as string | undefined;
  const publicJwks = env[`${purpose.toUpperCase()}_PUBLIC_JWKS`] as string | undefined;
  if (env.NODE_ENV === 'production' || privateJwks || publicJwks) {
    return { kind: 'configured', privateJwks, publicJwks };
  }
  return { kind: 'development', dir: env.KEYS_DIR };
}
