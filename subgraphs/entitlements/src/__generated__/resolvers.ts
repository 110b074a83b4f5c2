import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { PlaySessionRepresentation as PlaySessionRepresentationModel, PlayExplanationRepresentation as PlayExplanationRepresentationModel } from '../request/mappers';
import type { EntitlementsContext } from '../request/context';
export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
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

/**
 * Internal, hidden from the public API: the entitlement decision for one play request (title, profile,
 * country, license window, maturity and what the account holds). Playback turns it into the public
 * `PlayDecision`, and issues a manifest only for a `grant` whose signature it verifies.
 */
export type Entitlement = {
  __typename?: 'Entitlement';
  /** True exactly when `reason` is GRANTED. */
  allowed: Scalars['Boolean']['output'];
  /** When the grant stops being valid; null when refused. */
  expiresAt: Maybe<Scalars['DateTime']['output']>;
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
  /**
   * The rules up to the entitlement rule as they ran for this request, in evaluation order: kept with
   * the decision, so that its record says why even when a later answer came from a copy of this one.
   * Empty unless the gateway records decisions.
   */
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
  /** Internal, hidden from the public API: the entitlement decision with the rules it checked. */
  entitlementCheck: EntitlementCheck;
  /** Opaque identifier of this question. */
  id: Scalars['ID']['output'];
  /** The profile asked about; null when it does not exist. */
  profile: Maybe<Profile>;
  /** The title asked about; null when the catalog has no such title. */
  title: Maybe<Title>;
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
  /** Internal, hidden from the public API: the entitlement decision for this request, before the device is considered. */
  entitlement: Entitlement;
  /**
   * Opaque identifier of this play request. It is not the playback session id (the manifest's `sid`
   * claim), which is new for every grant.
   */
  id: Scalars['ID']['output'];
  /** The requested profile; null when it does not exist or belongs to another account. */
  profile: Maybe<Profile>;
  /** The requested title; null when the catalog has no such title. */
  title: Maybe<Title>;
};

/**
 * One viewer within an account, with its own parental limit and watch history. A profile is only ever
 * visible to its own account: for any other caller it resolves to null, exactly as if it did not exist.
 */
export type Profile = {
  __typename?: 'Profile';
  /** The account this profile belongs to. */
  accountId: Scalars['ID']['output'];
  /** Stable identifier of the profile. */
  id: Scalars['ID']['output'];
  /**
   * Highest title maturity rating (0, 7, 13, 16 or 18) this profile may play. When the profiles service
   * is away and no recent copy exists, it counts as 0, the most restrictive.
   */
  maxMaturity: Scalars['Int']['output'];
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

/** The terms on which a title can be bought to keep. */
export type PurchaseOffer = {
  __typename?: 'PurchaseOffer';
  /** ISO 4217 currency code, such as "USD". */
  currency: Scalars['String']['output'];
  /** Price in the currency's minor unit (cents). */
  priceCents: Scalars['Int']['output'];
};

/** The terms on which a title can be rented. */
export type RentalOffer = {
  __typename?: 'RentalOffer';
  /** ISO 4217 currency code, such as "USD". */
  currency: Scalars['String']['output'];
  /** How many hours a rental lasts once bought. */
  hours: Scalars['Int']['output'];
  /** Price in the currency's minor unit (cents). */
  priceCents: Scalars['Int']['output'];
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
  /** ISO 3166-1 alpha-2 countries the title is licensed in; null or empty means every country. */
  countries: Maybe<Array<Scalars['String']['output']>>;
  /** Stable identifier of the title. */
  id: Scalars['ID']['output'];
  /** Minimum viewer age: 0, 7, 13, 16 or 18. A profile plays it only if its `maxMaturity` is at least this. */
  maturityRating: Scalars['Int']['output'];
  /** Purchase offer; null when the title cannot be bought. */
  purchase: Maybe<PurchaseOffer>;
  /** Rental offer; null when the title cannot be rented. */
  rental: Maybe<RentalOffer>;
  /** Lowest subscription tier that includes the title; null when no subscription includes it. */
  subscriptionTier: Maybe<SubscriptionTier>;
  /** End of the license window (exclusive); null means the license does not end. */
  windowEnd: Maybe<Scalars['DateTime']['output']>;
  /** Start of the license window; null means the title has always been available. */
  windowStart: Maybe<Scalars['DateTime']['output']>;
};

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
}>;

