/**
 * Every service compiled ahead of time into one JavaScript file of its own under `dist/`
 * (`npm run build:services`, run by `npm ci`): what the image runs. Compiling TypeScript at start
 * (tsx) costs each process about 35 MB of resident memory for the loader alone and 50 MB more once a
 * gateway's modules are loaded (docs/benchmarks.md); a bundle costs neither. Development and the
 * tests keep running the sources through tsx.
 *
 * Only this repository's code is bundled: packages stay in node_modules and are loaded as they are,
 * so nothing of theirs (native modules, files they read beside themselves) changes. Source maps are
 * written beside each bundle; `NODE_OPTIONS=--enable-source-maps` makes stack traces name the
 * TypeScript lines, at some memory.
 */
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { build, type Plugin } from 'esbuild';
import { REPOSITORY_ROOT } from './env';
import { subgraphs } from './registry';

/** Where the bundles are written: `dist/<service>.js`. */
export const SERVICE_BUNDLE_DIR = path.join(REPOSITORY_ROOT, 'dist');

/** Each service's entry point, by the name the image's entrypoint takes. */
function serviceEntries(): Record<string, string> {
  return {
    gateway: 'gateway/src/index.ts',
    edge: 'edge/src/index.ts',
    ...Object.fromEntries(subgraphs().map((subgraph) => [subgraph.name, subgraph.entry])),
  };
}

/**
 * How a stack (stack.ts's `command`) starts a service from its bundle instead of its sources; throws
 * when the bundle is not built, rather than running older code.
 */
export function bundledCommand(service: { entry: string }): { command: string; args: string[]; cwd: string } {
  const name = Object.entries(serviceEntries()).find(([, entry]) => entry === service.entry)?.[0];
  const bundle = name && path.join(SERVICE_BUNDLE_DIR, `${name}.js`);
  if (!bundle || !existsSync(bundle)) {
    throw new Error(`${service.entry} has no bundle in ${SERVICE_BUNDLE_DIR}: run npm run build:services`);
  }
  return { command: process.execPath, args: [bundle], cwd: REPOSITORY_ROOT };
}

/**
 * Builds every service's bundle into {@link SERVICE_BUNDLE_DIR} (a folder of the repository root,
 * which each bundle finds as its own folder's parent); says where, and each file's size in bytes.
 */
export async function buildServiceBundles(): Promise<{ dir: string; sizes: Record<string, number> }> {
  const result = await build({
    entryPoints: Object.fromEntries(
      Object.entries(serviceEntries()).map(([name, entry]) => [name, path.join(REPOSITORY_ROOT, entry)]),
    ),
    outdir: SERVICE_BUNDLE_DIR,
    bundle: true,
    platform: 'node',
    target: 'node20',
    format: 'cjs',
    packages: 'external',
    sourcemap: true,
    // Names kept: a production stack trace still reads as the code does.
    keepNames: true,
    metafile: true,
    logLevel: 'warning',
    tsconfig: path.join(REPOSITORY_ROOT, 'tsconfig.json'),
    banner: { js: `const __repositoryRoot = require('node:path').resolve(__dirname, '..');` },
    plugins: [sourceDirectories],
  });
  const sizes = Object.fromEntries(
    Object.entries(result.metafile.outputs)
      .filter(([file]) => file.endsWith('.js'))
      .map(([file, output]) => [path.basename(file), output.bytes]),
  );
  return { dir: SERVICE_BUNDLE_DIR, sizes };
}

/**
 * Code that finds files beside itself (a subgraph's schema, the demo dataset, the explorer's
 * assets) asks `__dirname`, which in a bundle would be `dist/`: each module's own is put back,
 * as its folder under the repository root the bundle sits in.
 */
const sourceDirectories: Plugin = {
  name: 'source-directories',
  setup(builder) {
    builder.onLoad({ filter: /\.ts$/ }, async ({ path: file }) => {
      // Returned even unchanged: esbuild would otherwise read the file a second time.
      const source = await readFile(file, 'utf8');
      if (!source.includes('__dirname')) return { contents: source, loader: 'ts' };
      const folder = path.relative(REPOSITORY_ROOT, path.dirname(file)).split(path.sep).join('/');
      const directory = `require('node:path').join(__repositoryRoot, ${JSON.stringify(folder)})`;
      return { contents: source.replace(/\b__dirname\b/g, `(${directory})`), loader: 'ts' };
    });
  },
};
