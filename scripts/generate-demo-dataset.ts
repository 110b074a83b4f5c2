/**
 * Generates `data/demo-dataset.json`, the bundled demo dataset (docs/play-contract.md, "Dataset files"),
 * deterministically: no clock, no randomness, fixed ISO dates only (future = 2099, past = 2015-2024), so the
 * file stays valid and every demo decision in `data/README.md` stays the same forever. The output is
 * validated with parseDataset before it is written. Run with `npx tsx scripts/generate-demo-dataset.ts`.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseDataset } from '@platform/dataset/load';
import type {
  Cdn,
  Dataset,
  Encoding,
  EntitlementRecord,
  Profile,
  Title,
  User,
} from '@platform/dataset/model';
import type { DynamicRange, MaturityRating, SubscriptionTier, VideoCodec } from '@contracts/vocabulary';

const OUTPUT_PATH = path.resolve(__dirname, '../data/demo-dataset.json');

const FUTURE = '2099-12-31T00:00:00Z';

// ---------------------------------------------------------------------------------------------------------
// Bitrate ladders (16:9 frame sizes; HEVC and AV1 need less bitrate than H264 for the same height).
// ---------------------------------------------------------------------------------------------------------

const WIDTH_BY_HEIGHT: Record<number, number> = {
  240: 426,
  360: 640,
  480: 854,
  720: 1280,
  1080: 1920,
  1440: 2560,
  2160: 3840,
};

const HDR_SUFFIX: Record<DynamicRange, string> = { SDR: 'sdr', HDR10: 'hdr10', DOLBY_VISION: 'dv' };

type Ladder = Partial<Record<number, number>>; // height -> kbps

const LADDERS: Record<VideoCodec, Partial<Record<DynamicRange, Ladder>>> = {
  H264: {
    SDR: { 240: 235, 360: 750, 480: 1750, 720: 3000, 1080: 5800 },
  },
  HEVC: {
    SDR: { 720: 1750, 1080: 3000, 1440: 4300, 2160: 8000 },
    HDR10: { 720: 2350, 1080: 4300, 1440: 5800, 2160: 12000 },
    DOLBY_VISION: { 1080: 4800, 2160: 16000 },
  },
  VP9: {},
  AV1: {
    SDR: { 360: 375, 480: 750, 720: 1500, 1080: 2400, 1440: 3600, 2160: 6000 },
    HDR10: { 1080: 3000, 2160: 8000 },
  },
};

/** The rungs of one codec/dynamic-range ladder between two heights, inclusive. */
function rungs(codec: VideoCodec, hdr: DynamicRange, minHeight: number, maxHeight: number): Encoding[] {
  const ladder = LADDERS[codec][hdr];
  if (!ladder) throw new Error(`no ${codec} ${hdr} ladder`);
  return Object.entries(ladder)
    .map(([height, kbps]) => ({ height: Number(height), kbps: kbps! }))
    .filter(({ height }) => height >= minHeight && height <= maxHeight)
    .sort((a, b) => a.height - b.height)
    .map(({ height, kbps }) => ({
      id: `${codec.toLowerCase()}-${height}p-${HDR_SUFFIX[hdr]}`,
      codec,
      width: WIDTH_BY_HEIGHT[height]!,
      height,
      bitrateKbps: kbps,
      hdr,
    }));
}

/** Named ladder shapes used by the titles below. */
type LadderKind =
  | 'h264' // H264 SDR 240p-1080p
  | 'hd' // + HEVC SDR 720p-1080p
  | 'uhd' // + HEVC SDR and HDR10 720p-2160p
  | 'uhd-av1' // + AV1 SDR 360p-2160p
  | 'premium' // H264 + HEVC SDR/HDR10 720p-2160p + Dolby Vision
  | 'premium-av1'; // premium + AV1 SDR and HDR10

