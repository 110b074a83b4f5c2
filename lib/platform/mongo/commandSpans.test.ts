/**
 * MongoDB command spans against a real server (FerretDB in CI): each command a request's code sends
 * is a client span under that request's span, named by operation and collection, with none of the
 * command's values on it; a failed command says why.
 */
import { context, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { InMemorySpanExporter, NodeTracerProvider, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-node';
import { describeWithMongo } from '@testing/mongo';
import { traceCommands } from './commandSpans';

describeWithMongo('MongoDB command spans', null, (database) => {
  const exporter = new InMemorySpanExporter();
  const provider = new NodeTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });

  beforeAll(() => {
    provider.register();
    traceCommands(database.store.client);
  });
  afterAll(async () => {
    await provider.shutdown();
    trace.disable();
    context.disable();
  });

  it('spans each command under the span that sent it, by operation and collection', async () => {
    const titles = database.store.db.collection('titles');
    const parent = provider.getTracer('test').startSpan('request');
    await context.with(trace.setSpan(context.active(), parent), async () => {
      await titles.insertOne({ _id: 'secret-title' as never, name: 'secret name' });
      await titles.findOne({ _id: 'secret-title' as never });
      await expect(database.store.db.command({ noSuchCommand: 'titles' })).rejects.toThrow();
    });
    parent.end();
    const spans = exporter.getFinishedSpans().filter((span) => span.name !== 'request');
    expect(spans.map((span) => span.name)).toEqual(['insert titles', 'find titles', 'noSuchCommand titles']);
    for (const span of spans) {
      expect(span.kind).toBe(SpanKind.CLIENT);
      expect(span.parentSpanContext?.spanId).toBe(parent.spanContext().spanId);
      expect(span.attributes).toMatchObject({
        'db.system.name': 'mongodb',
        'db.collection.name': 'titles',
        'db.namespace': database.store.db.databaseName,
        'server.address': expect.any(String),
      });
      expect(JSON.stringify(span.attributes)).not.toMatch(/secret/);
    }
    expect(spans.map((span) => span.status.code)).toEqual([
      SpanStatusCode.UNSET,
      SpanStatusCode.UNSET,
      SpanStatusCode.ERROR,
    ]);
    expect(spans[2]!.attributes['error.type']).toEqual(expect.any(String));
  });
});
