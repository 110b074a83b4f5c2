import type { RequestClass } from '@platform/overload/requestClass';
import type { BaseContext } from '@apollo/server';
import type { RequestDebug } from './debug';
import type { Caller } from '@contracts/gatewayCredential';
import type { FallbackState } from './degraded';
import type { EvidenceSink } from './playEvidence';
import type { RequestTrace } from './trace';

export interface GatewayContext extends BaseContext {
  /** The authenticated caller, passed on to every subgraph in the gateway credential. */
  caller: Caller;
  /** What fallbacks stood in for during this request; reported in `extensions.degraded`. */
  fallback: FallbackState;
  /**
   * Replicas (by URL) this request has counted a failure against, so that one request adds at most
   * one failure to a replica's circuit. Created by the first subgraph fetch that needs it.
   */
  replicaFailures?: Set<string>;
  /**
   * The client's address as the HTTP layer sees it, for the per-address rate limit. Absent when the
   * HTTP layer does not set it: those requests then share one `unknown` address budget.
   */
  clientAddress?: string;
  /** True when the HTTP layer already charged the account's rate limit for this trusted document. */
  accountCharged?: boolean;
  /** What an analyst asked to see with `x-debug` (gateway/src/debug/); absent for everyone else. */
  debug?: RequestDebug;
  /**
   * The request's class under overload (gateway/src/overload/), passed on to every subgraph fetch so
   * that an overloaded subgraph sheds the same requests first. Absent when the gate is off.
   */
  requestClass?: RequestClass;
  /** True when the request named a trusted document by id (a device app's operation). */
  trustedDocument?: boolean;
  /** The evidence of the plays this request decides, for their records (gateway/src/decisions/). */
  playEvidence?: EvidenceSink;
  /** Where this request's spans go (tracing/requestTrace.ts); its parents are undefined when untraced. */
  trace?: RequestTrace;
}
