/**
 * Traces over OTLP, configured as every OpenTelemetry SDK is, by the standard variables:
 * `OTEL_EXPORTER_OTLP_ENDPOINT` (or `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT`), `..._PROTOCOL`
 * (`http/protobuf`, the default, or `http/json`), `..._HEADERS`, `..._TIMEOUT`, `OTEL_SERVICE_NAME`,
 * `OTEL_RESOURCE_ATTRIBUTES`, `OTEL_TRACES_SAMPLER` / `_ARG` and `OTEL_BSP_*`.
 *
 * Sampling: a service only the gateway calls follows the gateway's decision (the `traceparent` flag).
 * The gateway, which devices call, keeps a device's trace id but decides for itself, by the configured
 * sampler's rule for a new trace: a device cannot make every one of its requests traced, nor hide one.
 *
 * Off unless an endpoint is set: then the SDK is not even loaded, every span the code starts is
 * OpenTelemetry's no-op, and nothing is sent anywhere. On, spans go to that endpoint and nowhere else:
 * no resource detector but the environment's runs (no cloud metadata service is asked what host this
 * is), and only W3C trace context crosses process boundaries (baggage from outside is not trusted).
 * Spans take their parent from the request they belong to, not from an active context (register.ts).
 */
import type { DiagLogger, Meter, MeterProvider } from '@opentelemetry/api';
import type { BufferConfig } from '@opentelemetry/sdk-trace-node';
import { z } from 'zod';
import { firstIssue } from '../firstIssue';
import type { Logger } from '../log';

const PROTOCOLS = ['http/protobuf', 'http/json'] as const;
/** The samplers OpenTelemetry's environment names (`jaeger_remote` and `xray` would call out). */
const SAMPLERS = [
  'always_on',
  'always_off',
  'traceidratio',
  'parentbased_always_on',
  'parentbased_always_off',
  'parentbased_traceidratio',
] as const;
type SamplerName = (typeof SAMPLERS)[number];

/** OTLP over HTTP: an http(s) URL. */
const endpoint = z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' });

/** The `OTEL_*` variables every service reads (the Helm chart sets some; test/deploy/ checks them). */
export const tracingEnvShape = z.object({
  OTEL_SDK_DISABLED: z.enum(['true', 'false']).optional(),
  OTEL_EXPORTER_OTLP_ENDPOINT: endpoint.optional(),
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: endpoint.optional(),
  OTEL_EXPORTER_OTLP_PROTOCOL: z.enum(PROTOCOLS).optional(),
  OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: z.enum(PROTOCOLS).optional(),
  OTEL_SERVICE_NAME: z.string().min(1).optional(),
  OTEL_TRACES_SAMPLER: z.enum(SAMPLERS).optional(),
  OTEL_TRACES_SAMPLER_ARG: z.coerce.number().min(0).max(1).optional(),
});

export type TracingSettings =
  | { enabled: false }
  | {
      enabled: true;
      protocol: (typeof PROTOCOLS)[number];
      serviceName: string;
      /** `ratio`: the share of traces `traceidratio` keeps (`OTEL_TRACES_SAMPLER_ARG`, default 1). */
      sampler: { name: SamplerName; ratio: number };
    };

/** What the environment asks for; a bad value throws, naming the variable (`grpc` is not offered). */
export function tracingSettings(service: string, env: NodeJS.ProcessEnv): TracingSettings {
  const parsed = tracingEnvShape.safeParse(env);
  if (!parsed.success) throw new Error(`Invalid tracing settings: ${firstIssue(parsed.error)}`);
  const settings = parsed.data;
  const url = settings.OTEL_EXPORTER_OTLP_TRACES_ENDPOINT ?? settings.OTEL_EXPORTER_OTLP_ENDPOINT;
  if (!url || settings.OTEL_SDK_DISABLED === 'true') return { enabled: false };
  return {
    enabled: true,
    protocol:
      settings.OTEL_EXPORTER_OTLP_TRACES_PROTOCOL ?? settings.OTEL_EXPORTER_OTLP_PROTOCOL ?? 'http/protobuf',
    serviceName: settings.OTEL_SERVICE_NAME ?? service,
    sampler: {
      name: settings.OTEL_TRACES_SAMPLER ?? 'parentbased_always_on',
      ratio: settings.OTEL_TRACES_SAMPLER_ARG ?? 1,
    },
  };
}

export interface TracingOptions {
  /**
   * Whether a caller's sampling decision stands: true for a service only the gateway calls, false
   * for the gateway itself (devices call it). Defaults to true.
   */
  trustCallerSampling?: boolean;
}

