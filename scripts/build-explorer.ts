/**
 * `npm run build:explorer` (also run by `prepare`, so `npm ci` builds it): bundles the analysts'
 * explorer (GraphiQL) into gateway/src/explorer/built/, which the gateway serves at `/graphql`.
 */
import { buildExplorerBundle } from '../gateway/src/explorer/bundle';
import { runBundleBuild } from './bundleBuild';

runBundleBuild('explorer', buildExplorerBundle);
