/**
 * The records of the dataset format: what `DATASET` files and `npm run seed` hold, validated once
 * when a store is seeded. Each subgraph stores its own part; nothing here knows about GraphQL.
 */
import { z } from 'zod';
import {
  DYNAMIC_RANGES,
  ENTITLEMENT_KINDS,
  MATURITY_RATINGS,
  PROFILE_KINDS,
  SUBSCRIPTION_STATUSES,
  SUBSCRIPTION_TIERS,
  VIDEO_CODECS,
} from '@contracts/vocabulary';

const isoDateTime = z.iso.datetime({ offset: true });
const countryCode = z.string().regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code such as "US"');
const id = z.string().min(1);
const currency = z.string().regex(/^[A-Z]{3}$/, 'must be an ISO 4217 code such as "USD"');

export const subscriptionSchema = z.strictObject({
  tier: z.enum(SUBSCRIPTION_TIERS),
  status: z.enum(SUBSCRIPTION_STATUSES),
  validUntil: isoDateTime,
});

export const userSchema = z.strictObject({
  id,
  country: countryCode,
  subscription: subscriptionSchema.nullable(),
});

export const profileSchema = z.strictObject({
  id,
  userId: id,
  name: z.string().min(1),
  kind: z.enum(PROFILE_KINDS),
  maxMaturity: z.union(MATURITY_RATINGS.map((rating) => z.literal(rating))),
});

export const encodingSchema = z.strictObject({
  id,
  codec: z.enum(VIDEO_CODECS),
  width: z.int().positive(),
  height: z.int().positive(),
  bitrateKbps: z.int().positive(),
  hdr: z.enum(DYNAMIC_RANGES),
});

export const titleSchema = z.strictObject({
  id,
  name: z.string().min(1),
  synopsis: z.string(),
  genres: z.array(z.string().min(1)),
  durationSeconds: z.int().positive(),
  maturityRating: z.union(MATURITY_RATINGS.map((rating) => z.literal(rating))),
  countries: z.array(countryCode).nullable(),
  windowStart: isoDateTime.nullable(),
  windowEnd: isoDateTime.nullable(),
  subscriptionTier: z.enum(SUBSCRIPTION_TIERS).nullable(),
  rental: z
    .strictObject({ priceCents: z.int().nonnegative(), currency, hours: z.int().positive() })
    .nullable(),
  purchase: z.strictObject({ priceCents: z.int().nonnegative(), currency }).nullable(),
  drmRequired: z.boolean(),
  encodings: z.array(encodingSchema).min(1),
});

export const entitlementSchema = z.strictObject({
  userId: id,
  titleId: id,
  kind: z.enum(ENTITLEMENT_KINDS),
  expiresAt: isoDateTime.nullable(),
});

export const cdnSchema = z.strictObject({
  id,
  baseUrl: z.url({ protocol: /^https?$/ }),
  regions: z.array(countryCode),
  priority: z.int(),
  healthy: z.boolean(),
});

export const datasetSchema = z.strictObject({
  users: z.array(userSchema),
  profiles: z.array(profileSchema),
  titles: z.array(titleSchema),
  entitlements: z.array(entitlementSchema),
  cdns: z.array(cdnSchema),
});

export type User = z.infer<typeof userSchema>;
export type Subscription = z.infer<typeof subscriptionSchema>;
export type Profile = z.infer<typeof profileSchema>;
export type Title = z.infer<typeof titleSchema>;
export type Encoding = z.infer<typeof encodingSchema>;
export type RentalOffer = NonNullable<Title['rental']>;
export type PurchaseOffer = NonNullable<Title['purchase']>;
export type EntitlementRecord = z.infer<typeof entitlementSchema>;
export type Cdn = z.infer<typeof cdnSchema>;
export type Dataset = z.infer<typeof datasetSchema>;
