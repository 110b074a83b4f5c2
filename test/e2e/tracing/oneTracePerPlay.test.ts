/**
 * Traces in a real collector: the processes of `npm start` on MongoDB, exporting over OTLP to a
 * Jaeger of the test's own (through a proxy that can make it slow or take it away), and read back
 * through Jaeger's query API as an operator would. One `play` is one trace with the gateway's spans
 * and all four subgraphs', MongoDB's included; the gateway samples by its rule (half of all traces
 * here), whatever the device asks, and the subgraphs follow it; a subgraph that hangs shows as the
 * fallback on its fetch; a slow or absent collector changes nothing for plays, and what it could not
 * take is counted.
 */
import { decodeJwt } from 'jose';
import { print } from 'graphql';
import { PlayDocument } from '../../../clients/__generated__/operations';
import { startJaeger, spansOf, type Jaeger, type JaegerTrace, type TraceSpan } from '@testing/jaeger';
import { startLatencyProxy, type LatencyProxy } from '@testing/latencyProxy';
import { describeWith } from '@testing/servers';
import { Seed } from '@testing/seed';
import { startTestStack, type TestStack } from '@testing/stack';

const seed = new Seed()
  .subscriber('acct-1', 'PREMIUM')
  .profile('prof-1', 'acct-1')
  .subscriber('acct-warm-up', 'PREMIUM')
  .profile('prof-warm-up', 'acct-warm-up')
  .title('t-1')
  .title('t-warm-up')
  .cdn('cdn-global');
const VIEWER = { accountId: 'acct-1', profileId: 'prof-1', titleId: 't-1' };
const TV = { id: 'tv-1', type: 'TV', codecs: ['H264'], maxHeight: 1080, drm: ['WIDEVINE'] };
const SERVICES = ['catalog', 'entitlements', 'gateway', 'playback', 'profiles'];

/**
 * Device trace ids on either side of the gateway's rule, `traceidratio` at 0.5: OpenTelemetry keeps
 * a trace whose id's four 32-bit words XOR to under half of 2³² (here 0.12, 0.17 and 0.24 of it), and
 * drops one above (0.95).
 */
const KEPT = [
  '1f2e3d4c000000000000000000000001',
  '2a3b4c5d000000000000000000000002',
  '3c4d5e6f000000000000000000000003',
];
const DROPPED = 'f1e2d3c4000000000000000000000004';
const DEVICE_SPAN = 'b7ad6b7169203331';

