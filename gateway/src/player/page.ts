/**
 * The reference player's HTML page (`GET /player/`, development only). Its script and stylesheet are
 * the gateway's own (`/player/assets/`); the only other origins it may reach are the dataset's CDNs
 * (the local reference edges of `npm start`), for segments.
 */
import { jsonForScriptBlock } from '../explorer/page';
import { PLAYER_SCRIPT, PLAYER_STYLESHEET } from './bundle';
import { PLAYER_CONFIG_ELEMENT_ID, type PlayerPageConfig } from '../../../clients/player/web/pageConfig';

export const PLAYER_ASSETS_PREFIX = '/player/assets/';

/** Only the gateway and the CDNs' origins (segments); no inline script or style. */
export function playerCsp(cdnOrigins: readonly string[]): string {
  return [
    "default-src 'self'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self' data:",
    `connect-src ${["'self'", ...cdnOrigins].join(' ')}`,
    "frame-ancestors 'none'",
    "base-uri 'none'",
    "object-src 'none'",
    "form-action 'self'",
  ].join('; ');
}

export function playerPage(config: PlayerPageConfig, bundleBuilt: boolean): string {
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>Reference player</title>
<link rel="icon" href="data:,">
${bundleBuilt ? `<link rel="stylesheet" href="${PLAYER_ASSETS_PREFIX}${PLAYER_STYLESHEET}">` : ''}
</head>
<body>
${
  bundleBuilt
    ? '<main id="player-app">Loading the reference player…</main>'
    : '<p>The reference player is not built on this server: run <code>npm run build:player</code> (or <code>npm ci</code>), then reload.</p>'
}
<script type="application/json" id="${PLAYER_CONFIG_ELEMENT_ID}">${jsonForScriptBlock(config)}</script>
${bundleBuilt ? `<script src="${PLAYER_ASSETS_PREFIX}${PLAYER_SCRIPT}"></script>` : ''}
</body>
</html>
`;
}
