import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { PlaySessionParent as PlaySessionParentModel, EntityReference as EntityReferenceModel, ContinueWatchingEntry as ContinueWatchingEntryModel, PlayExplanationParent as PlayExplanationParentModel } from '../request/mappers';
import type { PlaybackContext } from '../request/context';
export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
export type RequireFields<T, K extends keyof T> = Omit<T, K> & { [P in K]-?: NonNullable<T[P]> };
/** All built-in and custom scalars, mapped to their actual values */
export type Scalars = {
  ID: { input: string; output: string; }
  String: { input: string; output: string; }
  Boolean: { input: boolean; output: boolean; }
  Int: { input: number; output: number; }
  Float: { input: number; output: number; }
  /** An instant in time, as an ISO-8601 string with a zone offset, such as "2026-11-25T20:00:00Z". */
  DateTime: { input: string; output: string; }
  /**
   * Internal, hidden from the public API: the rules of a decision as they ran, in evaluation order, as
   * one JSON value, a list of `{ rule, outcome, evidence }`. It only travels to the decision record, so
   * it is one value rather than objects the graph would resolve field by field on every play.
   */
  RuleTrace: { input: import('@contracts/decisionNotes').RecordedRule[]; output: import('@contracts/decisionNotes').RecordedRule[]; }
  _FieldSet: { input: unknown; output: unknown; }
};

/** A title a profile stopped watching part of the way through. */
export type ContinueWatchingItem = {
  __typename?: 'ContinueWatchingItem';
  /** Where the viewer stopped, in seconds from the start. */
  positionSeconds: Scalars['Int']['output'];
  /** The title. */
  title: Title;
  /** When the viewer stopped (when the session's end was recorded). */
  updatedAt: Scalars['DateTime']['output'];
};

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
  hdr?: InputMaybe<Array<HdrFormat>>;
  /** Stable identifier of the device installation. */
  id: Scalars['ID']['input'];
  /** Tallest frame the device displays, in lines (1080 for a 1080p screen). */
  maxHeight: Scalars['Int']['input'];
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

/** The dynamic range an encoding is mastered in. */
export type DynamicRange =
  /** Dolby Vision. */
  | 'DOLBY_VISION'
  /** HDR10. */
  | 'HDR10'
  /** Standard dynamic range; plays on every device. */
  | 'SDR';

/** One rung of a title's bitrate ladder: a rendition a player can stream. */
export type Encoding = {
  __typename?: 'Encoding';
  /** Average bitrate in kilobits per second. */
  bitrateKbps: Scalars['Int']['output'];
  /** Compression format. */
  codec: VideoCodec;
  /** Dynamic range of the encoding. */
  hdr: DynamicRange;
  /** Frame height in pixels (720 for 720p). */
  height: Scalars['Int']['output'];
  /** Identifier of the encoding, unique within its title; segment URLs name it. */
  id: Scalars['ID']['output'];
  /** Frame width in pixels. */
  width: Scalars['Int']['output'];
};

/** The end of a playback session. */
export type EndPlaybackInput = {
  /** Whether the viewer finished the title; finished titles leave the continue-watching row. */
  completed: Scalars['Boolean']['input'];
  /** The manifest's `jws`, exactly as `play` returned it: it identifies the session, profile and title. */
  manifest: Scalars['String']['input'];
  /** Where the viewer stopped, in seconds from the start of the title (0 to 86400). */
  positionSeconds: Scalars['Int']['input'];
};

/** What `endPlayback` did. */
export type EndPlaybackResult = {
  __typename?: 'EndPlaybackResult';
  /** True when the end was recorded durably; it shows in `continueWatching` shortly after. */
  accepted: Scalars['Boolean']['output'];
};

/**
 * Internal, hidden from the public API: the entitlement decision for one play request (title, profile,
 * country, license window, maturity and what the account holds). Playback turns it into the public
 * `PlayDecision`, and issues a manifest only for a `grant` whose signature it verifies.
 */
export type Entitlement = {
  __typename?: 'Entitlement';
  /** True exactly when `reason` is GRANTED. */
  allowed: Scalars['Boolean']['output'];
  /**
   * When allowed: a compact JWS signed by the entitlements service, bound to the account, profile,
   * title and country, expiring at `expiresAt`. Null when refused.
   */
  grant: Maybe<Scalars['String']['output']>;
  /** The reason in one plain sentence a viewer understands. */
  message: Scalars['String']['output'];
  /** What the viewer can do to get access; null when no purchase would help or nothing is on offer. */
  prompt: Maybe<Prompt>;
  /** Why the request was allowed or refused. */
  reason: DecisionReason;
  /** The rules up to the entitlement rule as they ran for this request, in evaluation order. */
  rules: Scalars['RuleTrace']['output'];
};

/**
 * Internal, hidden from the public API: the entitlement decision for an explained request, with the
 * rules it checked, for playback to finish with the device rule.
 */
