import type { DeviceType } from '../manifest/device';

/** Player features and experiment assignments for one session. */
export interface PlaybackFeatures {
  skipIntro: boolean;
  autoplayNext: boolean;
  previewThumbnails: boolean;
  experiments: { name: string; variant: string }[];
}

export interface FlagSubject {
  accountId: string;
  profileId: string;
  deviceType: DeviceType;
}

/**
 * Where feature flags and experiment assignments come from. Non-essential by design: when the
 * source fails, the gateway serves the last good value or the schema's default, silently.
 */
export interface FlagSource {
  featuresFor(subject: FlagSubject): Promise<PlaybackFeatures>;
}
