/**
 * A process of its own that starts tracing from its environment, as every service does (runService),
 * ends one span named by its first argument, and stops tracing: for tests of what reaches a collector.
 * Run as `node --import tsx test/support/spanInAProcess.ts <span name>`. Jest cannot run the OTLP
 * exporter itself: it loads node:http with a dynamic import, which Jest's module sandbox refuses.
 */
import { trace } from '@opentelemetry/api';
import { createLogger } from '@platform/log';
import { startTracing } from '@platform/tracing/setup';

async function main() {
  const tracing = await startTracing('span-in-a-process', createLogger('test', 'silent'));
  trace
    .getTracer('test')
    .startSpan(process.argv[2] ?? 'a span')
    .end();
  await tracing.shutdown();
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(1);
});
