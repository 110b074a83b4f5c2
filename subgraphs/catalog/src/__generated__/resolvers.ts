import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
import type { Title as TitleModel } from '@platform/dataset/model';
import type { CatalogContext } from '../request/context';
export type Maybe<T> = T | null;
export type InputMaybe<T> = Maybe<T>;
export type Omit<T, K extends keyof T> = Pick<T, Exclude<keyof T, K>>;
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
  _FieldSet: { input: unknown; output: unknown; }
};

/** Who may share a cached value: every caller (PUBLIC) or only the caller who asked (PRIVATE). */
export type CacheControlScope =
  /** Depends on the caller: never served to another one. */
  | 'PRIVATE'
  /** The same for every caller: may be cached once and served to anyone. */
  | 'PUBLIC';

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

/** Position of a page within a paginated list. */
export type PageInfo = {
  __typename?: 'PageInfo';
  /** Cursor of the last item of this page; null when the page is empty. */
  endCursor: Maybe<Scalars['String']['output']>;
  /** Whether more items follow this page. */
  hasNextPage: Scalars['Boolean']['output'];
};

/** The terms on which a title can be bought to keep. */
export type PurchaseOffer = {
  __typename?: 'PurchaseOffer';
  /** ISO 4217 currency code, such as "USD". */
  currency: Scalars['String']['output'];
  /** Price in the currency's minor unit (cents). */
  priceCents: Scalars['Int']['output'];
};

/** Entry points of the graph: playback (`play`), the catalog (`title`, `titles`) and the caller's account (`me`). */
export type Query = {
  __typename?: 'Query';
  /** One title by id, or null when the catalog has no such title. */
  title: Maybe<Title>;
  /**
   * Titles in catalog order, a page at a time (cursor pagination). Pass the previous page's
   * `pageInfo.endCursor` as `after` to get the next page.
   */
  titles: TitleConnection;
};


/** Entry points of the graph: playback (`play`), the catalog (`title`, `titles`) and the caller's account (`me`). */
export type QueryTitleArgs = {
  id: Scalars['ID']['input'];
};


/** Entry points of the graph: playback (`play`), the catalog (`title`, `titles`) and the caller's account (`me`). */
export type QueryTitlesArgs = {
  after?: InputMaybe<Scalars['String']['input']>;
  country?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  genre?: InputMaybe<Scalars['String']['input']>;
  playableAt?: InputMaybe<Scalars['DateTime']['input']>;
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
  /** Whether every playback of the title must be protected by DRM. */
  drmRequired: Scalars['Boolean']['output'];
  /** Running time in seconds. A manifest for the title stays valid this long plus four hours. */
  durationSeconds: Scalars['Int']['output'];
  /** Every encoding of the title (its bitrate ladder), in catalog order. */
  encodings: Array<Encoding>;
  /** Genres the title belongs to, such as ["Drama", "Thriller"]. */
  genres: Array<Scalars['String']['output']>;
  /** Stable identifier of the title. */
  id: Scalars['ID']['output'];
  /** Minimum viewer age: 0, 7, 13, 16 or 18. A profile plays it only if its `maxMaturity` is at least this. */
  maturityRating: Scalars['Int']['output'];
  /** Display name, such as "The Long Night". */
  name: Scalars['String']['output'];
  /** Purchase offer; null when the title cannot be bought. */
  purchase: Maybe<PurchaseOffer>;
  /** Rental offer; null when the title cannot be rented. */
  rental: Maybe<RentalOffer>;
  /** Lowest subscription tier that includes the title; null when no subscription includes it. */
  subscriptionTier: Maybe<SubscriptionTier>;
  /** One-paragraph description shown on the title's page. */
  synopsis: Scalars['String']['output'];
  /** End of the license window (exclusive); null means the license does not end. */
  windowEnd: Maybe<Scalars['DateTime']['output']>;
  /** Start of the license window; null means the title has always been available. */
  windowStart: Maybe<Scalars['DateTime']['output']>;
};

/** A page of titles. */
export type TitleConnection = {
  __typename?: 'TitleConnection';
  /** The titles of this page, each with its cursor. */
  edges: Array<TitleEdge>;
  /** Where this page sits in the whole list. */
  pageInfo: PageInfo;
  /** How many titles match the filter in all. */
  totalCount: Scalars['Int']['output'];
};

/** One title in a page, with the cursor that points at it. */
export type TitleEdge = {
  __typename?: 'TitleEdge';
  /** Opaque position of this title; pass it as `after` to continue after it. */
  cursor: Scalars['String']['output'];
  /** The title. */
  node: Title;
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
  Title: Title;
}>;

/** Mapping of federation reference types */
export type FederationReferenceTypes = ResolversObject<{
  Title:
    ( { __typename: 'Title' }
    & GraphQLRecursivePick<FederationTypes['Title'], {"id":true}> );
}>;



/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = ResolversObject<{
  CacheControlScope: CacheControlScope;
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  DynamicRange: DynamicRange;
  Encoding: ResolverTypeWrapper<Encoding>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  PageInfo: ResolverTypeWrapper<PageInfo>;
  PurchaseOffer: ResolverTypeWrapper<PurchaseOffer>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  RentalOffer: ResolverTypeWrapper<RentalOffer>;
  SubscriptionTier: SubscriptionTier;
  Title: ResolverTypeWrapper<TitleModel>;
  TitleConnection: ResolverTypeWrapper<Omit<TitleConnection, 'edges'> & { edges: Array<ResolversTypes['TitleEdge']> }>;
  TitleEdge: ResolverTypeWrapper<Omit<TitleEdge, 'node'> & { node: ResolversTypes['Title'] }>;
  VideoCodec: VideoCodec;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
}>;

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = ResolversObject<{
  DateTime: Scalars['DateTime']['output'];
  Encoding: Encoding;
  ID: Scalars['ID']['output'];
  PageInfo: PageInfo;
  PurchaseOffer: PurchaseOffer;
  Query: Record<PropertyKey, never>;
  RentalOffer: RentalOffer;
  Title: TitleModel;
  TitleConnection: Omit<TitleConnection, 'edges'> & { edges: Array<ResolversParentTypes['TitleEdge']> };
  TitleEdge: Omit<TitleEdge, 'node'> & { node: ResolversParentTypes['Title'] };
  Boolean: Scalars['Boolean']['output'];
  Int: Scalars['Int']['output'];
  String: Scalars['String']['output'];
}>;

