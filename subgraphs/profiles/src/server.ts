import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'graphql';
import type { CallerVerifier } from '@contracts/gatewayCredential';
import type { Logger } from '@platform/log';
import { createSubgraphServer, type SubgraphServer } from '@platform/subgraph/server';
import type { ProfilesContext } from './request/context';
import { createLoaders } from './data/loaders';
import type { ProfileRepository } from './data/profileRepository';
import { resolvers } from './resolvers';
import type { AdmissionSettings } from '@platform/overload/admission';

export const typeDefs = parse(readFileSync(path.resolve(__dirname, '../schema.graphql'), 'utf8'));

export interface ProfilesDependencies {
  repository: ProfileRepository;
  credentialVerifier: CallerVerifier;
  logger: Logger;
  production: boolean;
  /** Refuse the lower request classes first under overload (`LOAD_SHEDDING=on`). None: off. */
  loadShedding?: AdmissionSettings;
}

/** Builds the profiles subgraph; `index.ts` starts it. */
export function createProfilesServer(deps: ProfilesDependencies): SubgraphServer {
  return createSubgraphServer<ProfilesContext>({
    name: 'profiles',
    typeDefs,
    resolvers,
    credentialVerifier: deps.credentialVerifier,
    logger: deps.logger,
    production: deps.production,
    ...(deps.loadShedding && { loadShedding: deps.loadShedding }),
    createContext: (caller, _headers, trace) => ({
      caller,
      logger: deps.logger,
      loaders: createLoaders(deps.repository, trace),
    }),
  });
}
