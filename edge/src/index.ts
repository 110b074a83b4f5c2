import { loadDataset } from '@platform/dataset/load';
import { orExit } from '@platform/env';
import { loadVerificationKeys } from '@platform/keys/keyring';
import { keySource } from '@platform/keys/source';
import { createLogger } from '@platform/log';
import { runService } from '@platform/service';
import { loadEdgeEnv } from './env';
import { SegmentCatalog } from './segments';
import { createEdgeServer } from './server';
import { SegmentTokenChecker } from './token';

const env = orExit(() => loadEdgeEnv());
const logger = createLogger(`edge:${env.EDGE_CDN_ID}`, env.LOG_LEVEL);

runService('edge', { logger, shutdownGraceMs: env.SHUTDOWN_GRACE_MS }, async () => {
  const keys = await loadVerificationKeys('edge', keySource('edge', env));
  const faultControl =
    env.EDGE_FAULT_CONTROL === undefined ? env.NODE_ENV !== 'production' : env.EDGE_FAULT_CONTROL === 'true';
  const edge = createEdgeServer({
    cdnId: env.EDGE_CDN_ID,
    tokens: new SegmentTokenChecker({
      keys: keys.keyFor,
      cdnId: env.EDGE_CDN_ID,
      issuer: env.MANIFEST_ISSUER,
    }),
    catalog: new SegmentCatalog(loadDataset(env.DATASET), {
      segmentSeconds: env.EDGE_SEGMENT_SECONDS,
      payloadScale: env.EDGE_PAYLOAD_SCALE,
    }),
    faultControl,
    logger,
  });
  const port = await edge.start(env.EDGE_PORT, env.HOST);
  logger.info('edge ready', {
    port,
    cdnId: env.EDGE_CDN_ID,
    faultControl,
    payloadScale: env.EDGE_PAYLOAD_SCALE,
  });
  return edge;
});
