/**
 * `npm run build:player` (also run by `prepare`, so `npm ci` builds it): bundles the reference web
 * player (clients/player/web/ui/ and the player SDK) into gateway/src/player/built/, which the gateway
 * serves at `/player/` in development. `npm start` builds it when missing.
 */
import path from 'node:path';
import { buildPlayerBundle, PLAYER_BUNDLE_DIR } from '../gateway/src/player/bundle';

async function main() {
  if (process.argv.length > 2) {
    console.error(`Unknown argument ${process.argv.slice(2).join(' ')}; usage: build-player`);
    process.exit(2);
  }
  const started = performance.now();
  await buildPlayerBundle();
  console.log(
    `player bundle in ${path.relative(process.cwd(), PLAYER_BUNDLE_DIR)} (${((performance.now() - started) / 1000).toFixed(1)} s)`,
  );
}

main().catch((error: unknown) => {
  console.error(`Building the player failed: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
});
