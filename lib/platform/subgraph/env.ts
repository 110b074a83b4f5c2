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
  /**
   * Who a request's caller is: `gateway` (the default), from the credential the gateway signs for
   * every fetch; or `device-token`, development only, also from the device's own bearer token and
   * `x-country` when a request has no credential, as a router that cannot sign one forwards them (a
   * Cosmo Router, `npm run bench -- --peer`). Production refuses to start with `device-token`.
   */
  SUBGRAPH_CALLER: z.enum(['gateway', 'device-token']).default('gateway'),
};

/**
 * `<NAME>_GATEWAY_JWKS`: the keys this subgraph verifies gateway credentials with, derived for it
 * from the gateway's secret (`npm run gateway-keys`). Required in production; in development the
 * generated secret in `KEYS_DIR` is used when it is not set.
 */
export const gatewayKeys = z.string().optional();

export { port };
