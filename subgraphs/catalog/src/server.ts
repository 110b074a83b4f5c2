import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'graphql';
import type { CallerVerifier } from '@contracts/gatewayCredential';
import type { Logger } from '@platform/log';
import { createSubgraphServer, type SubgraphServer } from '@platform/subgraph/server';
import type { CatalogContext } from './request/context';
import { createLoaders } from './data/loaders';
import type { TitleRepository } from './data/titleRepository';
import { resolvers } from './resolvers';
import type { AdmissionSettings } from '@platform/overload/admission';

export const typeDefs = parse(readFileSync(path.resolve(__dirname, '../schema.graphql'), 'utf8'));

export interface CatalogDependencies {
  titles: TitleRepository;
  credentialVerifier: CallerVerifier;
  logger: Logger;
  production: boolean;
  /** Refuse the lower request classes first under overload (`LOAD_SHEDDING=on`). None: off. */
  loadShedding?: AdmissionSettings;
}

/** Builds the catalog subgraph; `index.ts` starts it. */
export function createCatalogServer(deps: CatalogDependencies): SubgraphServer {
  return createSubgraphServer<CatalogContext>({
    name: 'catalog',
    typeDefs,
    resolvers,
    credentialVerifier: deps.credentialVerifier,
    logger: deps.logger,
    production: deps.production,
    ...(deps.loadShedding && { loadShedding: deps.loadShedding }),
    createContext: (caller, _headers, trace) => ({
      caller,
      logger: deps.logger,
      titles: deps.titles,
      loaders: createLoaders(deps.titles, trace),
    }),
  });
}
