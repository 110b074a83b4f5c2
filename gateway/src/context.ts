import type { BaseContext } from '@apollo/server';
import type { Caller } from '@contracts/gatewayCredential';
import type { FallbackState } from './fallback/degraded';

export interface GatewayContext extends BaseContext {
  /** The authenticated caller, passed on to every subgraph in the gateway credential. */
  caller: Caller;
  /** What fallbacks stood in for during this request; reported in `extensions.degraded`. */
  fallback: FallbackState;
}