export type CacheControlDirectiveArgs = {
  inheritMaxAge?: Maybe<Scalars['Boolean']['input']>;
  maxAge?: Maybe<Scalars['Int']['input']>;
  scope?: Maybe<CacheControlScope>;
};

export type CacheControlDirectiveResolver<Result, Parent, ContextType = CatalogContext, Args = CacheControlDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type FallbackDirectiveArgs = {
  default?: Maybe<Scalars['String']['input']>;
  maxAgeSeconds?: Maybe<Scalars['Int']['input']>;
  policy: Scalars['String']['input'];
  validUntil?: Maybe<Scalars['String']['input']>;
};

export type FallbackDirectiveResolver<Result, Parent, ContextType = CatalogContext, Args = FallbackDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export type EncodingResolvers<ContextType = CatalogContext, ParentType extends ResolversParentTypes['Encoding'] = ResolversParentTypes['Encoding']> = ResolversObject<{
  bitrateKbps?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  codec?: Resolver<ResolversTypes['VideoCodec'], ParentType, ContextType>;
  hdr?: Resolver<ResolversTypes['DynamicRange'], ParentType, ContextType>;
  height?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  width?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
}>;

export type PageInfoResolvers<ContextType = CatalogContext, ParentType extends ResolversParentTypes['PageInfo'] = ResolversParentTypes['PageInfo']> = ResolversObject<{
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
}>;

export type PurchaseOfferResolvers<ContextType = CatalogContext, ParentType extends ResolversParentTypes['PurchaseOffer'] = ResolversParentTypes['PurchaseOffer']> = ResolversObject<{
  currency?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  priceCents?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
}>;

export type QueryResolvers<ContextType = CatalogContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = ResolversObject<{
  title?: Resolver<Maybe<ResolversTypes['Title']>, ParentType, ContextType, RequireFields<QueryTitleArgs, 'id'>>;
  titles?: Resolver<ResolversTypes['TitleConnection'], ParentType, ContextType, RequireFields<QueryTitlesArgs, 'first'>>;
}>;

export type RentalOfferResolvers<ContextType = CatalogContext, ParentType extends ResolversParentTypes['RentalOffer'] = ResolversParentTypes['RentalOffer']> = ResolversObject<{
  currency?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  hours?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  priceCents?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
}>;

export type TitleResolvers<ContextType = CatalogContext, ParentType extends ResolversParentTypes['Title'] = ResolversParentTypes['Title'], FederationReferenceType extends FederationReferenceTypes['Title'] = FederationReferenceTypes['Title']> = ResolversObject<{
  __resolveReference?: ReferenceResolver<Maybe<ResolversTypes['Title']> | FederationReferenceType, FederationReferenceType, ContextType>;
  countries?: Resolver<Maybe<Array<ResolversTypes['String']>>, ParentType, ContextType>;
  drmRequired?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  durationSeconds?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  encodings?: Resolver<Array<ResolversTypes['Encoding']>, ParentType, ContextType>;
  genres?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  id?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  maturityRating?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  purchase?: Resolver<Maybe<ResolversTypes['PurchaseOffer']>, ParentType, ContextType>;
  rental?: Resolver<Maybe<ResolversTypes['RentalOffer']>, ParentType, ContextType>;
  subscriptionTier?: Resolver<Maybe<ResolversTypes['SubscriptionTier']>, ParentType, ContextType>;
  synopsis?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  windowEnd?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
  windowStart?: Resolver<Maybe<ResolversTypes['DateTime']>, ParentType, ContextType>;
}>;

export type TitleConnectionResolvers<ContextType = CatalogContext, ParentType extends ResolversParentTypes['TitleConnection'] = ResolversParentTypes['TitleConnection']> = ResolversObject<{
  edges?: Resolver<Array<ResolversTypes['TitleEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
  totalCount?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
}>;

export type TitleEdgeResolvers<ContextType = CatalogContext, ParentType extends ResolversParentTypes['TitleEdge'] = ResolversParentTypes['TitleEdge']> = ResolversObject<{
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['Title'], ParentType, ContextType>;
}>;

export type Resolvers<ContextType = CatalogContext> = ResolversObject<{
  DateTime?: GraphQLScalarType;
  Encoding?: EncodingResolvers<ContextType>;
  PageInfo?: PageInfoResolvers<ContextType>;
  PurchaseOffer?: PurchaseOfferResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  RentalOffer?: RentalOfferResolvers<ContextType>;
  Title?: TitleResolvers<ContextType>;
  TitleConnection?: TitleConnectionResolvers<ContextType>;
  TitleEdge?: TitleEdgeResolvers<ContextType>;
}>;

export type DirectiveResolvers<ContextType = CatalogContext> = ResolversObject<{
  cacheControl?: CacheControlDirectiveResolver<any, any, ContextType>;
  fallback?: FallbackDirectiveResolver<any, any, ContextType>;
}>;
