/**
 * The domain's enumerations, as every service and the dataset spell them: tiers, ratings, codecs,
 * dynamic ranges. They mirror the GraphQL enums of the same names; services agree on them without
 * sharing each other's storage types.
 */

export const SUBSCRIPTION_TIERS = ['BASIC', 'STANDARD', 'PREMIUM'] as const;
export type SubscriptionTier = (typeof SUBSCRIPTION_TIERS)[number];

export const SUBSCRIPTION_STATUSES = ['ACTIVE', 'CANCELED', 'PAST_DUE'] as const;
export const PROFILE_KINDS = ['ADULT', 'KIDS'] as const;
export const MATURITY_RATINGS = [0, 7, 13, 16, 18] as const;
export type MaturityRating = (typeof MATURITY_RATINGS)[number];

export const VIDEO_CODECS = ['H264', 'HEVC', 'VP9', 'AV1'] as const;
export type VideoCodec = (typeof VIDEO_CODECS)[number];
export const DYNAMIC_RANGES = ['SDR', 'HDR10', 'DOLBY_VISION'] as const;
export type DynamicRange = (typeof DYNAMIC_RANGES)[number];
export const ENTITLEMENT_KINDS = ['RENTAL', 'PURCHASE'] as const;

/** Rank of a tier: a subscription covers every title whose tier ranks at or below its own. */
export function tierRank(tier: SubscriptionTier): number {
  return SUBSCRIPTION_TIERS.indexOf(tier);
}