function ladder(kind: LadderKind): Encoding[] {
  const h264 = rungs('H264', 'SDR', 240, 1080);
  const hevcSdr = rungs('HEVC', 'SDR', 720, 2160);
  const hevcHdr = rungs('HEVC', 'HDR10', 720, 2160);
  const dolby = rungs('HEVC', 'DOLBY_VISION', 1080, 2160);
  const av1 = rungs('AV1', 'SDR', 360, 2160);
  const av1Hdr = rungs('AV1', 'HDR10', 1080, 2160);
  switch (kind) {
    case 'h264':
      return h264;
    case 'hd':
      return [...h264, ...rungs('HEVC', 'SDR', 720, 1080)];
    case 'uhd':
      return [...h264, ...hevcSdr, ...hevcHdr];
    case 'uhd-av1':
      return [...h264, ...hevcSdr, ...hevcHdr, ...av1];
    case 'premium':
      return [...h264, ...hevcSdr, ...hevcHdr, ...dolby];
    case 'premium-av1':
      return [...h264, ...hevcSdr, ...hevcHdr, ...dolby, ...av1, ...av1Hdr];
  }
}

// ---------------------------------------------------------------------------------------------------------
// Titles
// ---------------------------------------------------------------------------------------------------------

const rent = (priceCents: number, hours = 48) => ({ priceCents, currency: 'USD', hours });
const buy = (priceCents: number) => ({ priceCents, currency: 'USD' });

interface TitleInput {
  id: string;
  name: string;
  synopsis: string;
  genres: string[];
  minutes: number;
  maturity: MaturityRating;
  tier: SubscriptionTier | null;
  ladder: LadderKind | Encoding[];
  countries?: string[];
  windowStart?: string;
  windowEnd?: string;
  rental?: Title['rental'];
  purchase?: Title['purchase'];
  drm?: boolean;
}

function title(input: TitleInput): Title {
  return {
    id: input.id,
    name: input.name,
    synopsis: input.synopsis,
    genres: input.genres,
    durationSeconds: input.minutes * 60,
    maturityRating: input.maturity,
    countries: input.countries ?? null,
    windowStart: input.windowStart ?? null,
    windowEnd: input.windowEnd ?? null,
    subscriptionTier: input.tier,
    rental: input.rental ?? null,
    purchase: input.purchase ?? null,
    drmRequired: input.drm ?? true,
    encodings: typeof input.ladder === 'string' ? ladder(input.ladder) : input.ladder,
  };
}

