/**
 * Builds a dataset step by step for a test, so each test states the accounts, titles and rights it
 * relies on instead of depending on the demo data. `build()` validates like `DATASET` does.
 */
import { writeFileSync } from 'node:fs';
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

export const FAR_FUTURE = '2099-01-01T00:00:00Z';
export const LONG_AGO = '2020-01-01T00:00:00Z';

/** A realistic ladder: H.264 SDR 240p-1080p and HEVC 1080p-2160p in SDR and HDR10. */
export const STANDARD_LADDER: Encoding[] = [
  { id: 'h264-240p', codec: 'H264', width: 426, height: 240, bitrateKbps: 235, hdr: 'SDR' },
  { id: 'h264-480p', codec: 'H264', width: 854, height: 480, bitrateKbps: 1750, hdr: 'SDR' },
  { id: 'h264-720p', codec: 'H264', width: 1280, height: 720, bitrateKbps: 3000, hdr: 'SDR' },
  { id: 'h264-1080p', codec: 'H264', width: 1920, height: 1080, bitrateKbps: 5800, hdr: 'SDR' },
  { id: 'hevc-1080p-hdr10', codec: 'HEVC', width: 1920, height: 1080, bitrateKbps: 4300, hdr: 'HDR10' },
  { id: 'hevc-2160p', codec: 'HEVC', width: 3840, height: 2160, bitrateKbps: 8000, hdr: 'SDR' },
  { id: 'hevc-2160p-hdr10', codec: 'HEVC', width: 3840, height: 2160, bitrateKbps: 12000, hdr: 'HDR10' },
];

export class Seed {
  private readonly dataset: Dataset = { users: [], profiles: [], titles: [], entitlements: [], cdns: [] };

  /** A seed holding a whole dataset, such as the demo dataset of `npm start`. */
  static of(dataset: Dataset): Seed {
    const seed = new Seed();
    Object.assign(seed.dataset, structuredClone(dataset));
    return seed;
  }

  account(id: string, options: Partial<Omit<User, 'id'>> = {}): this {
    this.dataset.users.push({ id, country: 'US', subscription: null, ...options });
    return this;
  }

  subscriber(
    id: string,
    tier: 'BASIC' | 'STANDARD' | 'PREMIUM',
    status: 'ACTIVE' | 'CANCELED' | 'PAST_DUE' = 'ACTIVE',
  ): this {
    return this.account(id, { subscription: { tier, status, validUntil: FAR_FUTURE } });
  }

  profile(id: string, userId: string, options: Partial<Omit<Profile, 'id' | 'userId'>> = {}): this {
    this.dataset.profiles.push({ id, userId, name: id, kind: 'ADULT', maxMaturity: 18, ...options });
    return this;
  }

  title(id: string, options: Partial<Omit<Title, 'id'>> = {}): this {
    this.dataset.titles.push({
      id,
      name: `Title ${id}`,
      synopsis: 'A test title.',
      genres: ['Drama'],
      durationSeconds: 5400,
      maturityRating: 13,
      countries: null,
      windowStart: null,
      windowEnd: null,
      subscriptionTier: 'BASIC',
      rental: null,
      purchase: null,
      drmRequired: true,
      encodings: STANDARD_LADDER,
      ...options,
    });
    return this;
  }

  entitlement(record: EntitlementRecord): this {
    this.dataset.entitlements.push(record);
    return this;
  }

  cdn(id: string, options: Partial<Omit<Cdn, 'id'>> = {}): this {
    this.dataset.cdns.push({
      id,
      baseUrl: `https://${id}.cdn.example.net`,
      regions: [],
      priority: 1,
      healthy: true,
      ...options,
    });
    return this;
  }

  build(): Dataset {
    return parseDataset(structuredClone(this.dataset), 'test seed');
  }

  /** Writes the dataset as a `DATASET` file into `dir` and returns its path. */
  writeTo(dir: string): string {
    const file = path.join(dir, 'dataset.json');
    writeFileSync(file, JSON.stringify(this.build(), null, 2));
    return file;
  }
}
