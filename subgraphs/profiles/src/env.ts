import { parseEnv } from '@platform/env';
import { mongoEnvShape, referenceCacheEnvShape } from '@platform/mongo/env';
import { subgraph } from '@platform/registry';
import { gatewayKeys, port, subgraphEnvShape } from '@platform/subgraph/env';

/** The profiles service's settings: read from `process.env` here and nowhere else. */
export function loadProfilesEnv(env: NodeJS.ProcessEnv = process.env) {
  return parseEnv(
    {
      ...subgraphEnvShape,
      ...mongoEnvShape,
      ...referenceCacheEnvShape,
      PROFILES_PORT: port(subgraph('profiles').port),
      PROFILES_GATEWAY_JWKS: gatewayKeys,
    },
    env,
  );
}