/** Titles the demo scenarios and tests depend on; their properties must not change. */
const SCENARIO_TITLES: Title[] = [
  title({
    id: 't-basic-drama',
    name: 'The Lighthouse Keepers',
    synopsis:
      'Two estranged sisters inherit a crumbling lighthouse on the Maine coast and must decide whether to save it or sell it before winter.',
    genres: ['Drama', 'Family'],
    minutes: 112,
    maturity: 13,
    tier: 'BASIC',
    ladder: 'uhd-av1',
    rental: rent(399),
    purchase: buy(1499),
  }),
  title({
    id: 't-standard-series',
    name: 'Harbor Precinct: Episode 1',
    synopsis:
      'A new detective transfers to a waterfront precinct where every case seems to lead back to the same shipping company.',
    genres: ['Crime', 'Drama', 'Series'],
    minutes: 54,
    maturity: 16,
    tier: 'STANDARD',
    ladder: 'premium',
  }),
  title({
    id: 't-premium-4k',
    name: 'Orbitfall',
    synopsis:
      'When a decommissioned space station begins a slow descent toward a megacity, a retired engineer returns to orbit for one last repair.',
    genres: ['Science Fiction', 'Action'],
    minutes: 138,
    maturity: 16,
    tier: 'PREMIUM',
    ladder: 'premium',
    rental: rent(599),
  }),
  title({
    id: 't-us-only',
    name: 'Backroads America',
    synopsis:
      'A travel host drives the old two-lane highways from Maine to California, stopping at diners, fairs and roadside wonders.',
    genres: ['Documentary', 'Travel'],
    minutes: 47,
    maturity: 7,
    tier: 'BASIC',
    ladder: 'hd',
    countries: ['US', 'CA'],
  }),
  title({
    id: 't-coming-soon',
    name: 'The Glass Meridian',
    synopsis:
      'An art restorer discovers a hidden map beneath a centuries-old painting and is pulled into a race across Europe to decode it.',
    genres: ['Adventure', 'Mystery'],
    minutes: 121,
    maturity: 13,
    tier: 'BASIC',
    ladder: 'uhd',
    windowStart: '2099-01-01T00:00:00Z',
  }),
  title({
    id: 't-license-ended',
    name: 'Summer of the Comet',
    synopsis:
      'In 1986 a group of small-town teenagers build a backyard observatory to catch a glimpse of a once-in-a-lifetime comet.',
    genres: ['Coming of Age', 'Drama'],
    minutes: 98,
    maturity: 13,
    tier: 'BASIC',
    ladder: 'hd',
    windowStart: '2015-01-01T00:00:00Z',
    windowEnd: '2020-01-01T00:00:00Z',
  }),
  title({
    id: 't-mature-thriller',
    name: 'Nightshift',
    synopsis:
      'A hospital night nurse begins to suspect that the patients dying on her ward are not dying of natural causes.',
    genres: ['Thriller', 'Horror'],
    minutes: 104,
    maturity: 18,
    tier: 'BASIC',
    ladder: 'uhd',
  }),
  title({
    id: 't-kids-cartoon',
    name: 'Pip and the Paper Boats',
    synopsis:
      'A curious duckling and her friends sail paper boats down the village stream and find a new adventure around every bend.',
    genres: ['Kids', 'Animation'],
    minutes: 22,
    maturity: 0,
    tier: 'BASIC',
    ladder: 'hd',
    drm: false,
  }),
  title({
    id: 't-store-only',
    name: 'Kingdom of Salt',
    synopsis:
      'A deposed queen crosses a vast salt desert with a handful of loyal soldiers to reclaim the throne stolen by her brother.',
    genres: ['Fantasy', 'Epic'],
    minutes: 156,
    maturity: 13,
    tier: null,
    ladder: 'premium',
    rental: rent(499),
    purchase: buy(1999),
  }),
  title({
    id: 't-rental-only',
    name: 'The Last Ferry',
    synopsis:
      'Stranded commuters on the final ferry of the night learn that one of them is not who they claim to be.',
    genres: ['Mystery', 'Thriller'],
    minutes: 94,
    maturity: 13,
    tier: null,
    ladder: 'hd',
    rental: rent(399),
  }),
  title({
    id: 't-av1-only',
    name: 'Tiny Worlds',
    synopsis:
      'Macro cameras reveal the hidden lives of insects, mosses and tide-pool creatures in a single backyard over one year.',
    genres: ['Documentary', 'Nature', 'Kids'],
    minutes: 52,
    maturity: 0,
    tier: 'BASIC',
    ladder: rungs('AV1', 'SDR', 360, 1080),
    drm: false,
  }),
  title({
    id: 't-free-documentary',
    name: 'Voices of the River',
    synopsis:
      'Fishermen, ferry pilots and farmers share a century of stories about life along the Mississippi.',
    genres: ['Documentary', 'History'],
    minutes: 68,
    maturity: 0,
    tier: 'BASIC',
    ladder: rungs('H264', 'SDR', 240, 720),
    drm: false,
  }),
];

