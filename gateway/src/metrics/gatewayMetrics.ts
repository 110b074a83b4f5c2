/**
 * Prometheus metrics of the gateway, served at `/metrics`: how each subgraph answers, what the
 * fallbacks stood in for, the state of every replica's circuit, and the spans tracing could not deliver.
 */
import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { spansLost } from '@platform/tracing/setup';
import type { AdmissionControl } from '@platform/overload/admission';
import type { FieldUsageStats } from '../fieldUsage/recorder';
import type { DecisionRecorderStats } from '../decisions/recorder';

export interface GatewayMetrics {
  registry: Registry;
  fetchDuration: Histogram<'subgraph' | 'outcome'>;
  fetchFailures: Counter<'subgraph' | 'reason'>;
  fallbacks: Counter<'subgraph' | 'fallback'>;
  circuitState: Gauge<'subgraph' | 'replica'>;
  /** Supergraph changes seen by the watcher or poller (gateway/src/supergraph/), applied or refused. */
  supergraphUpdates: Counter<'outcome'>;
  /** Answered requests per API generation (`graphql`, `legacy-v1`), route and status (gateway/src/legacy/). */
  requests: Counter<'api' | 'route' | 'status'>;
  /** Reports the overload gate's limit and refusals (gateway/src/overload/) when it runs. */
  watchAdmission(admission: AdmissionControl): void;
  /** Reports field usage's flushes and dropped rows (gateway/src/fieldUsage/) when it counts. */
  watchFieldUsage(stats: FieldUsageStats): void;
  watchDecisionRecords(stats: DecisionRecorderStats): void;
}

export function createMetrics(): GatewayMetrics {
  const registry = new Registry();
  collectDefaultMetrics({ register: registry });
  countLostSpans(registry);
  return {
    registry,
    fetchDuration: new Histogram({
      name: 'gateway_subgraph_fetch_duration_seconds',
      help: 'Duration of subgraph fetches, all attempts included, by outcome (ok, failed).',
      labelNames: ['subgraph', 'outcome'],
      buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
      registers: [registry],
    }),
    fetchFailures: new Counter({
      name: 'gateway_subgraph_fetch_failures_total',
      help: 'Failed subgraph attempts by reason (timeout, connection, http_5xx, shed, circuit_open, deadline, refused).',
      labelNames: ['subgraph', 'reason'],
      registers: [registry],
    }),
    fallbacks: new Counter({
      name: 'gateway_fallbacks_total',
      help: 'Fields answered by a fallback, by subgraph and kind (STALE, DEFAULT, OMITTED).',
      labelNames: ['subgraph', 'fallback'],
      registers: [registry],
    }),
    circuitState: new Gauge({
      name: 'gateway_subgraph_circuit_state',
      help: 'Circuit of each subgraph replica: 0 closed, 1 open, 2 half-open.',
      labelNames: ['subgraph', 'replica'],
      registers: [registry],
    }),
    supergraphUpdates: new Counter({
      name: 'gateway_supergraph_updates_total',
      help: 'Changed supergraphs seen while running, by outcome (applied, refused: the old one kept serving).',
      labelNames: ['outcome'],
      registers: [registry],
    }),
    requests: new Counter({
      name: 'gateway_requests_total',
      help: 'Answered requests per API generation (graphql, legacy-v1), route and HTTP status.',
      labelNames: ['api', 'route', 'status'],
      registers: [registry],
    }),
    watchAdmission: (admission) => watchAdmission(registry, admission),
    watchFieldUsage: (stats) => watchFieldUsage(registry, stats),
    watchDecisionRecords: (stats) => watchDecisionRecords(registry, stats),
  };
}

/** Read from the recorder when scraped. */
function watchFieldUsage(registry: Registry, stats: FieldUsageStats): void {
  new Counter({
    name: 'gateway_field_usage_flushes_total',
    help: 'Writes of field usage counts to their store, by outcome (written, failed: kept for the next one).',
    labelNames: ['outcome'],
    registers: [registry],
    collect() {
      this.reset();
      this.inc({ outcome: 'written' }, stats.flushes);
      this.inc({ outcome: 'failed' }, stats.failedFlushes);
    },
  });
  new Counter({
    name: 'gateway_field_usage_dropped_rows_total',
    help: 'Field usage rows dropped because the store stayed unwritable and too many waited for it.',
    registers: [registry],
    collect() {
      this.reset();
      this.inc(stats.droppedRows);
    },
  });
}

/** Read from the recorder when scraped. */
function watchDecisionRecords(registry: Registry, stats: DecisionRecorderStats): void {
  new Counter({
    name: 'gateway_decision_records_total',
    help: 'Play decision records by outcome (written to the store; dropped: the store stayed away and the buffer was full).',
    labelNames: ['outcome'],
    registers: [registry],
    collect() {
      this.reset();
      this.inc({ outcome: 'written' }, stats.written);
      this.inc({ outcome: 'dropped' }, stats.dropped);
    },
  });
  new Counter({
    name: 'gateway_decision_record_write_failures_total',
    help: 'Writes of decision records that failed; their records stay buffered for the next write.',
    registers: [registry],
    collect() {
      this.reset();
      this.inc(stats.failedWrites);
    },
  });
}

/** Read from the gate when scraped. */
function watchAdmission(registry: Registry, admission: AdmissionControl): void {
  new Gauge({
    name: 'gateway_admission_limit',
    help: 'Requests the gateway works on at once before it refuses the lower classes (adapts to its load).',
    registers: [registry],
    collect() {
      this.set(admission.limit);
    },
  });
  new Counter({
    name: 'gateway_requests_shed_total',
    help: 'Requests refused with 503 under overload, by class (critical, prefetch, browse, analyst).',
    labelNames: ['class'],
    registers: [registry],
    collect() {
      this.reset();
      for (const [requestClass, count] of Object.entries(admission.shed))
        this.inc({ class: requestClass }, count);
    },
  });
}

/** Read from tracing's own count when scraped (0 while tracing is off). */
function countLostSpans(registry: Registry): void {
  new Counter({
    name: 'gateway_trace_spans_lost_total',
    help: 'Finished spans not delivered to the collector: dropped with the export queue full (queue_full), or in a failed export (export_failed).',
    labelNames: ['reason'],
    registers: [registry],
    collect() {
      const lost = spansLost();
      this.reset();
      this.inc({ reason: 'queue_full' }, lost.queueFull);
      this.inc({ reason: 'export_failed' }, lost.exportFailed);
    },
  });
}
