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
  CATALOG_PORT: port(subgraph('catalog').port),
  CATALOG_GATEWAY_JWKS: gatewayKeys,
};

/** The catalog's settings: read from `process.env` here and nowhere else. */
export function loadCatalogEnv(env: NodeJS.ProcessEnv = process.env) {
  return parseEnv(envShape, env);
}