export type EntitlementCheck = {
  __typename?: 'EntitlementCheck';
  /** True exactly when `reason` is GRANTED. */
  allowed: Scalars['Boolean']['output'];
  /** For a grant through a subscription: its tier, which caps the picture. Null otherwise. */
  cappedByTier: Maybe<SubscriptionTier>;
  /** The reason in one plain sentence a viewer understands. */
  message: Scalars['String']['output'];
  /** What the viewer can do to get access; null when no purchase would help or nothing is on offer. */
  prompt: Maybe<Prompt>;
  /** Why the request was allowed or refused. */
  reason: DecisionReason;
  /** The rules up to the entitlement rule, in evaluation order. */
  rules: Array<RuleCheck>;
};

/** One experiment a session takes part in. */
export type ExperimentAssignment = {
  __typename?: 'ExperimentAssignment';
  /** Name of the experiment, such as "abr-start-higher". */
  name: Scalars['String']['output'];
  /** The variant assigned, such as "control" or "treatment". */
  variant: Scalars['String']['output'];
};

/**
 * A play request to explain: the same as `PlayInput`, plus whose request it is and where and when it
 * is made (a device's own request takes these from its token and its edge).
 */
export type ExplainPlayInput = {
  /** The account whose request is explained. */
  accountId: Scalars['ID']['input'];
  /** The instant to decide for; now when omitted. Licence windows, rentals and subscriptions are judged at it. */
  at?: InputMaybe<Scalars['DateTime']['input']>;
  /** ISO 3166-1 alpha-2 country the request comes from, such as "CA". */
  country: Scalars['String']['input'];
  /** The device's capabilities, as the device would send them with `play`. */
  device: DeviceInput;
  /** The profile, which must belong to the account (else PROFILE_NOT_FOUND, as for `play`). */
  profileId: Scalars['ID']['input'];
  /** The title. */
  titleId: Scalars['ID']['input'];
};

/** HDR formats a device can display. */
export type HdrFormat =
  /** Dolby Vision. */
  | 'DOLBY_VISION'
  /** HDR10. */
  | 'HDR10';

/**
 * A signed playback manifest: everything the player needs to stream the title without calling the
 * control plane again. Verify `jws` against the gateway's JWK Set at `/.well-known/jwks.json`.
 */
export type Manifest = {
  __typename?: 'Manifest';
  /** When the manifest expires, in Unix seconds; equals the JWS `exp` claim. */
  expiresAt: Scalars['Int']['output'];
  /** The manifest as a compact JWS (EdDSA / Ed25519); its payload lists variants, DRM, CDNs and ABR hints. */
  jws: Scalars['String']['output'];
  /** Id (`kid`) of the key that signed `jws`. */
  keyId: Scalars['String']['output'];
};

/**
 * Changes made through the graph: what devices report about playback sessions. An end is bookkeeping,
 * answered at once and applied in the background; the start of a prefetched manifest is decided again.
 */
export type Mutation = {
  __typename?: 'Mutation';
  /**
   * Records where a playback session ended, for the profile's continue-watching row. The session is the
   * one the manifest was issued for: only manifests this service signed for the caller's account are
   * accepted (an expired one still is, for a day past its expiry). Anything else gets an error and
   * nothing is written. Accepted means durably queued: it reaches watch history within seconds, or when
   * the database is back.
   */
  endPlayback: EndPlaybackResult;
  /**
   * Reports that the device started a manifest it got from `prefetch`, which it did without asking
   * first. The entitlement is decided again, now: when it still grants, the answer's manifest is the
   * same session (same `sid`) with segment tokens for the whole title; when it no longer does, the
   * decision says why and the device must stop. Sent by the player SDK's outbox, retried until
   * answered.
   */
  startPlayback: PlaySession;
};


/**
 * Changes made through the graph: what devices report about playback sessions. An end is bookkeeping,
 * answered at once and applied in the background; the start of a prefetched manifest is decided again.
 */
export type MutationEndPlaybackArgs = {
  input: EndPlaybackInput;
};


/**
 * Changes made through the graph: what devices report about playback sessions. An end is bookkeeping,
 * answered at once and applied in the background; the start of a prefetched manifest is decided again.
 */
export type MutationStartPlaybackArgs = {
  input: StartPlaybackInput;
};

