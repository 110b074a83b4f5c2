/**
 * A Jaeger of a test's own, to read back the traces a process under test exported: the v2 all-in-one
 * binary `.ci/run` builds (`jaegerBinary()` in servers.ts), in-memory storage, and every listener on
 * 127.0.0.1 on a free port chosen at start, so any number of them run beside each other and beside
 * the other tests. Read through Jaeger's HTTP query API (the one its UI uses). The UI itself is a
 * placeholder page: the Go module ships without the UI's built assets.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { freePort } from '@platform/ports';
import { stopProcess } from '@platform/stack';
import { jaegerBinary } from './servers';

/** A tag of the query API: a span's attribute (or a process's resource attribute), typed by Jaeger. */
export interface JaegerTag {
  key: string;
  type: 'string' | 'bool' | 'int64' | 'float64' | 'binary';
  value: unknown;
}

/** A span as `/api/traces` returns it (Jaeger's v1 JSON model, times in microseconds). */
export interface JaegerSpan {
  traceID: string;
  spanID: string;
  operationName: string;
  references: { refType: 'CHILD_OF' | 'FOLLOWS_FROM'; traceID: string; spanID: string }[];
  startTime: number;
  duration: number;
  tags: JaegerTag[];
  /** The span's events: one field `event` with the event's name, then its attributes. */
  logs: { timestamp: number; fields: JaegerTag[] }[];
  /** Key into the trace's `processes`, which holds the service name. */
  processID: string;
}

export interface JaegerTrace {
  traceID: string;
  spans: JaegerSpan[];
  processes: Record<string, { serviceName: string; tags: JaegerTag[] }>;
}

/** One span of a trace, in OpenTelemetry's terms rather than Jaeger's. */
export interface TraceSpan {
  spanId: string;
  name: string;
  service: string;
  /** `server`, `client`, `internal`, `producer` or `consumer`; undefined when the exporter left it unset. */
  kind: string | undefined;
  parentSpanId: string | null;
  /** Every tag of the span, `span.kind` and `otel.status_code` included. */
  attributes: Record<string, unknown>;
  events: { name: string; attributes: Record<string, unknown> }[];
  startMicros: number;
  durationMicros: number;
}

/** A trace's spans, earliest first, each with its service and parent. */
export function spansOf(trace: JaegerTrace): TraceSpan[] {
  const toRecord = (tags: JaegerTag[]) => Object.fromEntries(tags.map((tag) => [tag.key, tag.value]));
  return trace.spans
    .map((span) => {
      const attributes = toRecord(span.tags);
      return {
        spanId: span.spanID,
        name: span.operationName,
        service: trace.processes[span.processID]?.serviceName ?? '',
        kind: typeof attributes['span.kind'] === 'string' ? attributes['span.kind'] : undefined,
        parentSpanId: span.references.find((ref) => ref.refType === 'CHILD_OF')?.spanID ?? null,
        attributes,
        events: span.logs.map(({ fields }) => {
          const { event, ...rest } = toRecord(fields);
          return { name: String(event ?? ''), attributes: rest };
        }),
        startMicros: span.startTime,
        durationMicros: span.duration,
      };
    })
    .sort((a, b) => a.startMicros - b.startMicros);
}

export interface TraceQuery {
  /** At most this many traces (Jaeger's default: 20). */
  limit?: number;
  /** How far back to look, as Jaeger writes it: `1h` (its default), `5m`. */
  lookback?: string;
  operation?: string;
  /** Spans with every one of these attributes. */
  tags?: Record<string, string>;
}

