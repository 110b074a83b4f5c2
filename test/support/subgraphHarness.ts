/**
 * What subgraph tests share: gateway credentials from a test's own keys, a silent logger, and a way to
 * run a subgraph server on a free port and send it GraphQL the way the gateway does. Never imported by
 * production code.
 */
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import {
  GATEWAY_CREDENTIAL_HEADER,
  GatewayCredentialIssuer,
  GatewayCredentialVerifier,
  type Caller,
  type SubgraphCredentialSigner,
} from '@contracts/gatewayCredential';
import { loadGatewaySecret, loadSubgraphKeys } from '@platform/keys/gatewaySecret';
import type { KeySource } from '@platform/keys/keyring';
import { createLogger, type Logger } from '@platform/log';
import type { SubgraphServer } from '@platform/subgraph/server';

/** The caller a query is sent for unless a test says otherwise: an adult US premium subscriber. */
export const DEFAULT_CALLER: Caller = { accountId: 'u-premium', country: 'US' };

/** A fresh directory for a test file's development keys, so no two test files share keys. */
export function temporaryKeysDir(prefix = 'subgraph-keys-'): string {
  return mkdtempSync(path.join(tmpdir(), prefix));
}

export interface GraphQLRequestBody {
  query: string;
  variables?: Record<string, unknown>;
}

export interface GraphQLResponseError {
  message: string;
  path?: (string | number)[];
  extensions?: { code?: string } & Record<string, unknown>;
}

export interface GraphQLResponseBody<Data> {
  data?: Data | null;
  errors?: GraphQLResponseError[];
}

export interface QueryOptions {
  /** Whom the gateway credential vouches for. Defaults to {@link DEFAULT_CALLER}. */
  caller?: Caller;
  /** A raw credential header to send instead of one for `caller`; null sends no credential at all. */
  credential?: string | null;
}

export interface RunningSubgraph {
  /** Base URL, such as `http://127.0.0.1:41234`; GraphQL is at `${url}/graphql`. */
  url: string;
  /** POSTs a GraphQL request to `/graphql`, as the gateway would. */
  query<Data = Record<string, unknown>>(
    body: GraphQLRequestBody,
    options?: QueryOptions,
  ): Promise<{ status: number; body: GraphQLResponseBody<Data> }>;
  stop(): Promise<void>;
}

export interface SubgraphHarness {
  /** Development keys in the harness's directory; load other purposes (grant, manifest) from it. */
  keys: KeySource;
  /** Signs credentials for the subgraph under test as the gateway does, with the secret in `keys`. */
  issuer: SubgraphCredentialSigner;
  /** What the subgraph under test verifies credentials with. */
  verifier: GatewayCredentialVerifier;
  logger: Logger;
  startSubgraph(server: SubgraphServer): Promise<RunningSubgraph>;
}

/**
 * The gateway's credential signer for `subgraph` (credentials living `ttlSeconds`, the gateway's
 * default unless given) and the subgraph's verifier, on the development secret in `keysDir`
 * (generated there on first use).
 */
export async function developmentCredentials(
  subgraph: string,
  keysDir: string,
  ttlSeconds?: number,
): Promise<{ issuer: SubgraphCredentialSigner; verifier: GatewayCredentialVerifier }> {
  const keys = { kind: 'development', dir: keysDir } as const;
  return {
    issuer: new GatewayCredentialIssuer(await loadGatewaySecret(keys), ttlSeconds).forSubgraph(subgraph),
    verifier: new GatewayCredentialVerifier(subgraph, await loadSubgraphKeys(subgraph, keys)),
  };
}

/** A harness for `subgraph` whose gateway secret lives in `keysDir` (generated there on first use). */
export async function createSubgraphHarness(subgraph: string, keysDir: string): Promise<SubgraphHarness> {
  const keys: KeySource = { kind: 'development', dir: keysDir };
  const { issuer, verifier } = await developmentCredentials(subgraph, keysDir);

  async function startSubgraph(server: SubgraphServer): Promise<RunningSubgraph> {
    const port = await server.start(0);
    const url = `http://127.0.0.1:${port}`;
    return {
      url,
      async query<Data>(body: GraphQLRequestBody, options: QueryOptions = {}) {
        const text = JSON.stringify(body);
        const credential =
          options.credential === undefined
            ? issuer.credentialFor(options.caller ?? DEFAULT_CALLER, text)
            : options.credential;
        const headers: Record<string, string> = { 'content-type': 'application/json' };
        if (credential !== null) headers[GATEWAY_CREDENTIAL_HEADER] = credential;
        const response = await fetch(`${url}/graphql`, { method: 'POST', headers, body: text });
        return { status: response.status, body: (await response.json()) as GraphQLResponseBody<Data> };
      },
      stop: () => server.stop(),
    };
  }

  return { keys, issuer, verifier, logger: createLogger('test', 'silent'), startSubgraph };
}
