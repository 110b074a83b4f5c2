/**
 * `npm run build:player` (also run by `prepare`, so `npm ci` builds it): bundles the reference web
 * player (clients/player/web/ui/ and the player SDK) into gateway/src/player/built/, which the gateway
 * serves at `/player/` in development. `npm start` builds it when missing.
 */
import { buildPlayerBundle } from '../gateway/src/player/bundle';
import { runBundleBuild } from './bundleBuild';

runBundleBuild('player', buildPlayerBundle);
