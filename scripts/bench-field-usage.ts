/**
 * `npm run bench:field-usage`: what counting field usage costs (gateway/src/fieldUsage/), printed as
 * a table: the time the plugin adds to each operation (its hooks called as Apollo Server calls them:
 * the client read from the headers, the count), with the device operations of clients/operations
 * against the composed API schema, handed over as Apollo Server does (the same parsed document every
 * time, from its document cache); then one flush of those counts to the store. The gateway's whole CPU
 * per `play` (`npm run bench`) is what 1% is of. Numbers go into docs/benchmarks.md by hand, with the
 * machine they came from.
 *
 * Options: --operations N (default 2000000), --clients N (client versions, default 50), --store
 * <FIELD_USAGE_STORE> (default a temporary directory; `redis://…` or `mongodb://…` for those)
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { HeaderMap, type ApolloServerPlugin } from '@apollo/server';
import { buildSchema, Kind, parse, type OperationDefinitionNode } from 'graphql';
import { API_SCHEMA_PATH } from '@platform/composition';
import { openFieldUsageStore } from '@platform/fieldUsage/stores';
import { createLogger } from '@platform/log';
import { CLIENT_NAME_HEADER, CLIENT_VERSION_HEADER } from '../gateway/src/fieldUsage/client';
import { fieldUsagePlugin } from '../gateway/src/fieldUsage/plugin';
import { FieldUsageRecorder } from '../gateway/src/fieldUsage/recorder';
import type { GatewayContext } from '../gateway/src/request/context';

function option(name: string, fallback: string): string {
  const index = process.argv.indexOf(`--${name}`);
  return index >= 0 ? process.argv[index + 1]! : fallback;
}

const operations = Number(option('operations', '2000000'));
const clientCount = Number(option('clients', '50'));
const storeSpec = option('store', '');

const schema = buildSchema(readFileSync(API_SCHEMA_PATH, 'utf8'));
const dir = path.resolve(__dirname, '../clients/operations');
const documents = readdirSync(dir)
  .filter((file) => file.endsWith('.graphql'))
  .map((file) => {
    const document = parse(readFileSync(path.join(dir, file), 'utf8'));
    const operation = document.definitions.find(
      (definition): definition is OperationDefinitionNode => definition.kind === Kind.OPERATION_DEFINITION,
    )!;
    return { document, operation };
  });

/** The headers of each client version's requests, as Apollo Server's HeaderMap holds them. */
const clients = Array.from({ length: clientCount }, (_, index) => {
  const headers = new HeaderMap();
  headers.set(CLIENT_NAME_HEADER, `app-${index % 5}`);
  headers.set(CLIENT_VERSION_HEADER, `${index}.0`);
  return headers;
});

/** One operation through the plugin, as Apollo Server runs its hooks for a request. */
async function sendThrough(plugin: ApolloServerPlugin<GatewayContext>, index: number): Promise<void> {
  const { document, operation } = documents[index % documents.length]!;
  const context = {
    request: { http: { headers: clients[index % clients.length]! } },
    contextValue: { trustedDocument: false },
  };
  const listener = await plugin.requestDidStart!(context as never);
  await listener!.didResolveOperation!({ ...context, schema, document, operation } as never);
}

const cpuNs = (usage: NodeJS.CpuUsage) => (usage.user + usage.system) * 1000;

/**
 * A plugin with the same hooks doing nothing: what calling any plugin costs in this loop (building
 * the request's objects, two awaited calls), taken off the plugin's time.
 */
const emptyPlugin: ApolloServerPlugin<GatewayContext> = {
  async requestDidStart() {
    return { async didResolveOperation() {} };
  },
};

/** `record` alone, with the client already read: the map increment on every request's path. */
function countAlone(recorder: FieldUsageRecorder): number {
  const client = { name: 'app-0', version: '0.0' };
  const started = process.cpuUsage();
  for (let index = 0; index < operations; index += 1) {
    const { document, operation } = documents[index % documents.length]!;
    recorder.record(schema, document, operation, client);
  }
  return cpuNs(process.cpuUsage(started)) / operations;
}

async function cpuPerOperation(plugin: ApolloServerPlugin<GatewayContext>): Promise<number> {
  const started = process.cpuUsage();
  for (let index = 0; index < operations; index += 1) await sendThrough(plugin, index);
  return cpuNs(process.cpuUsage(started)) / operations;
}

async function main() {
  const storeDir = mkdtempSync(path.join(os.tmpdir(), 'bench-field-usage-'));
  const store = storeSpec || storeDir;
  const recorder = new FieldUsageRecorder({
    store: openFieldUsageStore(store),
    flushMs: 60_000,
    retentionDays: 30,
    logger: createLogger('bench', 'silent'),
  });
  const plugin = fieldUsagePlugin(recorder);
  try {
    // Warm-up: each document's coordinates worked out once, and the JIT settled.
    for (let index = 0; index < 100_000; index += 1) {
      await sendThrough(plugin, index);
      await sendThrough(emptyPlugin, index);
    }
    await recorder.flush();
    const empty = await cpuPerOperation(emptyPlugin);
    const counting = await cpuPerOperation(plugin);
    const count = countAlone(recorder);
    const flushStarted = process.cpuUsage();
    const flushWall = process.hrtime.bigint();
    await recorder.flush();
    const flushCpu = process.cpuUsage(flushStarted);
    const flushWallNs = Number(process.hrtime.bigint() - flushWall);
    const rows = (await recorder.report(1)).coordinates;
    const rowCount = Object.values(rows).reduce((sum, list) => sum + list.length, 0);
    console.log(
      `field usage: ${operations.toLocaleString('en')} operations of ${documents.length} device documents, ` +
        `${clients.length} client versions, into ${storeSpec ? storeSpec.split(':')[0] : 'a directory'}, ` +
        `on ${os.cpus().length} cores`,
    );
    console.table([
      { step: 'an empty plugin, per operation (the loop)', 'CPU ns': Math.round(empty) },
      { step: 'the field usage plugin, per operation', 'CPU ns': Math.round(counting) },
      { step: 'its own cost, per operation', 'CPU ns': Math.round(counting - empty) },
      { step: 'of which the count (record), per operation', 'CPU ns': Math.round(count) },
      {
        step: `one flush (${rowCount.toLocaleString('en')} rows)`,
        'CPU ns': Math.round(cpuNs(flushCpu)),
        'wall ns': flushWallNs,
      },
    ]);
    const flushMs = cpuNs(flushCpu) / 1e6;
    console.log(
      `one flush every 10 s (FIELD_USAGE_FLUSH_MS) costs ${flushMs.toFixed(1)} ms of CPU: ` +
        `${(flushMs / 100).toFixed(2)}% of one core, whatever the traffic; heap after: ` +
        `${Math.round(process.memoryUsage().heapUsed / 1024 / 1024)} MiB`,
    );
  } finally {
    await recorder.stop();
    rmSync(storeDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
