import type { GraphQLResolveInfo, GraphQLScalarType, GraphQLScalarTypeConfig } from 'graphql';
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
  /** An instant in time, as an ISO-8601 string with a zone offset, such as "2026-11-25T20:00:00Z". */
  DateTime: { input: string; output: string; }
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

/** A part of a decision's answer that a fallback served in place of the service that owns it. */
export type DegradedPart = {
  __typename?: 'DegradedPart';
  /** How old the stale answer was, in seconds; null for DEFAULT and OMITTED. */
  ageSeconds: Maybe<Scalars['Int']['output']>;
  /** What stood in for its answer. */
  fallback: FallbackKind;
  /** Where in the answer, from the `play` field, dot-separated: `play.decision`, `play.title.name`. */
  path: Scalars['String']['output'];
  /** The service that could not answer, such as `entitlements`. */
  subgraph: Scalars['String']['output'];
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

/** What stood in for a service that could not answer (docs/fallbacks.md). */
export type FallbackKind =
  /** The field's declared default, such as a TEMPORARILY_UNAVAILABLE refusal. */
  | 'DEFAULT'
  /** Nothing: the part was left out (null, with an error). */
  | 'OMITTED'
  /** The last good answer, no older than the field allows. */
  | 'STALE';

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

/** Position of a page within a paginated list. */
export type PageInfo = {
  __typename?: 'PageInfo';
  /** Cursor of the last item of this page; null when the page is empty. */
  endCursor: Maybe<Scalars['String']['output']>;
  /** Whether more items follow this page. */
  hasNextPage: Scalars['Boolean']['output'];
};

/** A page of recorded play decisions, newest first. */
export type PlayDecisionConnection = {
  __typename?: 'PlayDecisionConnection';
  /** The decisions of this page, each with its cursor. */
  edges: Array<PlayDecisionEdge>;
  /** Where this page sits in the whole list. */
  pageInfo: PageInfo;
};

/** One recorded play decision in a page, with the cursor that points at it. */
export type PlayDecisionEdge = {
  __typename?: 'PlayDecisionEdge';
  /** Opaque position of this decision; pass it as `after` to continue after it. */
  cursor: Scalars['String']['output'];
  /** The decision. */
  node: PlayDecisionRecord;
};

/**
 * One play decision as the platform gave it, recorded when it was made: who asked for what, on which
 * device and from where, whether it was granted and why, each rule as it ran with the facts it read
 * then (not as they are today), and which parts of the answer a fallback served. No token and no
 * client address is ever recorded.
 */
export type PlayDecisionRecord = {
  __typename?: 'PlayDecisionRecord';
  /** The account that asked. */
  accountId: Scalars['ID']['output'];
  /** Whether playback was allowed: true exactly when `reason` is GRANTED. */
  allowed: Scalars['Boolean']['output'];
  /** When the platform answered, to the millisecond (UTC). */
  at: Scalars['DateTime']['output'];
  /** The ISO 3166-1 alpha-2 country the request came from; null when the edge gave none it could read. */
  country: Maybe<Scalars['String']['output']>;
  /**
   * Each part of the answer a fallback served because its service could not answer (the decision itself
   * included, when `rules` is empty). Empty when every service answered.
   */
  degraded: Array<DegradedPart>;
  /** The device class the request named; null for a class this schema no longer lists. */
  deviceType: Maybe<DeviceType>;
  /** What the device was doing: pressing play, prefetching while the viewer browsed, or starting a prefetched manifest. */
  intent: PlayIntent;
  /** The profile the request named (which may not exist, or belong to another account: see `reason`). */
  profileId: Scalars['ID']['output'];
  /** Why playback was allowed or refused, as the device was told. */
  reason: DecisionReason;
  /**
   * Every rule of the decision in the order it is checked, as it ran then: passed, failed (the first
   * failure is the reason) or not reached, with the facts each read. When a fallback decided (see
   * `degraded`), only the rules that ran before it: the entitlement's when its service answered (then
   * the DEVICE rule is not reached), else none.
   */
  rules: Array<RuleCheck>;
  /**
   * The decision's id. A grant's is the session id of its manifest (the `sid` claim, which edge logs
   * carry); a refusal opens no session and has an id of its own.
   */
  sessionId: Scalars['ID']['output'];
  /** The title the request named (which may not exist: see `reason`). */
  titleId: Scalars['ID']['output'];
  /** The request's trace id, to find its spans in the tracing backend; null when tracing was off. */
  traceId: Maybe<Scalars['String']['output']>;
};

/** Why a device asked for a decision. */
export type PlayIntent =
  /** The viewer pressed play (`play`). */
  | 'PLAY'
  /** The device fetched a manifest ahead of time while the viewer browsed (`prefetch`); nothing played yet. */
  | 'PREFETCH'
  /** The device started a manifest it had prefetched, and the decision was made again (`startPlayback`). */
  | 'START';

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
  /**
   * Analysts only: one recorded play decision by its session id (a grant's is the manifest's `sid`,
   * which edge logs carry; a refusal's is in `playDecisions`), with every rule as it ran then and the
   * facts each read. Null when no decision has that id, or it is older than the 30 days (unless the
   * platform sets otherwise) decisions are kept. A refusal that a fallback decided, not a rule, has
   * only the rules that ran before it, if any, and its `degraded` names what stood in. An empty or over-long id is refused with
   * BAD_USER_INPUT.
   */
  playDecision: Maybe<PlayDecisionRecord>;
  /**
   * Analysts only: the play decisions recorded for one account over a window, newest first, a page at
   * a time: every grant and refusal the platform gave its devices (`play`, `prefetch`, the start of a
   * prefetched manifest), with the rules as they ran then. Answers "why was this viewer refused on
   * Tuesday at 21:04 on their TV?": narrow the window to the evening, or ask for one `reason`, then read
   * `rules` and `degraded`. A refusal that a fallback decided, not a rule (part of the platform could
   * not answer), has only the rules that ran before it, if any, and its `degraded` names what stood
   * in. Decisions are kept 30 days
   * unless the platform sets otherwise; older ones are gone. Refused with BAD_USER_INPUT, before
   * anything is read, for an empty or over-long account id, `from` not before `to`, a window longer than
   * 31 days, `first` outside 1 to 100, or an `after` that is not a cursor of this list.
   */
  playDecisions: PlayDecisionConnection;
  /**
   * Analysts only: how many play requests from one country were refused over a window, per reason, most
   * first; reasons with no refusal are left out, and grants are never counted. A refusal that a
   * fallback decided, not a rule (part of the platform could not answer), counts under the reason the
   * device was told: TEMPORARILY_UNAVAILABLE when no earlier answer could stand in. `playDecisions`
   * shows which fallback it was, in each decision's `degraded`.
   * Refused with BAD_USER_INPUT, before anything is read, for a country that is not two letters,
   * `from` not before `to`, or a window longer than 31 days.
   */
  refusalCounts: Array<RefusalCount>;
};