export interface Jaeger {
  /** `http://127.0.0.1:<port>`: the OTLP/HTTP receiver, as OTEL_EXPORTER_OTLP_ENDPOINT wants it. */
  readonly otlpEndpoint: string;
  /** `http://127.0.0.1:<port>`: the query API and UI. */
  readonly queryUrl: string;
  /** The trace as stored so far; null when Jaeger has no span of it. */
  trace(traceId: string): Promise<JaegerTrace | null>;
  traces(service: string, query?: TraceQuery): Promise<JaegerTrace[]>;
  services(): Promise<string[]>;
  /**
   * The trace once `predicate` holds: spans arrive when each exporter flushes, so wait for the ones
   * the test is about, not just the first. Rejects after `timeoutMs`, with what arrived by then.
   */
  waitForTrace(
    traceId: string,
    predicate?: (trace: JaegerTrace) => boolean,
    timeoutMs?: number,
  ): Promise<JaegerTrace>;
  /** Kills the process and removes its directory; nothing of it is left. */
  stop(): Promise<void>;
  /** Jaeger's own log so far (kept after `stop`), for a failing test to show. */
  log(): string;
}

/**
 * Only what the tests need, written out, so nothing listens on Jaeger's fixed default ports: the
 * all-in-one config also opens remote sampling (5778/5779), health check (13133), expvar (27777),
 * zpages (27778), Prometheus metrics (8888), and the Jaeger and Zipkin receivers. The query API's
 * gRPC port cannot be turned off, so it gets a free port too. OTLP over gRPC is left out: the code
 * under test exports over HTTP. No `batch` processor: spans are stored as soon as they arrive.
 */
function configOf(ports: { otlpHttp: number; queryHttp: number; queryGrpc: number }): object {
  return {
    extensions: {
      jaeger_storage: { backends: { memstore: { memory: { max_traces: 10_000 } } } },
      // `enable_tracing` is on by default in v2: Jaeger would trace its own queries over OTLP to
      // whatever OTEL_EXPORTER_OTLP_ENDPOINT says, or localhost:4317.
      jaeger_query: {
        storage: { traces: 'memstore' },
        enable_tracing: false,
        http: { endpoint: `127.0.0.1:${ports.queryHttp}` },
        grpc: { endpoint: `127.0.0.1:${ports.queryGrpc}` },
      },
    },
    receivers: { otlp: { protocols: { http: { endpoint: `127.0.0.1:${ports.otlpHttp}` } } } },
    exporters: { jaeger_storage_exporter: { trace_storage: 'memstore' } },
    service: {
      extensions: ['jaeger_storage', 'jaeger_query'],
      pipelines: { traces: { receivers: ['otlp'], exporters: ['jaeger_storage_exporter'] } },
      // The collector's own telemetry: by default its metrics are served on port 8888. Off; logs to
      // stderr, which goes to the log file.
      telemetry: { metrics: { level: 'none' }, traces: { level: 'none' }, logs: { level: 'info' } },
    },
  };
}

const READY_TIMEOUT_MS = 30_000;

async function ok(url: string, init?: RequestInit): Promise<boolean> {
  try {
    const response = await fetch(url, { ...init, signal: AbortSignal.timeout(1_000) });
    await response.arrayBuffer();
    return response.ok;
  } catch {
    return false;
  }
}

async function getJson<T>(url: string): Promise<{ status: number; body: T }> {
  const response = await fetch(url, { signal: AbortSignal.timeout(10_000) });
  const body = (await response.json()) as T;
  if (!response.ok && response.status !== 404) {
    throw new Error(`Jaeger answered ${response.status} to ${url}: ${JSON.stringify(body)}`);
  }
  return { status: response.status, body };
}

/**
 * Starts a Jaeger; resolves once both its query API and its OTLP receiver answer. A port taken
 * between choosing it and Jaeger binding it (another test's server) means another try on new ports.
 */
export async function startJaeger(): Promise<Jaeger> {
  const binary = jaegerBinary();
  if (!binary)
    throw new Error('No Jaeger binary: set JAEGER_BIN or run `.ci/run` once to build and cache it');
  for (let attempt = 1; ; attempt++) {
    try {
      return await startOnce(binary);
    } catch (error) {
      if (attempt === 3 || !/address already in use/.test(String(error))) throw error;
    }
  }
}

