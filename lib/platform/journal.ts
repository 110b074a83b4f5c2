/**
 * A write-ahead journal: a durable local queue for writes that must never be lost but need not reach
 * the database before the request is answered (watch history). `append` resolves once the entry is
 * on disk (written and fsync'd), so an accepted write survives a crash or restart of the process;
 * a drainer applies entries to the store in journal order, in batches, retrying with backoff while
 * the store is away.
 *
 * On disk: `<file>` holds one JSON entry per line, appended only; `<file>.offset` holds how many of
 * its bytes have been applied. The offset is saved after each applied batch, so a restart replays at
 * most the batch that was being applied (`apply` must therefore be idempotent). Once every entry is
 * applied the file is truncated to nothing. A line torn by a crash mid-append was never acknowledged
 * and is cut off when the journal opens.
 *
 * One process per file: each playback replica names its own (by port).
 */
import { mkdir, open, readFile, rename, writeFile, type FileHandle } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from './log';
import { UnreachableCaseError } from './unreachable';

export interface JournalOptions<Entry> {
  /** The journal file; created, with its directory, when missing. */
  file: string;
  /**
   * Applies a batch to the store, in journal order. Rejecting means "try again later": the same batch
   * is offered again after a backoff. Must be idempotent (see above).
   */
  apply: (entries: Entry[]) => Promise<void>;
  /** Checks an entry read back from disk; a line it rejects is logged and skipped. Defaults to none. */
  parse?: (value: unknown) => Entry;
  logger: Logger;
  /** Entries per `apply` call. Defaults to 500. */
  batchSize?: number;
  /** Wait after the first failed `apply`; doubles per failure, with jitter. Defaults to 100 ms. */
  retryInitialMs?: number;
  /** Longest wait between two attempts. Defaults to 2_000 (two seconds). */
  retryMaxMs?: number;
}

interface Queued<Entry> {
  entry: Entry;
  /** Byte offset just past this entry's line: the committed offset once it is applied. */
  end: number;
}

interface Appending<Entry> {
  entry: Entry;
  line: string;
  resolve(): void;
  reject(error: unknown): void;
}

export class JournalClosedError extends Error {
  override name = 'JournalClosedError';
}

/** Whether the journal takes appends. Closing waits for the batch being applied and the file writes. */
type JournalState = { phase: 'open' } | { phase: 'closing'; closed: Promise<void> } | { phase: 'closed' };

/** The group-commit writer: idle, or writing (`entries` of them in the write under way, 0 between two). */
type WriterState = { phase: 'idle' } | { phase: 'flushing'; entries: number };

/** The drainer: applying (or truncating), waiting for entries, or waiting out a backoff. */
type DrainerState =
  { phase: 'working' } | { phase: 'waiting'; wake: () => void } | { phase: 'backingOff'; cancel: () => void };

export class Journal<Entry> {
  /** Durable entries not yet applied, in order. */
  private readonly queue: Queued<Entry>[];
  /** Entries waiting for the next group commit. */
  private appending: Appending<Entry>[] = [];
  /** Serializes writes to the file (group commits and truncation); never rejects. */
  private io: Promise<void> = Promise.resolve();
  private state: JournalState = { phase: 'open' };
  private writer: WriterState = { phase: 'idle' };
  private drainer: DrainerState = { phase: 'working' };
  private idleWaiters: (() => void)[] = [];
  private readonly draining: Promise<void>;
  private readonly batchSize: number;
  private readonly retryInitialMs: number;
  private readonly retryMaxMs: number;

  private constructor(
    private readonly options: JournalOptions<Entry>,
    private readonly handle: FileHandle,
    /** Bytes in the file. */
    private size: number,
    queue: Queued<Entry>[],
  ) {
    this.queue = queue;
    this.batchSize = options.batchSize ?? 500;
    this.retryInitialMs = options.retryInitialMs ?? 100;
    this.retryMaxMs = options.retryMaxMs ?? 2_000;
    this.draining = this.drain();
  }

