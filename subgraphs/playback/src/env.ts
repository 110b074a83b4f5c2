import path from 'node:path';
import { z } from 'zod';
import { parseEnv, REPOSITORY_ROOT } from '@platform/env';
import { keyEnvShape } from '@platform/keys/source';
import { mongoEnvShape, referenceCacheEnvShape } from '@platform/mongo/env';
import { subgraph } from '@platform/registry';
import { gatewayKeys, port, subgraphEnvShape } from '@platform/subgraph/env';

/**
 * Every variable this service reads, with its default: what its `index.ts` parses, and what the
 * Helm chart may set (deploy/helm/streaming/, checked by test/deploy/).
 */
export const envShape = {
  ...subgraphEnvShape,
  ...keyEnvShape('grant', 'manifest', 'edge'),
  ...mongoEnvShape,
  ...referenceCacheEnvShape,
  PLAYBACK_PORT: port(subgraph('playback').port),
  PLAYBACK_GATEWAY_JWKS: gatewayKeys,
  /** `iss` of manifests and segment tokens. */
  MANIFEST_ISSUER: z.string().default('urn:streaming:playback'),
  /** Base URL of the DRM license servers; the license URL adds the system and session. */
  DRM_LICENSE_BASE_URL: z.url().default('https://license.example.net/v1'),
  /**
   * Where the watch-history journal lives: `playback-<PLAYBACK_PORT>.jsonl`, one file per replica.
   * It must survive a restart of the process. Defaults to `.journal/` in the repository.
   */
  JOURNAL_DIR: z.string().default(path.join(REPOSITORY_ROOT, '.journal')),
  /** How long a continue-watching row is served without asking the database. Defaults to 5. */
  HISTORY_CACHE_FRESH_SECONDS: z.coerce.number().int().min(1).max(3600).default(5),
};

/** The playback service's settings: read from `process.env` here and nowhere else. */
export function loadPlaybackEnv(env: NodeJS.ProcessEnv = process.env) {
  return parseEnv(envShape, env);
}
