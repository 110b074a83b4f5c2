import { z } from 'zod';
import { commonEnvShape, port } from '../env';
import { keyEnvShape } from '../keys/source';

/** Settings every subgraph reads; each adds its own port and keys. */
export const subgraphEnvShape = {
  ...commonEnvShape,
  HOST: z.string().default('127.0.0.1'),
  /** Seeds the embedded store from this file instead of the bundled demo dataset. */
  DATASET: z.string().optional(),
  ...keyEnvShape('gateway'),
};

export { port };
