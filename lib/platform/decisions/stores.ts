/**
 * Opens the store a `DECISION_STORE` value names, the same way for the gateway that writes decision
 * records and the `usage` subgraph that answers analysts from them: `mongodb://…` (or
 * `mongodb+srv://`), `off`, else a directory.
 */
import path from 'node:path';
import { z } from 'zod';
import { REPOSITORY_ROOT } from '../env';
import { openMongoStore } from '../mongo/client';
import { FileDecisionStore } from './fileStore';
import { MongoDecisionStore } from './mongoStore';
import { DEFAULT_DECISION_RETENTION_DAYS, type DecisionStore } from './record';

/** No request waits on this store: the gateway writes in the background, so its deadline is long. */
const MONGO_TIMEOUT_MS = 15_000;

/** The embedded store's directory, beside `.usage/` and `.journal/`. */
export const DEFAULT_DECISION_DIR = path.join(REPOSITORY_ROOT, '.decisions');

export const DECISION_STORE_OFF = 'off';

export const decisionEnvShape = {
  /**
   * Where decision records are kept: a directory (default `.decisions/` in the repository; one
   * gateway host only), `mongodb://…` (every replica of the gateway writes the same collection), or
   * `off`: nothing is recorded (the gateway) and there is nothing to answer from (the `usage` subgraph).
   */
  DECISION_STORE: z.string().min(1).default(DEFAULT_DECISION_DIR),
  /** Days records are kept; older ones are deleted (whole days, for a directory). Defaults to 30. */
  DECISION_RETENTION_DAYS: z.coerce.number().int().min(1).max(366).default(DEFAULT_DECISION_RETENTION_DAYS),
};

function decisionStoreKind(spec: string): 'off' | 'directory' | 'mongodb' {
  if (spec === DECISION_STORE_OFF) return 'off';
  if (/^mongodb(\+srv)?:\/\//.test(spec)) return 'mongodb';
  return 'directory';
}

/** The store `spec` names, or null for `off`; a directory is resolved from the working directory. */
export function openDecisionStore(
  spec: string,
  options: { retentionDays?: number } = {},
): DecisionStore | null {
  switch (decisionStoreKind(spec)) {
    case 'off':
      return null;
    case 'mongodb':
      return new MongoDecisionStore(
        openMongoStore(spec, { appName: 'decisions', timeoutMs: MONGO_TIMEOUT_MS }),
        true,
        options.retentionDays ?? DEFAULT_DECISION_RETENTION_DAYS,
      );
    case 'directory':
      return new FileDecisionStore(path.resolve(spec));
  }
}

/** The store for logs: `off`, `mongodb`, or `directory:<absolute path>`; never a URL (it may hold a password). */
export function describeDecisionStore(spec: string): string {
  const kind = decisionStoreKind(spec);
  return kind === 'directory' ? `directory:${path.resolve(spec)}` : kind;
}
