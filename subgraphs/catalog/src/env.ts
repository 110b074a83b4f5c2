import { parseEnv } from '../../../lib/env';
import { mongoEnvShape, referenceCacheEnvShape } from '../../../lib/mongo/env';
import { port, subgraphEnvShape } from '../../../lib/subgraph/env';

/** The catalog's settings: read from `process.env` here and nowhere else. */
export function loadCatalogEnv(env: NodeJS.ProcessEnv = process.env) {
  return parseEnv(
    { ...subgraphEnvShape, ...mongoEnvShape, ...referenceCacheEnvShape, CATALOG_PORT: port(4003) },
    env,
  );
}
