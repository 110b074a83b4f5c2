/**
 * The explorer's HTML page, answered to a browser's GET of `/graphql`. Its script and stylesheet are
 * the gateway's own (`/explorer/...`, bundle.ts), its examples and settings a JSON block in the page
 * (config.ts), and its Content-Security-Policy allows nothing from another origin.
 */
import { CONFIG_ELEMENT_ID, type ExplorerConfig } from './config';
import { EXPLORER_SCRIPT, EXPLORER_STYLESHEET } from './bundle';

/** Where the bundle is served from. */
export const EXPLORER_ASSETS_PREFIX = '/explorer/';

/**
 * Only the gateway's own origin. GraphiQL's stylesheet embeds its fonts and icons as `data:` URLs
 * (font-src, img-src). `style-src 'unsafe-inline'`: GraphiQL's dialogs (Radix, through
 * react-remove-scroll) add a `<style>` element when they open, and CodeMirror and the query builder
 * set `style` attributes; no script runs inline. frame-ancestors, base-uri, object-src and
 * form-action repeat the gateway's policy for every answer (gateway/src/http/securityHeaders.ts),
 * which this one replaces on the page.
 */
export const EXPLORER_CSP = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'",
  "font-src 'self' data:",
  "img-src 'self' data:",
  "connect-src 'self'",
  "frame-ancestors 'none'",
  "base-uri 'none'",
  "object-src 'none'",
  "form-action 'self'",
].join('; ');

export interface ExplorerPageOptions {
  config: ExplorerConfig;
  /** Development shows how to get an analyst token; production does not. */
  production: boolean;
  /** False when `npm run build:explorer` has not run: the page says so instead of staying blank. */
  bundleBuilt: boolean;
}

export function explorerPage({ config, production, bundleBuilt }: ExplorerPageOptions): string {
  const notices = [
    bundleBuilt
      ? ''
      : '<p class="explorer-notice explorer-error">The explorer is not built on this server: run ' +
        '<code>npm run build:explorer</code> (or <code>npm ci</code>), then reload.</p>',
    production ? '' : TOKEN_HINT,
  ].join('');
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>GraphQL explorer</title>
<link rel="stylesheet" href="${EXPLORER_ASSETS_PREFIX}${EXPLORER_STYLESHEET}">
<link rel="icon" href="data:,">
<style>${PAGE_STYLE}</style>
</head>
<body>
${notices}<div id="explorer"></div>
<script type="application/json" id="${CONFIG_ELEMENT_ID}">${jsonForScriptBlock(config)}</script>
${bundleBuilt ? `<script src="${EXPLORER_ASSETS_PREFIX}${EXPLORER_SCRIPT}"></script>` : ''}
</body>
</html>
`;
}

const TOKEN_HINT = `<p class="explorer-notice" id="explorer-token-hint">Development: get an analyst token with
<code>npm run --silent token -- --role analyst &lt;name&gt;</code>, then paste
<code>{"authorization": "Bearer &lt;token&gt;"}</code> into the headers editor below the query.
The docs and the query builder fill in once it is there.</p>
`;

/** The page's own layout: the notices on top, GraphiQL in the rest of the window. */
const PAGE_STYLE = [
  'html, body { height: 100%; margin: 0; }',
  'body { display: flex; flex-direction: column; font-family: system-ui, sans-serif; }',
  '#explorer { flex: 1; min-height: 0; }',
  '.explorer-notice { margin: 0; padding: 8px 16px; font-size: 14px; background: #fff8e1; border-bottom: 1px solid #e0d5a8; }',
  '.explorer-error { background: #fdecea; border-color: #e8b4ae; }',
].join('\n');

/**
 * JSON that cannot end its `<script>` block early: `<` is written as `\u003c` (also inside strings:
 * an example's comment could hold `</script>`), which JSON.parse reads back as `<`.
 */
export function jsonForScriptBlock(value: unknown): string {
  return JSON.stringify(value)
    .replaceAll('<', '\\u003c')
    .replaceAll('\u2028', '\\u2028')
    .replaceAll('\u2029', '\\u2029');
}
