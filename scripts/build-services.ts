/**
 * `npm run build:services` (also run by `prepare`, so `npm ci` builds them): compiles every service
 * into `dist/<service>.js`, what the image runs (lib/platform/serviceBundles.ts).
 */
import { buildServiceBundles } from '@platform/serviceBundles';
import { runBundleBuild } from './bundleBuild';

runBundleBuild('services', () => buildServiceBundles());