/** The network a device is on. */
export type NetworkInput = {
  /**
   * Estimated downlink in kilobits per second, if known. Playback starts on the highest bitrate that
   * fits in it with a 30% margin (and under any cellular or metered cap); without it, on the lowest.
   */
  downlinkKbps?: InputMaybe<Scalars['Int']['input']>;
  /** Whether the viewer pays per byte (a metered connection); capped like a cellular network. */
  metered?: InputMaybe<Scalars['Boolean']['input']>;
  /** Kind of network. */
  type?: InputMaybe<NetworkType>;
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

/** One way to get access to a title, with its price. */
export type Offer = {
  __typename?: 'Offer';
  /** ISO 4217 currency code of the price, such as "USD". */
  currency: Maybe<Scalars['String']['output']>;
  /** Price in the currency's minor unit (cents); per month for a subscription. */
  priceCents: Maybe<Scalars['Int']['output']>;
  /** For a rental: how many hours it lasts. Null otherwise. */
  rentalHours: Maybe<Scalars['Int']['output']>;
  /** For a subscription: the tier offered. Null otherwise. */
  tier: Maybe<SubscriptionTier>;
  /** What is being offered. */
  type: OfferType;
};

/** Kinds of offer. */
export type OfferType =
  /** A purchase of the title to keep. */
  | 'PURCHASE'
  /** A time-limited rental of the title. */
  | 'RENTAL'
  /** A subscription (new or upgraded) of a tier. */
  | 'SUBSCRIPTION';

/** Whether playback may start, and if not, why and what the viewer can do. */
export type PlayDecision = {
  __typename?: 'PlayDecision';
  /** True exactly when `reason` is GRANTED; then the manifest is present. */
  allowed: Scalars['Boolean']['output'];
  /** The reason in one plain sentence a viewer understands. */
  message: Scalars['String']['output'];
  /** What the viewer can do to get access; null when no purchase would help or nothing is on offer. */
  prompt: Maybe<Prompt>;
  /** Why playback was allowed or refused. */
  reason: DecisionReason;
};

/**
 * The answer to "why was this account allowed or refused this title?": the decision `play` would make
 * for that account, profile, title, country and device at that time, with each rule it checked.
 * Analysts only.
 */
export type PlayExplanation = {
  __typename?: 'PlayExplanation';
  /** The account the question is about. */
  accountId: Scalars['ID']['output'];
  /** The instant the request is decided for. */
  at: Scalars['DateTime']['output'];
  /** The country the request is decided for. */
  country: Scalars['String']['output'];
  /** The decision, exactly as `play` would give it. */
  decision: PlayDecision;
  /** Internal, hidden from the public API: the entitlement decision with the rules it checked. */
  entitlementCheck: EntitlementCheck;
  /** Opaque identifier of this question. */
  id: Scalars['ID']['output'];
  /** The profile asked about; null when it does not exist. */
  profile: Maybe<Profile>;
  /** Every rule of the decision in evaluation order: passed, failed (the first failure is the reason) or not reached. */
  rules: Array<RuleCheck>;
  /** The title asked about; null when the catalog has no such title. */
  title: Maybe<Title>;
};

/** What a device asks to play. */
export type PlayInput = {
  /** What the device can decode and protect. */
  device: DeviceInput;
  /**
   * The network the device is on; optional. It sets the starting bitrate, and caps the bitrate on
   * cellular or metered networks.
   */
  network?: InputMaybe<NetworkInput>;
  /** The viewer's profile; it must belong to the token's account. */
  profileId: Scalars['ID']['input'];
  /** The title to play. */
  titleId: Scalars['ID']['input'];
};

/** The rules of the play decision, in the order they are checked: the first that fails gives the reason. */
export type PlayRule =
  /** The device can play an encoding of the title, with DRM where the title needs it. */
  | 'DEVICE'
  /** The account holds the title: bought, rented, or in its subscription. */
  | 'ENTITLEMENT'
  /** The title is licensed in the country of the request. */
  | 'LICENSED_IN_COUNTRY'
  /** The licence window is open at the time of the request. */
  | 'LICENSE_WINDOW'
  /** The title's rating is within the profile's limit. */
  | 'MATURITY'
  /** The profile exists and belongs to the account. */
  | 'PROFILE_OF_ACCOUNT'
  /** The catalog has the title. */
  | 'TITLE_EXISTS';

/**
 * One request to play a title, and its outcome: the title and profile asked for, whether playback may
 * start and why, and, when it may, the signed manifest.
 */
export type PlaySession = {
  __typename?: 'PlaySession';
  /** Whether playback may start, and if not, why and what the viewer can do. */
  decision: PlayDecision;
  /** Internal, hidden from the public API: the entitlement decision for this request, before the device is considered. */
  entitlement: Entitlement;
  /** Player features and experiments for this session; a default set when they cannot be looked up. */
  features: PlaybackFeatures;
  /**
   * Opaque identifier of this play request. It is not the playback session id (the manifest's `sid`
   * claim), which is new for every grant.
   */
  id: Scalars['ID']['output'];
  /** The signed playback manifest; present exactly when `decision.allowed` is true. */
  manifest: Maybe<Manifest>;
  /** The requested profile; null when it does not exist or belongs to another account. */
  profile: Maybe<Profile>;
  /** The requested title; null when the catalog has no such title. */
  title: Maybe<Title>;
};

/** Player features switched on or off for a session, and the experiments it takes part in. */
export type PlaybackFeatures = {
  __typename?: 'PlaybackFeatures';
  /** Start the next episode or a recommendation when this title ends. */
  autoplayNext: Scalars['Boolean']['output'];
  /** Experiments this session takes part in, with the variant assigned. */
  experiments: Array<ExperimentAssignment>;
  /** Show thumbnails while the viewer scrubs the timeline. */
  previewThumbnails: Scalars['Boolean']['output'];
  /** Offer a button that skips the title's intro. */
  skipIntro: Scalars['Boolean']['output'];
};

/**
 * One viewer within an account, with its own parental limit and watch history. A profile is only ever
 * visible to its own account: for any other caller it resolves to null, exactly as if it did not exist.
 */
export type Profile = {
  __typename?: 'Profile';
  /**
   * Titles this profile started and did not finish, most recent first (at most 20). Only the caller's
   * own profiles have any. Non-essential: while history cannot be read, the last copy or an empty list.
   */
  continueWatching: Array<ContinueWatchingItem>;
  /** Stable identifier of the profile. */
  id: Scalars['ID']['output'];
};

/** What a refused viewer can do to get access. */
export type Prompt = {
  __typename?: 'Prompt';
  /** The main way out, for the primary button. */
  action: PromptAction;
  /** Every way out that applies, main one first. */
  offers: Array<Offer>;
};

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

/** Entry points of the graph: playback (`play`), the catalog (`title`, `titles`) and the caller's account (`me`). */
export type Query = {
  __typename?: 'Query';
  /**
   * Analysts only: the decision `play` would make for an account on one of its profiles, for one title,
   * country and device, at an instant (now by default), with every rule it checked and the facts each
   * read. Nothing is granted or recorded: no manifest, no grant, no history.
   */
  explainPlay: PlayExplanation;
  /**
   * Starts playback: decides whether the caller's account may play the title on this profile and
   * device, here and now, and if so returns a signed manifest. Refusals are answers, not errors: read
   * `decision.reason`. Requires authentication; the country comes from the `x-country` header.
   */
  play: PlaySession;
  /**
   * Fetches a manifest ahead of time, while the viewer browses, so that pressing play needs no round
   * trip: the same decision as `play`, but the manifest must be started within 5 minutes (its
   * `startBy` claim) and its segment tokens last 15 minutes from issue, unless `startPlayback` renews
   * them. Nothing is counted or recorded until the device starts it. Devices send it as `prefetch`
   * class (`x-request-class`): an overloaded gateway refuses it before any viewer's `play`.
   */
  prefetch: PlaySession;
};


/** Entry points of the graph: playback (`play`), the catalog (`title`, `titles`) and the caller's account (`me`). */
export type QueryExplainPlayArgs = {
  input: ExplainPlayInput;
};


/** Entry points of the graph: playback (`play`), the catalog (`title`, `titles`) and the caller's account (`me`). */
export type QueryPlayArgs = {
  input: PlayInput;
};


/** Entry points of the graph: playback (`play`), the catalog (`title`, `titles`) and the caller's account (`me`). */
export type QueryPrefetchArgs = {
  input: PlayInput;
};

/** One rule of the play decision, as it was evaluated for one request. */
export type RuleCheck = {
  __typename?: 'RuleCheck';
  /** What the rule requires, and the reason given when it fails. */
  description: Scalars['String']['output'];
  /** The facts the rule looked at, one sentence each. */
  evidence: Array<Scalars['String']['output']>;
  /** Whether the rule passed, failed or was never reached (an earlier rule failed). */
  outcome: RuleOutcome;
  /** Which rule. */
  rule: PlayRule;
};

/** How a rule came out for one request. */
export type RuleOutcome =
  /** The rule was checked and refused the request: its reason is the decision's. */
  | 'FAILED'
  /** An earlier rule refused the request, so this one was never checked. */
  | 'NOT_REACHED'
  /** The rule was checked and allowed the request. */
  | 'PASSED';

/** A prefetched manifest that the device started. */
export type StartPlaybackInput = {
  /** The manifest's `jws`, exactly as `prefetch` returned it. */
  manifest: Scalars['String']['input'];
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

/**
 * A film or episode in the catalog: what it is, who may watch it (rating, countries, license window)
 * and how it can be obtained (subscription tier, rental, purchase) and played (encodings, DRM).
 */
export type Title = {
  __typename?: 'Title';
  /** Whether every playback of the title must be protected by DRM. */
  drmRequired: Scalars['Boolean']['output'];
  /** Running time in seconds. A manifest for the title stays valid this long plus four hours. */
  durationSeconds: Scalars['Int']['output'];
  /** Every encoding of the title (its bitrate ladder), in catalog order. */
  encodings: Array<Encoding>;
  /** Stable identifier of the title. */
  id: Scalars['ID']['output'];
};

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

export type WithIndex<TObject> = TObject & Record<string, any>;
export type ResolversObject<TObject> = WithIndex<TObject>;

export type ResolverTypeWrapper<T> = Promise<T> | T;

export type ReferenceResolver<TResult, TReference, TContext> = (
      reference: TReference,
      context: TContext,
      info: GraphQLResolveInfo
    ) => Promise<TResult> | TResult;

      type ScalarCheck<T, S> = S extends true ? T : NullableCheck<T, S>;
      type NullableCheck<T, S> = Maybe<T> extends T ? Maybe<ListCheck<NonNullable<T>, S>> : ListCheck<T, S>;
      type ListCheck<T, S> = T extends (infer U)[] ? NullableCheck<U, S>[] : GraphQLRecursivePick<T, S>;
      export type GraphQLRecursivePick<T, S> = { [K in keyof T & keyof S]: ScalarCheck<T[K], S[K]> };
    

export type ResolverWithResolve<TResult, TParent, TContext, TArgs> = {
  resolve: ResolverFn<TResult, TParent, TContext, TArgs>;
};
export type Resolver<TResult, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = ResolverFn<TResult, TParent, TContext, TArgs> | ResolverWithResolve<TResult, TParent, TContext, TArgs>;

export type ResolverFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => Promise<TResult> | TResult;

export type SubscriptionSubscribeFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => AsyncIterable<TResult> | Promise<AsyncIterable<TResult>>;

export type SubscriptionResolveFn<TResult, TParent, TContext, TArgs> = (
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;

export interface SubscriptionSubscriberObject<TResult, TKey extends string, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<{ [key in TKey]: TResult }, TParent, TContext, TArgs>;
  resolve?: SubscriptionResolveFn<TResult, { [key in TKey]: TResult }, TContext, TArgs>;
}

export interface SubscriptionResolverObject<TResult, TParent, TContext, TArgs> {
  subscribe: SubscriptionSubscribeFn<any, TParent, TContext, TArgs>;
  resolve: SubscriptionResolveFn<TResult, any, TContext, TArgs>;
}

export type SubscriptionObject<TResult, TKey extends string, TParent, TContext, TArgs> =
  | SubscriptionSubscriberObject<TResult, TKey, TParent, TContext, TArgs>
  | SubscriptionResolverObject<TResult, TParent, TContext, TArgs>;

export type SubscriptionResolver<TResult, TKey extends string, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> =
  | ((...args: any[]) => SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>)
  | SubscriptionObject<TResult, TKey, TParent, TContext, TArgs>;

export type TypeResolveFn<TTypes, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (
  parent: TParent,
  context: TContext,
  info: GraphQLResolveInfo
) => Maybe<TTypes> | Promise<Maybe<TTypes>>;

export type IsTypeOfResolverFn<T = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>> = (obj: T, context: TContext, info: GraphQLResolveInfo) => boolean | Promise<boolean>;

export type NextResolverFn<T> = () => Promise<T>;

export type DirectiveResolverFn<TResult = Record<PropertyKey, never>, TParent = Record<PropertyKey, never>, TContext = Record<PropertyKey, never>, TArgs = Record<PropertyKey, never>> = (
  next: NextResolverFn<TResult>,
  parent: TParent,
  args: TArgs,
  context: TContext,
  info: GraphQLResolveInfo
) => TResult | Promise<TResult>;

/** Mapping of federation types */
export type FederationTypes = ResolversObject<{
  PlayExplanation: PlayExplanation;
  PlaySession: PlaySession;
  Profile: Profile;
}>;

/** Mapping of federation reference types */
export type FederationReferenceTypes = ResolversObject<{
  PlayExplanation:
    ( { __typename: 'PlayExplanation' }
    & GraphQLRecursivePick<FederationTypes['PlayExplanation'], {"id":true}>
    & ( Record<PropertyKey, never>
        | GraphQLRecursivePick<FederationTypes['PlayExplanation'], {"entitlementCheck":{"allowed":true,"reason":true,"message":true,"prompt":{"action":true,"offers":{"type":true,"tier":true,"priceCents":true,"currency":true,"rentalHours":true}},"cappedByTier":true,"rules":{"rule":true,"description":true,"outcome":true,"evidence":true}},"title":{"durationSeconds":true,"drmRequired":true,"encodings":{"id":true,"codec":true,"width":true,"height":true,"bitrateKbps":true,"hdr":true}}}>
        | GraphQLRecursivePick<FederationTypes['PlayExplanation'], {"entitlementCheck":{"allowed":true,"reason":true,"message":true,"prompt":{"action":true,"offers":{"type":true,"tier":true,"priceCents":true,"currency":true,"rentalHours":true}},"cappedByTier":true,"rules":{"rule":true,"description":true,"outcome":true,"evidence":true}},"title":{"durationSeconds":true,"drmRequired":true,"encodings":{"id":true,"codec":true,"width":true,"height":true,"bitrateKbps":true,"hdr":true}}}>
        | GraphQLRecursivePick<FederationTypes['PlayExplanation'], {"entitlementCheck":{"allowed":true,"reason":true,"message":true,"prompt":{"action":true,"offers":{"type":true,"tier":true,"priceCents":true,"currency":true,"rentalHours":true}},"cappedByTier":true,"rules":{"rule":true,"description":true,"outcome":true,"evidence":true}},"title":{"durationSeconds":true,"drmRequired":true,"encodings":{"id":true,"codec":true,"width":true,"height":true,"bitrateKbps":true,"hdr":true}}}> ) );
  PlaySession:
    ( { __typename: 'PlaySession' }
    & GraphQLRecursivePick<FederationTypes['PlaySession'], {"id":true}>
    & ( Record<PropertyKey, never>
        | GraphQLRecursivePick<FederationTypes['PlaySession'], {"entitlement":{"allowed":true,"reason":true,"message":true,"grant":true,"prompt":{"action":true,"offers":{"type":true,"tier":true,"priceCents":true,"currency":true,"rentalHours":true}},"rules":true},"title":{"durationSeconds":true,"drmRequired":true,"encodings":{"id":true,"codec":true,"width":true,"height":true,"bitrateKbps":true,"hdr":true}}}>
        | GraphQLRecursivePick<FederationTypes['PlaySession'], {"entitlement":{"allowed":true,"reason":true,"message":true,"grant":true,"prompt":{"action":true,"offers":{"type":true,"tier":true,"priceCents":true,"currency":true,"rentalHours":true}},"rules":true},"title":{"durationSeconds":true,"drmRequired":true,"encodings":{"id":true,"codec":true,"width":true,"height":true,"bitrateKbps":true,"hdr":true}}}>
        | GraphQLRecursivePick<FederationTypes['PlaySession'], {"entitlement":{"allowed":true,"reason":true,"message":true,"grant":true,"prompt":{"action":true,"offers":{"type":true,"tier":true,"priceCents":true,"currency":true,"rentalHours":true}},"rules":true},"title":{"durationSeconds":true,"drmRequired":true,"encodings":{"id":true,"codec":true,"width":true,"height":true,"bitrateKbps":true,"hdr":true}}}> ) );
  Profile:
    ( { __typename: 'Profile' }
    & GraphQLRecursivePick<FederationTypes['Profile'], {"id":true}> );
}>;



/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = ResolversObject<{
  ContinueWatchingItem: ResolverTypeWrapper<ContinueWatchingEntryModel>;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  DecisionReason: DecisionReason;
  DeviceInput: DeviceInput;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  DeviceType: DeviceType;
  DrmSystem: DrmSystem;
  DynamicRange: DynamicRange;
  Encoding: ResolverTypeWrapper<Encoding>;
  EndPlaybackInput: EndPlaybackInput;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  EndPlaybackResult: ResolverTypeWrapper<EndPlaybackResult>;
  Entitlement: ResolverTypeWrapper<Entitlement>;
  EntitlementCheck: ResolverTypeWrapper<EntitlementCheck>;
  ExperimentAssignment: ResolverTypeWrapper<ExperimentAssignment>;
  ExplainPlayInput: ExplainPlayInput;
  HdrFormat: HdrFormat;
  Manifest: ResolverTypeWrapper<Manifest>;
  Mutation: ResolverTypeWrapper<Record<PropertyKey, never>>;
  NetworkInput: NetworkInput;
  NetworkType: NetworkType;
  Offer: ResolverTypeWrapper<Offer>;
  OfferType: OfferType;
  PlayDecision: ResolverTypeWrapper<PlayDecision>;
  PlayExplanation: ResolverTypeWrapper<PlayExplanationParentModel>;
  PlayInput: PlayInput;
  PlayRule: PlayRule;
  PlaySession: ResolverTypeWrapper<PlaySessionParentModel>;
  PlaybackFeatures: ResolverTypeWrapper<PlaybackFeatures>;
  Profile: ResolverTypeWrapper<EntityReferenceModel>;
  Prompt: ResolverTypeWrapper<Prompt>;
  PromptAction: PromptAction;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  RuleCheck: ResolverTypeWrapper<RuleCheck>;
  RuleOutcome: RuleOutcome;
  RuleTrace: ResolverTypeWrapper<Scalars['RuleTrace']['output']>;
  StartPlaybackInput: StartPlaybackInput;
  SubscriptionTier: SubscriptionTier;
  Title: ResolverTypeWrapper<EntityReferenceModel>;
  VideoCodec: VideoCodec;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
}>;

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = ResolversObject<{
  ContinueWatchingItem: ContinueWatchingEntryModel;
  DateTime: Scalars['DateTime']['output'];
  DeviceInput: DeviceInput;
  ID: Scalars['ID']['output'];
  Encoding: Encoding;
  EndPlaybackInput: EndPlaybackInput;
  Boolean: Scalars['Boolean']['output'];
  EndPlaybackResult: EndPlaybackResult;
  Entitlement: Entitlement;
  EntitlementCheck: EntitlementCheck;
  ExperimentAssignment: ExperimentAssignment;
  ExplainPlayInput: ExplainPlayInput;
  Manifest: Manifest;
  Mutation: Record<PropertyKey, never>;
  NetworkInput: NetworkInput;
  Offer: Offer;
  PlayDecision: PlayDecision;
  PlayExplanation: PlayExplanationParentModel;
  PlayInput: PlayInput;
  PlaySession: PlaySessionParentModel;
  PlaybackFeatures: PlaybackFeatures;
  Profile: EntityReferenceModel;
  Prompt: Prompt;
  Query: Record<PropertyKey, never>;
  RuleCheck: RuleCheck;
  RuleTrace: Scalars['RuleTrace']['output'];
  StartPlaybackInput: StartPlaybackInput;
  Title: EntityReferenceModel;
  String: Scalars['String']['output'];
  Int: Scalars['Int']['output'];
}>;

export type AccessDirectiveArgs = {
  roles: Array<Scalars['String']['input']>;
};

export type AccessDirectiveResolver<Result, Parent, ContextType = PlaybackContext, Args = AccessDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type FallbackDirectiveArgs = {
  default?: Maybe<Scalars['String']['input']>;
  maxAgeSeconds?: Maybe<Scalars['Int']['input']>;
  policy: Scalars['String']['input'];
  validUntil?: Maybe<Scalars['String']['input']>;
};

export type FallbackDirectiveResolver<Result, Parent, ContextType = PlaybackContext, Args = FallbackDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type ContinueWatchingItemResolvers<ContextType = PlaybackContext, ParentType extends ResolversParentTypes['ContinueWatchingItem'] = ResolversParentTypes['ContinueWatchingItem']> = ResolversObject<{
  positionSeconds?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  title?: Resolver<ResolversTypes['Title'], ParentType, ContextType>;
  updatedAt?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
}>;

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export type EncodingResolvers<ContextType = PlaybackContext, ParentType extends ResolversParentTypes['Encoding'] = ResolversParentTypes['Encoding']> = ResolversObject<{
  bitrateKbps?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  codec?: Resolver<ResolversTypes['VideoCodec'], ParentType, ContextType>;
  hdr?: Resolver<ResolversTypes['DynamicRange'], ParentType, ContextType>;
  height?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  width?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
}>;

export type EndPlaybackResultResolvers<ContextType = PlaybackContext, ParentType extends ResolversParentTypes['EndPlaybackResult'] = ResolversParentTypes['EndPlaybackResult']> = ResolversObject<{
  accepted?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
}>;

export type ExperimentAssignmentResolvers<ContextType = PlaybackContext, ParentType extends ResolversParentTypes['ExperimentAssignment'] = ResolversParentTypes['ExperimentAssignment']> = ResolversObject<{
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  variant?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type ManifestResolvers<ContextType = PlaybackContext, ParentType extends ResolversParentTypes['Manifest'] = ResolversParentTypes['Manifest']> = ResolversObject<{
  expiresAt?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  jws?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  keyId?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type MutationResolvers<ContextType = PlaybackContext, ParentType extends ResolversParentTypes['Mutation'] = ResolversParentTypes['Mutation']> = ResolversObject<{
  endPlayback?: Resolver<ResolversTypes['EndPlaybackResult'], ParentType, ContextType, RequireFields<MutationEndPlaybackArgs, 'input'>>;
  startPlayback?: Resolver<ResolversTypes['PlaySession'], ParentType, ContextType, RequireFields<MutationStartPlaybackArgs, 'input'>>;
}>;

export type OfferResolvers<ContextType = PlaybackContext, ParentType extends ResolversParentTypes['Offer'] = ResolversParentTypes['Offer']> = ResolversObject<{
  currency?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  priceCents?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  rentalHours?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  tier?: Resolver<Maybe<ResolversTypes['SubscriptionTier']>, ParentType, ContextType>;
  type?: Resolver<ResolversTypes['OfferType'], ParentType, ContextType>;
}>;

export type PlayDecisionResolvers<ContextType = PlaybackContext, ParentType extends ResolversParentTypes['PlayDecision'] = ResolversParentTypes['PlayDecision']> = ResolversObject<{
  allowed?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  message?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  prompt?: Resolver<Maybe<ResolversTypes['Prompt']>, ParentType, ContextType>;
  reason?: Resolver<ResolversTypes['DecisionReason'], ParentType, ContextType>;
}>;

export type PlayExplanationResolvers<ContextType = PlaybackContext, ParentType extends ResolversParentTypes['PlayExplanation'] = ResolversParentTypes['PlayExplanation'], FederationReferenceType extends FederationReferenceTypes['PlayExplanation'] = FederationReferenceTypes['PlayExplanation']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['PlayExplanation']> | FederationReferenceType, FederationReferenceType, ContextType>;
  accountId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  at?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  country?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  decision?: Resolver<ResolversTypes['PlayDecision'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  profile?: Resolver<Maybe<ResolversTypes['Profile']>, ParentType, ContextType>;
  rules?: Resolver<Array<ResolversTypes['RuleCheck']>, ParentType, ContextType>;
  title?: Resolver<Maybe<ResolversTypes['Title']>, ParentType, ContextType>;
}>;

export type PlaySessionResolvers<ContextType = PlaybackContext, ParentType extends ResolversParentTypes['PlaySession'] = ResolversParentTypes['PlaySession'], FederationReferenceType extends FederationReferenceTypes['PlaySession'] = FederationReferenceTypes['PlaySession']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['PlaySession']> | FederationReferenceType, FederationReferenceType, ContextType>;
  decision?: Resolver<ResolversTypes['PlayDecision'], ParentType, ContextType>;
  features?: Resolver<ResolversTypes['PlaybackFeatures'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  manifest?: Resolver<Maybe<ResolversTypes['Manifest']>, ParentType, ContextType>;
  profile?: Resolver<Maybe<ResolversTypes['Profile']>, ParentType, ContextType>;
  title?: Resolver<Maybe<ResolversTypes['Title']>, ParentType, ContextType>;
}>;

export type PlaybackFeaturesResolvers<ContextType = PlaybackContext, ParentType extends ResolversParentTypes['PlaybackFeatures'] = ResolversParentTypes['PlaybackFeatures']> = ResolversObject<{
  autoplayNext?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  experiments?: Resolver<Array<ResolversTypes['ExperimentAssignment']>, ParentType, ContextType>;
  previewThumbnails?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  skipIntro?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
}>;

export type ProfileResolvers<ContextType = PlaybackContext, ParentType extends ResolversParentTypes['Profile'] = ResolversParentTypes['Profile'], FederationReferenceType extends FederationReferenceTypes['Profile'] = FederationReferenceTypes['Profile']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Profile']> | FederationReferenceType, FederationReferenceType, ContextType>;
  continueWatching?: Resolver<Array<ResolversTypes['ContinueWatchingItem']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
}>;

export type PromptResolvers<ContextType = PlaybackContext, ParentType extends ResolversParentTypes['Prompt'] = ResolversParentTypes['Prompt']> = ResolversObject<{
  action?: Resolver<ResolversTypes['PromptAction'], ParentType, ContextType>;
  offers?: Resolver<Array<ResolversTypes['Offer']>, ParentType, ContextType>;
}>;

export type QueryResolvers<ContextType = PlaybackContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = ResolversObject<{
  explainPlay?: Resolver<ResolversTypes['PlayExplanation'], ParentType, ContextType, RequireFields<QueryExplainPlayArgs, 'input'>>;
  play?: Resolver<ResolversTypes['PlaySession'], ParentType, ContextType, RequireFields<QueryPlayArgs, 'input'>>;
  prefetch?: Resolver<ResolversTypes['PlaySession'], ParentType, ContextType, RequireFields<QueryPrefetchArgs, 'input'>>;
}>;

export type RuleCheckResolvers<ContextType = PlaybackContext, ParentType extends ResolversParentTypes['RuleCheck'] = ResolversParentTypes['RuleCheck']> = ResolversObject<{
  description?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  evidence?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  outcome?: Resolver<ResolversTypes['RuleOutcome'], ParentType, ContextType>;
  rule?: Resolver<ResolversTypes['PlayRule'], ParentType, ContextType>;
}>;

export interface RuleTraceScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['RuleTrace'], any> {
  name: 'RuleTrace';
}

export type TitleResolvers<ContextType = PlaybackContext, ParentType extends ResolversParentTypes['Title'] = ResolversParentTypes['Title']> = ResolversObject<{
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
}>;

export type Resolvers<ContextType = PlaybackContext> = ResolversObject<{
  ContinueWatchingItem?: ContinueWatchingItemResolvers<ContextType>;
  DateTime?: GraphQLScalarType;
  Encoding?: EncodingResolvers<ContextType>;
  EndPlaybackResult?: EndPlaybackResultResolvers<ContextType>;
  ExperimentAssignment?: ExperimentAssignmentResolvers<ContextType>;
  Manifest?: ManifestResolvers<ContextType>;
  Mutation?: MutationResolvers<ContextType>;
  Offer?: OfferResolvers<ContextType>;
  PlayDecision?: PlayDecisionResolvers<ContextType>;
  PlayExplanation?: PlayExplanationResolvers<ContextType>;
  PlaySession?: PlaySessionResolvers<ContextType>;
  PlaybackFeatures?: PlaybackFeaturesResolvers<ContextType>;
  Profile?: ProfileResolvers<ContextType>;
  Prompt?: PromptResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  RuleCheck?: RuleCheckResolvers<ContextType>;
  RuleTrace?: GraphQLScalarType;
  Title?: TitleResolvers<ContextType>;
}>;

export type DirectiveResolvers<ContextType = PlaybackContext> = ResolversObject<{
  access?: AccessDirectiveResolver<any, any, ContextType>;
  fallback?: FallbackDirectiveResolver<any, any, ContextType>;
}>;
