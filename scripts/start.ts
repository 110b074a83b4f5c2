/**
 * `npm start`: the whole platform on this machine. Checks the dataset and the development keys
 * once, then runs the gateway and the four subgraphs until Ctrl-C.
 */
import { DatasetError, loadDataset } from '@platform/dataset/load';
import { KEY_PURPOSES, loadSigningKey } from '@platform/keys/keyring';
import { keySource } from '@platform/keys/source';
import { commonEnvShape, parseEnv } from '@platform/env';
import { startStack, type ServiceName } from '@platform/stack';

const RED = '\x1b[31m';
const RESET = '\x1b[0m';
const COLORS: Record<ServiceName | 'stack', string> = {
  gateway: '\x1b[36m',
  profiles: '\x1b[32m',
  entitlements: '\x1b[35m',
  catalog: '\x1b[33m',
  playback: '\x1b[34m',
  'playback-2': '\x1b[94m',
  stack: '\x1b[1m',
};
const color = process.stdout.isTTY;
const print = (service: ServiceName | 'stack', line: string) =>
  process.stdout.write(color ? `${COLORS[service]}[${service}]${RESET} ${line}\n` : `[${service}] ${line}\n`);

async function main() {
  const env = parseEnv(commonEnvShape);
  try {
    const dataset = loadDataset(process.env.DATASET);
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
    for (const purpose of KEY_PURPOSES)
      await loadSigningKey(purpose, keySource(purpose, { ...process.env, ...env }));
  }
  const stack = await startStack({
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
  const shutdown = () => {
    print('stack', 'stopping every service');
    stack.stop().then(() => process.exit(0));
  };
  process.on('SIGINT', shutdown);
  process.on('SIGTERM', shutdown);
}

main().catch((error: unknown) => {
  process.stderr.write(`${RED}[stack] failed to start: ${(error as Error).message}${RESET}\n`);
  process.exit(1);
});
