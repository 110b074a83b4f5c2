/**
 * `npm run bench:tracing:stack`: what tracing costs a `play` on the whole stack, measured inside one
 * process as `npm run bench:decisions:stack` measures recording. One in-process stack
 * (test/support/inProcessStack.ts) plays each of the traffic mix's plays three times in a row, one
 * at a time: with tracing off (OpenTelemetry's no-op spans: what a service without
 * `OTEL_EXPORTER_OTLP_ENDPOINT` runs), on but the trace not sampled, and on and sampled (the order
 * rotates), switched between requests. On is what every service registers
 * (lib/platform/tracing/register.ts): the synchronous context manager, W3C propagation, no spans
 * from Apollo's gateway. This process's CPU is read around each request, and triples with a garbage
 * collection in them are set aside (`gc` performance entries). Spans are exported over OTLP/HTTP
 * (protobuf unless `--protocol http/json`) to a sink in this process, but only between triples
 * (every 200): those exports are measured on their own and added per sampled play.
 *
 * Options: --plays N triples (default 3000), --warmup N plays (default 3000), --protocol http/json
 * (the export as OTLP/HTTP JSON rather than protobuf).
 * Numbers go into docs/benchmarks.md by hand, with the machine they came from.
 */
import http from 'node:http';
import os from 'node:os';
import { ProxyTracerProvider, type Tracer, type TracerProvider } from '@opentelemetry/api';
import { OTLPTraceExporter as JsonExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { OTLPTraceExporter as ProtobufExporter } from '@opentelemetry/exporter-trace-otlp-proto';
import { resourceFromAttributes } from '@opentelemetry/resources';
import {
  AlwaysOffSampler,
  AlwaysOnSampler,
  BatchSpanProcessor,
  NodeTracerProvider,
  type Sampler,
} from '@opentelemetry/sdk-trace-node';
import { stopUsingTracerProvider, useTracerProvider } from '@platform/tracing/register';
import {
  cpuMicros,
  formatWithin,
  meanWithin,
  startMixStack,
  wholeNumberOption,
  type Sample,
} from './benchOneByOne';
import { mean } from './benchStats';

const triples = wholeNumberOption('plays', 3000);
const warmup = wholeNumberOption('warmup', 3000);
const protocol = process.argv[process.argv.indexOf('--protocol') + 1];
if (process.argv.includes('--protocol') && protocol !== 'http/json' && protocol !== 'http/protobuf') {
  throw new Error('--protocol takes http/protobuf or http/json');
}
const json = protocol === 'http/json';
const EXPORT_EVERY = 200;

type Way = 'off' | 'unsampled' | 'sampled';
const WAYS: readonly Way[] = ['off', 'unsampled', 'sampled'];

/** An OTLP/HTTP collector that takes every export and counts its bytes. */
async function startSink(): Promise<{ url: string; bytes: () => number; close: () => Promise<void> }> {
  let bytes = 0;
  const server = http.createServer((req, res) => {
    req.on('data', (chunk: Buffer) => (bytes += chunk.length));
    req.on('end', () => res.writeHead(200, { 'content-type': 'application/x-protobuf' }).end());
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://127.0.0.1:${port}/v1/traces`,
    bytes: () => bytes,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

async function main() {
  const sink = await startSink();
  let sampled = true;
  const on = new AlwaysOnSampler();
  const off = new AlwaysOffSampler();
  const sampler: Sampler = {
    shouldSample: () => (sampled ? on : off).shouldSample(),
    toString: () => 'bench',
  };
  // Exports only when told (forceFlush between triples): no timer, no batch that fills mid-request.
  const exporter = json ? new JsonExporter({ url: sink.url }) : new ProtobufExporter({ url: sink.url });
  const processor = new BatchSpanProcessor(exporter, {
    maxQueueSize: 1_000_000,
    maxExportBatchSize: 1_000_000,
    scheduledDelayMillis: 3_600_000,
  });
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ 'service.name': 'bench' }),
    sampler,
    spanProcessors: [processor],
  });
  // Registered once and switched between requests. OpenTelemetry's API keeps the tracer a module
  // took at load for good, so "off" is a tracer that hands out OpenTelemetry's no-op spans: no
  // request then has a parent, and nothing below it starts a span or propagates one.
  let enabled = false;
  const switching: TracerProvider = {
    getTracer: (name, version) => {
      const sdk = provider.getTracer(name, version);
      const noop = new ProxyTracerProvider().getTracer(name);
      const current = () => (enabled ? sdk : noop);
      return {
        startSpan: (...args: Parameters<Tracer['startSpan']>) => current().startSpan(...args),
        startActiveSpan: ((...args: Parameters<Tracer['startActiveSpan']>) =>
          (current().startActiveSpan as (...a: unknown[]) => unknown)(...args)) as Tracer['startActiveSpan'],
      };
    },
  };
  useTracerProvider(switching);
  const tracing = (way: Way) => {
    enabled = way !== 'off';
    sampled = way === 'sampled';
  };

  const { client, prepared, stop } = await startMixStack(warmup + triples, { entityCache: true });
  let exportCpu = 0;
  const exportSpans = async () => {
    tracing('off');
    const started = process.cpuUsage();
    await provider.forceFlush();
    exportCpu += cpuMicros(started);
  };
  try {
    console.log(
      `${os.cpus().length} cores, Node ${process.version}: ${triples} of the mix's plays, each sent three ` +
        `times in a row (tracing off, on unsampled, on sampled), after ${warmup} plays to warm up`,
    );
    for (let index = 0; index < warmup; index++) {
      tracing(WAYS[index % 3]!);
      await client.play(prepared[index]!);
      if (index % EXPORT_EVERY === 0) await exportSpans();
    }
    await exportSpans();
    exportCpu = 0;
    const bytesBefore = sink.bytes();
    const samples: Record<Way, Sample>[] = [];
    client.watchCollections();
    for (let index = 0; index < triples; index++) {
      const request = prepared[warmup + index]!;
      const triple: Partial<Record<Way, Sample>> = {};
      for (let step = 0; step < 3; step++) {
        const way = WAYS[(index + step) % 3]!;
        tracing(way);
        triple[way] = await client.play(request);
      }
      samples.push(triple as Record<Way, Sample>);
      if ((index + 1) % EXPORT_EVERY === 0) await exportSpans();
      if ((index + 1) % 1000 === 0) console.log(`${index + 1} plays`);
    }
    await exportSpans();
    await client.collectionsWatched();
    const clean = samples.filter((triple) => WAYS.every((way) => !client.collectedIn(triple[way])));
    const perPlay = exportCpu / triples;
    console.log(`\n${clean.length} of ${triples} triples without a collection; CPU µs per play:`);
    console.log('| | |\n|---|--:|');
    for (const way of WAYS) {
      console.log(`| tracing ${way}, mean | ${mean(clean.map((triple) => triple[way].cpu)).toFixed(0)} |`);
    }
    console.log(
      `| on, not sampled, less off | ` +
        `${formatWithin(meanWithin(clean.map((triple) => triple.unsampled.cpu - triple.off.cpu)))} |`,
    );
    console.log(
      `| on and sampled, less off | ${formatWithin(meanWithin(clean.map((triple) => triple.sampled.cpu - triple.off.cpu)))} |`,
    );
    console.log(
      `| exporting a sampled play's spans (${((sink.bytes() - bytesBefore) / triples / 1024).toFixed(1)} KiB of OTLP ${json ? 'JSON' : 'protobuf'}) | ${perPlay.toFixed(1)} |`,
    );
    const { tally } = client;
    console.log(`${tally.plays} plays (${tally.granted} granted), ${tally.errors} errors`);
  } finally {
    tracing('off');
    await provider.shutdown();
    stopUsingTracerProvider();
    await stop();
    await sink.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
