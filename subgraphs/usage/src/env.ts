import { decisionEnvShape } from '@platform/decisions/stores';
import { parseEnv } from '@platform/env';
import { fieldUsageEnvShape } from '@platform/fieldUsage/stores';
import { subgraph } from '@platform/registry';
import { gatewayKeys, port, subgraphEnvShape } from '@platform/subgraph/env';

/**
 * Every variable this service reads, with its default: what its `index.ts` parses, and what the
 * Helm chart may set (deploy/helm/streaming/, checked by test/deploy/). No `MONGODB_URI`: this
 * subgraph keeps nothing of its own, it reads the counts the gateway writes to `FIELD_USAGE_STORE`
 * and the play decisions it records in `DECISION_STORE` (either may itself be a `mongodb://` URL),
 * so the two must be given the same values.
 */
export const envShape = {
  ...subgraphEnvShape,
  ...fieldUsageEnvShape,
  ...decisionEnvShape,
  USAGE_PORT: port(subgraph('usage').port),
  USAGE_GATEWAY_JWKS: gatewayKeys,
};

/** The usage service's settings: read from `process.env` here and nowhere else. */
export function loadUsageEnv(env: NodeJS.ProcessEnv = process.env) {
  return parseEnv(envShape, env);
}