/** Mapping of federation reference types */
export type FederationReferenceTypes = ResolversObject<{
  PlayExplanation:
    ( { __typename: 'PlayExplanation' }
    & GraphQLRecursivePick<FederationTypes['PlayExplanation'], {"id":true}>
    & ( Record<PropertyKey, never>
        | GraphQLRecursivePick<FederationTypes['PlayExplanation'], {"accountId":true,"country":true,"at":true,"title":{"id":true,"maturityRating":true,"countries":true,"windowStart":true,"windowEnd":true,"subscriptionTier":true,"rental":{"priceCents":true,"currency":true,"hours":true},"purchase":{"priceCents":true,"currency":true}},"profile":{"id":true,"accountId":true,"maxMaturity":true}}> ) );
  PlaySession:
    ( { __typename: 'PlaySession' }
    & GraphQLRecursivePick<FederationTypes['PlaySession'], {"id":true}>
    & ( Record<PropertyKey, never>
        | GraphQLRecursivePick<FederationTypes['PlaySession'], {"title":{"id":true,"maturityRating":true,"countries":true,"windowStart":true,"windowEnd":true,"subscriptionTier":true,"rental":{"priceCents":true,"currency":true,"hours":true},"purchase":{"priceCents":true,"currency":true}},"profile":{"id":true,"accountId":true,"maxMaturity":true}}> ) );
}>;



/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = ResolversObject<{
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  DecisionReason: DecisionReason;
  Entitlement: ResolverTypeWrapper<Entitlement>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  EntitlementCheck: ResolverTypeWrapper<EntitlementCheck>;
  Offer: ResolverTypeWrapper<Offer>;
  OfferType: OfferType;
  PlayExplanation: ResolverTypeWrapper<PlayExplanationRepresentationModel>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  PlayRule: PlayRule;
  PlaySession: ResolverTypeWrapper<PlaySessionRepresentationModel>;
  Profile: ResolverTypeWrapper<Profile>;
  Prompt: ResolverTypeWrapper<Prompt>;
  PromptAction: PromptAction;
  PurchaseOffer: ResolverTypeWrapper<PurchaseOffer>;
  RentalOffer: ResolverTypeWrapper<RentalOffer>;
  RuleCheck: ResolverTypeWrapper<RuleCheck>;
  RuleOutcome: RuleOutcome;
  RuleTrace: ResolverTypeWrapper<Scalars['RuleTrace']['output']>;
  SubscriptionTier: SubscriptionTier;
  Title: ResolverTypeWrapper<Title>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
}>;

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = ResolversObject<{
  DateTime: Scalars['DateTime']['output'];
  Entitlement: Entitlement;
  Boolean: Scalars['Boolean']['output'];
  EntitlementCheck: EntitlementCheck;
  Offer: Offer;
  PlayExplanation: PlayExplanationRepresentationModel;
  ID: Scalars['ID']['output'];
  PlaySession: PlaySessionRepresentationModel;
  Profile: Profile;
  Prompt: Prompt;
  PurchaseOffer: PurchaseOffer;
  RentalOffer: RentalOffer;
  RuleCheck: RuleCheck;
  RuleTrace: Scalars['RuleTrace']['output'];
  Title: Title;
  String: Scalars['String']['output'];
  Int: Scalars['Int']['output'];
}>;

export type AccessDirectiveArgs = {
  roles: Array<Scalars['String']['input']>;
};

export type AccessDirectiveResolver<Result, Parent, ContextType = EntitlementsContext, Args = AccessDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type FallbackDirectiveArgs = {
  default?: Maybe<Scalars['String']['input']>;
  maxAgeSeconds?: Maybe<Scalars['Int']['input']>;
  policy: Scalars['String']['input'];
  validUntil?: Maybe<Scalars['String']['input']>;
};

export type FallbackDirectiveResolver<Result, Parent, ContextType = EntitlementsContext, Args = FallbackDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export type EntitlementResolvers<ContextType = EntitlementsContext, ParentType extends ResolversParentTypes['Entitlement'] = ResolversParentTypes['Entitlement']> = ResolversObject<{
  allowed?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  expiresAt?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  grant?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  message?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  prompt?: Resolver<Maybe<ResolversTypes['Prompt']>, ParentType, ContextType>;
  reason?: Resolver<ResolversTypes['DecisionReason'], ParentType, ContextType>;
  rules?: Resolver<ResolversTypes['RuleTrace'], ParentType, ContextType>;
}>;

export type EntitlementCheckResolvers<ContextType = EntitlementsContext, ParentType extends ResolversParentTypes['EntitlementCheck'] = ResolversParentTypes['EntitlementCheck']> = ResolversObject<{
  allowed?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  cappedByTier?: Resolver<Maybe<ResolversTypes['SubscriptionTier']>, ParentType, ContextType>;
  message?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  prompt?: Resolver<Maybe<ResolversTypes['Prompt']>, ParentType, ContextType>;
  reason?: Resolver<ResolversTypes['DecisionReason'], ParentType, ContextType>;
  rules?: Resolver<Array<ResolversTypes['RuleCheck']>, ParentType, ContextType>;
}>;