describeWith(['jaeger', 'mongodb'], 'one trace per play, in a real collector', () => {
  let jaeger: Jaeger;
  let collector: LatencyProxy;
  let stack: TestStack;

  beforeAll(async () => {
    jaeger = await startJaeger();
    collector = await startLatencyProxy(Number(new URL(jaeger.otlpEndpoint).port));
    stack = await startTestStack(seed, {
      OTEL_EXPORTER_OTLP_ENDPOINT: `http://127.0.0.1:${collector.port}`,
      OTEL_TRACES_SAMPLER: 'parentbased_traceidratio',
      OTEL_TRACES_SAMPLER_ARG: '0.5',
      // Spans leave within a tenth of a second, and an export the collector does not take in time fails.
      OTEL_BSP_SCHEDULE_DELAY: '100',
      OTEL_EXPORTER_OTLP_TIMEOUT: '1000',
    });
  }, 120_000);
  afterAll(async () => {
    await stack?.stop();
    await collector?.close();
    await jaeger?.stop();
  });

  async function play(traceId: string, sampledFlag: '00' | '01' = '01', viewer = VIEWER) {
    const { accountId, profileId, titleId } = viewer;
    const response = await stack.graphql(
      { query: print(PlayDocument), variables: { input: { titleId, profileId, device: TV } } },
      {
        authorization: `Bearer ${await stack.tokenFor(accountId)}`,
        traceparent: `00-${traceId}-${DEVICE_SPAN}-${sampledFlag}`,
      },
    );
    const play = (
      response.json.data as { play: { decision: { allowed: boolean }; manifest: { jws: string } } }
    ).play;
    return { ...response, play };
  }

  const servicesOf = (trace: JaegerTrace) => [...new Set(spansOf(trace).map((span) => span.service))].sort();
  const childrenOf = (spans: TraceSpan[], parent: TraceSpan) =>
    spans.filter((span) => span.parentSpanId === parent.spanId);
  const isRequest = (span: TraceSpan) => span.service === 'gateway' && span.parentSpanId === DEVICE_SPAN;
  /**
   * Once every process's spans are in: the gateway's request span (it ends last), and under each
   * attempt a subgraph answered, that subgraph's own request span (fetches the gateway's entity cache
   * answered sent none).
   */
  const complete = (trace: JaegerTrace) => {
    const spans = spansOf(trace);
    const answered = spans.filter(
      (span) => span.attributes['http.response.status_code'] === 200 && span.name === 'POST',
    );
    return spans.some(isRequest) && answered.every((attempt) => childrenOf(spans, attempt).length > 0);
  };

  beforeAll(async () => {
    // Connections, plans and code warmed up by a play the rule does not sample, so that the traces
    // below show the steady state (no first attempt timing out on a cold process); another viewer and
    // title, so that the first traced play finds nothing of its own in any cache.
    const warmUp = { accountId: 'acct-warm-up', profileId: 'prof-warm-up', titleId: 't-warm-up' };
    expect((await play(DROPPED, '01', warmUp)).play.decision.allowed).toBe(true);
  });

  it("gives one play one trace, under the device's span, with the gateway's and every subgraph's spans, MongoDB's among them", async () => {
    const { play: answer, headers } = await play(KEPT[0]!);
    expect(answer.decision.allowed).toBe(true);
    expect(headers.get('traceresponse')).toMatch(new RegExp(`^00-${KEPT[0]}-[0-9a-f]{16}-01$`));
    expect(decodeJwt(answer.manifest.jws)).toMatchObject({ traceId: KEPT[0] });

    const trace = await jaeger.waitForTrace(KEPT[0]!, complete);
    expect(servicesOf(trace)).toEqual(SERVICES);
    const spans = spansOf(trace);
    expect(spans.filter(isRequest)).toEqual([
      expect.objectContaining({ name: 'POST /graphql', kind: 'server' }),
    ]);
    // Each subgraph fetch is a `gateway.fetch` span, described; each attempt a client span under it; each
    // subgraph's own request under the attempt that reached it.
    const fetches = spans.filter((span) => span.name === 'gateway.fetch');
    expect(new Set(fetches.map((span) => span.attributes['subgraph.name']))).toEqual(
      new Set(['catalog', 'entitlements', 'playback', 'profiles']),
    );
    for (const fetch of fetches) {
      expect(fetch.attributes['subgraph.outcome']).toBe('fresh');
      const attempts = childrenOf(spans, fetch);
      expect(attempts.map((attempt) => attempt.attributes['subgraph.attempt'])).toEqual(
        attempts.map((_, index) => index + 1),
      );
      const answered = attempts.at(-1)!;
      expect(answered).toMatchObject({
        name: 'POST',
        kind: 'client',
        attributes: expect.objectContaining({
          'subgraph.name': fetch.attributes['subgraph.name'],
          'subgraph.circuit_state': 'closed',
          'http.response.status_code': 200,
        }),
      });
      expect(childrenOf(spans, answered)).toEqual([
        expect.objectContaining({ service: fetch.attributes['subgraph.name'], name: 'POST /graphql' }),
      ]);
    }
    expect(spans.find((span) => span.name === 'entitlement decision')?.attributes).toMatchObject({
      'entitlement.reason': 'GRANTED',
      'entitlement.allowed': true,
    });
    expect(spans.find((span) => span.name === 'manifest signing')?.service).toBe('playback');
    // The subgraphs read MongoDB, each read a client span of the subgraph that sent it.
    const reads = spans.filter((span) => span.attributes['db.system.name'] === 'mongodb');
    expect(reads.length).toBeGreaterThan(0);
    for (const read of reads) {
      expect(read).toMatchObject({ kind: 'client', name: expect.stringMatching(/^\w+ \w+$/) });
      expect(SERVICES).toContain(read.service);
      expect(read.service).not.toBe('gateway');
    }
  });

  it('samples by the gateway’s rule, whatever the device asks, and the subgraphs follow the gateway', async () => {
    // Asked for, and dropped by the rule: sent on unsampled, so no process records a span of it (the
    // warm-up play before the tests was one of these too).
    const dropped = await play(DROPPED, '01');
    expect(dropped.play.decision.allowed).toBe(true);
    expect(dropped.headers.get('traceresponse')).toMatch(/-00$/);
    // Not asked for, and kept by the rule.
    const kept = await play(KEPT[1]!, '00');
    expect(kept.headers.get('traceresponse')).toMatch(/-01$/);
    await jaeger.waitForTrace(KEPT[1]!, complete);
    // The kept trace, sent after the dropped one, is complete: anything of the dropped one would be in.
    expect(await jaeger.trace(DROPPED)).toBeNull();
  });

  it('shows a subgraph that hangs as the fallback on its fetch, and each timed-out attempt under it', async () => {
    const profiles = stack.process('profiles');
    profiles.kill('SIGSTOP');
    try {
      await play(KEPT[2]!);
    } finally {
      profiles.kill('SIGCONT');
    }
    const trace = await jaeger.waitForTrace(KEPT[2]!, (found) => spansOf(found).some(isRequest));
    const spans = spansOf(trace);
    const fetch = spans.find(
      (span) => span.name === 'gateway.fetch' && span.attributes['subgraph.name'] === 'profiles',
    )!;
    expect(fetch.attributes['subgraph.outcome']).toMatch(/^(stale|default|omitted)$/);
    expect(fetch.events.map((event) => event.name)).toContain('fallback');
    const attempts = childrenOf(spans, fetch);
    expect(attempts.length).toBeGreaterThan(0);
    for (const attempt of attempts) {
      expect(attempt.attributes).toMatchObject({ 'error.type': expect.stringMatching(/timeout|deadline/) });
    }
  });

  it('answers plays as ever while the collector is slow, then away, and counts the spans it could not deliver', async () => {
    const plays = async () => {
      for (const traceId of KEPT) {
        const started = performance.now();
        const { play: answer } = await play(traceId);
        expect(answer.decision.allowed).toBe(true);
        // An export waits on the collector in the background: a play never does (the collector
        // takes over 2 s per export here, over the export timeout).
        expect(performance.now() - started).toBeLessThan(1_500);
      }
    };
    collector.setDelay(2_000);
    await plays();
    await collector.close();
    await plays();
    const lost = async () => {
      const metrics = await (await fetch(`http://127.0.0.1:${stack.env.ADMIN_PORT}/metrics`)).text();
      return Number(/gateway_trace_spans_lost_total\{reason="export_failed"\} (\d+)/.exec(metrics)?.[1] ?? 0);
    };
    const deadline = Date.now() + 15_000;
    while ((await lost()) === 0 && Date.now() < deadline)
      await new Promise((resolve) => setTimeout(resolve, 200));
    expect(await lost()).toBeGreaterThan(0);
  });
});
