import { parseEnv } from '../../../lib/env';
import { mongoEnvShape, referenceCacheEnvShape } from '../../../lib/mongo/env';
import { port, subgraphEnvShape } from '../../../lib/subgraph/env';

/** The profiles service's settings: read from `process.env` here and nowhere else. */
export function loadProfilesEnv(env: NodeJS.ProcessEnv = process.env) {
  return parseEnv(
    { ...subgraphEnvShape, ...mongoEnvShape, ...referenceCacheEnvShape, PROFILES_PORT: port(4001) },
    env,
  );
}
