/**
 * Counts field usage in memory and flushes it to the store. Counting is on every request's path, so
 * it is one map increment: an operation's coordinates are worked out once per parsed document (Apollo
 * Server keeps parsed documents, so a device's operation is the same object every time) and counted
 * per document and client; the counts become one row per coordinate only when flushed, every
 * `flushMs` and when the gateway stops.
 */
import type { DocumentNode, GraphQLSchema, OperationDefinitionNode } from 'graphql';
import { coordinatesUsed } from '@platform/fieldUsage/coordinates';
import { usageReport, type UsageReport } from '@platform/fieldUsage/report';
import { rowKey, utcDay, windowStart, type FieldUsageStore, type UsageRow } from '@platform/fieldUsage/usage';
import type { Logger } from '@platform/log';
import type { ClientIdentity } from './client';

export interface FieldUsageSettings {
  store: FieldUsageStore;
  /** How often counts are written to the store. */
  flushMs: number;
  /** Days the store keeps; older ones are pruned once a day. */
  retentionDays: number;
  logger: Logger;
  /** The clock, for tests. Defaults to Date.now. */
  now?: () => number;
}

/** Distinct client versions counted between two flushes; more are counted as {@link OTHER_CLIENT}. */
export const MAX_CLIENTS_PER_FLUSH = 200;
export const OTHER_CLIENT: ClientIdentity = { name: 'other', version: '' };
/** Rows kept while the store cannot be written; beyond, the oldest are dropped (and counted). */
export const MAX_UNFLUSHED_ROWS = 100_000;

/** One operation of one document: its coordinates, and how often each client sent it since the last flush. */
interface OperationEntry {
  coordinates: readonly string[];
  counts: Map<string, number>;
}

export interface FieldUsageStats {
  flushes: number;
  failedFlushes: number;
  droppedRows: number;
}

export class FieldUsageRecorder {
  readonly stats: FieldUsageStats = { flushes: 0, failedFlushes: 0, droppedRows: 0 };
  private readonly entries = new WeakMap<GraphQLSchema, WeakMap<DocumentNode, Map<string, OperationEntry>>>();
  /** Entries counted since the last flush. */
  private dirty = new Set<OperationEntry>();
  private readonly clients = new Map<string, ClientIdentity>();
  /** Rows not written yet: of a day that ended, or of a flush that failed. */
  private readonly unflushed = new Map<string, UsageRow>();
  private day: string;
  private dayEndsAt: number;
  private prunedOn: string | undefined;
  private failing = false;
  private timer: NodeJS.Timeout | undefined;
  private flushing: Promise<void> = Promise.resolve();
  /** Flushes asked for and not finished. */
  private pending = 0;
  private readonly now: () => number;

  constructor(private readonly settings: FieldUsageSettings) {
    this.now = settings.now ?? Date.now;
    [this.day, this.dayEndsAt] = dayOf(this.now());
  }

  /** Counts one operation `client` sent. */
  record(
    schema: GraphQLSchema,
    document: DocumentNode,
    operation: OperationDefinitionNode,
    client: ClientIdentity,
  ): void {
    if (this.now() >= this.dayEndsAt) this.endDay();
    const entry = this.entry(schema, document, operation);
    const key = this.clientKey(client);
    entry.counts.set(key, (entry.counts.get(key) ?? 0) + 1);
    this.dirty.add(entry);
  }

  start(): void {
    // A tick while a write is still running is skipped, not queued: a slow store (FerretDB takes
    // seconds for thousands of upserts) must not grow a queue of flushes.
    this.timer = setInterval(() => {
      if (this.pending === 0) void this.flush();
    }, this.settings.flushMs);
    this.timer.unref();
  }

  /** Writes what was counted; a failure keeps it for the next flush. One flush at a time. */
  flush(): Promise<void> {
    this.pending += 1;
    this.flushing = this.flushing.then(() => this.write()).finally(() => (this.pending -= 1));
    return this.flushing;
  }