export type OfferResolvers<ContextType = EntitlementsContext, ParentType extends ResolversParentTypes['Offer'] = ResolversParentTypes['Offer']> = ResolversObject<{
  currency?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  priceCents?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  rentalHours?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  tier?: Resolver<Maybe<ResolversTypes['SubscriptionTier']>, ParentType, ContextType>;
  type?: Resolver<ResolversTypes['OfferType'], ParentType, ContextType>;
}>;

export type PlayExplanationResolvers<ContextType = EntitlementsContext, ParentType extends ResolversParentTypes['PlayExplanation'] = ResolversParentTypes['PlayExplanation'], FederationReferenceType extends FederationReferenceTypes['PlayExplanation'] = FederationReferenceTypes['PlayExplanation']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['PlayExplanation']> | FederationReferenceType, FederationReferenceType, ContextType>;
  entitlementCheck?: Resolver<ResolversTypes['EntitlementCheck'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
}>;

export type PlaySessionResolvers<ContextType = EntitlementsContext, ParentType extends ResolversParentTypes['PlaySession'] = ResolversParentTypes['PlaySession'], FederationReferenceType extends FederationReferenceTypes['PlaySession'] = FederationReferenceTypes['PlaySession']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['PlaySession']> | FederationReferenceType, FederationReferenceType, ContextType>;
  entitlement?: Resolver<ResolversTypes['Entitlement'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
}>;

export type ProfileResolvers<ContextType = EntitlementsContext, ParentType extends ResolversParentTypes['Profile'] = ResolversParentTypes['Profile']> = ResolversObject<{
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
}>;

export type PromptResolvers<ContextType = EntitlementsContext, ParentType extends ResolversParentTypes['Prompt'] = ResolversParentTypes['Prompt']> = ResolversObject<{
  action?: Resolver<ResolversTypes['PromptAction'], ParentType, ContextType>;
  offers?: Resolver<Array<ResolversTypes['Offer']>, ParentType, ContextType>;
}>;

export type PurchaseOfferResolvers<ContextType = EntitlementsContext, ParentType extends ResolversParentTypes['PurchaseOffer'] = ResolversParentTypes['PurchaseOffer']> = ResolversObject<{
  currency?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  priceCents?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
}>;

export type RentalOfferResolvers<ContextType = EntitlementsContext, ParentType extends ResolversParentTypes['RentalOffer'] = ResolversParentTypes['RentalOffer']> = ResolversObject<{
  currency?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  hours?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  priceCents?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
}>;

export type RuleCheckResolvers<ContextType = EntitlementsContext, ParentType extends ResolversParentTypes['RuleCheck'] = ResolversParentTypes['RuleCheck']> = ResolversObject<{
  description?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  evidence?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  outcome?: Resolver<ResolversTypes['RuleOutcome'], ParentType, ContextType>;
  rule?: Resolver<ResolversTypes['PlayRule'], ParentType, ContextType>;
}>;

export interface RuleTraceScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['RuleTrace'], any> {
  name: 'RuleTrace';
}

export type TitleResolvers<ContextType = EntitlementsContext, ParentType extends ResolversParentTypes['Title'] = ResolversParentTypes['Title']> = ResolversObject<{
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
}>;

export type Resolvers<ContextType = EntitlementsContext> = ResolversObject<{
  DateTime?: GraphQLScalarType;
  Entitlement?: EntitlementResolvers<ContextType>;
  EntitlementCheck?: EntitlementCheckResolvers<ContextType>;
  Offer?: OfferResolvers<ContextType>;
  PlayExplanation?: PlayExplanationResolvers<ContextType>;
  PlaySession?: PlaySessionResolvers<ContextType>;
  Profile?: ProfileResolvers<ContextType>;
  Prompt?: PromptResolvers<ContextType>;
  PurchaseOffer?: PurchaseOfferResolvers<ContextType>;
  RentalOffer?: RentalOfferResolvers<ContextType>;
  RuleCheck?: RuleCheckResolvers<ContextType>;
  RuleTrace?: GraphQLScalarType;
  Title?: TitleResolvers<ContextType>;
}>;

export type DirectiveResolvers<ContextType = EntitlementsContext> = ResolversObject<{
  access?: AccessDirectiveResolver<any, any, ContextType>;
  fallback?: FallbackDirectiveResolver<any, any, ContextType>;
}>;
