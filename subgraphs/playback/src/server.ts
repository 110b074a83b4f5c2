import { DECISION_EVIDENCE_HEADER } from '@contracts/decisionNotes';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { parse } from 'graphql';
import type { CallerVerifier } from '@contracts/gatewayCredential';
import type { SigningKey, VerificationKeys } from '@platform/keys/keyring';
import type { Logger } from '@platform/log';
import { createSubgraphServer, type SubgraphServer } from '@platform/subgraph/server';
import type { PlaybackContext } from './request/context';
import { CdnDirectory } from './data/cdnDirectory';
import type { CdnRepository } from './data/cdnRepository';
import type { FlagSource } from './data/flagSource';
import { createLoaders } from './data/loaders';
import type { WatchHistory } from './history/watchHistory';
import { ManifestSigner } from './manifest/sign';
import { resolvers } from './resolvers';
import { decisionNotesPlugin } from './request/decisionNotesPlugin';
import type { AdmissionSettings } from '@platform/overload/admission';

export const typeDefs = parse(readFileSync(path.resolve(__dirname, '../schema.graphql'), 'utf8'));

export interface PlaybackDependencies {
  cdnRepository: CdnRepository;
  flags: FlagSource;
  manifestKey: SigningKey;
  edgeKey: SigningKey;
  grantKeys: VerificationKeys;
  /** The public manifest keys: `endPlayback` accepts only manifests they verify. */
  manifestKeys: VerificationKeys;
  /** The journal and store of watch history. */
  history: WatchHistory;
  /** `iss` of manifests and segment tokens. */
  issuer: string;
  licenseBaseUrl: string;
  credentialVerifier: CallerVerifier;
  logger: Logger;
  production: boolean;
  /** Refuse the lower request classes first under overload (`LOAD_SHEDDING=on`). None: off. */
  loadShedding?: AdmissionSettings;
}

/** Builds the playback subgraph; `index.ts` starts it. */
export function createPlaybackServer(deps: PlaybackDependencies): SubgraphServer {
  const cdns = new CdnDirectory(deps.cdnRepository);
  const signer = new ManifestSigner(deps.manifestKey, deps.edgeKey, deps.issuer);
  return createSubgraphServer<PlaybackContext>({
    name: 'playback',
    typeDefs,
    resolvers,
    credentialVerifier: deps.credentialVerifier,
    logger: deps.logger,
    production: deps.production,
    ...(deps.loadShedding && { loadShedding: deps.loadShedding }),
    plugins: [decisionNotesPlugin()],
    createContext: (caller, headers, trace) => ({
      recordsEvidence: headers[DECISION_EVIDENCE_HEADER] === 'on',
      caller,
      logger: deps.logger,
      cdns,
      flags: deps.flags,
      signer,
      grantKeys: deps.grantKeys,
      manifestKeys: deps.manifestKeys,
      issuer: deps.issuer,
      history: deps.history,
      loaders: createLoaders(deps.history.repository, caller.accountId, trace),
      licenseBaseUrl: deps.licenseBaseUrl,
      outcomes: new Map(),
      notes: new Map(),
    }),
  });
}
