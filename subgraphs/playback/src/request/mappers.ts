/**
 * The shapes the playback resolvers receive as parents (codegen `mappers`). Types only, and nothing
 * here imports the generated resolvers: the generated file imports this one.
 */
import type { DecisionReason, Prompt } from '@contracts/decision';
import type { RuleCheck } from '@contracts/ruleChecks';
import type { SubscriptionTier } from '@contracts/vocabulary';
import type { ExplainRequest } from './explainRequest';
import type { Encoding } from '../manifest/encoding';
import type { PlayRequest } from './playSessionId';

export type { ContinueWatchingEntry } from '../data/historyRepository';

/** The entitlement as the gateway hands it over through `@requires`. */
export interface EntitlementRepresentation {
  allowed: boolean;
  reason: DecisionReason;
  message: string;
  grant: string | null;
  prompt: Prompt | null;
}

/** The title fields playback asks the catalog for through `@requires`. */
export interface TitleRepresentation {
  durationSeconds: number;
  drmRequired: boolean;
  encodings: Encoding[];
}

/**
 * A play session as playback sees it: the request (decoded from the id), plus, when the gateway
 * comes back for the decision, the entitlement and title fields that `@requires` asked for.
 */
export interface PlaySessionParent {
  id: string;
  /** Null for the gateway's stand-in session when playback was away (see `playSessionId.ts`). */
  request: PlayRequest | null;
  entitlement?: EntitlementRepresentation;
  title?: TitleRepresentation | null;
}

/** The entitlement check of an explained request, as the gateway hands it over through `@requires`. */
export interface EntitlementCheckRepresentation {
  allowed: boolean;
  reason: DecisionReason;
  message: string;
  prompt: Prompt | null;
  /** The tier of a grant through a subscription (it caps the picture); null otherwise. */
  cappedByTier: SubscriptionTier | null;
  rules: RuleCheck[];
}

/**
 * A play explanation as playback sees it: the request (decoded from the id), plus, when the gateway
 * comes back for the decision, the entitlement check and title fields that `@requires` asked for.
 */
export interface PlayExplanationParent {
  id: string;
  request: ExplainRequest;
  entitlementCheck?: EntitlementCheckRepresentation;
  title?: TitleRepresentation | null;
}

/** A title or profile that another subgraph resolves: playback only knows its id. */
export interface EntityReference {
  id: string;
}
