/** Internal type. DO NOT USE DIRECTLY. */
type Exact<T extends { [key: string]: unknown }> = { [K in keyof T]: T[K] };
/** Internal type. DO NOT USE DIRECTLY. */
export type Incremental<T> = T | { [P in keyof T]?: P extends ' $fragmentName' | '__typename' ? T[P] : never };
import type { TypedDocumentNode as DocumentNode } from '@graphql-typed-document-node/core';
/**
 * Why a play request was allowed or refused. The refusals are listed in the order they are checked, and
 * the first one that applies is the reason given: a title that does not exist is TITLE_NOT_FOUND even if
 * the profile is missing too. DEVICE_UNSUPPORTED is checked only once everything else allows playback.
 */
export type DecisionReason =
  /**
   * The account may watch the title, but not on this device: none of the title's encodings matches the
   * device's codecs, screen height and HDR formats, or the title needs DRM and the device lists none.
   */
  | 'DEVICE_UNSUPPORTED'
  /**
   * The title is not licensed in the viewer's country. A request whose country is unknown (no valid
   * `x-country`) can play only titles licensed everywhere.
   */
  | 'GEO_RESTRICTED'
  /** Playback may start: the manifest is present. */
  | 'GRANTED'
  /** The title's maturity rating is above the profile's limit. No purchase changes this. */
  | 'MATURITY_RESTRICTED'
  /** The title's license window has not opened yet, or has closed. */
  | 'OUTSIDE_LICENSE_WINDOW'
  /** The profile does not exist, or it belongs to another account; the two look the same on purpose. */
  | 'PROFILE_NOT_FOUND'
  /** No subscription includes the title and the account has never bought or rented it. */
  | 'PURCHASE_REQUIRED'
  /** The account rented this title before and every one of its rentals has ended. */
  | 'RENTAL_EXPIRED'
  /**
   * A subscription tier includes the title and the account has no active subscription (never had one,
   * or it is canceled, past due or expired).
   */
  | 'SUBSCRIPTION_REQUIRED'
  /**
   * Part of the platform could not answer and no safe earlier answer exists, so playback is not allowed
   * for now; trying again in a few minutes may succeed. Never replaces a refusal.
   */
  | 'TEMPORARILY_UNAVAILABLE'
  /** The catalog has no title with this id. */
  | 'TITLE_NOT_FOUND'
  /** A subscription tier includes the title, but a higher one than the account's active subscription. */
  | 'UPGRADE_REQUIRED';

/** The playback capabilities of the requesting device. */
export type DeviceInput = {
  /** Video codecs the device decodes. */
  codecs: Array<VideoCodec>;
  /** DRM systems the device supports, most preferred first: a title that needs DRM uses the first. */
  drm: Array<DrmSystem>;
  /** HDR formats the device displays; SDR always plays. Null or empty means SDR only. */
  hdr?: Array<HdrFormat> | null | undefined;
  /** Stable identifier of the device installation. */
  id: string | number;
  /** Tallest frame the device displays, in lines (1080 for a 1080p screen). */
  maxHeight: number;
  /** Device class. */
  type: DeviceType;
};

/** Device classes. */
export type DeviceType =
  /** A game console. */
  | 'CONSOLE'
  /** A phone. */
  | 'MOBILE'
  /** A tablet. */
  | 'TABLET'
  /** A television or set-top box. */
  | 'TV'
  /** A web browser. */
  | 'WEB';

/** DRM systems. */
export type DrmSystem =
  /** Apple FairPlay. */
  | 'FAIRPLAY'
  /** Microsoft PlayReady. */
  | 'PLAYREADY'
  /** Google Widevine. */
  | 'WIDEVINE';

/** The end of a playback session. */
export type EndPlaybackInput = {
  /** Whether the viewer finished the title; finished titles leave the continue-watching row. */
  completed: boolean;
  /** The manifest's `jws`, exactly as `play` returned it: it identifies the session, profile and title. */
  manifest: string;
  /** Where the viewer stopped, in seconds from the start of the title (0 to 86400). */
  positionSeconds: number;
};

/** HDR formats a device can display. */
export type HdrFormat =
  /** Dolby Vision. */
  | 'DOLBY_VISION'
  /** HDR10. */
  | 'HDR10';

/** The network a device is on. */
export type NetworkInput = {
  /**
   * Estimated downlink in kilobits per second, if known. Playback starts on the highest bitrate that
   * fits in it with a 30% margin (and under any cellular or metered cap); without it, on the lowest.
   */
  downlinkKbps?: number | null | undefined;
  /** Whether the viewer pays per byte (a metered connection); capped like a cellular network. */
  metered?: boolean | null | undefined;
  /** Kind of network. */
  type?: NetworkType | null | undefined;
};

/** Kinds of network. */
export type NetworkType =
  /** A mobile data network; the manifest caps the bitrate to save the viewer's data. */
  | 'CELLULAR'
  /** Wired Ethernet. */
  | 'ETHERNET'
  /** Not known. */
  | 'UNKNOWN'
  /** Wi-Fi. */
  | 'WIFI';

