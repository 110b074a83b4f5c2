import { DECISION_EVIDENCE_HEADER } from '@contracts/decisionNotes';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'graphql';
import type { CallerVerifier } from '@contracts/gatewayCredential';
import type { SigningKey } from '@platform/keys/keyring';
import type { Logger } from '@platform/log';
import { createSubgraphServer, type SubgraphServer } from '@platform/subgraph/server';
import type { EntitlementsContext } from './request/context';
import type { EntitlementRepository } from './data/entitlementRepository';
import { createLoaders } from './data/loaders';
import { resolvers } from './resolvers';
import type { AdmissionSettings } from '@platform/overload/admission';

export const typeDefs = parse(readFileSync(path.resolve(__dirname, '../schema.graphql'), 'utf8'));

export interface EntitlementsDependencies {
  repository: EntitlementRepository;
  grantKey: SigningKey;
  /** Longest a grant is valid, in seconds. */
  grantTtlSeconds: number;
  credentialVerifier: CallerVerifier;
  logger: Logger;
  production: boolean;
  /** Refuse the lower request classes first under overload (`LOAD_SHEDDING=on`). None: off. */
  loadShedding?: AdmissionSettings;
}

/** Builds the entitlements subgraph; `index.ts` starts it. */
export function createEntitlementsServer(deps: EntitlementsDependencies): SubgraphServer {
  const grants = { key: deps.grantKey, ttlSeconds: deps.grantTtlSeconds };
  return createSubgraphServer<EntitlementsContext>({
    name: 'entitlements',
    typeDefs,
    resolvers,
    credentialVerifier: deps.credentialVerifier,
    logger: deps.logger,
    production: deps.production,
    ...(deps.loadShedding && { loadShedding: deps.loadShedding }),
    createContext: (caller, headers, trace) => ({
      recordsEvidence: headers[DECISION_EVIDENCE_HEADER] === 'on',
      caller,
      logger: deps.logger,
      grants,
      loaders: createLoaders(deps.repository, trace),
    }),
  });
}