/** Ordinary catalog titles: realistic filler the demo scenarios do not depend on. */
const CATALOG_TITLES: Title[] = [
  title({
    id: 't-midnight-run-to-lisbon',
    name: 'Midnight Run to Lisbon',
    synopsis:
      'A getaway driver agrees to one final job: smuggling a witness across three borders before sunrise.',
    genres: ['Action', 'Thriller'],
    minutes: 109,
    maturity: 16,
    tier: 'STANDARD',
    ladder: 'uhd',
    rental: rent(499),
    purchase: buy(1499),
  }),
  title({
    id: 't-the-quiet-orchard',
    name: 'The Quiet Orchard',
    synopsis: 'A widowed apple farmer and his grandson rebuild their failing orchard one season at a time.',
    genres: ['Drama'],
    minutes: 101,
    maturity: 7,
    tier: 'BASIC',
    ladder: 'hd',
  }),
  title({
    id: 't-deep-blue-atlas',
    name: 'Deep Blue Atlas',
    synopsis:
      'A marine biology team maps the unexplored canyons of the Pacific and encounters creatures never filmed before.',
    genres: ['Documentary', 'Nature'],
    minutes: 58,
    maturity: 0,
    tier: 'PREMIUM',
    ladder: 'premium-av1',
  }),
  title({
    id: 't-copper-city',
    name: 'Copper City',
    synopsis:
      'In a 1920s mining boomtown, a newly elected sheriff takes on the company that owns everything, including the law.',
    genres: ['Western', 'Drama'],
    minutes: 127,
    maturity: 16,
    tier: 'STANDARD',
    ladder: 'uhd',
    rental: rent(399),
    purchase: buy(1299),
  }),
  title({
    id: 't-the-baking-circle',
    name: 'The Baking Circle',
    synopsis: 'Ten home bakers compete over eight weeks of pastry, bread and showstopper challenges.',
    genres: ['Reality', 'Food'],
    minutes: 48,
    maturity: 0,
    tier: 'BASIC',
    ladder: 'hd',
    drm: false,
  }),
  title({
    id: 't-signal-lost',
    name: 'Signal Lost',
    synopsis:
      'A radio astronomer picks up a repeating signal from deep space, and then it starts answering her questions.',
    genres: ['Science Fiction', 'Mystery'],
    minutes: 116,
    maturity: 13,
    tier: 'STANDARD',
    ladder: 'uhd-av1',
  }),
  title({
    id: 't-fast-break',
    name: 'Fast Break',
    synopsis:
      'A washed-up college coach gets a last chance with a high school team that has not won a game in three years.',
    genres: ['Sports', 'Comedy', 'Drama'],
    minutes: 106,
    maturity: 7,
    tier: 'BASIC',
    ladder: 'hd',
    rental: rent(399),
    purchase: buy(999),
  }),
  title({
    id: 't-the-archivist',
    name: 'The Archivist',
    synopsis:
      'A museum archivist finds letters proving a famous wartime hero was a fraud, and someone will kill to keep them buried.',
    genres: ['Thriller', 'Historical'],
    minutes: 119,
    maturity: 16,
    tier: 'PREMIUM',
    ladder: 'premium',
    rental: rent(599),
    purchase: buy(1999),
  }),
  title({
    id: 't-moonlit-kitchen',
    name: 'Moonlit Kitchen',
    synopsis:
      'A late-night chef cooks for the city’s night workers and hears their stories one bowl of noodles at a time.',
    genres: ['Drama', 'Food'],
    minutes: 45,
    maturity: 7,
    tier: 'BASIC',
    ladder: 'hd',
    countries: ['JP', 'US', 'CA', 'AU', 'SG'],
  }),
  title({
    id: 't-northern-lights-rescue',
    name: 'Northern Lights Rescue',
    synopsis:
      'An Arctic search-and-rescue crew races a polar storm to reach a research team stranded on the ice.',
    genres: ['Action', 'Adventure'],
    minutes: 112,
    maturity: 13,
    tier: 'STANDARD',
    ladder: 'uhd',
  }),
  title({
    id: 't-dragons-of-the-dunes',
    name: 'Dragons of the Dunes',
    synopsis:
      'A shy desert girl befriends a baby sand dragon and must return it to its family before the great sandstorm.',
    genres: ['Kids', 'Animation', 'Fantasy'],
    minutes: 88,
    maturity: 0,
    tier: 'BASIC',
    ladder: 'uhd-av1',
    drm: false,
  }),
  title({
    id: 't-the-long-con',
    name: 'The Long Con',
    synopsis:
      'A crew of retired grifters reunites to swindle the casino magnate who ruined each of them decades ago.',
    genres: ['Crime', 'Comedy'],
    minutes: 114,
    maturity: 13,
    tier: null,
    ladder: 'uhd',
    rental: rent(499),
    purchase: buy(1499),
  }),
  title({
    id: 't-iron-valley',
    name: 'Iron Valley',
    synopsis:
      'Steelworkers in a shrinking Pennsylvania town fight to keep the last mill open as the owners plan to move it overseas.',
    genres: ['Drama'],
    minutes: 57,
    maturity: 16,
    tier: 'STANDARD',
    ladder: 'hd',
    countries: ['US', 'CA', 'GB'],
  }),
  title({
    id: 't-hollow-pines',
    name: 'Hollow Pines',
    synopsis:
      'A family moves into a remote cabin for the winter and finds that the forest around it changes shape every night.',
    genres: ['Horror'],
    minutes: 97,
    maturity: 18,
    tier: 'STANDARD',
    ladder: 'uhd',
    rental: rent(499),
  }),
  title({
    id: 't-parisian-summer',
    name: 'A Parisian Summer',
    synopsis:
      'An American translator and a Parisian bookseller spend one summer arguing about novels and falling in love.',
    genres: ['Romance', 'Comedy'],
    minutes: 103,
    maturity: 13,
    tier: 'BASIC',
    ladder: 'hd',
    countries: ['FR', 'DE', 'GB', 'ES', 'IT', 'NL'],
  }),
  title({
    id: 't-robot-garden',
    name: 'Robot Garden',
    synopsis:
      'Three little robots learn to grow vegetables, share, and solve problems together in their rooftop garden.',
    genres: ['Kids', 'Animation', 'Education'],
    minutes: 11,
    maturity: 0,
    tier: 'BASIC',
    ladder: 'h264',
    drm: false,
  }),
  title({
    id: 't-edge-of-the-map',
    name: 'Edge of the Map',
    synopsis:
      'Two rival cartographers race to chart the last unmapped river in South America and discover why no one came back.',
    genres: ['Adventure'],
    minutes: 131,
    maturity: 13,
    tier: 'PREMIUM',
    ladder: 'premium-av1',
  }),
  title({
    id: 't-courtroom-nine',
    name: 'Courtroom Nine',
    synopsis:
      'A public defender takes on impossible cases in the busiest courtroom in Chicago, one verdict at a time.',
    genres: ['Legal', 'Drama', 'Series'],
    minutes: 43,
    maturity: 13,
    tier: 'BASIC',
    ladder: 'hd',
    windowStart: '2021-03-01T00:00:00Z',
    windowEnd: '2099-03-01T00:00:00Z',
  }),
  title({
    id: 't-starlight-symphony',
    name: 'Starlight Symphony',
    synopsis:
      'A world-famous orchestra performs a concert under the open sky in the Atacama Desert, filmed in 4K HDR.',
    genres: ['Music', 'Concert'],
    minutes: 94,
    maturity: 0,
    tier: 'PREMIUM',
    ladder: 'premium',
    rental: rent(499),
    purchase: buy(1299),
  }),
  title({
    id: 't-the-understudy',
    name: 'The Understudy',
    synopsis:
      'When a Broadway star vanishes on opening night, her understudy must take the stage and find out what happened.',
    genres: ['Drama', 'Mystery'],
    minutes: 108,
    maturity: 13,
    tier: null,
    ladder: 'hd',
    rental: rent(399),
    purchase: buy(1299),
  }),
  title({
    id: 't-wild-kitchen',
    name: 'Wild Kitchen',
    synopsis: 'A forager and a chef cook over open fire with whatever the season and the landscape provide.',
    genres: ['Food', 'Travel'],
    minutes: 29,
    maturity: 0,
    tier: 'BASIC',
    ladder: 'hd',
    drm: false,
  }),
  title({
    id: 't-zero-gravity',
    name: 'Zero Gravity',
    synopsis:
      'The crew of the first commercial Mars transport faces sabotage, a failing reactor and seven months of darkness.',
    genres: ['Science Fiction', 'Thriller'],
    minutes: 142,
    maturity: 16,
    tier: null,
    ladder: 'premium-av1',
    rental: rent(599),
    purchase: buy(1999),
  }),
  title({
    id: 't-the-cartographers-daughter',
    name: "The Cartographer's Daughter",
    synopsis:
      'In 18th-century London, a mapmaker’s daughter secretly completes her late father’s commission for the Admiralty.',
    genres: ['Historical', 'Drama'],
    minutes: 124,
    maturity: 7,
    tier: 'STANDARD',
    ladder: 'uhd',
    windowStart: '2022-06-01T00:00:00Z',
  }),
  title({
    id: 't-street-food-asia',
    name: 'Street Food Asia',
    synopsis:
      'From Bangkok night markets to Osaka alleyways, cooks share the dishes and family stories behind their stalls.',
    genres: ['Food', 'Documentary', 'Travel'],
    minutes: 32,
    maturity: 0,
    tier: 'BASIC',
    ladder: 'uhd-av1',
    drm: false,
  }),
  title({
    id: 't-the-heist-at-harrow',
    name: 'The Heist at Harrow House',
    synopsis:
      'A team of thieves plans to rob a country estate during a lavish wedding, but the guests have plans of their own.',
    genres: ['Crime', 'Comedy'],
    minutes: 111,
    maturity: 13,
    tier: 'STANDARD',
    ladder: 'uhd',
    rental: rent(399),
    purchase: buy(1499),
  }),
];

