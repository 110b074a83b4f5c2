/**
 * The Redis client's command spans against a real Redis: each command, pipelined ones too, is a
 * client span under the span handed over with it, and nothing of its keys or values is on it; the
 * client's own handshake, and a command sent on nobody's behalf, start no trace.
 */
import { ROOT_CONTEXT, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { InMemorySpanExporter, NodeTracerProvider, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-node';
import { Redis } from 'ioredis';
import { stopUsingTracerProvider, useTracerProvider } from '@platform/tracing/register';
import { withParent } from '@platform/tracing/spans';
import { describeWith } from '@testing/servers';
import { traceRedisCommands } from './redisCommandSpans';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

describeWith(['redis'], 'Redis command spans', () => {
  const exporter = new InMemorySpanExporter();
  const provider = new NodeTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  let redis: Redis;

  beforeAll(async () => {
    useTracerProvider(provider);
    redis = new Redis(REDIS_URL, { lazyConnect: true });
    traceRedisCommands(redis);
    await redis.connect();
  });
  afterAll(async () => {
    redis.disconnect();
    await provider.shutdown();
    stopUsingTracerProvider();
  });

  it('spans each command, pipelined or not, under the span handed over with it', async () => {
    const key = `trace-test:${process.pid}`;
    const parent = provider.getTracer('test').startSpan('request');
    const request = trace.setSpan(ROOT_CONTEXT, parent);
    await withParent(request, () => redis.pipeline().set(key, 'secret-value', 'PX', 10_000).get(key).exec());
    await withParent(request, () => redis.mget(key, `${key}:none`));
    await expect(withParent(request, () => redis.incr(key))).rejects.toThrow(/not an integer/);
    // On nobody's behalf: no span.
    await redis.get(key);
    parent.end();
    const spans = exporter.getFinishedSpans().filter((span) => span.name !== 'request');
    expect(spans.map((span) => span.name)).toEqual(['SET', 'GET', 'MGET', 'INCR']);
    for (const span of spans) {
      expect(span.kind).toBe(SpanKind.CLIENT);
      expect(span.parentSpanContext?.spanId).toBe(parent.spanContext().spanId);
      expect(span.attributes).toMatchObject({ 'db.system.name': 'redis', 'server.address': '127.0.0.1' });
      expect(JSON.stringify(span.attributes)).not.toMatch(/secret-value|trace-test/);
    }
    expect(spans.at(-1)!.status.code).toBe(SpanStatusCode.ERROR);
    await redis.del(key);
  });
});
