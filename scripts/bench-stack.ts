/**
 * One stack for `npm run bench`, in its own process so that the benchmark can run this tree and an
 * earlier commit (a git worktree, `--baseline`) side by side with the same code: bench.ts copies
 * this file into the worktree and runs it there, where `@platform/stack` is that commit's.
 *
 * Usage: `node --import tsx scripts/bench-stack.ts <keysDir>`, with DATASET, SUBGRAPH_CLIENT and the
 * rest in the environment. Prints one line `BENCH_STACK {json}` (gateway URL, admin port, subgraph
 * URLs, pids) on stdout once the gateway is ready, logs to stderr, and stops the stack when stdin
 * closes.
 */
import os from 'node:os';
import { subgraphs } from '@platform/registry';
import { isolatedStackEnv, startStack } from '@platform/stack';

async function main() {
  const keysDir = process.argv[2];
  if (!keysDir) throw new Error('usage: bench-stack.ts <keysDir>');
  const env = await isolatedStackEnv(process.env, keysDir);
  // One replica of each subgraph: the plain client talks to one only, so every run does the same.
  const subgraphUrls: Record<string, string> = {};
  for (const { name, env: names } of subgraphs()) {
    subgraphUrls[name] = env[names.url] = `http://127.0.0.1:${env[names.port]}/graphql`;
  }
  const stack = await startStack({
    env,
    // The bundles the image runs (`npm run build:services`), when bench.ts built them for this tree.
    ...(process.env.SERVICE_BUNDLES === 'on' && { command: await bundledCommandOf() }),
    onLine: (service, line) => process.stderr.write(`[${service}] ${line}\n`),
  });
  const pids = Object.fromEntries(Object.entries(stack.processes).map(([name, child]) => [name, child.pid]));
  process.stdout.write(
    `BENCH_STACK ${JSON.stringify({
      gatewayUrl: stack.gatewayUrl,
      adminPort: Number(env.ADMIN_PORT),
      subgraphUrls,
      pids,
      readyAfterMs: stack.readyAfterMs,
      cores: os.cpus().length,
    })}\n`,
  );
  let stopping = false;
  const stop = () => {
    if (stopping) return;
    stopping = true;
    void stack.stop().then(() => process.exit(0));
  };
  process.stdin.on('end', stop).on('close', stop).resume();
  process.on('SIGTERM', stop);
}

/**
 * lib/platform/serviceBundles.ts, loaded only when asked for: this file also runs in an earlier
 * commit's worktree (`--baseline`), which may have no such module.
 */
async function bundledCommandOf() {
  const { bundledCommand } = await import('../lib/platform/serviceBundles.js');
  return bundledCommand;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
