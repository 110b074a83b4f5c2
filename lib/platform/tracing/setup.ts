/**
 * Traces over OTLP, configured as every OpenTelemetry SDK is, by the standard variables:
 * `OTEL_EXPORTER_OTLP_ENDPOINT` (or `OTEL_EXPORTER_OTLP_TRACES_ENDPOINT`), `..._PROTOCOL`
 * (`http/protobuf`, the default, or `http/json`), `..._HEADERS`, `..._TIMEOUT`, `OTEL_SERVICE_NAME`,
 * `OTEL_RESOURCE_ATTRIBUTES`, `OTEL_TRACES_SAMPLER` / `_ARG` and `OTEL_BSP_*`.
 *
 * Off unless an endpoint is set: then the SDK is not even loaded, every span the code starts is
 * OpenTelemetry's no-op, and nothing is sent anywhere. On, spans go to that endpoint and nowhere else:
 * no resource detector but the environment's runs (no cloud metadata service is asked what host this
 * is), and only W3C trace context crosses process boundaries (baggage from outside is not trusted).
 */
import { z } from 'zod';
import { firstIssue } from '../firstIssue';
import type { Logger } from '../log';

const PROTOCOLS = ['http/protobuf', 'http/json'] as const;

/** OTLP over HTTP: an http(s) URL. */
const endpoint = z.url({ protocol: /^https?$/, error: 'must be an http:// or https:// URL' });

const tracingEnvShape = z.object({
  OTEL_SDK_DISABLED: z.enum(['true', 'false']).optional(),
  OTEL_EXPORTER_OTLP_ENDPOINT: endpoint.optional(),
  OTEL_EXPORTER_OTLP_TRACES_ENDPOINT: endpoint.optional(),
  OTEL_EXPORTER_OTLP_PROTOCOL: z.enum(PROTOCOLS).optional(),
  OTEL_EXPORTER_OTLP_TRACES_PROTOCOL: z.enum(PROTOCOLS).optional(),
  OTEL_SERVICE_NAME: z.string().min(1).optional(),
});

export type TracingSettings =
  { enabled: false } | { enabled: true; protocol: (typeof PROTOCOLS)[number]; serviceName: string };

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
  };
}

export interface Tracing {
  readonly enabled: boolean;
  /** Sends what is still queued and stops: part of every service's drain. */
  shutdown(): Promise<void>;
}

const OFF: Tracing = { enabled: false, shutdown: async () => {} };

let started = false;

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
export async function startTracing(service: string, logger: Logger, env = process.env): Promise<Tracing> {
  const settings = tracingSettings(service, env);
  if (!settings.enabled) return OFF;
  // Loaded only when asked for: a process without an endpoint carries none of the SDK.
  const [{ W3CTraceContextPropagator }, resources, { NodeTracerProvider, BatchSpanProcessor }, exporter] =
    await Promise.all([
      import('@opentelemetry/core'),
      import('@opentelemetry/resources'),
      import('@opentelemetry/sdk-trace-node'),
      settings.protocol === 'http/json'
        ? import('@opentelemetry/exporter-trace-otlp-http')
        : import('@opentelemetry/exporter-trace-otlp-proto'),
    ]);
  const resource = resources
    .resourceFromAttributes({ 'service.name': settings.serviceName })
    .merge(resources.detectResources({ detectors: [resources.envDetector] }));
  const provider = new NodeTracerProvider({
    resource,
    // Reads OTEL_BSP_* itself; a full queue drops spans rather than holding up a request.
    spanProcessors: [new BatchSpanProcessor(new exporter.OTLPTraceExporter())],
  });
  provider.register({ propagator: new W3CTraceContextPropagator() });
  started = true;
  logger.info('tracing on', { protocol: settings.protocol, serviceName: settings.serviceName });
  return { enabled: true, shutdown: () => provider.shutdown() };
}
