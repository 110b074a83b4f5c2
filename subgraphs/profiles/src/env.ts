import { parseEnv } from '@platform/env';
import { mongoEnvShape, referenceCacheEnvShape } from '@platform/mongo/env';
import { subgraph } from '@platform/registry';
import { gatewayKeys, port, subgraphEnvShape } from '@platform/subgraph/env';

/**
 * Every variable this service reads, with its default: what its `index.ts` parses, and what the
 * Helm chart may set (deploy/helm/streaming/, checked by test/deploy/).
 */
export const envShape = {
  ...subgraphEnvShape,
  ...mongoEnvShape,
  ...referenceCacheEnvShape,
  PROFILES_PORT: port(subgraph('profiles').port),
  PROFILES_GATEWAY_JWKS: gatewayKeys,
};

/** The profiles service's settings: read from `process.env` here and nowhere else. */
export function loadProfilesEnv(env: NodeJS.ProcessEnv = process.env) {
  return parseEnv(envShape, env);
}
