import type { VerificationKeys } from '@platform/keys/keyring';
import type { SubgraphContext } from '@platform/subgraph/server';
import type { CdnDirectory } from '../data/cdnDirectory';
import type { FlagSource } from '../data/flagSource';
import type { PlaybackLoaders } from '../data/loaders';
import type { WatchHistory } from '../history/watchHistory';
import type { ManifestSigner } from '../manifest/sign';
import type { PlaybackDecisionNote } from '@contracts/decisionNotes';
import type { PlayOutcome } from './playOutcome';

export interface PlaybackContext extends SubgraphContext {
  /** The gateway records this request's decisions: note the device rule's evidence (decision records). */
  recordsEvidence: boolean;
  cdns: CdnDirectory;
  flags: FlagSource;
  signer: ManifestSigner;
  grantKeys: VerificationKeys;
  /** Verifies manifests handed back by `endPlayback`. */
  manifestKeys: VerificationKeys;
  /** `iss` of the manifests this service signs. */
  issuer: string;
  history: WatchHistory;
  loaders: PlaybackLoaders;
  /** Base URL of the DRM license servers. */
  licenseBaseUrl: string;
  /** Outcomes per play session id: `decision` and `manifest` share one computation per request. */
  outcomes: Map<string, Promise<PlayOutcome>>;
  /** What the gateway records of each decision made in this request, per play session id (decisionNotesPlugin.ts). */
  notes: Map<string, PlaybackDecisionNote>;
}
