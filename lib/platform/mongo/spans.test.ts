/**
 * MongoDB client spans, started by the repositories with the request's parent: under that parent,
 * named by operation and collection, described by the database conventions, with none of the call's
 * values on them; a failed call says why; no parent, no span. A client that never connects is enough:
 * the spans are about the call, which the test supplies.
 */
import { ROOT_CONTEXT, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { InMemorySpanExporter, NodeTracerProvider, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-node';
import { MongoServerError } from 'mongodb';
import { stopUsingTracerProvider, useTracerProvider } from '../tracing/register';
import { createMongoClient } from './client';
import { mongoSpan } from './spans';

describe('MongoDB client spans', () => {
  const exporter = new InMemorySpanExporter();
  const provider = new NodeTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
  const client = createMongoClient('mongodb://db1.internal:27018,db2.internal/streaming_test');
  const store = { client, db: client.db() };

  beforeAll(() => useTracerProvider(provider));
  afterEach(() => exporter.reset());
  afterAll(async () => {
    stopUsingTracerProvider();
    await provider.shutdown();
    await client.close();
  });

  /** A request's span, as serverSpans.ts gives it: the parent the repositories are handed. */
  function request() {
    const span = provider.getTracer('test').startSpan('POST /graphql');
    return { span, parent: trace.setSpan(ROOT_CONTEXT, span) };
  }

  it("spans a call under the request's span, by operation and collection, without its values", async () => {
    const { span: requestSpan, parent } = request();

    const found = await mongoSpan(parent, store, 'find', 'titles', async () => [{ _id: 'secret-title' }]);
    requestSpan.end();

    expect(found).toEqual([{ _id: 'secret-title' }]);
    const spans = exporter.getFinishedSpans();
    expect(spans.map((finished) => finished.name)).toEqual(['find titles', 'POST /graphql']);
    const span = spans[0]!;
    expect(span).toMatchObject({
      name: 'find titles',
      kind: SpanKind.CLIENT,
      status: { code: SpanStatusCode.UNSET },
    });
    expect(span.spanContext().traceId).toBe(requestSpan.spanContext().traceId);
    expect(span.parentSpanContext?.spanId).toBe(requestSpan.spanContext().spanId);
    expect(span.attributes).toEqual({
      'db.system.name': 'mongodb',
      'db.operation.name': 'find',
      'db.namespace': 'streaming_test',
      'db.collection.name': 'titles',
      // The first server the client was given.
      'server.address': 'db1.internal',
      'server.port': 27018,
    });
    expect(JSON.stringify(span.attributes)).not.toMatch(/secret/);
  });

  it('marks a failed call with its error type, and passes the error on', async () => {
    const { span: requestSpan, parent } = request();
    const failure = new MongoServerError({ message: 'operation exceeded time limit', code: 50 });

    await expect(mongoSpan(parent, store, 'aggregate', 'titles', () => Promise.reject(failure))).rejects.toBe(
      failure,
    );
    requestSpan.end();

    const span = exporter.getFinishedSpans().find((finished) => finished.name === 'aggregate titles')!;
    expect(span.status.code).toBe(SpanStatusCode.ERROR);
    expect(span.attributes['error.type']).toBe('MongoServerError');
    expect(span.parentSpanContext?.spanId).toBe(requestSpan.spanContext().spanId);
  });

  it('makes no span without a parent: the call runs bare', async () => {
    const call = jest.fn(async () => 'documents');

    expect(await mongoSpan(undefined, store, 'find', 'cdns', call)).toBe('documents');

    expect(call).toHaveBeenCalledTimes(1);
    expect(exporter.getFinishedSpans()).toEqual([]);
  });
});
