/**
 * The benchmark's realistic traffic (`npm run bench`, docs/benchmarks.md): a thousand accounts and a
 * catalogue of thousands of titles added to a dataset, and a plan of requests drawn from them, browse
 * and play at 3:1. Accounts differ as a real base does (plan, country, household, purchases), titles
 * are drawn by Zipf popularity, devices by the fleet's shares, and refusals happen at the share the
 * rules give such a base: nobody is told to send a request the dataset refuses. Planned up front from
 * a seed, so two stacks, or two runs, are sent the same requests in the same order.
 */
import type { Dataset, EntitlementRecord, Profile, Title, User } from '@platform/dataset/model';
import { SUBSCRIPTION_TIERS, type MaturityRating, type SubscriptionTier } from '@contracts/vocabulary';
import { pick, seededRandom, weighted, zipf, type Random } from './random';
import { DEVICES, NETWORKS, pickDevice } from './viewerMix';

export interface TrafficMixOptions {
  /** Accounts added to the dataset, each with one to three profiles. */
  accounts: number;
  /** The catalogue's size once the mix's titles are added (at least the dataset's own). */
  titles: number;
  /** Browse requests (a page of a row, or a title's page) for each `play`. */
  browsePerPlay: number;
  /** Requests planned; the load cycles through them. */
  requests: number;
  seed: number;
}

export const DEFAULT_TRAFFIC_MIX: TrafficMixOptions = {
  accounts: 1_000,
  titles: 2_000,
  browsePerPlay: 3,
  // More than a default `npm run bench` sends a stack (about 25,000), so no request repeats in a run.
  requests: 60_000,
  seed: 42,
};

export type MixRequestKind = 'play' | 'row' | 'title';

/** One request of the plan: what a device of `accountId` in `country` sends. */
export interface MixRequest {
  kind: MixRequestKind;
  accountId: string;
  country: string;
  /** The trusted document's operation (clients/operations/) and its variables. */
  operation: 'Play' | 'Titles' | 'Title';
  variables: Record<string, unknown>;
}

export interface TrafficMix {
  /** What the mix adds to the dataset (`withTrafficMix` adds it). */
  additions: Pick<Dataset, 'users' | 'profiles' | 'titles' | 'entitlements'>;
  requests: MixRequest[];
}

const FUTURE = '2099-12-31T00:00:00Z';
const PAST = '2024-01-01T00:00:00Z';

/** Where the accounts live: every country has a CDN region in the demo dataset. */
const COUNTRIES: readonly (readonly [string, number])[] = [
  ['US', 40],
  ['GB', 12],
  ['CA', 8],
  ['DE', 8],
  ['JP', 8],
  ['FR', 6],
  ['AU', 6],
  ['NL', 4],
  ['IN', 4],
  ['SG', 4],
];

const PLANS: readonly (readonly [SubscriptionTier | null, number])[] = [
  [null, 8],
  ['BASIC', 30],
  ['STANDARD', 37],
  ['PREMIUM', 25],
];

/** A household's profiles beyond the account holder's, and how often it has each. */
const EXTRA_PROFILES: readonly { kind: Profile['kind']; maxMaturity: MaturityRating; share: number }[] = [
  { kind: 'KIDS', maxMaturity: 7, share: 0.3 },
  { kind: 'KIDS', maxMaturity: 13, share: 0.15 },
];

/** A press of play on a title from the profile's own shelf; the rest come from anywhere (a link, an ad). */
const FROM_SHELF = 0.9;
/** A press of play on a title the account bought or rented, when it has one. */
const FROM_OWNED = 0.3;
/** A press of play while abroad. */
const TRAVELLING = 0.02;

interface Household {
  user: User;
  profiles: Profile[];
  owned: string[];
}

/** The mix's accounts, titles and requests for `dataset`, determined by `options.seed`. */
export function planTrafficMix(
  dataset: Dataset,
  options: TrafficMixOptions = DEFAULT_TRAFFIC_MIX,
): TrafficMix {
  const random = seededRandom(options.seed);
  const titles = catalogue(dataset.titles, options.titles);
  const added = titles.slice(dataset.titles.length);
  const households = Array.from({ length: options.accounts }, (_, index) => household(random, index, titles));
  const popularity = shuffled(random, titles);
  const shelves = new Shelves(popularity);
  const rowGenres = [...new Set(titles.flatMap((title) => title.genres))].sort();
  const drawGenre = zipf(rowGenres.length);
  const requests: MixRequest[] = [];
  const drawTitle = zipf(popularity.length);
  while (requests.length < options.requests) {
    const home = pick(random, households);
    const country = random() < TRAVELLING ? weighted(random, COUNTRIES) : home.user.country;
    const accountId = home.user.id;
    const profile = pickProfile(random, home.profiles);
    const shelf = shelves.of(home.user, profile, country);
    const titleId =
      home.owned.length > 0 && random() < FROM_OWNED
        ? pick(random, home.owned)
        : shelf.length > 0 && random() < FROM_SHELF
          ? shelf[shelves.draw(shelf)(random)]!.id
          : popularity[drawTitle(random)]!.id;
    const { device, network } = pickDevice(random);
    requests.push({
      kind: 'play',
      accountId,
      country,
      operation: 'Play',
      variables: {
        input: {
          titleId,
          profileId: profile.id,
          device: { id: `${accountId}-${device}`, ...DEVICES[device] },
          network: NETWORKS[network].input,
        },
      },
    });
    for (let browse = 0; browse < options.browsePerPlay; browse++) {
      // Half of browsing is rows of titles (a genre's first pages), half a title's own page.
      if (random() < 0.5) {
        const genre = rowGenres[drawGenre(random)]!;
        requests.push({
          kind: 'row',
          accountId,
          country,
          operation: 'Titles',
          variables: { first: 20, genre },
        });
      } else {
        const id = (shelf.length > 0 ? shelf[shelves.draw(shelf)(random)] : popularity[drawTitle(random)])!
          .id;
        requests.push({ kind: 'title', accountId, country, operation: 'Title', variables: { id } });
      }
    }
  }
  return {
    additions: {
      users: households.map((home) => home.user),
      profiles: households.flatMap((home) => home.profiles),
      titles: added,
      entitlements: households.flatMap((home) =>
        home.owned.map((titleId) =>
          ownership(
            random,
            home.user.id,
            titles.find((t) => t.id === titleId)!,
          ),
        ),
      ),
    },
    requests: requests.slice(0, options.requests),
  };
}

