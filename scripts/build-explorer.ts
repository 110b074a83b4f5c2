/**
 * `npm run build:explorer` (also run by `prepare`, so `npm ci` builds it): bundles the analysts'
 * explorer (GraphiQL) into gateway/src/explorer/built/, which the gateway serves at `/graphql`.
 * `--if-missing` builds only when the bundle is not there (`npm start` and the explorer's e2e suite).
 */
import path from 'node:path';
import {
  buildExplorerBundle,
  explorerBundleBuilt,
  EXPLORER_BUNDLE_DIR,
} from '../gateway/src/explorer/bundle';

async function main() {
  const args = process.argv.slice(2);
  const unknown = args.filter((arg) => arg !== '--if-missing');
  if (unknown.length > 0) {
    console.error(`Unknown argument ${unknown.join(' ')}; usage: build-explorer [--if-missing]`);
    process.exit(2);
  }
  if (args.includes('--if-missing') && explorerBundleBuilt()) return;
  const started = performance.now();
  const { sizes } = await buildExplorerBundle();
  const files = Object.entries(sizes)
    .map(([file, bytes]) => `${file} ${(bytes / 1024).toFixed(0)} KiB`)
    .join(', ');
  console.log(
    `explorer bundle in ${path.relative(process.cwd(), EXPLORER_BUNDLE_DIR)} (${((performance.now() - started) / 1000).toFixed(1)} s): ${files}`,
  );
}

main().catch((error: unknown) => {
  console.error(`Building the explorer failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
