import type { BaseContext } from '@apollo/server';
import type { Caller } from '../../lib/auth/gatewayCredential';

export interface GatewayContext extends BaseContext {
  /** The authenticated caller, passed on to every subgraph in the gateway credential. */
  caller: Caller;
}