/** `dataset` with the mix's accounts, profiles, titles and purchases added. */
export function withTrafficMix(dataset: Dataset, mix: TrafficMix): Dataset {
  return {
    ...dataset,
    users: [...dataset.users, ...mix.additions.users],
    profiles: [...dataset.profiles, ...mix.additions.profiles],
    titles: [...dataset.titles, ...mix.additions.titles],
    entitlements: [...dataset.entitlements, ...mix.additions.entitlements],
  };
}

/** The dataset's titles, then copies of them under new ids until there are `size`. */
function catalogue(own: readonly Title[], size: number): Title[] {
  const titles = [...own];
  for (let index = 0; titles.length < size; index++) {
    const template = own[index % own.length]!;
    const series = Math.floor(index / own.length) + 2;
    titles.push({ ...template, id: `t-mix-${index}`, name: `${template.name} ${series}` });
  }
  return titles;
}

function household(random: Random, index: number, titles: readonly Title[]): Household {
  const id = `u-mix-${index}`;
  const tier = weighted(random, PLANS);
  const status = weighted(random, [
    ['ACTIVE', 95],
    ['PAST_DUE', 2],
    ['CANCELED', 3],
  ] as const);
  const user: User = {
    id,
    country: weighted(random, COUNTRIES),
    subscription: tier ? { tier, status, validUntil: random() < 0.02 ? PAST : FUTURE } : null,
  };
  const profiles: Profile[] = [
    { id: `p-mix-${index}-0`, userId: id, name: `Viewer ${index}`, kind: 'ADULT', maxMaturity: 18 },
  ];
  for (const { kind, maxMaturity, share } of EXTRA_PROFILES) {
    if (random() < share) {
      const number = profiles.length;
      profiles.push({
        id: `p-mix-${index}-${number}`,
        userId: id,
        name: `Viewer ${index}.${number}`,
        kind,
        maxMaturity,
      });
    }
  }
  const store = titles.filter((title) => title.rental || title.purchase);
  const owns = random() < (tier ? 0.1 : 0.6) ? 1 + Math.floor(random() * 3) : 0;
  const owned = [...new Set(Array.from({ length: owns }, () => pick(random, store).id))];
  return { user, profiles, owned };
}

/** A purchase, or a rental that one time in five has run out. */
function ownership(random: Random, userId: string, title: Title): EntitlementRecord {
  if (title.purchase && (!title.rental || random() < 0.5)) {
    return { userId, titleId: title.id, kind: 'PURCHASE', expiresAt: null };
  }
  return { userId, titleId: title.id, kind: 'RENTAL', expiresAt: random() < 0.2 ? PAST : FUTURE };
}

/** The account holder most of the time; a child's profile when the household has one, now and then. */
function pickProfile(random: Random, profiles: readonly Profile[]): Profile {
  return profiles.length === 1 || random() < 0.7 ? profiles[0]! : pick(random, profiles.slice(1));
}

function shuffled<T>(random: Random, items: readonly T[]): T[] {
  const copy = [...items];
  for (let index = copy.length - 1; index > 0; index--) {
    const other = Math.floor(random() * (index + 1));
    [copy[index], copy[other]] = [copy[other]!, copy[index]!];
  }
  return copy;
}

/**
 * What the app shows a profile: the titles its plan covers, rated for it, licensed where it is now,
 * in popularity order. A shelf is the same for every viewer of a plan, rating and country: kept.
 */
class Shelves {
  private readonly shelves = new Map<string, Title[]>();
  private readonly samplers = new Map<number, (random: Random) => number>();
  /** The plan's instant, for subscriptions and licence windows: one for the whole plan. */
  private readonly now = new Date().toISOString();

  constructor(private readonly popularity: readonly Title[]) {}

  of(user: User, profile: Profile, country: string): Title[] {
    const subscription = user.subscription;
    const covered =
      subscription && subscription.status === 'ACTIVE' && subscription.validUntil > this.now
        ? SUBSCRIPTION_TIERS.indexOf(subscription.tier)
        : -1;
    const key = `${covered}|${profile.maxMaturity}|${country}`;
    let shelf = this.shelves.get(key);
    if (!shelf) {
      const now = this.now;
      shelf = this.popularity.filter(
        (title) =>
          title.subscriptionTier !== null &&
          SUBSCRIPTION_TIERS.indexOf(title.subscriptionTier) <= covered &&
          title.maturityRating <= profile.maxMaturity &&
          (title.countries === null || title.countries.includes(country)) &&
          (title.windowStart === null || title.windowStart <= now) &&
          (title.windowEnd === null || title.windowEnd > now),
      );
      this.shelves.set(key, shelf);
    }
    return shelf;
  }

  /** A Zipf sampler over a shelf of this length. */
  draw(shelf: readonly Title[]): (random: Random) => number {
    let sampler = this.samplers.get(shelf.length);
    if (!sampler) this.samplers.set(shelf.length, (sampler = zipf(shelf.length)));
    return sampler;
  }
}
