import { z } from 'zod';
import { parseEnv } from '@platform/env';
import { keyEnvShape } from '@platform/keys/source';
import { entitlementCacheEnvShape, mongoEnvShape } from '@platform/mongo/env';
import { subgraph } from '@platform/registry';
import { gatewayKeys, port, subgraphEnvShape } from '@platform/subgraph/env';

/**
 * Every variable this service reads, with its default: what its `index.ts` parses, and what the
 * Helm chart may set (deploy/helm/streaming/, checked by test/deploy/).
 */
export const envShape = {
  ...subgraphEnvShape,
  ...keyEnvShape('grant'),
  ...mongoEnvShape,
  ...entitlementCacheEnvShape,
  ENTITLEMENTS_PORT: port(subgraph('entitlements').port),
  ENTITLEMENTS_GATEWAY_JWKS: gatewayKeys,
  /** Longest a grant is valid. Defaults to 900 (fifteen minutes). */
  GRANT_TTL_SECONDS: z.coerce.number().int().min(10).max(86_400).default(900),
};

/** The entitlements service's settings: read from `process.env` here and nowhere else. */
export function loadEntitlementsEnv(env: NodeJS.ProcessEnv = process.env) {
  return parseEnv(envShape, env);
}
