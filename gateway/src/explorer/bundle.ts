/**
 * Builds the explorer's browser code (browser/explorer.ts: GraphiQL, its plugins, React) into one
 * script and one stylesheet in `built/`, which the gateway serves under `/explorer/`. Built at
 * install time (`npm run build:explorer`, run by `prepare`), by `npm start` when missing, and by the
 * explorer's e2e suite when missing; never fetched at run time, so the explorer works offline.
 * `built/` is git-ignored.
 */
import { existsSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import { build } from 'esbuild';

/** Where the bundle is written and served from. */
export const EXPLORER_BUNDLE_DIR = path.join(__dirname, 'built');
/** The files the explorer page loads, relative to {@link EXPLORER_BUNDLE_DIR} and to `/explorer/`. */
export const EXPLORER_SCRIPT = 'explorer.js';
export const EXPLORER_STYLESHEET = 'explorer.css';

const ENTRY = path.join(__dirname, 'browser', 'explorer.ts');

/** Whether both files of the bundle are there. */
export function explorerBundleBuilt(dir = EXPLORER_BUNDLE_DIR): boolean {
  return [EXPLORER_SCRIPT, EXPLORER_STYLESHEET].every((file) => existsSync(path.join(dir, file)));
}

export interface BuiltBundle {
  dir: string;
  /** Bytes of each file written. */
  sizes: Record<string, number>;
}

export async function buildExplorerBundle(outdir = EXPLORER_BUNDLE_DIR): Promise<BuiltBundle> {
  const result = await build({
    entryPoints: { explorer: ENTRY },
    outdir,
    bundle: true,
    minify: true,
    format: 'iife',
    platform: 'browser',
    target: ['chrome109', 'firefox115', 'safari16'],
    // React and GraphiQL read NODE_ENV to drop their development checks.
    define: { 'process.env.NODE_ENV': '"production"' },
    // GraphiQL's stylesheet embeds its fonts and images as data: URLs; nothing is loaded from a CDN.
    loader: { '.woff': 'dataurl', '.woff2': 'dataurl', '.png': 'dataurl', '.svg': 'dataurl' },
    // The libraries' licence notices, in a file beside the bundle instead of inside it.
    legalComments: 'linked',
    metafile: true,
    logLevel: 'warning',
  });
  const sizes: Record<string, number> = {};
  for (const file of Object.keys(result.metafile.outputs)) {
    sizes[path.basename(file)] = (await stat(file)).size;
  }
  if (!explorerBundleBuilt(outdir)) {
    throw new Error(`esbuild did not write ${EXPLORER_SCRIPT} and ${EXPLORER_STYLESHEET} to ${outdir}`);
  }
  return { dir: outdir, sizes };
}
