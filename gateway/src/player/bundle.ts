/**
 * Builds the reference player's page code (clients/player/web/ui/main.ts, with the player SDK) into
 * one script and one stylesheet in `built/`, which the gateway serves under `/player/assets/` in
 * development. Built by `npm run build:player` (run by `prepare`, so `npm ci` builds it) and by
 * `npm start` when missing; `built/` is git-ignored.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import { build } from 'esbuild';

export const PLAYER_BUNDLE_DIR = path.join(__dirname, 'built');
export const PLAYER_SCRIPT = 'player.js';
export const PLAYER_STYLESHEET = 'player.css';

const ENTRY = path.join(__dirname, '..', '..', '..', 'clients', 'player', 'web', 'ui', 'main.ts');

export function playerBundleBuilt(dir = PLAYER_BUNDLE_DIR): boolean {
  return [PLAYER_SCRIPT, PLAYER_STYLESHEET].every((file) => existsSync(path.join(dir, file)));
}

export async function buildPlayerBundle(outdir = PLAYER_BUNDLE_DIR): Promise<string> {
  await build({
    entryPoints: { player: ENTRY },
    outdir,
    bundle: true,
    minify: true,
    format: 'iife',
    // jose's browser build: manifest signatures are checked with WebCrypto, as a device's would be.
    platform: 'browser',
    target: ['chrome109', 'firefox115', 'safari16'],
    legalComments: 'linked',
    logLevel: 'warning',
  });
  if (!playerBundleBuilt(outdir)) {
    throw new Error(`esbuild did not write ${PLAYER_SCRIPT} and ${PLAYER_STYLESHEET} to ${outdir}`);
  }
  return outdir;
}
