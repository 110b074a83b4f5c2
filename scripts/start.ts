/**
 * `npm start`: the whole platform on this machine. Checks the dataset and the development keys
 * once, then runs the gateway and every registered subgraph until Ctrl-C. Nothing outlives it: the
 * services stop when it dies (their IPC channel disconnects), and it stops them when whatever
 * started it (`npm`, a shell) dies, since nobody would be left to press Ctrl-C. `npm start` runs it
 * with `exec`, so that npm itself, not a shell in between, is the parent it watches.
 */
import { DatasetError, loadDataset } from '@platform/dataset/load';
import { generateDevelopmentKeys } from '@platform/keys/development';
import { commonEnvShape, parseEnv } from '@platform/env';
import { stackServices, startStack, type RunningStack, type ServiceName } from '@platform/stack';
import { watchParentProcess } from '@platform/supervision';
import { buildExplorerBundle, explorerBundleBuilt } from '../gateway/src/explorer/bundle';
import { buildPlayerBundle, playerBundleBuilt } from '../gateway/src/player/bundle';
import { DevEdgePortError, loadDevEdgeEnv, startDevEdges, type DevEdges } from '../edge/src/devEdges';

const RED = '\x1b[31m';
const BOLD = '\x1b[1m';
const RESET = '\x1b[0m';
/** Cycled through in start order, so a new subgraph gets a colour without being named here. */
const PALETTE = [
  '\x1b[32m',
  '\x1b[35m',
  '\x1b[33m',
  '\x1b[34m',
  '\x1b[94m',
  '\x1b[36m',
  '\x1b[92m',
  '\x1b[95m',
];
const COLORS = new Map<ServiceName | 'stack', string>([
  ...stackServices().map((service, index) => [service.name, PALETTE[index % PALETTE.length]!] as const),
  ['stack', BOLD],
]);
const color = process.stdout.isTTY;
const print = (service: ServiceName | 'stack' | `edge:${string}`, line: string) =>
  process.stdout.write(
    color ? `${COLORS.get(service) ?? ''}[${service}]${RESET} ${line}\n` : `[${service}] ${line}\n`,
  );

let stack: RunningStack | undefined;
/** Development only: the reference edges the demo CDNs point at (edge/src/devEdges.ts). */
let edges: DevEdges | undefined;
let stopping = false;
/** Stops every service, then exits; before the stack is up, exiting is enough (see above). */
function shutdown(why: string): void {
  if (stopping) return;
  stopping = true;
  print('stack', `stopping every service (${why})`);
  // Edges started before the stack stop with this process anyway (their IPC channel disconnects).
  if (!stack) process.exit(1);
  Promise.all([stack.stop(), edges?.stop()]).then(() => process.exit(0));
}

async function main() {
  process.on('SIGINT', () => shutdown('SIGINT'));
  process.on('SIGTERM', () => shutdown('SIGTERM'));
  watchParentProcess(() => shutdown('the process that started npm start is gone'));
  const env = parseEnv(commonEnvShape);
  let dataset;
  try {
    dataset = loadDataset(process.env.DATASET);
    print(
      'stack',
      `dataset ok: ${dataset.titles.length} titles, ${dataset.users.length} accounts, ${dataset.cdns.length} CDNs`,
    );
  } catch (error) {
    if (!(error instanceof DatasetError)) throw error;
    process.stderr.write(`${RED}Refusing to start: ${error.message}${RESET}\n`);
    process.exit(1);
  }
  if (env.NODE_ENV !== 'production') {
    // Generate missing development keys once, before the processes would race to.
    await generateDevelopmentKeys(env.KEYS_DIR);
  }
  if (!explorerBundleBuilt()) {
    // `npm ci` builds it (`prepare`); an install that skipped scripts has not.
    print('stack', 'building the explorer served at /graphql (npm run build:explorer)');
    await buildExplorerBundle();
  }
  const stackEnv = { ...process.env };
  if (env.NODE_ENV === 'development') {
    if (!playerBundleBuilt()) {
      print('stack', 'building the reference player served at /player/ (npm run build:player)');
      await buildPlayerBundle();
    }
    const devEdges = loadDevEdgeEnv();
    if (devEdges.DEV_EDGES) {
      try {
        edges = await startDevEdges({
          dataset,
          firstPort: devEdges.DEV_EDGE_PORT,
          env: stackEnv,
          onLine: (cdnId, line) => print(`edge:${cdnId}`, line),
        });
      } catch (error) {
        if (!(error instanceof DevEdgePortError)) throw error;
        process.stderr.write(`${RED}Refusing to start: ${error.message}${RESET}\n`);
        process.exit(1);
      }
      stackEnv.DATASET = edges.datasetFile;
      print(
        'stack',
        `reference edges (DEV_EDGES=off to skip): ${edges.edges.map((edge) => `${edge.cdnId} ${edge.baseUrl}`).join(', ')}`,
      );
    }
  }
  stack = await startStack({
    env: stackEnv,
    onLine: print,
    onCrash: (service, code, signal) =>
      process.stderr.write(
        `${RED}[stack] !!! ${service} DIED (${signal ?? `exit code ${code}`}); the platform is degraded !!!${RESET}\n`,
      ),
  });
  print(
    'stack',
    `ready in ${(stack.readyAfterMs / 1000).toFixed(1)} s: GraphQL at ${stack.gatewayUrl}/graphql`,
  );
  if (env.NODE_ENV === 'development') print('stack', `reference player at ${stack.gatewayUrl}/player/`);
}

main().catch(async (error: unknown) => {
  process.stderr.write(`${RED}[stack] failed to start: ${(error as Error).message}${RESET}\n`);
  await edges?.stop();
  process.exit(1);
});
