/**
 * Builds the reference player's page code (clients/player/web/ui/main.ts, with the player SDK) into
 * one script and one stylesheet in `built/`, which the gateway serves under `/player/assets/` in
 * development. Built by `npm run build:player` (run by `prepare`, so `npm ci` builds it) and by
 * `npm start` when missing; `built/` is git-ignored.
 */
import path from 'node:path';
import { buildBundle, bundleBuilt, type BrowserBundle, type BuiltBundle } from '../explorer/browserBundle';

export const PLAYER_BUNDLE_DIR = path.join(__dirname, 'built');
export const PLAYER_SCRIPT = 'player.js';
export const PLAYER_STYLESHEET = 'player.css';

/**
 * The shared platform `browser` picks jose's browser build: manifest signatures are checked with
 * WebCrypto, as a device's would be.
 */
const PLAYER_BUNDLE: BrowserBundle = {
  entry: path.join(__dirname, '..', '..', '..', 'clients', 'player', 'web', 'ui', 'main.ts'),
  dir: PLAYER_BUNDLE_DIR,
  script: PLAYER_SCRIPT,
  stylesheet: PLAYER_STYLESHEET,
};

export function playerBundleBuilt(dir = PLAYER_BUNDLE_DIR): boolean {
  return bundleBuilt(PLAYER_BUNDLE, dir);
}

export function buildPlayerBundle(outdir = PLAYER_BUNDLE_DIR): Promise<BuiltBundle> {
  return buildBundle(PLAYER_BUNDLE, outdir);
}
