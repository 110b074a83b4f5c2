import type { SigningKey } from '@platform/keys/keyring';
import type { SubgraphContext } from '@platform/subgraph/server';
import type { EntitlementsLoaders } from '../data/loaders';

export interface EntitlementsContext extends SubgraphContext {
  /** The gateway records this request's decisions: keep each rule's evidence (decision records). */
  recordsEvidence: boolean;
  loaders: EntitlementsLoaders;
  grants: {
    key: SigningKey;
    /** Longest a grant is valid, in seconds; shorter when the entitlement itself ends sooner. */
    ttlSeconds: number;
  };
}
