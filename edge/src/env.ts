import { z } from 'zod';
import { commonEnvShape, parseEnv, port } from '@platform/env';
import { keyEnvShape } from '@platform/keys/source';

/** The reference edge's settings: read from `process.env` here and nowhere else. */
export function loadEdgeEnv(env: NodeJS.ProcessEnv = process.env) {
  return parseEnv(
    {
      ...commonEnvShape,
      ...keyEnvShape('edge'),
      HOST: z.string().default('127.0.0.1'),
      EDGE_PORT: port(4100),
      /** The CDN this edge belongs to: tokens must carry it as `aud`. */
      EDGE_CDN_ID: z.string().min(1),
      /** `iss` of segment tokens (the playback service's MANIFEST_ISSUER). */
      MANIFEST_ISSUER: z.string().default('urn:streaming:playback'),
      /** The catalogue the edge serves (titles and their encodings); the bundled demo by default. */
      DATASET: z.string().optional(),
      /** Media seconds per segment. */
      EDGE_SEGMENT_SECONDS: z.coerce.number().positive().default(4),
      /** Share of nominal segment bytes actually sent, in (0, 1]; see docs/media-plane.md. */
      EDGE_PAYLOAD_SCALE: z.coerce.number().positive().max(1).default(1),
      /** Serves `/_faults` (fault injection). Defaults to true, except in production. */
      EDGE_FAULT_CONTROL: z.enum(['true', 'false']).optional(),
    },
    env,
  );
}

export type EdgeEnv = ReturnType<typeof loadEdgeEnv>;
