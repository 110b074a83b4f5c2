/**
 * Who the virtual viewers are: a device, a network, a request (mostly ones the demo dataset grants,
 * about one in ten it must refuse), when they press play and how long they watch. Planned up front
 * from a seed, so two runs with the same options watch the same things (see data/README.md for the
 * accounts and decisions).
 */
import type { PlayInput } from '../clients/player/src';
import { between, pick, seededRandom, weighted, type Random } from './random';

export type DeviceKind = 'tv-4k-hdr' | 'phone' | 'web' | 'tablet' | 'console';
export type NetworkKind = 'fibre' | 'wifi' | 'cellular' | 'congested';

type Device = PlayInput['device'];

export const DEVICES: Record<DeviceKind, Omit<Device, 'id'>> = {
  'tv-4k-hdr': {
    type: 'TV',
    codecs: ['H264', 'HEVC'],
    maxHeight: 2160,
    hdr: ['HDR10', 'DOLBY_VISION'],
    drm: ['WIDEVINE', 'PLAYREADY'],
  },
  phone: { type: 'MOBILE', codecs: ['H264'], maxHeight: 720, hdr: [], drm: ['WIDEVINE'] },
  web: { type: 'WEB', codecs: ['H264', 'VP9'], maxHeight: 1080, hdr: [], drm: ['WIDEVINE'] },
  tablet: { type: 'TABLET', codecs: ['H264', 'HEVC'], maxHeight: 1080, hdr: [], drm: ['FAIRPLAY'] },
  console: { type: 'CONSOLE', codecs: ['H264', 'HEVC'], maxHeight: 2160, hdr: ['HDR10'], drm: ['PLAYREADY'] },
};

export interface NetworkProfile {
  /** The link's nominal downlink in kilobits per media second. */
  kbps: number;
  /** Round trip before a segment's first byte, in media milliseconds. */
  rttMs: number;
  /** What the device tells `play` (its `NetworkInput`). */
  input: NonNullable<PlayInput['network']>;
}

export const NETWORKS: Record<NetworkKind, NetworkProfile> = {
  fibre: { kbps: 50_000, rttMs: 10, input: { type: 'ETHERNET', downlinkKbps: 50_000, metered: false } },
  wifi: { kbps: 15_000, rttMs: 30, input: { type: 'WIFI', downlinkKbps: 15_000, metered: false } },
  cellular: { kbps: 5_000, rttMs: 80, input: { type: 'CELLULAR', downlinkKbps: 5_000, metered: true } },
  congested: { kbps: 2_000, rttMs: 150, input: { type: 'WIFI', downlinkKbps: 2_000, metered: false } },
};

/** Which networks each device is on, and how often. */
const NETWORKS_BY_DEVICE: Record<DeviceKind, readonly (readonly [NetworkKind, number])[]> = {
  'tv-4k-hdr': [
    ['fibre', 5],
    ['wifi', 4],
    ['congested', 1],
  ],
  phone: [
    ['cellular', 7],
    ['wifi', 2],
    ['congested', 1],
  ],
  web: [
    ['wifi', 5],
    ['fibre', 3],
    ['congested', 2],
  ],
  tablet: [
    ['wifi', 8],
    ['congested', 2],
  ],
  console: [
    ['fibre', 6],
    ['wifi', 4],
  ],
};

const DEVICE_SHARES: readonly (readonly [DeviceKind, number])[] = [
  ['tv-4k-hdr', 30],
  ['phone', 25],
  ['web', 20],
  ['tablet', 15],
  ['console', 10],
];

export interface Request {
  accountId: string;
  profileId: string;
  titleId: string;
  country: string;
}

/** Requests the demo dataset grants on every device of the mix. */
export const GRANTABLE: readonly Request[] = [
  { accountId: 'u-premium', profileId: 'p-premium-adult', titleId: 't-premium-4k', country: 'US' },
  { accountId: 'u-premium', profileId: 'p-premium-adult', titleId: 't-standard-series', country: 'US' },
  { accountId: 'u-premium', profileId: 'p-premium-adult', titleId: 't-the-archivist', country: 'US' },
  { accountId: 'u-premium', profileId: 'p-premium-teen', titleId: 't-basic-drama', country: 'US' },
  { accountId: 'u-premium', profileId: 'p-premium-kids', titleId: 't-kids-cartoon', country: 'US' },
  { accountId: 'u-basic', profileId: 'p-basic-adult', titleId: 't-basic-drama', country: 'US' },
  { accountId: 'u-basic', profileId: 'p-basic-adult', titleId: 't-free-documentary', country: 'US' },
  { accountId: 'u-nosub', profileId: 'p-nosub-adult', titleId: 't-store-only', country: 'US' },
  { accountId: 'u-nosub', profileId: 'p-nosub-adult', titleId: 't-premium-4k', country: 'US' },
  { accountId: 'u-family-ca', profileId: 'p-family-ca-parent', titleId: 't-us-only', country: 'CA' },
  { accountId: 'u-standard', profileId: 'p-standard-adult', titleId: 't-standard-series', country: 'GB' },
  { accountId: 'u-standard', profileId: 'p-standard-adult', titleId: 't-iron-valley', country: 'GB' },
  { accountId: 'u-jp-premium', profileId: 'p-jp-premium-adult', titleId: 't-moonlit-kitchen', country: 'JP' },
  { accountId: 'u-au-basic', profileId: 'p-au-basic-adult', titleId: 't-basic-drama', country: 'AU' },
];

