import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'graphql';
import type { CallerVerifier } from '@contracts/gatewayCredential';
import type { DecisionStore } from '@platform/decisions/record';
import type { FieldUsageStore } from '@platform/fieldUsage/usage';
import type { Logger } from '@platform/log';
import type { AdmissionSettings } from '@platform/overload/admission';
import { createSubgraphServer, type SubgraphServer } from '@platform/subgraph/server';
import type { UsageContext } from './request/context';
import { resolvers } from './resolvers';

export const typeDefs = parse(readFileSync(path.resolve(__dirname, '../schema.graphql'), 'utf8'));

export interface UsageDependencies {
  /** The store the gateway writes field usage to; null when it is `off`. Closed by whoever opened it. */
  store: FieldUsageStore | null;
  /**
   * The store the gateway records play decisions in; null when it is `off`, as when left out (a stack
   * that records none). Closed by whoever opened it.
   */
  decisions?: DecisionStore | null;
  credentialVerifier: CallerVerifier;
  logger: Logger;
  production: boolean;
  /** Refuse the lower request classes first under overload (`LOAD_SHEDDING=on`). None: off. */
  loadShedding?: AdmissionSettings;
  /** The clock whose UTC day ends every window. Defaults to `Date.now`; tests fix it. */
  now?: () => number;
}

/** Builds the usage subgraph; `index.ts` starts it. */
export function createUsageServer(deps: UsageDependencies): SubgraphServer {
  const now = deps.now ?? Date.now;
  return createSubgraphServer<UsageContext>({
    name: 'usage',
    typeDefs,
    resolvers,
    credentialVerifier: deps.credentialVerifier,
    logger: deps.logger,
    production: deps.production,
    ...(deps.loadShedding && { loadShedding: deps.loadShedding }),
    createContext: (caller) => ({
      caller,
      logger: deps.logger,
      store: deps.store,
      decisions: deps.decisions ?? null,
      now,
    }),
  });
}
