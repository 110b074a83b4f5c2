/**
 * What `npm run build:explorer` and `npm run build:player` share: build one browser bundle
 * (gateway/src/explorer/browserBundle.ts) and print where it went, how long it took and its files.
 */
import path from 'node:path';
import type { BuiltBundle } from '../gateway/src/explorer/browserBundle';

export function runBundleBuild(name: string, build: () => Promise<BuiltBundle>): void {
  const args = process.argv.slice(2);
  if (args.length > 0) {
    console.error(`Unknown argument ${args.join(' ')}; usage: build-${name}`);
    process.exit(2);
  }
  const started = performance.now();
  build().then(
    ({ dir, sizes }) => {
      const files = Object.entries(sizes)
        .map(([file, bytes]) => `${file} ${(bytes / 1024).toFixed(0)} KiB`)
        .join(', ');
      const seconds = ((performance.now() - started) / 1000).toFixed(1);
      console.log(`${name} bundle in ${path.relative(process.cwd(), dir)} (${seconds} s): ${files}`);
    },
    (error: unknown) => {
      console.error(`Building the ${name} failed: ${error instanceof Error ? error.message : String(error)}`);
      process.exit(1);
    },
  );
}