const titles: Title[] = [...SCENARIO_TITLES, ...CATALOG_TITLES];

// ---------------------------------------------------------------------------------------------------------
// Accounts
// ---------------------------------------------------------------------------------------------------------

const users: User[] = [
  { id: 'u-premium', country: 'US', subscription: { tier: 'PREMIUM', status: 'ACTIVE', validUntil: FUTURE } },
  {
    id: 'u-standard',
    country: 'GB',
    subscription: { tier: 'STANDARD', status: 'ACTIVE', validUntil: FUTURE },
  },
  { id: 'u-basic', country: 'US', subscription: { tier: 'BASIC', status: 'ACTIVE', validUntil: FUTURE } },
  { id: 'u-nosub', country: 'US', subscription: null },
  {
    id: 'u-canceled',
    country: 'DE',
    subscription: { tier: 'PREMIUM', status: 'CANCELED', validUntil: FUTURE },
  },
  {
    id: 'u-pastdue',
    country: 'FR',
    subscription: { tier: 'STANDARD', status: 'PAST_DUE', validUntil: FUTURE },
  },
  {
    id: 'u-lapsed',
    country: 'US',
    subscription: { tier: 'PREMIUM', status: 'ACTIVE', validUntil: '2024-01-01T00:00:00Z' },
  },
  // Ordinary accounts.
  {
    id: 'u-family-ca',
    country: 'CA',
    subscription: { tier: 'STANDARD', status: 'ACTIVE', validUntil: FUTURE },
  },
  {
    id: 'u-jp-premium',
    country: 'JP',
    subscription: { tier: 'PREMIUM', status: 'ACTIVE', validUntil: FUTURE },
  },
  { id: 'u-au-basic', country: 'AU', subscription: { tier: 'BASIC', status: 'ACTIVE', validUntil: FUTURE } },
  { id: 'u-nl-store', country: 'NL', subscription: null },
];

