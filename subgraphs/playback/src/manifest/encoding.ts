import type { DynamicRange, VideoCodec } from '@contracts/vocabulary';

/**
 * One encoding of a title, as the gateway hands it over from the catalog through `@requires`.
 * Declared by playback for itself: it is what playback's schema asks for, whatever the catalog stores.
 */
export interface Encoding {
  id: string;
  codec: VideoCodec;
  width: number;
  height: number;
  bitrateKbps: number;
  hdr: DynamicRange;
}
