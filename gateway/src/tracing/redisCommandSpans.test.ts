/**
 * The Redis client's command spans against a real Redis: each command, pipelined ones too, is a
 * client span under the span that sent it, and nothing of its keys or values is on it; the client's
 * own handshake starts no trace.
 */
import { context, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { InMemorySpanExporter, NodeTracerProvider, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-node';
import { Redis } from 'ioredis';
import { describeWith } from '@testing/servers';
import { traceRedisCommands } from './redisCommandSpans';

const REDIS_URL = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';

describeWith(['redis'], 'Redis command spans', () => {
  const exporter = new InMemorySpanExporter();
  const provider = new NodeTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  let redis: Redis;

  beforeAll(async () => {
    provider.register();
    redis = new Redis(REDIS_URL, { lazyConnect: true });
    traceRedisCommands(redis);
    await redis.connect();
  });
  afterAll(async () => {
    redis.disconnect();
    await provider.shutdown();
    trace.disable();
    context.disable();
  });

  it('spans each command, pipelined or not, under the span that sent it', async () => {
    const key = `trace-test:${process.pid}`;
    const parent = provider.getTracer('test').startSpan('request');
    await context.with(trace.setSpan(context.active(), parent), async () => {
      await redis.pipeline().set(key, 'secret-value', 'PX', 10_000).get(key).exec();
      await redis.mget(key, `${key}:none`);
      await expect(redis.incr(key)).rejects.toThrow(/not an integer/);
    });
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
