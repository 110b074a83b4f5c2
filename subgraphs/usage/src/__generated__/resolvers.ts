import type { GraphQLResolveInfo } from 'graphql';
import type { UsageContext } from '../request/context';
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
  _FieldSet: { input: unknown; output: unknown; }
};

/** One client app and version's use of a schema coordinate over the window. */
export type ClientFieldUsage = {
  __typename?: 'ClientFieldUsage';
  /** The last day (`YYYY-MM-DD`, UTC) in the window on which this app version used the coordinate. */
  lastUsedOn: Scalars['String']['output'];
  /**
   * The app's name, from the `apollographql-client-name` header its requests carried. Requests that
   * sent none, or one the gateway could not accept, are counted under a placeholder name the gateway
   * gives them instead.
   */
  name: Scalars['String']['output'];
  /**
   * Operations this app version sent through the gateway in the window that used the coordinate (at
   * most 2,147,483,647, GraphQL's largest Int).
   */
  operations: Scalars['Int']['output'];
  /** The app's version, from the `apollographql-client-version` header; empty when it sent none. */
  version: Scalars['String']['output'];
};

/**
 * How much one schema coordinate was used over a window of UTC days, per client app and version: the
 * operations sent through the gateway that used it. An operation counts once the gateway has parsed and
 * validated it, whatever its answer (a refusal included: its client still sends the field); one that is
 * not valid GraphQL against the schema does not, nor does anything sent to a subgraph directly. Counts
 * reach the store every few seconds.
 */
export type FieldUsage = {
  __typename?: 'FieldUsage';
  /** Each client app and version that used the coordinate in the window, most operations first. */
  clients: Array<ClientFieldUsage>;
  /** The coordinate asked about, as given. */
  coordinate: Scalars['String']['output'];
  /**
   * Whether counts were recorded from the window's first day on (`recordedSince` on or before `from`).
   * Only then does "no operation used it" mean it was not used in the window; when false, it may have
   * been used on days before recording began (or that are no longer kept).
   */
  coversWindow: Scalars['Boolean']['output'];
  /** The window's length in days, as asked (30 by default). */
  days: Scalars['Int']['output'];
  /** The window's first day, `YYYY-MM-DD` (UTC). */
  from: Scalars['String']['output'];
  /**
   * Operations in the window that used the coordinate, every client together. A count beyond
   * 2,147,483,647 (GraphQL's largest Int) is given as that number.
   */
  operations: Scalars['Int']['output'];
  /**
   * The first day anything was recorded that is still kept, `YYYY-MM-DD` (UTC); null when nothing has
   * been recorded at all. Later than `from` means the window is only partly covered.
   */
  recordedSince: Maybe<Scalars['String']['output']>;
  /** The window's last day: today, `YYYY-MM-DD` (UTC). Today's counts grow until midnight UTC. */
  to: Scalars['String']['output'];
  /**
   * True only when it is proven that nothing used the coordinate in the window: no operation used it
   * and `coversWindow` is true. False when something used it, and also when nothing did but the window
   * is not covered (look at `operations` and `recordedSince`): an unproven "unused" is never reported.
   */
  unused: Scalars['Boolean']['output'];
};

/** Entry points of the graph: playback (`play`), the catalog (`title`, `titles`) and the caller's account (`me`). */
export type Query = {
  __typename?: 'Query';
  /**
   * Analysts only: how much one part of the schema was used over the last `days` days, per client app
   * and version, counted by the gateway from the operations sent through it. Asks "who still uses
   * `Title.synopsis`?" before a field is changed or removed. The coordinate need not exist in today's
   * schema: a field already removed still shows the use recorded before. Refused with BAD_USER_INPUT
   * for a malformed coordinate or `days` outside 1 to 366.
   */
  fieldUsage: FieldUsage;
};


/** Entry points of the graph: playback (`play`), the catalog (`title`, `titles`) and the caller's account (`me`). */
export type QueryFieldUsageArgs = {
  coordinate: Scalars['String']['input'];
  days?: InputMaybe<Scalars['Int']['input']>;
};

export type WithIndex<TObject> = TObject & Record<string, any>;
export type ResolversObject<TObject> = WithIndex<TObject>;

export type ResolverTypeWrapper<T> = Promise<T> | T;


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





/** Mapping between all available schema types and the resolvers types */
export type ResolversTypes = ResolversObject<{
  ClientFieldUsage: ResolverTypeWrapper<ClientFieldUsage>;
  FieldUsage: ResolverTypeWrapper<FieldUsage>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
}>;

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = ResolversObject<{
  ClientFieldUsage: ClientFieldUsage;
  FieldUsage: FieldUsage;
  Boolean: Scalars['Boolean']['output'];
  Query: Record<PropertyKey, never>;
  String: Scalars['String']['output'];
  Int: Scalars['Int']['output'];
}>;

export type AccessDirectiveArgs = {
  roles: Array<Scalars['String']['input']>;
};

export type AccessDirectiveResolver<Result, Parent, ContextType = UsageContext, Args = AccessDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type FallbackDirectiveArgs = {
  default?: Maybe<Scalars['String']['input']>;
  maxAgeSeconds?: Maybe<Scalars['Int']['input']>;
  policy: Scalars['String']['input'];
  validUntil?: Maybe<Scalars['String']['input']>;
};

export type FallbackDirectiveResolver<Result, Parent, ContextType = UsageContext, Args = FallbackDirectiveArgs> = DirectiveResolverFn<Result, Parent, ContextType, Args>;

export type ClientFieldUsageResolvers<ContextType = UsageContext, ParentType extends ResolversParentTypes['ClientFieldUsage'] = ResolversParentTypes['ClientFieldUsage']> = ResolversObject<{
  lastUsedOn?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  name?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  operations?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  version?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
}>;

export type FieldUsageResolvers<ContextType = UsageContext, ParentType extends ResolversParentTypes['FieldUsage'] = ResolversParentTypes['FieldUsage']> = ResolversObject<{
  clients?: Resolver<Array<ResolversTypes['ClientFieldUsage']>, ParentType, ContextType>;
  coordinate?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  coversWindow?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  days?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  from?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  operations?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  recordedSince?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  to?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  unused?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
}>;

export type QueryResolvers<ContextType = UsageContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = ResolversObject<{
  fieldUsage?: Resolver<ResolversTypes['FieldUsage'], ParentType, ContextType, RequireFields<QueryFieldUsageArgs, 'coordinate' | 'days'>>;
}>;

export type Resolvers<ContextType = UsageContext> = ResolversObject<{
  ClientFieldUsage?: ClientFieldUsageResolvers<ContextType>;
  FieldUsage?: FieldUsageResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
}>;

export type DirectiveResolvers<ContextType = UsageContext> = ResolversObject<{
  access?: AccessDirectiveResolver<any, any, ContextType>;
  fallback?: FallbackDirectiveResolver<any, any, ContextType>;
}>;