  /** Opens (or creates) the journal, queues what it holds beyond the committed offset, starts draining. */
  static async open<Entry>(options: JournalOptions<Entry>): Promise<Journal<Entry>> {
    await mkdir(path.dirname(options.file), { recursive: true });
    const content = await readFile(options.file).catch((error: NodeJS.ErrnoException) => {
      if (error.code === 'ENOENT') return Buffer.alloc(0);
      throw error;
    });
    // Everything after the last newline is a torn append that was never acknowledged.
    const size = content.lastIndexOf(0x0a) + 1;
    let committed = await readOffset(offsetFileOf(options.file));
    // Larger than the file: a crash between truncating and saving the offset; nothing is left.
    if (committed > size) committed = 0;
    const queue: Queued<Entry>[] = [];
    let start = committed;
    while (start < size) {
      const end = content.indexOf(0x0a, start) + 1;
      const line = content.subarray(start, end - 1).toString('utf8');
      try {
        const value: unknown = JSON.parse(line);
        queue.push({ entry: options.parse ? options.parse(value) : (value as Entry), end });
      } catch (error) {
        options.logger.error('journal entry unreadable; skipped', {
          file: options.file,
          offset: start,
          error: (error as Error).message,
        });
      }
      start = end;
    }
    const handle = await open(options.file, 'a');
    if (size < content.length) await handle.truncate(size);
    if (queue.length > 0) {
      options.logger.info('journal resumed', { file: options.file, pending: queue.length });
    }
    return new Journal(options, handle, size, queue);
  }

  /** Entries accepted but not yet applied to the store. */
  get pending(): number {
    const writing = this.writer.phase === 'flushing' ? this.writer.entries : 0;
    return this.queue.length + writing + this.appending.length;
  }

  /**
   * Makes `entry` durable; resolves once it is on disk. Appends that arrive while a write is in
   * progress are written and fsync'd together (group commit), so concurrent callers share one fsync.
   */
  append(entry: Entry): Promise<void> {
    if (this.state.phase !== 'open') return Promise.reject(new JournalClosedError('The journal is closed'));
    return new Promise((resolve, reject) => {
      this.appending.push({ entry, line: `${JSON.stringify(entry)}\n`, resolve, reject });
      if (this.writer.phase === 'idle') this.flush();
    });
  }

  /** Resolves when every entry appended so far has been applied (tests and benchmarks). */
  drained(): Promise<void> {
    if (this.pending === 0) return Promise.resolve();
    return new Promise((resolve) => this.idleWaiters.push(resolve));
  }

  /**
   * Stops draining after the batch in flight; what is not applied stays in the file for next time.
   * Calling it again while it closes returns the same promise.
   */
  close(): Promise<void> {
    const state = this.state;
    switch (state.phase) {
      case 'open': {
        const closed = this.stopDraining();
        this.state = { phase: 'closing', closed };
        return closed;
      }
      case 'closing':
        return state.closed;
      case 'closed':
        return Promise.resolve();
      default:
        throw new UnreachableCaseError(state);
    }
  }

  private async stopDraining(): Promise<void> {
    // The state is already `closing` by the first await: the drainer's loop sees it when it wakes.
    await Promise.resolve();
    const drainer = this.drainer;
    switch (drainer.phase) {
      case 'waiting':
        drainer.wake();
        break;
      case 'backingOff':
        drainer.cancel();
        break;
      case 'working':
        break;
      default:
        throw new UnreachableCaseError(drainer);
    }
    await this.draining;
    await this.io;
    await this.handle.close();
    this.state = { phase: 'closed' };
  }

