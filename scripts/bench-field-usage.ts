/**
 * `npm run bench:field-usage`: what counting field usage costs (gateway/src/fieldUsage/), printed as
 * a table: the time `record` adds to each operation, with the device operations of clients/operations
 * against the composed API schema, as Apollo Server hands them over (the same parsed document every
 * time, as its document cache does); then a flush of a day's worth of distinct rows to a directory
 * store. The gateway's whole CPU per `play` (about 1.4 ms here, `npm run bench`) is what 1% is of.
 * Numbers go into docs/benchmarks.md by hand, with the machine they came from.
 *
 * Options: --operations N (default 2000000), --clients N (client versions, default 50)
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { buildSchema, Kind, parse, type OperationDefinitionNode } from 'graphql';
import { API_SCHEMA_PATH } from '@platform/composition';
import { FileFieldUsageStore } from '@platform/fieldUsage/fileStore';
import { createLogger } from '@platform/log';
import { FieldUsageRecorder } from '../gateway/src/fieldUsage/recorder';

function option(name: string, fallback: string): number {
  const index = process.argv.indexOf(`--${name}`);
  return Number(index >= 0 ? process.argv[index + 1] : fallback);
}

const operations = option('operations', '2000000');
const clientCount = option('clients', '50');

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
const clients = Array.from({ length: clientCount }, (_, index) => ({
  name: `app-${index % 5}`,
  version: `${index}.0`,
}));

async function main() {
  const storeDir = mkdtempSync(path.join(os.tmpdir(), 'bench-field-usage-'));
  const recorder = new FieldUsageRecorder({
    store: new FileFieldUsageStore(storeDir),
    flushMs: 60_000,
    retentionDays: 30,
    logger: createLogger('bench', 'silent'),
  });
  try {
    // Warm-up: each document's coordinates worked out once, and the JIT settled.
    for (let index = 0; index < 100_000; index += 1) {
      const { document, operation } = documents[index % documents.length]!;
      recorder.record(schema, document, operation, clients[index % clients.length]!);
    }
    await recorder.flush();
    const started = process.cpuUsage();
    const wall = process.hrtime.bigint();
    for (let index = 0; index < operations; index += 1) {
      const { document, operation } = documents[index % documents.length]!;
      recorder.record(schema, document, operation, clients[index % clients.length]!);
    }
    const recordCpu = process.cpuUsage(started);
    const recordWallNs = Number(process.hrtime.bigint() - wall);
    const flushStarted = process.cpuUsage();
    const flushWall = process.hrtime.bigint();
    await recorder.flush();
    const flushCpu = process.cpuUsage(flushStarted);
    const flushWallMs = Number(process.hrtime.bigint() - flushWall) / 1e6;
    const files = readdirSync(storeDir);
    const rows = files.reduce(
      (sum, file) => sum + Object.keys(JSON.parse(readFileSync(path.join(storeDir, file), 'utf8'))).length,
      0,
    );
    console.log(
      `field usage: ${operations.toLocaleString('en')} operations of ${documents.length} device documents, ` +
        `${clients.length} client versions, on ${os.cpus().length} cores`,
    );
    console.table([
      {
        step: 'record (per operation)',
        'CPU ns': Math.round(((recordCpu.user + recordCpu.system) * 1000) / operations),
        'wall ns': Math.round(recordWallNs / operations),
      },
      {
        step: `flush (${rows.toLocaleString('en')} rows to a directory)`,
        'CPU ns': Math.round((flushCpu.user + flushCpu.system) * 1000),
        'wall ns': Math.round(flushWallMs * 1e6),
      },
    ]);
    const flushMs = (flushCpu.user + flushCpu.system) / 1000;
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