const profile = (
  id: string,
  userId: string,
  name: string,
  kind: Profile['kind'],
  maxMaturity: MaturityRating,
): Profile => ({ id, userId, name, kind, maxMaturity });

const profiles: Profile[] = [
  profile('p-premium-adult', 'u-premium', 'Alex', 'ADULT', 18),
  profile('p-premium-teen', 'u-premium', 'Sam', 'KIDS', 13),
  profile('p-premium-kids', 'u-premium', 'Mia', 'KIDS', 7),
  profile('p-standard-adult', 'u-standard', 'Oliver', 'ADULT', 18),
  profile('p-basic-adult', 'u-basic', 'Jordan', 'ADULT', 18),
  profile('p-nosub-adult', 'u-nosub', 'Taylor', 'ADULT', 18),
  profile('p-canceled-adult', 'u-canceled', 'Lena', 'ADULT', 16),
  profile('p-pastdue-adult', 'u-pastdue', 'Camille', 'ADULT', 18),
  profile('p-lapsed-adult', 'u-lapsed', 'Chris', 'ADULT', 18),
  // Ordinary profiles.
  profile('p-family-ca-parent', 'u-family-ca', 'Morgan', 'ADULT', 18),
  profile('p-family-ca-teen', 'u-family-ca', 'Riley', 'KIDS', 13),
  profile('p-family-ca-kids', 'u-family-ca', 'Noah', 'KIDS', 0),
  profile('p-jp-premium-adult', 'u-jp-premium', 'Haruto', 'ADULT', 18),
  profile('p-au-basic-adult', 'u-au-basic', 'Charlotte', 'ADULT', 18),
  profile('p-au-basic-kids', 'u-au-basic', 'Jack', 'KIDS', 7),
  profile('p-nl-store-adult', 'u-nl-store', 'Daan', 'ADULT', 18),
];

