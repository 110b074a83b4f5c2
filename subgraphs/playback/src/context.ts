import type { VerificationKeys } from '../../../lib/keys/keyring';
import type { SubgraphContext } from '../../../lib/subgraph/server';
import type { CdnDirectory } from './data/cdnDirectory';
import type { FlagSource } from './data/flagSource';
import type { ManifestSigner } from './manifest/sign';
import type { PlayOutcome } from './outcome';

export interface PlaybackContext extends SubgraphContext {
  cdns: CdnDirectory;
  flags: FlagSource;
  signer: ManifestSigner;
  grantKeys: VerificationKeys;
  /** Base URL of the DRM license servers. */
  licenseBaseUrl: string;
  /** Outcomes per play session id: `decision` and `manifest` share one computation per request. */
  outcomes: Map<string, Promise<PlayOutcome>>;
}
