/**
 * Keeps decision records in a bounded buffer and writes them to the store in the background, every
 * `flushMs` and when the gateway stops: a play never waits on the store. While the store is away
 * the buffer holds what it can; beyond {@link MAX_BUFFERED_RECORDS} the oldest records are dropped,
 * counted and logged, so that an outage costs records, never memory or plays.
 */
import type { DecisionRecord, DecisionStore } from '@platform/decisions/record';
import type { Logger } from '@platform/log';

export interface DecisionRecorderSettings {
  store: DecisionStore;
  flushMs: number;
  /** Days the store keeps; older records are pruned once a day. */
  retentionDays: number;
  logger: Logger;
  /** The clock, for tests. Defaults to Date.now. */
  now?: () => number;
  /**
   * Whether plays are recorded now; always, unless told. `npm run bench:decisions:stack` switches one
   * stack between recording and not, so the two are measured on the same processes.
   */
  recording?: () => boolean;
}

/** Records held while the store cannot be written (about 1.5 kB each). */
export const MAX_BUFFERED_RECORDS = 20_000;
/** Records per write: one command each, well inside the store's deadline. */
export const RECORDS_PER_WRITE = 1_000;

const DAY_MS = 86_400_000;

export interface DecisionRecorderStats {
  written: number;
  dropped: number;
  failedWrites: number;
}

export class DecisionRecorder {
  readonly stats: DecisionRecorderStats = { written: 0, dropped: 0, failedWrites: 0 };
  private buffer: DecisionRecord[] = [];
  private timer: NodeJS.Timeout | undefined;
  private writing: Promise<void> = Promise.resolve();
  private busy = false;
  private failing = false;
  private prunedAt = 0;
  private readonly now: () => number;

  constructor(private readonly settings: DecisionRecorderSettings) {
    this.now = settings.now ?? Date.now;
  }

  /** Whether plays are recorded now: while not, the gateway asks for no evidence and builds no record. */
  get recording(): boolean {
    return this.settings.recording?.() ?? true;
  }

  /** Takes one record; never waits and never throws. */
  add(record: DecisionRecord): void {
    if (this.buffer.length >= MAX_BUFFERED_RECORDS) {
      this.buffer.shift();
      this.stats.dropped += 1;
      if (this.stats.dropped % 1_000 === 1) {
        this.settings.logger.warn('decision records dropped: the store is behind', {
          dropped: this.stats.dropped,
        });
      }
    }
    this.buffer.push(record);
  }

  start(): void {
    // A tick while a write runs is skipped: a slow store must not grow a queue of writes.
    this.timer = setInterval(() => {
      if (!this.busy) void this.flush();
    }, this.settings.flushMs);
    this.timer.unref();
  }

  /** Writes what is buffered; what fails stays for the next flush. One flush at a time. */
  flush(): Promise<void> {
    this.writing = this.writing.then(() => this.write());
    return this.writing;
  }

  /** Stops the timer and writes the last records, so a gateway that stops cleanly loses none. */
  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.flush();
    if (this.buffer.length > 0) {
      this.settings.logger.error('decision records lost at stop: the store did not take them', {
        lost: this.buffer.length,
      });
    }
    await this.settings.store.close();
  }

  private async write(): Promise<void> {
    this.busy = true;
    try {
      while (this.buffer.length > 0) {
        const batch = this.buffer.slice(0, RECORDS_PER_WRITE);
        const droppedBefore = this.stats.dropped;
        try {
          await this.settings.store.add(batch);
        } catch (error) {
          this.stats.failedWrites += 1;
          if (!this.failing) {
            this.failing = true;
            this.settings.logger.warn('decision store unavailable; records kept for the next write', {
              buffered: this.buffer.length,
              error: (error as Error).message,
            });
          }
          return;
        }
        // Records dropped while the write ran left from the head, where this batch was.
        this.buffer.splice(0, Math.max(0, batch.length - (this.stats.dropped - droppedBefore)));
        this.stats.written += batch.length;
        if (this.failing) {
          this.failing = false;
          this.settings.logger.info('decision store writing again', { buffered: this.buffer.length });
        }
      }
      await this.pruneDaily();
    } finally {
      this.busy = false;
    }
  }

  private async pruneDaily(): Promise<void> {
    const now = this.now();
    if (now - this.prunedAt < DAY_MS) return;
    this.prunedAt = now;
    try {
      await this.settings.store.prune(new Date(now - this.settings.retentionDays * DAY_MS));
    } catch (error) {
      this.prunedAt = 0;
      this.settings.logger.warn('decision records not pruned', { error: (error as Error).message });
    }
  }
}