const entitlements: EntitlementRecord[] = [
  // Scenario entitlements (see data/README.md).
  { userId: 'u-nosub', titleId: 't-store-only', kind: 'PURCHASE', expiresAt: null },
  { userId: 'u-nosub', titleId: 't-rental-only', kind: 'RENTAL', expiresAt: '2023-06-01T00:00:00Z' },
  { userId: 'u-nosub', titleId: 't-premium-4k', kind: 'RENTAL', expiresAt: '2099-01-01T00:00:00Z' },
  { userId: 'u-basic', titleId: 't-rental-only', kind: 'RENTAL', expiresAt: '2022-01-01T00:00:00Z' },
  { userId: 'u-basic', titleId: 't-rental-only', kind: 'RENTAL', expiresAt: '2023-01-01T00:00:00Z' },
  // Ordinary entitlements.
  { userId: 'u-family-ca', titleId: 't-the-long-con', kind: 'PURCHASE', expiresAt: null },
  { userId: 'u-jp-premium', titleId: 't-zero-gravity', kind: 'PURCHASE', expiresAt: null },
  { userId: 'u-au-basic', titleId: 't-the-archivist', kind: 'RENTAL', expiresAt: '2099-06-30T00:00:00Z' },
  { userId: 'u-nl-store', titleId: 't-the-understudy', kind: 'PURCHASE', expiresAt: null },
  {
    userId: 'u-nl-store',
    titleId: 't-the-heist-at-harrow',
    kind: 'RENTAL',
    expiresAt: '2024-03-15T20:00:00Z',
  },
];

// ---------------------------------------------------------------------------------------------------------
// CDNs
// ---------------------------------------------------------------------------------------------------------

const cdns: Cdn[] = [
  {
    id: 'cdn-us-east',
    baseUrl: 'https://us-east.cdn.example.net/v',
    regions: ['US', 'CA'],
    priority: 1,
    healthy: true,
  },
  {
    id: 'cdn-us-west',
    baseUrl: 'https://us-west.cdn.example.net/v',
    regions: ['US'],
    priority: 2,
    healthy: false,
  },
  {
    id: 'cdn-eu',
    baseUrl: 'https://eu.cdn.example.net/v',
    regions: ['GB', 'DE', 'FR', 'ES', 'IT', 'NL'],
    priority: 1,
    healthy: true,
  },
  {
    id: 'cdn-apac',
    baseUrl: 'https://apac.cdn.example.net/v',
    regions: ['JP', 'AU', 'SG', 'IN'],
    priority: 1,
    healthy: true,
  },
  { id: 'cdn-global', baseUrl: 'https://global.cdn.example.net/v', regions: [], priority: 10, healthy: true },
];

// ---------------------------------------------------------------------------------------------------------

const dataset: Dataset = parseDataset(
  { users, profiles, titles, entitlements, cdns },
  'generated demo dataset',
);
mkdirSync(path.dirname(OUTPUT_PATH), { recursive: true });
writeFileSync(OUTPUT_PATH, `${JSON.stringify(dataset, null, 2)}\n`);
console.log(
  `wrote ${OUTPUT_PATH}: ${dataset.titles.length} titles, ${dataset.users.length} users, ` +
    `${dataset.profiles.length} profiles, ${dataset.entitlements.length} entitlements, ${dataset.cdns.length} cdns`,
);
