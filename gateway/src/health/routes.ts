/**
 * The plain routes beside GraphQL: liveness, readiness (for load balancers and rolling restarts) and
 * the keys that verify manifests.
 */
import type { VerificationKeys } from '@platform/keys/keyring';
import type { Readiness } from '@platform/serverLifecycle';
import type { JsonAnswer } from '../answers/jsonAnswer';
import type { SubgraphReadiness } from './subgraphReadiness';

export interface HealthRouteSources {
  /** Where this process is in its lifecycle: `stopping` from the moment a drain starts. */
  lifecycle: () => Readiness;
  subgraphs: SubgraphReadiness;
  /** The hash of the supergraph this replica serves, once it has one. */
  supergraphHash: () => string | undefined;
  manifestKeys: VerificationKeys;
}

export function healthRoutes(
  sources: HealthRouteSources,
): Record<string, () => JsonAnswer | Promise<JsonAnswer>> {
  return {
    '/health/live': () => ({ status: 200, body: { status: 'live' } }),
    '/health/ready': async () => {
      // Not ready the moment a drain starts, whatever the subgraphs say (checked again after the
      // await, so a drain that started meanwhile wins).
      const checked =
        sources.lifecycle() === 'ready' ? await sources.subgraphs.check() : { ready: false, subgraphs: {} };
      const phase = sources.lifecycle();
      const ready = checked.ready && phase === 'ready';
      return {
        status: ready ? 200 : 503,
        body: {
          status: ready ? 'ready' : phase === 'stopping' ? 'stopping' : 'not ready',
          subgraphs: checked.subgraphs,
          // Which supergraph this replica serves: after a change, every replica should agree.
          supergraph: { hash: sources.supergraphHash() ?? null },
        },
      };
    },
    '/.well-known/jwks.json': () => ({
      status: 200,
      body: sources.manifestKeys.jwks,
      headers: { 'cache-control': 'public, max-age=300' },
    }),
  };
}