/** Entry points of the graph: playback (`play`), the catalog (`title`, `titles`) and the caller's account (`me`). */
export type QueryFieldUsageArgs = {
  coordinate: Scalars['String']['input'];
  days?: InputMaybe<Scalars['Int']['input']>;
};


/** Entry points of the graph: playback (`play`), the catalog (`title`, `titles`) and the caller's account (`me`). */
export type QueryPlayDecisionArgs = {
  sessionId: Scalars['ID']['input'];
};


/** Entry points of the graph: playback (`play`), the catalog (`title`, `titles`) and the caller's account (`me`). */
export type QueryPlayDecisionsArgs = {
  accountId: Scalars['ID']['input'];
  after?: InputMaybe<Scalars['String']['input']>;
  first?: InputMaybe<Scalars['Int']['input']>;
  from: Scalars['DateTime']['input'];
  reason?: InputMaybe<DecisionReason>;
  to: Scalars['DateTime']['input'];
};


/** Entry points of the graph: playback (`play`), the catalog (`title`, `titles`) and the caller's account (`me`). */
export type QueryRefusalCountsArgs = {
  country: Scalars['String']['input'];
  from: Scalars['DateTime']['input'];
  to: Scalars['DateTime']['input'];
};

/** How many play requests from a country were refused for one reason over a window. */
export type RefusalCount = {
  __typename?: 'RefusalCount';
  /** How many requests were refused for it (at most 2,147,483,647, GraphQL's largest Int). */
  count: Scalars['Int']['output'];
  /** The reason of the refusals. */
  reason: DecisionReason;
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
  DateTime: ResolverTypeWrapper<Scalars['DateTime']['output']>;
  DecisionReason: DecisionReason;
  DegradedPart: ResolverTypeWrapper<DegradedPart>;
  DeviceType: DeviceType;
  FallbackKind: FallbackKind;
  FieldUsage: ResolverTypeWrapper<FieldUsage>;
  Boolean: ResolverTypeWrapper<Scalars['Boolean']['output']>;
  PageInfo: ResolverTypeWrapper<PageInfo>;
  PlayDecisionConnection: ResolverTypeWrapper<PlayDecisionConnection>;
  PlayDecisionEdge: ResolverTypeWrapper<PlayDecisionEdge>;
  PlayDecisionRecord: ResolverTypeWrapper<PlayDecisionRecord>;
  ID: ResolverTypeWrapper<Scalars['ID']['output']>;
  PlayIntent: PlayIntent;
  PlayRule: PlayRule;
  Query: ResolverTypeWrapper<Record<PropertyKey, never>>;
  RefusalCount: ResolverTypeWrapper<RefusalCount>;
  RuleCheck: ResolverTypeWrapper<RuleCheck>;
  RuleOutcome: RuleOutcome;
  String: ResolverTypeWrapper<Scalars['String']['output']>;
  Int: ResolverTypeWrapper<Scalars['Int']['output']>;
}>;

