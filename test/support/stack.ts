/**
 * A real stack for end-to-end tests: the five processes of `npm start` on free ports, seeded from a
 * test dataset, with their own development keys. Logs are kept and printed only when asked.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { issueDevelopmentToken } from '../../lib/auth/identity';
import {
  loadSigningKey,
  loadVerificationKeys,
  type KeyPurpose,
  type VerificationKeys,
} from '../../lib/keys/keyring';
import { freePort, SERVICES, startStack, type RunningStack } from '../../lib/stack/stack';
import type { Seed } from './seed';

export interface TestStack extends RunningStack {
  keysDir: string;
  logs: string[];
  tokenFor(accountId: string): Promise<string>;
  publicKeys(purpose: KeyPurpose): Promise<VerificationKeys>;
  /** POSTs a GraphQL body to the gateway. */
  graphql(
    body: unknown,
    headers?: Record<string, string>,
  ): Promise<{ status: number; json: GraphQLResponse }>;
}

export interface GraphQLResponse {
  data?: Record<string, unknown> | null;
  errors?: { message: string; extensions?: { code?: string } }[];
  extensions?: Record<string, unknown>;
}

export async function startTestStack(seed: Seed, extraEnv: NodeJS.ProcessEnv = {}): Promise<TestStack> {
  const dir = mkdtempSync(path.join(tmpdir(), 'play-e2e-'));
  const keysDir = path.join(dir, 'keys');
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: 'test',
    LOG_LEVEL: 'warn',
    DATASET: seed.writeTo(dir),
    KEYS_DIR: keysDir,
    ...extraEnv,
  };
  for (const service of SERVICES) env[service.portVar] = String(await freePort());
  // Keys first, so the five processes do not all generate them at once.
  for (const purpose of ['identity', 'gateway', 'grant', 'manifest', 'edge'] as const) {
    await loadSigningKey(purpose, { kind: 'development', dir: keysDir });
  }
  const logs: string[] = [];
  const stack = await startStack({
    env,
    onLine: (service, line) => logs.push(`[${service}] ${line}`),
    onCrash: (service, code) => logs.push(`[stack] ${service} exited with ${code}`),
  });
  const identityKey = await loadSigningKey('identity', { kind: 'development', dir: keysDir });
  return {
    ...stack,
    keysDir,
    logs,
    tokenFor: (accountId) => issueDevelopmentToken(identityKey, accountId),
    publicKeys: (purpose) => loadVerificationKeys(purpose, { kind: 'development', dir: keysDir }),
    async graphql(body, headers = {}) {
      const response = await fetch(`${stack.gatewayUrl}/graphql`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: typeof body === 'string' ? body : JSON.stringify(body),
      });
      return { status: response.status, json: (await response.json()) as GraphQLResponse };
    },
    async stop() {
      await stack.stop();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
