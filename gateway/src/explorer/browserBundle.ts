/**
 * A page's browser code bundled by esbuild into one script and one stylesheet in a git-ignored
 * folder, which the gateway serves: the explorer's (bundle.ts) and the reference player's
 * (../player/bundle.ts). Bundles are built ahead of time (`npm run build:explorer`, `build:player`,
 * `npm start` when missing), never by a running gateway.
 */
import { existsSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import path from 'node:path';
import fastifyStatic from '@fastify/static';
import { build, type BuildOptions } from 'esbuild';
import type { FastifyInstance } from 'fastify';

export interface BrowserBundle {
  /** The esbuild entry point. */
  entry: string;
  /** Where the files are written and served from. */
  dir: string;
  /** The files' names: `<name>.js` and `<name>.css`, `<name>` naming the entry point. */
  script: string;
  stylesheet: string;
  /** esbuild options of this bundle's own. */
  esbuild?: Pick<BuildOptions, 'define' | 'loader'>;
}

/** Whether both files of the bundle are in `dir`. */
export function bundleBuilt(bundle: BrowserBundle, dir = bundle.dir): boolean {
  return [bundle.script, bundle.stylesheet].every((file) => existsSync(path.join(dir, file)));
}

export interface BuiltBundle {
  dir: string;
  /** Bytes of each file written. */
  sizes: Record<string, number>;
}

export async function buildBundle(bundle: BrowserBundle, outdir = bundle.dir): Promise<BuiltBundle> {
  const result = await build({
    ...bundle.esbuild,
    entryPoints: { [path.basename(bundle.script, '.js')]: bundle.entry },
    outdir,
    bundle: true,
    minify: true,
    format: 'iife',
    platform: 'browser',
    target: ['chrome109', 'firefox115', 'safari16'],
    // The libraries' licence notices, in a file beside the bundle instead of inside it.
    legalComments: 'linked',
    metafile: true,
    logLevel: 'warning',
  });
  const sizes: Record<string, number> = {};
  for (const file of Object.keys(result.metafile.outputs)) {
    sizes[path.basename(file)] = (await stat(file)).size;
  }
  if (!bundleBuilt(bundle, outdir)) {
    throw new Error(`esbuild did not write ${bundle.script} and ${bundle.stylesheet} to ${outdir}`);
  }
  return { dir: outdir, sizes };
}

/**
 * Serves the files of `dir` under `prefix` (a path ending in `/`). @fastify/static looks them up per
 * request, so a bundle built after the gateway started is served.
 */
export async function serveBundle(app: FastifyInstance, prefix: string, dir: string): Promise<void> {
  await app.register(fastifyStatic, { root: dir, prefix, decorateReply: false, index: false });
}
