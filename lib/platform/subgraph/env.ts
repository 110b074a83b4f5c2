import { z } from 'zod';
import { commonEnvShape, onOff, port } from '../env';

/** Settings every subgraph reads; each adds its own port, `<NAME>_GATEWAY_JWKS` and keys. */
export const subgraphEnvShape = {
  ...commonEnvShape,
  HOST: z.string().default('127.0.0.1'),
  /** Seeds the embedded store from this file instead of the bundled demo dataset. */
  DATASET: z.string().optional(),
  /**
   * `on`: when overloaded, the subgraph refuses the lower request classes first (the class the
   * gateway passes on), with 503 and `x-shed`, which the gateway tries elsewhere or falls back from
   * (lib/platform/overload/). Off by default, like the gateway's.
   */
  LOAD_SHEDDING: onOff('off'),
};

/**
 * `<NAME>_GATEWAY_JWKS`: the keys this subgraph verifies gateway credentials with, derived for it
 * from the gateway's secret (`npm run gateway-keys`). Required in production; in development the
 * generated secret in `KEYS_DIR` is used when it is not set.
 */
export const gatewayKeys = z.string().optional();

export { port };