/** Requests the dataset must refuse, with the reason it gives (data/README.md, "Expected decisions"). */
export const MUST_REFUSE: readonly (Request & { expected: string; device?: DeviceKind })[] = [
  {
    accountId: 'u-premium',
    profileId: 'p-basic-adult',
    titleId: 't-basic-drama',
    country: 'US',
    expected: 'PROFILE_NOT_FOUND',
  },
  {
    accountId: 'u-premium',
    profileId: 'p-premium-adult',
    titleId: 't-us-only',
    country: 'GB',
    expected: 'GEO_RESTRICTED',
  },
  {
    accountId: 'u-premium',
    profileId: 'p-premium-adult',
    titleId: 't-license-ended',
    country: 'US',
    expected: 'OUTSIDE_LICENSE_WINDOW',
  },
  {
    accountId: 'u-premium',
    profileId: 'p-premium-kids',
    titleId: 't-mature-thriller',
    country: 'US',
    expected: 'MATURITY_RESTRICTED',
  },
  {
    accountId: 'u-nosub',
    profileId: 'p-nosub-adult',
    titleId: 't-rental-only',
    country: 'US',
    expected: 'RENTAL_EXPIRED',
  },
  {
    accountId: 'u-basic',
    profileId: 'p-basic-adult',
    titleId: 't-premium-4k',
    country: 'US',
    expected: 'UPGRADE_REQUIRED',
  },
  {
    accountId: 'u-canceled',
    profileId: 'p-canceled-adult',
    titleId: 't-basic-drama',
    country: 'DE',
    expected: 'SUBSCRIPTION_REQUIRED',
  },
  {
    accountId: 'u-lapsed',
    profileId: 'p-lapsed-adult',
    titleId: 't-basic-drama',
    country: 'US',
    expected: 'SUBSCRIPTION_REQUIRED',
  },
  {
    accountId: 'u-premium',
    profileId: 'p-premium-adult',
    titleId: 't-store-only',
    country: 'US',
    expected: 'PURCHASE_REQUIRED',
  },
  {
    accountId: 'u-premium',
    profileId: 'p-premium-adult',
    titleId: 't-av1-only',
    country: 'US',
    expected: 'DEVICE_UNSUPPORTED',
    device: 'tv-4k-hdr',
  },
];

export interface ViewerPlan {
  index: number;
  device: DeviceKind;
  network: NetworkKind;
  request: Request;
  /** The reason the dataset refuses this request with; null for a request it grants. */
  mustRefuse: string | null;
  input: PlayInput;
  /** Wall milliseconds after the run starts that the viewer presses play. */
  startAtMs: number;
  /** Wall milliseconds the viewer means to watch (media seconds = this × speed / 1000). */
  plannedWallMs: number;
}

export interface MixOptions {
  viewers: number;
  /** Wall length of the run, in seconds. */
  seconds: number;
  seed: number;
  /** Share of viewers sending a must-refuse request. Defaults to 0.1. */
  mustRefuseShare?: number;
  /** Viewers press play during this first share of the run. Defaults to 0.4. */
  startWindow?: number;
  /** Planned watch lengths, as shares of the run. Defaults to [0.35, 0.55]. */
  watchShare?: readonly [number, number];
}

/** A device of the fleet's mix and the network it is on, each at its share. */
export function pickDevice(random: Random): { device: DeviceKind; network: NetworkKind } {
  const device = weighted(random, DEVICE_SHARES);
  return { device, network: weighted(random, NETWORKS_BY_DEVICE[device]) };
}

/**
 * The fleet: every viewer's device, network, request, start and planned length. Every tenth viewer
 * (by default) sends a must-refuse request; its position in the fleet is spread evenly, so a fault at
 * any moment meets some of them.
 */
export function planViewers(options: MixOptions): ViewerPlan[] {
  const random = seededRandom(options.seed);
  const runMs = options.seconds * 1000;
  const share = options.mustRefuseShare ?? 0.1;
  const startWindow = options.startWindow ?? 0.4;
  const [shortest, longest] = options.watchShare ?? [0.35, 0.55];
  const every = share > 0 ? Math.max(1, Math.round(1 / share)) : Infinity;
  return Array.from({ length: options.viewers }, (_, index) => {
    const refusal = (index + 1) % every === 0 ? pick(random, MUST_REFUSE) : null;
    const device = refusal?.device ?? weighted(random, DEVICE_SHARES);
    const network = weighted(random, NETWORKS_BY_DEVICE[device]);
    const request: Request = refusal
      ? {
          accountId: refusal.accountId,
          profileId: refusal.profileId,
          titleId: refusal.titleId,
          country: refusal.country,
        }
      : pick(random, GRANTABLE);
    // Evenly spread starts with a little jitter, so load ramps up smoothly and deterministically.
    const slot = options.viewers > 1 ? index / (options.viewers - 1) : 0;
    const startAtMs = Math.round(
      runMs * startWindow * Math.min(1, Math.max(0, slot + between(random, -0.02, 0.02))),
    );
    const plannedWallMs = Math.round(runMs * between(random, shortest, longest));
    return {
      index,
      device,
      network,
      request,
      mustRefuse: refusal?.expected ?? null,
      input: {
        titleId: request.titleId,
        profileId: request.profileId,
        device: { id: `sim-${device}-${index}`, ...DEVICES[device] },
        network: NETWORKS[network].input,
      },
      startAtMs,
      plannedWallMs,
    };
  });
}
