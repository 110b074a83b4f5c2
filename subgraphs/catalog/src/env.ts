import { parseEnv } from '../../../lib/env';
import { port, subgraphEnvShape } from '../../../lib/subgraph/env';

/** The catalog's settings: read from `process.env` here and nowhere else. */
export function loadCatalogEnv(env: NodeJS.ProcessEnv = process.env) {
  return parseEnv({ ...subgraphEnvShape, CATALOG_PORT: port(4003) }, env);
}
