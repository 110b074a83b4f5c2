/**
 * The player SDK: `new Player(options).play(request)`. Runs in browsers and Node; Node-only helpers
 * (a file-backed outbox) live in `./node/`.
 */
export { Player, type PlayerOptions, type PlayRequest, type PlayHandle } from './player';
export { PlaybackSession, type PlaybackOptions, type SessionStart } from './playbackSession';
export { AbrController, ABR_DEFAULTS, type AbrOptions, type AbrDecision } from './abr';
export { ThroughputEstimator } from './throughput';
export { CdnSelector } from './cdnSelector';
export type { CdnFailureKind } from './segmentFetcher';
export {
  PlayerEvents,
  EVENT_TYPES,
  type PlayerEvent,
  type PlayerEventType,
  type SessionSummary,
  type SessionEndReason,
} from './events';
export { ManifestVerifier, ManifestRejectedError } from './manifestVerifier';
export { RemoteKeySet } from './keySet';
export {
  segmentUrl,
  type VerifiedManifest,
  type ManifestClaims,
  type ManifestVariant,
  type ManifestCdn,
} from './manifest';
export {
  Outbox,
  MemoryOutboxStore,
  type OutboxStore,
  type OutboxEntry,
  type PlaybackReporter,
  type EndPlaybackInput,
} from './outbox';
export { GraphQLPlaybackReporter } from './playbackReporter';
export { WebStorageOutboxStore, type KeyValueStorage } from './webStorageOutbox';
export { PlaybackRefusedError, type PlayInput } from './playRequest';
export { GraphQLRequestError, PLAYER_CLIENT, type ClientIdentity } from './graphql';
export { systemClock, type Clock, type Fetch } from './clock';
