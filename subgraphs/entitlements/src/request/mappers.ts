/**
 * The shapes the entitlements resolvers receive as parents (codegen `mappers`). Types only, and
 * nothing here imports the generated resolvers: the generated file imports this one.
 */
import type { ProfileFacts, TitleFacts } from '../decision/inputs';

/** What the gateway sends for a play session: its key and the fields `@requires` asks for. */
export interface PlaySessionRepresentation {
  id: string;
  /** Null when the catalog has no such title; absent when the query plan did not fetch it. */
  title?: TitleFacts | null;
  /** Null when there is no such profile for this account; absent when the plan did not fetch it. */
  profile?: ProfileFacts | null;
}

/** What the gateway sends for an explained request: its key and the fields `@requires` asks for. */
export interface PlayExplanationRepresentation extends PlaySessionRepresentation {
  accountId?: string;
  country?: string;
  at?: string;
}