/** Kinds of offer. */
export type OfferType =
  /** A purchase of the title to keep. */
  | 'PURCHASE'
  /** A time-limited rental of the title. */
  | 'RENTAL'
  /** A subscription (new or upgraded) of a tier. */
  | 'SUBSCRIPTION';

/** What a device asks to play. */
export type PlayInput = {
  /** What the device can decode and protect. */
  device: DeviceInput;
  /**
   * The network the device is on; optional. It sets the starting bitrate, and caps the bitrate on
   * cellular or metered networks.
   */
  network?: NetworkInput | null | undefined;
  /** The viewer's profile; it must belong to the token's account. */
  profileId: string | number;
  /** The title to play. */
  titleId: string | number;
};

/** What kind of viewer a profile is for. */
export type ProfileKind =
  /** An adult's profile. */
  | 'ADULT'
  /** A child's profile; typically with a low `maxMaturity`. */
  | 'KIDS';

/** A way to get access to a title. */
export type PromptAction =
  /** Buy the title. */
  | 'BUY'
  /** Rent the title. */
  | 'RENT'
  /** Start a subscription of a tier that includes the title. */
  | 'SUBSCRIBE'
  /** Move the active subscription up to a tier that includes the title. */
  | 'UPGRADE';

/** A prefetched manifest that the device started. */
export type StartPlaybackInput = {
  /** The manifest's `jws`, exactly as `prefetch` returned it. */
  manifest: string;
  /** The request it was prefetched with: the same title and profile, and the device playing it. */
  play: PlayInput;
};

/**
 * Subscription tiers, from lowest to highest. A subscription includes titles of its tier and below,
 * and caps the picture it streams; titles bought or rented stream uncapped.
 */
export type SubscriptionTier =
  /** Entry tier; streams at most 720 lines (720p). */
  | 'BASIC'
  /** Top tier; streams the best the device can show. */
  | 'PREMIUM'
  /** Middle tier; streams at most 1080 lines (1080p). */
  | 'STANDARD';

/** Video compression formats. */
export type VideoCodec =
  /** AV1. */
  | 'AV1'
  /** H.264 / AVC; plays almost everywhere. */
  | 'H264'
  /** H.265 / HEVC. */
  | 'HEVC'
  /** VP9. */
  | 'VP9';

export type ContinueWatchingQueryVariables = Exact<{ [key: string]: never; }>;


export type ContinueWatchingQuery = { me: { id: string, profiles: Array<{ id: string, continueWatching: Array<{ positionSeconds: number, updatedAt: string, title: { id: string, name: string } }> }> } };

export type EndPlaybackMutationVariables = Exact<{
  input: EndPlaybackInput;
}>;


export type EndPlaybackMutation = { endPlayback: { accepted: boolean } };

export type MeQueryVariables = Exact<{ [key: string]: never; }>;


export type MeQuery = { me: { id: string, profiles: Array<{ id: string, name: string, kind: ProfileKind, maxMaturity: number }> } };

export type PlayQueryVariables = Exact<{
  input: PlayInput;
}>;


export type PlayQuery = { play: { id: string, decision: { allowed: boolean, reason: DecisionReason, message: string, prompt: { action: PromptAction, offers: Array<{ type: OfferType, tier: SubscriptionTier | null, priceCents: number | null, currency: string | null, rentalHours: number | null }> } | null }, manifest: { jws: string, keyId: string, expiresAt: number } | null, title: { id: string, name: string } | null } };

export type PrefetchQueryVariables = Exact<{
  input: PlayInput;
}>;


export type PrefetchQuery = { prefetch: { id: string, decision: { allowed: boolean, reason: DecisionReason, message: string }, manifest: { jws: string, keyId: string, expiresAt: number } | null } };

export type StartPlaybackMutationVariables = Exact<{
  input: StartPlaybackInput;
}>;


export type StartPlaybackMutation = { startPlayback: { id: string, decision: { allowed: boolean, reason: DecisionReason, message: string }, manifest: { jws: string, keyId: string, expiresAt: number } | null } };

export type TitleQueryVariables = Exact<{
  id: string | number;
}>;


export type TitleQuery = { title: { id: string, name: string, synopsis: string, genres: Array<string>, durationSeconds: number, maturityRating: number, subscriptionTier: SubscriptionTier | null } | null };

export type TitlesQueryVariables = Exact<{
  first?: number | null | undefined;
  after?: string | null | undefined;
  genre?: string | null | undefined;
}>;


export type TitlesQuery = { titles: { totalCount: number, pageInfo: { hasNextPage: boolean, endCursor: string | null }, edges: Array<{ cursor: string, node: { id: string, name: string, genres: Array<string> } }> } };


