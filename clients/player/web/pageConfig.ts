/**
 * What the gateway hands the reference player's page, as a JSON block in the page (no inline
 * script). Shared by the page code (ui/main.ts) and the server that serves it
 * (gateway/src/player/playerRoutes.ts): it lives here, on the client's side, so that the browser
 * code imports nothing from the server and the server imports this module only.
 */
export const PLAYER_CONFIG_ELEMENT_ID = 'player-config';

export interface DemoAccount {
  id: string;
  country: string;
  /** `PREMIUM ACTIVE`, `none`...: shown beside the id on the picker. */
  subscription: string;
}

export interface PlayerPageConfig {
  /** The demo accounts of the dataset the stack runs; the page asks `/player/dev-token` for one. */
  accounts: DemoAccount[];
  /** The dataset's CDNs, for the "take a CDN down" buttons. */
  cdns: { id: string; baseUrl: string }[];
}

/** `GET /player/dev-token?account=<id>`'s answer. */
export interface DevTokenAnswer {
  token: string;
  accountId: string;
  country: string;
}