  private flush(): void {
    this.writer = { phase: 'flushing', entries: 0 };
    void this.serialize(async () => {
      while (this.appending.length > 0) {
        const batch = this.appending.splice(0);
        this.writer = { phase: 'flushing', entries: batch.length };
        const lines = Buffer.from(batch.map(({ line }) => line).join(''));
        try {
          await this.handle.write(lines);
          await this.handle.datasync();
        } catch (error) {
          // Cut off whatever part of the write landed, so the next line starts clean.
          await this.handle.truncate(this.size).catch(() => undefined);
          this.writer = { phase: 'flushing', entries: 0 };
          batch.forEach(({ reject }) => reject(error));
          continue;
        }
        let end = this.size;
        for (const { entry, line } of batch) {
          end += Buffer.byteLength(line);
          this.queue.push({ entry, end });
        }
        this.size = end;
        this.writer = { phase: 'flushing', entries: 0 };
        batch.forEach(({ resolve }) => resolve());
        if (this.drainer.phase === 'waiting') this.drainer.wake();
      }
      this.writer = { phase: 'idle' };
    });
  }

  private async drain(): Promise<void> {
    let failures = 0;
    let lastError = '';
    while (this.state.phase === 'open') {
      if (this.queue.length === 0) {
        await this.truncateIfApplied();
        if (this.queue.length > 0 || this.state.phase !== 'open') continue;
        if (this.pending === 0) this.idleWaiters.splice(0).forEach((resolve) => resolve());
        await new Promise<void>((resolve) => (this.drainer = { phase: 'waiting', wake: resolve }));
        this.drainer = { phase: 'working' };
        continue;
      }
      const batch = this.queue.slice(0, this.batchSize);
      try {
        await this.options.apply(batch.map(({ entry }) => entry));
      } catch (error) {
        failures++;
        // Once per outage, and again whenever the reason changes: not once per retry.
        const message = (error as Error).message;
        if (failures === 1 || message !== lastError) {
          this.options.logger.warn('journal cannot apply entries; retrying with backoff', {
            file: this.options.file,
            pending: this.pending,
            failures,
            error: message,
          });
        }
        lastError = message;
        await this.backoff(failures);
        continue;
      }
      if (failures > 0) {
        this.options.logger.info('journal applying again', { file: this.options.file, failures });
        failures = 0;
        lastError = '';
      }
      this.queue.splice(0, batch.length);
      // Not saving it only means replaying this (idempotent) batch after a restart.
      await saveOffset(offsetFileOf(this.options.file), batch.at(-1)!.end).catch((error: unknown) =>
        this.options.logger.warn('journal offset not saved', { error: (error as Error).message }),
      );
    }
  }

  /** Everything applied: empty the file, so it never grows past one outage's worth of writes. */
  private truncateIfApplied(): Promise<void> {
    return this.serialize(async () => {
      if (this.queue.length > 0 || this.size === 0) return;
      await this.handle.truncate(0);
      this.size = 0;
      await saveOffset(offsetFileOf(this.options.file), 0);
    }).catch((error: unknown) => {
      this.options.logger.warn('journal could not be truncated', { error: (error as Error).message });
    });
  }

  /** Runs `task` after every file operation queued before it. */
  private serialize(task: () => Promise<void>): Promise<void> {
    const run = this.io.then(task);
    this.io = run.catch(() => undefined);
    return run;
  }

  private backoff(failures: number): Promise<void> {
    const ceiling = Math.min(this.retryMaxMs, this.retryInitialMs * 2 ** (failures - 1));
    const delayMs = ceiling / 2 + Math.random() * (ceiling / 2);
    return new Promise<void>((resolve) => {
      const timer = setTimeout(done, delayMs);
      function done() {
        clearTimeout(timer);
        resolve();
      }
      this.drainer = { phase: 'backingOff', cancel: done };
    }).finally(() => {
      this.drainer = { phase: 'working' };
    });
  }
}

function offsetFileOf(file: string): string {
  return `${file}.offset`;
}

async function readOffset(file: string): Promise<number> {
  try {
    const offset = Number((await readFile(file, 'utf8')).trim());
    return Number.isSafeInteger(offset) && offset >= 0 ? offset : 0;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return 0;
    throw error;
  }
}

/** Atomically: a reader sees the old offset or the new one, never half of one. */
async function saveOffset(file: string, offset: number): Promise<void> {
  const temporary = `${file}.tmp`;
  await writeFile(temporary, String(offset));
  await rename(temporary, file);
}