  /** Flushes, then reads the window from the store: what the admin listener serves. */
  async report(days: number): Promise<UsageReport> {
    await this.flush();
    return usageReport(this.settings.store, days, this.now());
  }

  /** Stops the timer and writes the last counts, so a gateway that stops loses none. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
    await this.settings.store.close();
  }

  private entry(
    schema: GraphQLSchema,
    document: DocumentNode,
    operation: OperationDefinitionNode,
  ): OperationEntry {
    let documents = this.entries.get(schema);
    if (!documents) this.entries.set(schema, (documents = new WeakMap()));
    let operations = documents.get(document);
    if (!operations) documents.set(document, (operations = new Map()));
    const name = operation.name?.value ?? '';
    let entry = operations.get(name);
    if (!entry) {
      entry = { coordinates: [...coordinatesUsed(schema, operation, document)], counts: new Map() };
      operations.set(name, entry);
    }
    return entry;
  }

  private clientKey(client: ClientIdentity): string {
    const key = `${client.name}\t${client.version}`;
    if (this.clients.has(key)) return key;
    if (this.clients.size < MAX_CLIENTS_PER_FLUSH) {
      this.clients.set(key, client);
      return key;
    }
    const other = `${OTHER_CLIENT.name}\t${OTHER_CLIENT.version}`;
    this.clients.set(other, OTHER_CLIENT);
    return other;
  }

  /** The counts so far belong to the day that ended: set them aside as its rows. */
  private endDay(): void {
    this.takeCounts();
    [this.day, this.dayEndsAt] = dayOf(this.now());
  }

  private takeCounts(): void {
    const rows: UsageRow[] = [];
    for (const entry of this.dirty) {
      for (const [key, count] of entry.counts) {
        const client = this.clients.get(key)!;
        for (const coordinate of entry.coordinates) {
          rows.push({ day: this.day, coordinate, client: client.name, version: client.version, count });
        }
      }
      entry.counts.clear();
    }
    this.dirty = new Set();
    this.clients.clear();
    this.keep(rows);
  }

  /** Adds rows to those waiting for the store, within {@link MAX_UNFLUSHED_ROWS}. */
  private keep(rows: readonly UsageRow[]): void {
    for (const row of rows) {
      const key = rowKey(row);
      const known = this.unflushed.get(key);
      if (known) known.count += row.count;
      else this.unflushed.set(key, { ...row });
    }
    // Map keeps insertion order: the first keys are the oldest rows.
    for (const key of this.unflushed.keys()) {
      if (this.unflushed.size <= MAX_UNFLUSHED_ROWS) break;
      this.unflushed.delete(key);
      this.stats.droppedRows += 1;
    }
  }

  private async write(): Promise<void> {
    if (this.now() >= this.dayEndsAt) this.endDay();
    this.takeCounts();
    // Taken out while written: a day that ends meanwhile adds its rows afresh.
    const rows = [...this.unflushed.values()];
    this.unflushed.clear();
    try {
      if (rows.length > 0) await this.settings.store.add(rows);
      this.stats.flushes += 1;
      if (this.failing) this.settings.logger.info('field usage written again', { rows: rows.length });
      this.failing = false;
    } catch (error) {
      this.keep(rows);
      this.stats.failedFlushes += 1;
      // Once per outage, not at every flush: the metric counts them.
      if (!this.failing) {
        this.settings.logger.warn('field usage not written; kept for the next flush', {
          rows: this.unflushed.size,
          error: (error as Error).message,
        });
      }
      this.failing = true;
      return;
    }
    if (this.prunedOn === this.day) return;
    try {
      await this.settings.store.prune(windowStart(this.settings.retentionDays, this.now()));
      this.prunedOn = this.day;
    } catch (error) {
      this.settings.logger.warn('old field usage not pruned; tried again at the next flush', {
        error: (error as Error).message,
      });
    }
  }
}

/** The UTC day of `at`, and the instant it ends. */
function dayOf(at: number): [string, number] {
  const day = utcDay(at);
  return [day, Date.parse(`${day}T00:00:00Z`) + 86_400_000];
}
