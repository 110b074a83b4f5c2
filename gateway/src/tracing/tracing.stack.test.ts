/**
 * One trace per `play`: the real gateway and subgraphs in process, with a tracer provider that keeps
 * every finished span in memory (what `OTEL_EXPORTER_OTLP_ENDPOINT` would send a collector). A device
 * that sends `traceparent` finds its trace id in the answer, and the gateway's request, each subgraph
 * fetch and each subgraph's own request hang together in that trace; a fetch answered by a fallback
 * says so on its span.
 */
import { SpanKind, SpanStatusCode } from '@opentelemetry/api';
import {
  InMemorySpanExporter,
  NodeTracerProvider,
  SimpleSpanProcessor,
  type ReadableSpan,
} from '@opentelemetry/sdk-trace-node';
import { print } from 'graphql';
import { decodeJwt } from 'jose';
import { Redis } from 'ioredis';
import { createLogger } from '@platform/log';
import { stopUsingTracerProvider, useTracerProvider } from '@platform/tracing/register';
import { startInProcessStack, type InProcessStack } from '@testing/inProcessStack';
import { Seed } from '@testing/seed';
import { describeWith } from '@testing/servers';
import { createRateLimiter } from '../rateLimits/limiter';
import { traceRedisCommands } from './redisCommandSpans';
import { PlayDocument } from '../../../clients/__generated__/operations';

const seed = new Seed()
  .subscriber('acct-1', 'PREMIUM')
  .profile('prof-1', 'acct-1')
  .title('t-1')
  .cdn('cdn-global');
const TV = { id: 'tv-1', type: 'TV', codecs: ['H264'], maxHeight: 1080, drm: ['WIDEVINE'] };
/** What a device sends: its own trace and span, sampled. */
const DEVICE_TRACE = '0af7651916cd43dd8448eb211c80319c';
const DEVICE_SPAN = 'b7ad6b7169203331';

const exporter = new InMemorySpanExporter();
const provider = new NodeTracerProvider({ spanProcessors: [new SimpleSpanProcessor(exporter)] });
let stack: InProcessStack;

beforeAll(async () => {
  useTracerProvider(provider);
  stack = await startInProcessStack(seed);
});
afterAll(async () => {
  await stack?.stop();
  await provider.shutdown();
  stopUsingTracerProvider();
});
beforeEach(() => exporter.reset());

async function play(on: InProcessStack = stack) {
  return on.graphql(
    { query: print(PlayDocument), variables: { input: { titleId: 't-1', profileId: 'prof-1', device: TV } } },
    {
      authorization: `Bearer ${await on.tokenFor('acct-1')}`,
      traceparent: `00-${DEVICE_TRACE}-${DEVICE_SPAN}-01`,
    },
  );
}

