import { execFile } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { context, propagation, trace } from '@opentelemetry/api';
import { REPOSITORY_ROOT } from '../env';
import { createLogger } from '../log';
import type { SpansInAProcess } from '@testing/spanInAProcess';
import { startTracing, tracingSettings } from './setup';

const logger = createLogger('test', 'silent');

describe('tracing settings', () => {
  it('are off without an OTLP endpoint, or with the SDK disabled', () => {
    expect(tracingSettings('gateway', {})).toEqual({ enabled: false });
    expect(
      tracingSettings('gateway', {
        OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4318',
        OTEL_SDK_DISABLED: 'true',
      }),
    ).toEqual({ enabled: false });
  });

  it('send http/protobuf to the endpoint by default, http/json when asked, named after the service unless OTEL_SERVICE_NAME says', () => {
    expect(tracingSettings('catalog', { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4318' })).toEqual({
      enabled: true,
      protocol: 'http/protobuf',
      serviceName: 'catalog',
      sampler: { name: 'parentbased_always_on', ratio: 1 },
    });
    expect(
      tracingSettings('catalog', {
        OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: 'http://127.0.0.1:4318/v1/traces',
        OTEL_EXPORTER_OTLP_PROTOCOL: 'http/protobuf',
        OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: 'http/json',
        OTEL_SERVICE_NAME: 'catalog-eu-1',
      }),
    ).toMatchObject({ enabled: true, protocol: 'http/json', serviceName: 'catalog-eu-1' });
  });

  it('refuse a protocol this platform does not send, and an endpoint that is not a URL, naming the variable', () => {
    expect(() =>
      tracingSettings('gateway', {
        OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4317',
        OTEL_EXPORTER_OTLP_PROTOCOL: 'grpc',
      }),
    ).toThrow(/OTEL_EXPORTER_OTLP_PROTOCOL/);
    expect(() => tracingSettings('gateway', { OTEL_EXPORTER_OTLP_ENDPOINT: 'collector:4318' })).toThrow(
      /OTEL_EXPORTER_OTLP_ENDPOINT/,
    );
  });

  it('take the sampler OTEL_TRACES_SAMPLER names, and refuse one that would call out or a ratio outside 0..1', () => {
    const endpoint = { OTEL_EXPORTER_OTLP_ENDPOINT: 'http://127.0.0.1:4318' };
    expect(
      tracingSettings('gateway', {
        ...endpoint,
        OTEL_TRACES_SAMPLER: 'parentbased_traceidratio',
        OTEL_TRACES_SAMPLER_ARG: '0.25',
      }),
    ).toMatchObject({ sampler: { name: 'parentbased_traceidratio', ratio: 0.25 } });
    expect(() => tracingSettings('gateway', { ...endpoint, OTEL_TRACES_SAMPLER: 'jaeger_remote' })).toThrow(
      /OTEL_TRACES_SAMPLER/,
    );
    expect(() =>
      tracingSettings('gateway', {
        ...endpoint,
        OTEL_TRACES_SAMPLER: 'traceidratio',
        OTEL_TRACES_SAMPLER_ARG: '2',
      }),
    ).toThrow(/OTEL_TRACES_SAMPLER_ARG/);
  });
});

describe('tracing started from the environment', () => {
  const received: { path: string; contentType: string; body: Buffer }[] = [];
  const collector = http.createServer((request, response) => {
    const chunks: Buffer[] = [];
    request.on('data', (chunk: Buffer) => chunks.push(chunk));
    request.on('end', () => {
      received.push({
        path: request.url ?? '',
        contentType: request.headers['content-type'] ?? '',
        body: Buffer.concat(chunks),
      });
      response.writeHead(200, { 'content-type': request.headers['content-type'] ?? 'application/json' });
      response.end(request.headers['content-type']?.includes('json') ? '{}' : '');
    });
  });
  let endpoint: string;
  beforeAll(async () => {
    await new Promise<void>((resolve) => collector.listen(0, '127.0.0.1', resolve));
    endpoint = `http://127.0.0.1:${(collector.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise((resolve) => collector.close(resolve)));
  afterEach(() => {
    received.length = 0;
    trace.disable();
    propagation.disable();
    context.disable();
  });

  it('registers nothing without an endpoint: spans are no-ops and nothing is sent', async () => {
    const tracing = await startTracing('gateway', logger, {});
    const span = trace.getTracer('test').startSpan('nothing');
    expect(span.isRecording()).toBe(false);
    span.end();
    await tracing.shutdown();
    expect(tracing.enabled).toBe(false);
    expect(received).toEqual([]);
  });

  it.each([
    ['http/protobuf', 'application/x-protobuf'],
    ['http/json', 'application/json'],
  ])('sends the spans to the endpoint over %s, with the service named', async (protocol, contentType) => {
    await spanInAProcess('catalog lookup', {
      OTEL_EXPORTER_OTLP_ENDPOINT: endpoint,
      OTEL_EXPORTER_OTLP_PROTOCOL: protocol,
      OTEL_SERVICE_NAME: 'catalog-eu-1',
    });
    expect(received.map(({ path, contentType: type }) => [path, type])).toEqual([
      ['/v1/traces', contentType],
    ]);
    // Both encodings carry the strings as such: the span's name and the service's.
    expect(received[0]!.body.includes('catalog lookup')).toBe(true);
    expect(received[0]!.body.includes('catalog-eu-1')).toBe(true);
  });

  it("follows a caller's sampling decision, unless told the callers are devices: then its own rule decides", async () => {
    // A device asks for its trace to be sampled; the rule says sample nothing.
    const env = {
      OTEL_EXPORTER_OTLP_ENDPOINT: endpoint,
      OTEL_TRACES_SAMPLER: 'parentbased_traceidratio',
      OTEL_TRACES_SAMPLER_ARG: '0',
      TRACEPARENT: '00-0af7651916cd43dd8448eb211c80319c-b7ad6b7169203331-01',
    };
    expect((await spanInAProcess('followed', env)).sampled).toEqual([true]);
    expect(
      (await spanInAProcess('decided here', { ...env, TRUST_CALLER_SAMPLING: 'false' })).sampled,
    ).toEqual([false]);
    expect(received.filter(({ body }) => body.includes('decided here'))).toEqual([]);
  });

  it('drops spans beyond its queue when the collector is away, counts them and the failed export, and still exits', async () => {
    const away = `http://127.0.0.1:${await closedPort()}`;
    const { sampled, lost } = await spanInAProcess(
      'lost',
      {
        OTEL_EXPORTER_OTLP_ENDPOINT: away,
        OTEL_BSP_MAX_QUEUE_SIZE: '4',
        OTEL_BSP_MAX_EXPORT_BATCH_SIZE: '4',
        OTEL_EXPORTER_OTLP_TIMEOUT: '500',
      },
      20,
    );
    expect(sampled.filter(Boolean)).toHaveLength(20);
    // Every span is lost, and counted once: beyond the queue of 4, or in an export that failed; the
    // exit does not wait for a batch still in flight when another failed (at most one batch of 4).
    expect(lost.queueFull).toBeGreaterThan(0);
    expect(lost.exportFailed).toBeGreaterThan(0);
    expect(lost.queueFull + lost.exportFailed).toBeGreaterThanOrEqual(16);
    expect(lost.queueFull + lost.exportFailed).toBeLessThanOrEqual(20);
  });
});

/** A port nothing listens on (it was free a moment ago). */
async function closedPort(): Promise<number> {
  const server = http.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** test/support/spanInAProcess.ts with `env` added to this process's: what it printed, once it exited 0. */
function spanInAProcess(name: string, env: NodeJS.ProcessEnv, count = 1): Promise<SpansInAProcess> {
  return new Promise((resolve, reject) =>
    execFile(
      process.execPath,
      ['--import', 'tsx', 'test/support/spanInAProcess.ts', name, String(count)],
      { cwd: REPOSITORY_ROOT, env: { ...process.env, ...env }, timeout: 20_000 },
      (error, stdout, stderr) =>
        error
          ? reject(new Error(`${error.message}\n${stderr}`))
          : resolve(JSON.parse(stdout) as SpansInAProcess),
    ),
  );
}
