/**
 * Builds the explorer's browser code (browser/explorer.ts: GraphiQL, its plugins, React) into one
 * script and one stylesheet in `built/`, which the gateway serves under `/explorer/`. Built at
 * install time (`npm run build:explorer`, run by `prepare`), by `npm start` when missing, and by the
 * explorer's e2e suite when missing; never fetched at run time, so the explorer works offline.
 * `built/` is git-ignored.
 */
import path from 'node:path';
import { buildBundle, bundleBuilt, type BrowserBundle, type BuiltBundle } from './browserBundle';

/** Where the bundle is written and served from. */
export const EXPLORER_BUNDLE_DIR = path.join(__dirname, 'built');
/** The files the explorer page loads, relative to {@link EXPLORER_BUNDLE_DIR} and to `/explorer/`. */
export const EXPLORER_SCRIPT = 'explorer.js';
export const EXPLORER_STYLESHEET = 'explorer.css';

const EXPLORER_BUNDLE: BrowserBundle = {
  entry: path.join(__dirname, 'browser', 'explorer.ts'),
  dir: EXPLORER_BUNDLE_DIR,
  script: EXPLORER_SCRIPT,
  stylesheet: EXPLORER_STYLESHEET,
  esbuild: {
    // React and GraphiQL read NODE_ENV to drop their development checks.
    define: { 'process.env.NODE_ENV': '"production"' },
    // GraphiQL's stylesheet embeds its fonts and images as data: URLs; nothing is loaded from a CDN.
    loader: { '.woff': 'dataurl', '.woff2': 'dataurl', '.png': 'dataurl', '.svg': 'dataurl' },
  },
};

/** Whether both files of the bundle are there. */
export function explorerBundleBuilt(dir = EXPLORER_BUNDLE_DIR): boolean {
  return bundleBuilt(EXPLORER_BUNDLE, dir);
}

export function buildExplorerBundle(outdir = EXPLORER_BUNDLE_DIR): Promise<BuiltBundle> {
  return buildBundle(EXPLORER_BUNDLE, outdir);
}