/** The finished spans once the gateway's request span has ended (it ends after the answer is sent). */
async function spansOfTheRequest(): Promise<ReadableSpan[]> {
  const deadline = Date.now() + 2_000;
  while (!exporter.getFinishedSpans().some(isGatewayRequest) && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  return exporter.getFinishedSpans();
}
const isGatewayRequest = (span: ReadableSpan) => span.parentSpanContext?.spanId === DEVICE_SPAN;
const fetchSpans = (spans: ReadableSpan[]) => spans.filter((span) => span.name === 'gateway.fetch');
const childrenOf = (spans: ReadableSpan[], parent: ReadableSpan) =>
  spans.filter((span) => span.parentSpanContext?.spanId === parent.spanContext().spanId);

describe('a traced play', () => {
  it("continues the device's trace, and names it in the answer's header and extensions", async () => {
    const { json, headers } = await play();
    expect(json.data).toMatchObject({ play: { decision: { allowed: true } } });
    expect(headers.get('traceresponse')).toMatch(new RegExp(`^00-${DEVICE_TRACE}-[0-9a-f]{16}-01$`));
    expect(json.extensions).toMatchObject({ traceId: DEVICE_TRACE });
    const spans = await spansOfTheRequest();
    expect(spans.every((span) => span.spanContext().traceId === DEVICE_TRACE)).toBe(true);
    expect(spans.filter(isGatewayRequest).map((span) => span.name)).toEqual(['POST /graphql']);
    // The gateway's own steps before Apollo plans anything, each under the request, each passed.
    const request = spans.find(isGatewayRequest)!;
    const steps = ['authentication', 'document lookup', 'operation limits', 'access'].map((name) =>
      spans.find((span) => span.name === name),
    );
    for (const step of steps) {
      expect(step?.parentSpanContext?.spanId).toBe(request.spanContext().spanId);
      expect(step?.attributes['gateway.step.outcome']).toBe('passed');
    }
    expect(steps[2]!.attributes['graphql.operation.cost']).toEqual(expect.any(Number));
  });

  it('shows which step refused a request, on its span', async () => {
    const { json } = await stack.graphql(
      {
        query: print(PlayDocument),
        variables: { input: { titleId: 't-1', profileId: 'prof-1', device: TV } },
      },
      { authorization: 'Bearer not-a-token', traceparent: `00-${DEVICE_TRACE}-${DEVICE_SPAN}-01` },
    );
    expect(json.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const spans = await spansOfTheRequest();
    expect(spans.find((span) => span.name === 'authentication')?.attributes).toMatchObject({
      'gateway.step.outcome': 'refused',
    });
    expect(spans.map((span) => span.name)).not.toContain('document lookup');
  });

  it("puts every subgraph fetch in the trace, each attempt under it, each subgraph's request under that", async () => {
    const { json } = await play();
    const spans = await spansOfTheRequest();
    const fetches = fetchSpans(spans);
    expect(new Set(fetches.map((span) => span.attributes['subgraph.name']))).toEqual(
      new Set(['playback', 'catalog', 'profiles', 'entitlements']),
    );
    expect(fetches.every((span) => span.attributes['subgraph.outcome'] === 'fresh')).toBe(true);
    for (const fetch of fetches) {
      const attempts = childrenOf(spans, fetch);
      expect(attempts.map((span) => [span.name, span.kind])).toEqual([['POST', SpanKind.CLIENT]]);
      expect(attempts[0]!.attributes).toMatchObject({
        'subgraph.name': fetch.attributes['subgraph.name'],
        'subgraph.attempt': 1,
        'subgraph.circuit_state': 'closed',
        'http.response.status_code': 200,
        'url.full': expect.stringMatching(/^http:\/\/127\.0\.0\.1:\d+\//),
      });
      expect(childrenOf(spans, attempts[0]!).map((span) => span.name)).toEqual(['POST /graphql']);
    }
    // The manifest names the play's trace, for what players and edges log about the session.
    const manifest = (json.data as { play: { manifest: { jws: string } } }).play.manifest;
    expect(decodeJwt(manifest.jws)).toMatchObject({ traceId: DEVICE_TRACE });
    // The subgraphs' own steps: which rule decided, and the signing of the manifest.
    const decision = spans.find((span) => span.name === 'entitlement decision');
    expect(decision?.attributes).toMatchObject({
      'entitlement.reason': 'GRANTED',
      'entitlement.allowed': true,
    });
    expect(spans.map((span) => span.name)).toContain('manifest signing');
    // Planning, then executing, under the gateway's request; every fetch under the execution. Apollo's
    // own spans would take their parent from an active context that no longer crosses an `await`.
    const request = spans.find(isGatewayRequest)!;
    const named = (name: string) => spans.filter((span) => span.name === name);
    const parentsOf = (found: ReadableSpan[]) => found.map((span) => span.parentSpanContext?.spanId);
    expect(parentsOf(named('gateway.plan'))).toEqual([request.spanContext().spanId]);
    expect(parentsOf(named('gateway.execute'))).toEqual([request.spanContext().spanId]);
    const execution = named('gateway.execute')[0]!.spanContext().spanId;
    expect(new Set(parentsOf(fetches))).toEqual(new Set([execution]));
    expect(spans.filter((span) => span.instrumentationScope.name === 'apollo/gateway-js')).toEqual([]);
  });

  it('starts no trace for a health check', async () => {
    const response = await fetch(`${stack.gatewayUrl}/health/ready`, {
      headers: { traceparent: `00-${DEVICE_TRACE}-${DEVICE_SPAN}-01` },
    });
    expect(response.status).toBe(200);
    expect(response.headers.get('traceresponse')).toBeNull();
    expect(exporter.getFinishedSpans().filter((span) => span.kind === SpanKind.SERVER)).toEqual([]);
  });

  it('shows a fallback on the span of the fetch it answered, field by field', async () => {
    for (const replica of stack.replicas.profiles) stack.network.inject(replica, { kind: 'refuse' });
    try {
      const { json } = await play();
      expect(json.extensions).toMatchObject({ traceId: DEVICE_TRACE });
      const profiles = fetchSpans(await spansOfTheRequest()).filter(
        (span) => span.attributes['subgraph.name'] === 'profiles',
      );
      expect(profiles.map((span) => span.attributes['subgraph.outcome'])).toEqual([
        expect.stringMatching(/^(stale|default|omitted)$/),
      ]);
      // Every attempt that failed is a span of its own under the fetch, saying why.
      const attempts = childrenOf(await spansOfTheRequest(), profiles[0]!);
      expect(attempts.length).toBeGreaterThan(0);
      for (const attempt of attempts) {
        expect(attempt.status.code).toBe(SpanStatusCode.ERROR);
        expect(attempt.attributes['error.type']).toEqual(expect.any(String));
      }
      // Each field the fallback answered is an event on that span, with how.
      expect(profiles[0]!.events.map((event) => [event.name, event.attributes?.['subgraph.name']])).toEqual(
        expect.arrayContaining([['fallback', 'profiles']]),
      );
    } finally {
      for (const replica of stack.replicas.profiles) stack.network.heal(replica);
    }
  });
});

describeWith(['redis'], 'a traced play whose rate limits are counted in Redis', () => {
  let redis: Redis;
  let limited: InProcessStack;

  beforeAll(async () => {
    redis = new Redis(process.env.REDIS_URL ?? 'redis://127.0.0.1:6379', { lazyConnect: true });
    traceRedisCommands(redis);
    await redis.connect();
    const logger = createLogger('test', 'silent');
    const keyPrefix = `trace-test:${process.pid}`;
    limited = await startInProcessStack(seed, {
      rateLimiter: createRateLimiter({ redis, logger, keyPrefix }),
    });
  });
  afterAll(async () => {
    await limited?.stop();
    redis?.disconnect();
  });

  it('puts the address count under the authentication step, and every command in the trace', async () => {
    const { json } = await play(limited);
    expect(json.data).toMatchObject({ play: { decision: { allowed: true } } });
    const spans = await spansOfTheRequest();
    const commands = spans.filter((span) => span.attributes['db.system.name'] === 'redis');
    const authentication = spans.find((span) => span.name === 'authentication')!;
    expect(childrenOf(spans, authentication).filter((span) => commands.includes(span))).not.toEqual([]);
    const ids = new Set(spans.map((span) => span.spanContext().spanId));
    for (const command of commands) expect(ids.has(command.parentSpanContext!.spanId)).toBe(true);
  });
});