async function startOnce(binary: string): Promise<Jaeger> {
  const dir = mkdtempSync(path.join(tmpdir(), 'jaeger-'));
  const logFile = path.join(dir, 'jaeger.log');
  const configFile = path.join(dir, 'config.yaml');
  const taken = new Set<number>();
  const ports = {
    otlpHttp: await freePort(taken),
    queryHttp: await freePort(taken),
    queryGrpc: await freePort(taken),
  };
  // JSON is YAML: no YAML writer needed.
  writeFileSync(configFile, JSON.stringify(configOf(ports), null, 2));
  // Without the test's OTEL_* variables, Jaeger's SDK parts could not send anything anywhere even if
  // a later version turned one on.
  const env = Object.fromEntries(Object.entries(process.env).filter(([name]) => !name.startsWith('OTEL_')));
  const logFd = openSync(logFile, 'a');
  let child: ChildProcess;
  try {
    child = spawn(binary, ['--config', configFile], { stdio: ['ignore', logFd, logFd], env, cwd: dir });
  } finally {
    closeSync(logFd);
  }
  // Gone: exited, or never started at all ('error' without 'exit').
  let running = true;
  const exited = new Promise<void>((resolve) => {
    const gone = () => {
      running = false;
      resolve();
    };
    child.once('exit', gone);
    child.once('error', gone);
  });
  const otlpEndpoint = `http://127.0.0.1:${ports.otlpHttp}`;
  const queryUrl = `http://127.0.0.1:${ports.queryHttp}`;
  let finalLog: string | null = null;
  const log = () => finalLog ?? readFileSync(logFile, 'utf8');

  async function stop(): Promise<void> {
    if (finalLog !== null) return;
    // Jaeger shuts down in well under a second; no drain grace to wait for.
    if (running) await stopProcess(child, 0);
    await exited;
    finalLog = log();
    rmSync(dir, { recursive: true, force: true });
  }

  async function trace(traceId: string): Promise<JaegerTrace | null> {
    const { status, body } = await getJson<{ data: JaegerTrace[] | null }>(
      `${queryUrl}/api/traces/${traceId}`,
    );
    return status === 404 ? null : (body.data?.[0] ?? null);
  }

  const jaeger: Jaeger = {
    otlpEndpoint,
    queryUrl,
    trace,
    async traces(service, query = {}) {
      const params = new URLSearchParams({ service });
      if (query.limit !== undefined) params.set('limit', String(query.limit));
      if (query.lookback) params.set('lookback', query.lookback);
      if (query.operation) params.set('operation', query.operation);
      if (query.tags) params.set('tags', JSON.stringify(query.tags));
      const { body } = await getJson<{ data: JaegerTrace[] | null }>(`${queryUrl}/api/traces?${params}`);
      return body.data ?? [];
    },
    async services() {
      const { body } = await getJson<{ data: string[] | null }>(`${queryUrl}/api/services`);
      return [...(body.data ?? [])].sort();
    },
    async waitForTrace(traceId, predicate = () => true, timeoutMs = 10_000) {
      const deadline = Date.now() + timeoutMs;
      for (;;) {
        const found = await trace(traceId);
        if (found && predicate(found)) return found;
        if (Date.now() > deadline) {
          const spans = found ? spansOf(found).map(({ service, name }) => `${service}: ${name}`) : [];
          throw new Error(
            `Trace ${traceId} not as expected within ${timeoutMs} ms; spans so far: ${JSON.stringify(spans)}`,
          );
        }
        await new Promise((resolve) => setTimeout(resolve, 100));
      }
    },
    stop,
    log,
  };

  // Ready when the query API answers and the receiver takes an (empty) export: the collector starts
  // its extensions, the query API among them, before its receivers.
  const deadline = Date.now() + READY_TIMEOUT_MS;
  while (Date.now() < deadline && running) {
    const ready =
      (await ok(`${queryUrl}/api/services`)) &&
      (await ok(`${otlpEndpoint}/v1/traces`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"resourceSpans":[]}',
      }));
    if (ready) return jaeger;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  const why = running ? `did not answer within ${READY_TIMEOUT_MS} ms` : 'exited';
  await stop();
  throw new Error(`Jaeger ${why}; its log:\n${log()}`);
}