export interface Tracing {
  readonly enabled: boolean;
  /** Sends what is still queued and stops: part of every service's drain. */
  shutdown(): Promise<void>;
}

const OFF: Tracing = { enabled: false, shutdown: async () => {} };

let started = false;
const lost = { queueFull: 0, exportFailed: 0 };

/**
 * Spans this process finished and did not deliver: dropped because the export queue was full (the
 * collector is slow or away; `OTEL_BSP_MAX_QUEUE_SIZE`), or in an export that failed.
 */
export function spansLost(): Readonly<typeof lost> {
  return lost;
}

/**
 * Whether this process traces (startTracing found an endpoint): what costs something to watch even
 * when nothing samples it (MongoDB's command events) is watched only then.
 */
export function tracingStarted(): boolean {
  return started;
}

/**
 * Registers the tracer provider for this process when the environment asks for traces; call it
 * before the service builds anything. `service` names the process unless `OTEL_SERVICE_NAME` does.
 */
export async function startTracing(
  service: string,
  logger: Logger,
  env = process.env,
  options: TracingOptions = {},
): Promise<Tracing> {
  const settings = tracingSettings(service, env);
  if (!settings.enabled) return OFF;
  // Loaded only when asked for: a process without an endpoint carries none of the SDK.
  const [api, { useTracerProvider }, resources, sdk, exporter] = await Promise.all([
    import('@opentelemetry/api'),
    import('./register.js'),
    import('@opentelemetry/resources'),
    import('@opentelemetry/sdk-trace-node'),
    settings.protocol === 'http/json'
      ? import('@opentelemetry/exporter-trace-otlp-http')
      : import('@opentelemetry/exporter-trace-otlp-proto'),
  ]);
  const resource = resources
    .resourceFromAttributes({ 'service.name': settings.serviceName })
    .merge(resources.detectResources({ detectors: [resources.envDetector] }));
  // The processor reads OTEL_BSP_* itself; a full queue drops spans rather than holding up a request.
  // It passes `selfObsMeterProvider` on to its base (experimental in SDK 2.x, which is pinned; the
  // setup test fails if the drops stop being counted).
  const counted = { selfObsMeterProvider: lostSpanCounter(api.createNoopMeter()) };
  const provider = new sdk.NodeTracerProvider({
    resource,
    sampler: samplerOf(sdk, settings.sampler, options.trustCallerSampling ?? true),
    spanProcessors: [new sdk.BatchSpanProcessor(new exporter.OTLPTraceExporter(), counted as BufferConfig)],
  });
  // The SDK's own complaints (an export that failed) go to the service's log, not to stderr.
  api.diag.setLogger(
    { ...silentDiag, error: (message) => logger.warn(`tracing: ${message}`) },
    api.DiagLogLevel.ERROR,
  );
  useTracerProvider(provider);
  started = true;
  logger.info('tracing on', {
    protocol: settings.protocol,
    serviceName: settings.serviceName,
    sampler: settings.sampler.name,
  });
  return { enabled: true, shutdown: () => provider.shutdown() };
}

type Sdk = typeof import('@opentelemetry/sdk-trace-node');

/**
 * The sampler the environment names. With `trustCallerSampling` false, a trace a caller began is
 * sampled by the rule for a new trace: the caller's trace id, this service's decision.
 */
function samplerOf(sdk: Sdk, sampler: { name: SamplerName; ratio: number }, trustCallerSampling: boolean) {
  const rule = sampler.name.replace('parentbased_', '');
  const root =
    rule === 'always_on'
      ? new sdk.AlwaysOnSampler()
      : rule === 'always_off'
        ? new sdk.AlwaysOffSampler()
        : new sdk.TraceIdRatioBasedSampler(sampler.ratio);
  if (!sampler.name.startsWith('parentbased_')) return root;
  return new sdk.ParentBasedSampler(
    trustCallerSampling ? { root } : { root, remoteParentSampled: root, remoteParentNotSampled: root },
  );
}

/**
 * The batch span processor's own counts (OpenTelemetry's `otel.sdk.processor.span.processed`), kept
 * as {@link spansLost}: of all its instruments only that counter's failures are of interest here.
 */
function lostSpanCounter(noop: Meter): MeterProvider {
  const meter: Meter = Object.create(noop);
  meter.createCounter = () => ({
    add(count, attributes) {
      const error = attributes?.['error.type'];
      if (error === 'queue_full') lost.queueFull += count;
      else if (error !== undefined) lost.exportFailed += count;
    },
  });
  return { getMeter: () => meter };
}

const silentDiag: DiagLogger = {
  error: () => {},
  warn: () => {},
  info: () => {},
  debug: () => {},
  verbose: () => {},
};
