/**
 * Spans with explicit parents: a child goes under the parent it is given, and nowhere without one; a
 * step's span ends with the step and says when it failed; in a trace that is not sampled no child is
 * made at all (the parent's no-op span serves); and the synchronous hand-off is the active context for
 * the call it wraps only.
 */
import { context, propagation, ROOT_CONTEXT, SpanStatusCode, trace, TraceFlags } from '@opentelemetry/api';
import { InMemorySpanExporter, NodeTracerProvider, SimpleSpanProcessor } from '@opentelemetry/sdk-trace-node';
import { stopUsingTracerProvider, useTracerProvider } from './register';
import { inSpan, NO_SPAN, startSpan, under, withParent } from './spans';

const exporter = new InMemorySpanExporter();
const provider = new NodeTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });

beforeAll(() => useTracerProvider(provider));
afterEach(() => exporter.reset());
afterAll(async () => {
  stopUsingTracerProvider();
  await provider.shutdown();
});

/** A request's context as serverSpans.ts keeps it, sampled or not. */
function request(sampled: boolean) {
  const traceFlags = sampled ? TraceFlags.SAMPLED : TraceFlags.NONE;
  const remote = trace.wrapSpanContext({
    traceId: '0af7651916cd43dd8448eb211c80319c',
    spanId: 'b7ad6b7169203331',
    traceFlags,
    isRemote: true,
  });
  const span = provider.getTracer('test').startSpan('POST /graphql', {}, trace.setSpan(ROOT_CONTEXT, remote));
  return { span, parent: trace.setSpan(ROOT_CONTEXT, span) };
}

describe('spans with an explicit parent', () => {
  it('go under the parent given, and are no-ops without one', async () => {
    const { span: requestSpan, parent } = request(true);
    const child = startSpan('gateway.plan', parent);
    const grandchild = startSpan('gateway.fetch', under(parent, child));
    grandchild.end();
    child.end();
    requestSpan.end();
    expect(startSpan('orphan', undefined)).toBe(NO_SPAN);
    expect(under(parent, NO_SPAN)).toBeUndefined();
    const spans = exporter.getFinishedSpans();
    const byName = (name: string) => spans.find((span) => span.name === name)!;
    expect(byName('gateway.fetch').parentSpanContext?.spanId).toBe(
      byName('gateway.plan').spanContext().spanId,
    );
    expect(byName('gateway.plan').parentSpanContext?.spanId).toBe(requestSpan.spanContext().spanId);
    expect(spans.map((span) => span.name)).not.toContain('orphan');
  });

  it('make no child in a trace that is not sampled: the parent, unsampled, is what crosses to a subgraph', () => {
    const { parent } = request(false);
    const child = startSpan('gateway.fetch', parent);
    expect(child).toBe(trace.getSpan(parent));
    expect(under(parent, child)).toBe(parent);
    const headers: Record<string, string> = {};
    propagation.inject(under(parent, child)!, headers);
    expect(headers.traceparent).toBe(
      '00-0af7651916cd43dd8448eb211c80319c-' + child.spanContext().spanId + '-00',
    );
    child.end();
    expect(exporter.getFinishedSpans()).toEqual([]);
  });

  it("end a step's span when the step settles, with an error status when it throws", async () => {
    const { parent } = request(true);
    await expect(
      inSpan('manifest signing', parent, async () => {
        throw new Error('no key');
      }),
    ).rejects.toThrow('no key');
    const answer = await inSpan('entitlement decision', parent, async (span, inside) => {
      expect(trace.getSpan(inside!)).toBe(span);
      return 'GRANTED';
    });
    expect(answer).toBe('GRANTED');
    const [failed, passed] = exporter.getFinishedSpans();
    expect([failed!.name, failed!.status.code]).toEqual(['manifest signing', SpanStatusCode.ERROR]);
    expect([passed!.name, passed!.status.code]).toEqual(['entitlement decision', SpanStatusCode.UNSET]);
  });

  it('hand a parent to a library for the synchronous call only', async () => {
    const { span, parent } = request(true);
    const seen: unknown[] = [];
    await withParent(parent, async () => {
      seen.push(trace.getSpan(context.active()));
      await Promise.resolve();
      seen.push(trace.getSpan(context.active()));
    });
    expect(seen).toEqual([span, undefined]);
    expect(trace.getSpan(context.active())).toBeUndefined();
    expect(withParent(undefined, () => 'ran')).toBe('ran');
  });
});
