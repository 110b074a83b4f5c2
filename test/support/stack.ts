/**
 * A real stack for end-to-end tests: the processes of `npm start` on free ports, seeded from a
 * test dataset, with their own development keys. Logs are kept and printed only when asked. With
 * `MONGODB_URI` set the stack runs on MongoDB: the dataset is seeded into a database of its own, dropped
 * when the stack stops.
 */
import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Role } from '@contracts/roles';
import { issueDevelopmentToken } from '@platform/identity';
import {
  loadSigningKey,
  loadVerificationKeys,
  type KeyPurpose,
  type VerificationKeys,
} from '@platform/keys/keyring';
import { startStack, type RunningStack, isolatedStackEnv } from '@platform/stack';
import { openMongoStore, withDatabase } from '@platform/mongo/client';
import { seedDatabase } from '@platform/mongo/seed';
import type { Dataset } from '@platform/dataset/model';
import type { Seed } from './seed';

export interface TestStack extends RunningStack {
  /** The environment every service was started with (ports, keys, dataset, database). */
  env: NodeJS.ProcessEnv;
  keysDir: string;
  logs: string[];
  /** A development token: a viewer's for an account, or for a subject with `roles` (an analyst). */
  tokenFor(accountId: string, roles?: readonly Role[]): Promise<string>;
  publicKeys(purpose: KeyPurpose): Promise<VerificationKeys>;
  /** POSTs a GraphQL body to the gateway. */
  graphql(
    body: unknown,
    headers?: Record<string, string>,
  ): Promise<{ status: number; json: GraphQLResponse; headers: Headers }>;
}

export interface GraphQLResponse {
  data?: Record<string, unknown> | null;
  errors?: { message: string; extensions?: { code?: string } }[];
  extensions?: Record<string, unknown>;
}

/**
 * @param extraEnv added to every service's environment
 * @param configure called with the final environment (ports assigned) before anything starts, to
 *   put proxies in front of services, say
 */
export async function startTestStack(
  seed: Seed,
  extraEnv: NodeJS.ProcessEnv = {},
  configure: (env: NodeJS.ProcessEnv) => void | Promise<void> = () => {},
): Promise<TestStack> {
  const dir = mkdtempSync(path.join(tmpdir(), 'play-e2e-'));
  const keysDir = path.join(dir, 'keys');
  const env = await isolatedStackEnv(
    {
      ...process.env,
      NODE_ENV: 'test',
      LOG_LEVEL: 'warn',
      DATASET: seed.writeTo(dir),
      JOURNAL_DIR: path.join(dir, 'journal'),
      // The gateway's field usage counts and decision records, and the usage subgraph's answers: the
      // stack's own, never the repository's `.usage/` and `.decisions/`, which `npm start` serves.
      FIELD_USAGE_STORE: path.join(dir, 'usage'),
      DECISION_STORE: path.join(dir, 'decisions'),
      // Scenarios send a household's week of plays in seconds; the abuse suite turns limits on.
      RATE_LIMITS: 'off',
      ...extraEnv,
    },
    keysDir,
  );
  const database = await seededDatabase(seed, env.MONGODB_URI);
  if (database) env.MONGODB_URI = database.uri;
  await configure(env);
  const logs: string[] = [];
  const stack = await startStack({
    env,
    onLine: (service, line) => logs.push(`[${service}] ${line}`),
    onCrash: (service, code) => logs.push(`[stack] ${service} exited with ${code}`),
  });
  const identityKey = await loadSigningKey('identity', { kind: 'development', dir: keysDir });
  return {
    ...stack,
    env,
    keysDir,
    logs,
    tokenFor: (accountId, roles) => issueDevelopmentToken(identityKey, accountId, { roles }),
    publicKeys: (purpose) => loadVerificationKeys(purpose, { kind: 'development', dir: keysDir }),
    async graphql(body, headers = {}) {
      const response = await fetch(`${stack.gatewayUrl}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      });
      return {
        status: response.status,
        json: (await response.json()) as GraphQLResponse,
        headers: response.headers,
      };
    },
    async stop() {
      await stack.stop();
      await database?.drop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** A fresh database on the `MONGODB_URI` server holding the seed; none without `MONGODB_URI`. */
async function seededDatabase(seed: Seed, baseUri: string | undefined) {
  return baseUri ? seededDatabaseOf(seed.build(), baseUri) : null;
}

/** A fresh database of its own on the MongoDB server at `baseUri`, holding `dataset`. */
export async function seededDatabaseOf(dataset: Dataset, baseUri: string) {
  const uri = withDatabase(baseUri, `e2e_${randomUUID().replaceAll('-', '').slice(0, 16)}`);
  const store = openMongoStore(uri, { timeoutMs: 10_000 });
  try {
    await seedDatabase(store.db, dataset);
  } finally {
    await store.close();
  }
  return {
    uri,
    async drop() {
      const dropping = openMongoStore(uri, { timeoutMs: 10_000 });
      await dropping.db.dropDatabase();
      await dropping.close();
    },
  };
}
