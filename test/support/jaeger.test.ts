import { randomBytes } from 'node:crypto';
import net from 'node:net';
import { spansOf, startJaeger, type Jaeger } from './jaeger';
import { describeWith } from './servers';

/** One server span with an attribute and an event, as OTLP/HTTP JSON: no SDK between us and Jaeger. */
function exportRequest(traceId: string, spanId: string) {
  const nowNanos = BigInt(Date.now()) * 1_000_000n;
  return {
    resourceSpans: [
      {
        resource: { attributes: [{ key: 'service.name', value: { stringValue: 'jaeger-smoke' } }] },
        scopeSpans: [
          {
            scope: { name: 'jaeger.test' },
            spans: [
              {
                traceId,
                spanId,
                name: 'smoke',
                kind: 2, // SPAN_KIND_SERVER
                startTimeUnixNano: String(nowNanos - 5_000_000n),
                endTimeUnixNano: String(nowNanos),
                attributes: [{ key: 'smoke.answer', value: { intValue: '42' } }],
                events: [{ name: 'halfway', timeUnixNano: String(nowNanos - 2_000_000n) }],
              },
            ],
          },
        ],
      },
    ],
  };
}

async function exportSpan(jaeger: Jaeger): Promise<{ traceId: string; spanId: string }> {
  const ids = { traceId: randomBytes(16).toString('hex'), spanId: randomBytes(8).toString('hex') };
  const response = await fetch(`${jaeger.otlpEndpoint}/v1/traces`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(exportRequest(ids.traceId, ids.spanId)),
  });
  expect(response.status).toBe(200);
  return ids;
}

function accepts(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = net.connect(Number(port), hostname, () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

describeWith(['jaeger'], 'a Jaeger of a test’s own', () => {
  const started: Jaeger[] = [];
  afterEach(async () => {
    await Promise.all(started.splice(0).map((jaeger) => jaeger.stop()));
  });

  it('stores a span exported over OTLP/HTTP and gives it back, beside another Jaeger, and is gone once stopped', async () => {
    const [first, second] = await Promise.all([startJaeger(), startJaeger()]);
    started.push(first, second);
    expect(first.otlpEndpoint).not.toBe(second.otlpEndpoint);
    expect(first.queryUrl).not.toBe(second.queryUrl);

    const inFirst = await exportSpan(first);
    const inSecond = await exportSpan(second);
    for (const [jaeger, { traceId, spanId }] of [
      [first, inFirst],
      [second, inSecond],
    ] as const) {
      const trace = await jaeger.waitForTrace(traceId, (found) => found.spans.length === 1, 10_000);
      expect(spansOf(trace)).toEqual([
        expect.objectContaining({
          spanId,
          name: 'smoke',
          service: 'jaeger-smoke',
          kind: 'server',
          parentSpanId: null,
          attributes: expect.objectContaining({ 'smoke.answer': 42 }),
          events: [{ name: 'halfway', attributes: {} }],
        }),
      ]);
      expect(await jaeger.services()).toEqual(['jaeger-smoke']);
      expect((await jaeger.traces('jaeger-smoke')).map((found) => found.traceID)).toEqual([trace.traceID]);
    }
    // Each stores only what was sent to it.
    expect(await second.trace(inFirst.traceId)).toBeNull();

    await first.stop();
    expect(await accepts(first.otlpEndpoint)).toBe(false);
    expect(await accepts(first.queryUrl)).toBe(false);
    expect(first.log()).toContain('Everything is ready');
    // The other one is untouched.
    expect(await second.trace(inSecond.traceId)).not.toBeNull();
  });
});
