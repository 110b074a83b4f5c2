/**
 * A process of its own that starts tracing from its environment, as every service does (runService),
 * ends spans, stops tracing and prints what happened as JSON: for tests of what reaches a collector.
 * Run as `node --import tsx test/support/spanInAProcess.ts <span name> [count]`; with `TRACEPARENT`
 * set, the spans continue that caller's trace, and `TRUST_CALLER_SAMPLING=false` makes this process
 * sample as the gateway does. Jest cannot run the OTLP exporter itself: it loads node:http with a
 * dynamic import, which Jest's module sandbox refuses.
 */
import { context, propagation, ROOT_CONTEXT, trace } from '@opentelemetry/api';
import { createLogger } from '@platform/log';
import { spansLost, startTracing } from '@platform/tracing/setup';

export interface SpansInAProcess {
  /** Per span: whether it was sampled (recorded and sent). */
  sampled: boolean[];
  lost: ReturnType<typeof spansLost>;
}

async function main() {
  const tracing = await startTracing('span-in-a-process', createLogger('test', 'silent'), process.env, {
    trustCallerSampling: process.env.TRUST_CALLER_SAMPLING !== 'false',
  });
  const { TRACEPARENT } = process.env;
  const parent = TRACEPARENT
    ? propagation.extract(ROOT_CONTEXT, { traceparent: TRACEPARENT })
    : context.active();
  const sampled: boolean[] = [];
  for (let index = 0; index < Number(process.argv[3] ?? 1); index++) {
    const span = trace.getTracer('test').startSpan(process.argv[2] ?? 'a span', {}, parent);
    sampled.push(span.isRecording());
    span.end();
  }
  // As runService does: a collector that is away fails the last export, not the process.
  await tracing.shutdown().catch(() => {});
  const result: SpansInAProcess = { sampled, lost: spansLost() };
  process.stdout.write(JSON.stringify(result));
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).message}\n`);
  process.exit(1);
});