/** Mapping between all available schema types and the resolvers parents */
export type ResolversParentTypes = ResolversObject<{
  ClientFieldUsage: ClientFieldUsage;
  DateTime: Scalars['DateTime']['output'];
  DegradedPart: DegradedPart;
  FieldUsage: FieldUsage;
  Boolean: Scalars['Boolean']['output'];
  PageInfo: PageInfo;
  PlayDecisionConnection: PlayDecisionConnection;
  PlayDecisionEdge: PlayDecisionEdge;
  PlayDecisionRecord: PlayDecisionRecord;
  ID: Scalars['ID']['output'];
  Query: Record<PropertyKey, never>;
  RefusalCount: RefusalCount;
  RuleCheck: RuleCheck;
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

export interface DateTimeScalarConfig extends GraphQLScalarTypeConfig<ResolversTypes['DateTime'], any> {
  name: 'DateTime';
}

export type DegradedPartResolvers<ContextType = UsageContext, ParentType extends ResolversParentTypes['DegradedPart'] = ResolversParentTypes['DegradedPart']> = ResolversObject<{
  ageSeconds?: Resolver<Maybe<ResolversTypes['Int']>, ParentType, ContextType>;
  fallback?: Resolver<ResolversTypes['FallbackKind'], ParentType, ContextType>;
  path?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  subgraph?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
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

export type PageInfoResolvers<ContextType = UsageContext, ParentType extends ResolversParentTypes['PageInfo'] = ResolversParentTypes['PageInfo']> = ResolversObject<{
  endCursor?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  hasNextPage?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
}>;

export type PlayDecisionConnectionResolvers<ContextType = UsageContext, ParentType extends ResolversParentTypes['PlayDecisionConnection'] = ResolversParentTypes['PlayDecisionConnection']> = ResolversObject<{
  edges?: Resolver<Array<ResolversTypes['PlayDecisionEdge']>, ParentType, ContextType>;
  pageInfo?: Resolver<ResolversTypes['PageInfo'], ParentType, ContextType>;
}>;

export type PlayDecisionEdgeResolvers<ContextType = UsageContext, ParentType extends ResolversParentTypes['PlayDecisionEdge'] = ResolversParentTypes['PlayDecisionEdge']> = ResolversObject<{
  cursor?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  node?: Resolver<ResolversTypes['PlayDecisionRecord'], ParentType, ContextType>;
}>;

export type PlayDecisionRecordResolvers<ContextType = UsageContext, ParentType extends ResolversParentTypes['PlayDecisionRecord'] = ResolversParentTypes['PlayDecisionRecord']> = ResolversObject<{
  accountId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  allowed?: Resolver<ResolversTypes['Boolean'], ParentType, ContextType>;
  at?: Resolver<ResolversTypes['DateTime'], ParentType, ContextType>;
  country?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
  degraded?: Resolver<Array<ResolversTypes['DegradedPart']>, ParentType, ContextType>;
  deviceType?: Resolver<Maybe<ResolversTypes['DeviceType']>, ParentType, ContextType>;
  intent?: Resolver<ResolversTypes['PlayIntent'], ParentType, ContextType>;
  profileId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  reason?: Resolver<ResolversTypes['DecisionReason'], ParentType, ContextType>;
  rules?: Resolver<Array<ResolversTypes['RuleCheck']>, ParentType, ContextType>;
  sessionId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  titleId?: Resolver<ResolversTypes['ID'], ParentType, ContextType>;
  traceId?: Resolver<Maybe<ResolversTypes['String']>, ParentType, ContextType>;
}>;

export type QueryResolvers<ContextType = UsageContext, ParentType extends ResolversParentTypes['Query'] = ResolversParentTypes['Query']> = ResolversObject<{
  fieldUsage?: Resolver<ResolversTypes['FieldUsage'], ParentType, ContextType, RequireFields<QueryFieldUsageArgs, 'coordinate' | 'days'>>;
  playDecision?: Resolver<Maybe<ResolversTypes['PlayDecisionRecord']>, ParentType, ContextType, RequireFields<QueryPlayDecisionArgs, 'sessionId'>>;
  playDecisions?: Resolver<ResolversTypes['PlayDecisionConnection'], ParentType, ContextType, RequireFields<QueryPlayDecisionsArgs, 'accountId' | 'first' | 'from' | 'to'>>;
  refusalCounts?: Resolver<Array<ResolversTypes['RefusalCount']>, ParentType, ContextType, RequireFields<QueryRefusalCountsArgs, 'country' | 'from' | 'to'>>;
}>;

export type RefusalCountResolvers<ContextType = UsageContext, ParentType extends ResolversParentTypes['RefusalCount'] = ResolversParentTypes['RefusalCount']> = ResolversObject<{
  count?: Resolver<ResolversTypes['Int'], ParentType, ContextType>;
  reason?: Resolver<ResolversTypes['DecisionReason'], ParentType, ContextType>;
}>;

export type RuleCheckResolvers<ContextType = UsageContext, ParentType extends ResolversParentTypes['RuleCheck'] = ResolversParentTypes['RuleCheck']> = ResolversObject<{
  description?: Resolver<ResolversTypes['String'], ParentType, ContextType>;
  evidence?: Resolver<Array<ResolversTypes['String']>, ParentType, ContextType>;
  outcome?: Resolver<ResolversTypes['RuleOutcome'], ParentType, ContextType>;
  rule?: Resolver<ResolversTypes['PlayRule'], ParentType, ContextType>;
}>;

export type Resolvers<ContextType = UsageContext> = ResolversObject<{
  ClientFieldUsage?: ClientFieldUsageResolvers<ContextType>;
  DateTime?: GraphQLScalarType;
  DegradedPart?: DegradedPartResolvers<ContextType>;
  FieldUsage?: FieldUsageResolvers<ContextType>;
  PageInfo?: PageInfoResolvers<ContextType>;
  PlayDecisionConnection?: PlayDecisionConnectionResolvers<ContextType>;
  PlayDecisionEdge?: PlayDecisionEdgeResolvers<ContextType>;
  PlayDecisionRecord?: PlayDecisionRecordResolvers<ContextType>;
  Query?: QueryResolvers<ContextType>;
  RefusalCount?: RefusalCountResolvers<ContextType>;
  RuleCheck?: RuleCheckResolvers<ContextType>;
}>;

export type DirectiveResolvers<ContextType = UsageContext> = ResolversObject<{
  access?: AccessDirectiveResolver<any, any, ContextType>;
  fallback?: FallbackDirectiveResolver<any, any, ContextType>;
}>;