export const ContinueWatchingDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"ContinueWatching"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"me"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"profiles"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"continueWatching"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"title"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}},{"kind":"Field","name":{"kind":"Name","value":"positionSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"updatedAt"}}]}}]}}]}}]}}]} as unknown as DocumentNode<ContinueWatchingQuery, ContinueWatchingQueryVariables>;
export const EndPlaybackDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"EndPlayback"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"EndPlaybackInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"endPlayback"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"accepted"}}]}}]}}]} as unknown as DocumentNode<EndPlaybackMutation, EndPlaybackMutationVariables>;
export const MeDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Me"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"me"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"profiles"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"kind"}},{"kind":"Field","name":{"kind":"Name","value":"maxMaturity"}}]}}]}}]}}]} as unknown as DocumentNode<MeQuery, MeQueryVariables>;
export const PlayDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Play"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"PlayInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"play"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"decision"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"allowed"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"message"}},{"kind":"Field","name":{"kind":"Name","value":"prompt"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"action"}},{"kind":"Field","name":{"kind":"Name","value":"offers"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"type"}},{"kind":"Field","name":{"kind":"Name","value":"tier"}},{"kind":"Field","name":{"kind":"Name","value":"priceCents"}},{"kind":"Field","name":{"kind":"Name","value":"currency"}},{"kind":"Field","name":{"kind":"Name","value":"rentalHours"}}]}}]}}]}},{"kind":"Field","name":{"kind":"Name","value":"manifest"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"jws"}},{"kind":"Field","name":{"kind":"Name","value":"keyId"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}}]}},{"kind":"Field","name":{"kind":"Name","value":"title"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}}]}}]}}]}}]} as unknown as DocumentNode<PlayQuery, PlayQueryVariables>;
export const PrefetchDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Prefetch"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"PlayInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"prefetch"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"decision"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"allowed"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}},{"kind":"Field","name":{"kind":"Name","value":"manifest"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"jws"}},{"kind":"Field","name":{"kind":"Name","value":"keyId"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}}]}}]}}]}}]} as unknown as DocumentNode<PrefetchQuery, PrefetchQueryVariables>;
export const StartPlaybackDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"mutation","name":{"kind":"Name","value":"StartPlayback"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"input"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"StartPlaybackInput"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"startPlayback"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"input"},"value":{"kind":"Variable","name":{"kind":"Name","value":"input"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"decision"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"allowed"}},{"kind":"Field","name":{"kind":"Name","value":"reason"}},{"kind":"Field","name":{"kind":"Name","value":"message"}}]}},{"kind":"Field","name":{"kind":"Name","value":"manifest"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"jws"}},{"kind":"Field","name":{"kind":"Name","value":"keyId"}},{"kind":"Field","name":{"kind":"Name","value":"expiresAt"}}]}}]}}]}}]} as unknown as DocumentNode<StartPlaybackMutation, StartPlaybackMutationVariables>;
export const TitleDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Title"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"id"}},"type":{"kind":"NonNullType","type":{"kind":"NamedType","name":{"kind":"Name","value":"ID"}}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"title"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"id"},"value":{"kind":"Variable","name":{"kind":"Name","value":"id"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"synopsis"}},{"kind":"Field","name":{"kind":"Name","value":"genres"}},{"kind":"Field","name":{"kind":"Name","value":"durationSeconds"}},{"kind":"Field","name":{"kind":"Name","value":"maturityRating"}},{"kind":"Field","name":{"kind":"Name","value":"subscriptionTier"}}]}}]}}]} as unknown as DocumentNode<TitleQuery, TitleQueryVariables>;
export const TitlesDocument = {"kind":"Document","definitions":[{"kind":"OperationDefinition","operation":"query","name":{"kind":"Name","value":"Titles"},"variableDefinitions":[{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"first"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"Int"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"after"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}},{"kind":"VariableDefinition","variable":{"kind":"Variable","name":{"kind":"Name","value":"genre"}},"type":{"kind":"NamedType","name":{"kind":"Name","value":"String"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"titles"},"arguments":[{"kind":"Argument","name":{"kind":"Name","value":"first"},"value":{"kind":"Variable","name":{"kind":"Name","value":"first"}}},{"kind":"Argument","name":{"kind":"Name","value":"after"},"value":{"kind":"Variable","name":{"kind":"Name","value":"after"}}},{"kind":"Argument","name":{"kind":"Name","value":"genre"},"value":{"kind":"Variable","name":{"kind":"Name","value":"genre"}}}],"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"totalCount"}},{"kind":"Field","name":{"kind":"Name","value":"pageInfo"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"hasNextPage"}},{"kind":"Field","name":{"kind":"Name","value":"endCursor"}}]}},{"kind":"Field","name":{"kind":"Name","value":"edges"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"cursor"}},{"kind":"Field","name":{"kind":"Name","value":"node"},"selectionSet":{"kind":"SelectionSet","selections":[{"kind":"Field","name":{"kind":"Name","value":"id"}},{"kind":"Field","name":{"kind":"Name","value":"name"}},{"kind":"Field","name":{"kind":"Name","value":"genres"}}]}}]}}]}}]}}]} as unknown as DocumentNode<TitlesQuery, TitlesQueryVariables>;