/**
 * What the control plane should hear about (where a session ended; that a prefetched manifest was
 * started), kept in a persistent outbox and delivered with retries in the background. Nothing here
 * ever delays or breaks playback: an entry is written after what it reports happened, every failure is
 * kept for a later attempt, and no error escapes to the player. The answer to a start report (the
 * renewed manifest, or the refusal that stops the session) goes to {@link Outbox.onStartAnswer}'s
 * listeners.
 */
import type { PlayInput } from './__generated__/operations';
import type { Clock } from './clock';

export interface EndPlaybackInput {
  /** The manifest's compact JWS, exactly as `play` returned it. */
  manifest: string;
  /** Whole seconds from the start of the title, 0 to 86400. */
  positionSeconds: number;
  completed: boolean;
}

export interface StartPlaybackInput {
  /** The prefetched manifest's compact JWS, exactly as `prefetch` returned it. */
  manifest: string;
  /** The `PlayInput` it was prefetched with. */
  play: PlayInput;
}

/** What the control plane answered to a start: carry on with a renewed manifest, or stop. */
export type StartAnswer =
  { allowed: true; manifest: string } | { allowed: false; reason: string; message: string };

export type OutboxReport =
  { kind: 'endPlayback'; input: EndPlaybackInput } | { kind: 'startPlayback'; input: StartPlaybackInput };

export type OutboxEntry = OutboxReport & {
  id: string;
  /** Clock ms when the entry was written. */
  createdAt: number;
  attempts: number;
  /** Clock ms before which no attempt is made. */
  nextAttemptAt: number;
  lastError?: string;
};

/**
 * Where entries survive a restart of the app. In memory ({@link MemoryOutboxStore}); in Node, a file
 * (`node/fileOutbox.ts`); in a browser, `localStorage` (load = JSON.parse of one key, save =
 * JSON.stringify into it).
 */
export interface OutboxStore {
  load(): Promise<OutboxEntry[]>;
  save(entries: OutboxEntry[]): Promise<void>;
}

export class MemoryOutboxStore implements OutboxStore {
  private entries: OutboxEntry[] = [];

  async load(): Promise<OutboxEntry[]> {
    return structuredClone(this.entries);
  }

  async save(entries: OutboxEntry[]): Promise<void> {
    this.entries = structuredClone(entries);
  }
}

/** Delivers one report; see {@link GraphQLPlaybackReporter}. */
export interface PlaybackReporter {
  /**
   * Resolves `accepted` when the control plane recorded it, `rejected` when it refused it for good (it
   * will never be accepted: drop it); throws for anything worth retrying.
   */
  endPlayback(input: EndPlaybackInput): Promise<'accepted' | 'rejected'>;
  /** Resolves the control plane's answer, or `rejected` (drop it); throws for anything worth retrying. */
  startPlayback(input: StartPlaybackInput): Promise<StartAnswer | 'rejected'>;
}

export interface OutboxOptions {
  clock: Clock;
  /** Delay before the first retry; doubles per attempt. Defaults to 2_000 (two seconds). */
  retryBaseMs?: number;
  /** Longest delay between attempts. Defaults to 300_000 (five minutes). */
  retryMaxMs?: number;
  /** Entries older than this are dropped undelivered. Defaults to 86_400_000 (one day). */
  maxAgeMs?: number;
  /** Told about entries dropped and stores that fail; never thrown to the caller. */
  onError?: (message: string, entry?: OutboxEntry) => void;
}

export interface FlushResult {
  delivered: number;
  rejected: number;
  failed: number;
  pending: number;
}

export class Outbox {
  /** Serializes reads and writes of the store, so entries written during a flush are not lost. */
  private lock: Promise<unknown> = Promise.resolve();
  private flushing: Promise<FlushResult> | null = null;
  private sequence = 0;
  private readonly startListeners = new Set<(input: StartPlaybackInput, answer: StartAnswer) => void>();

  constructor(
    private readonly store: OutboxStore,
    private readonly reporter: PlaybackReporter,
    private readonly options: OutboxOptions,
  ) {}

  /** Persists the end of a session and starts delivering it in the background. Never rejects. */
  enqueue(input: EndPlaybackInput): Promise<void> {
    return this.add({
      kind: 'endPlayback',
      input: { ...input, positionSeconds: Math.min(86_400, Math.max(0, Math.floor(input.positionSeconds))) },
    });
  }

  /** Persists the start of a prefetched manifest and starts delivering it. Never rejects. */
  enqueueStart(input: StartPlaybackInput): Promise<void> {
    return this.add({ kind: 'startPlayback', input });
  }

  /** Hears the answer to every start report delivered from now on; returns the way to stop hearing. */
  onStartAnswer(listener: (input: StartPlaybackInput, answer: StartAnswer) => void): () => void {
    this.startListeners.add(listener);
    return () => this.startListeners.delete(listener);
  }

  private async add(report: OutboxReport): Promise<void> {
    const now = this.options.clock.now();
    const entry: OutboxEntry = {
      ...report,
      id: `${now.toString(36)}-${(this.sequence++).toString(36)}-${Math.random().toString(36).slice(2, 10)}`,
      createdAt: now,
      attempts: 0,
      nextAttemptAt: now,
    };
    try {
      await this.exclusive(async () => this.store.save([...(await this.store.load()), entry]));
    } catch (error) {
      this.options.onError?.(`The outbox could not store a report: ${(error as Error).message}`, entry);
      return;
    }
    void this.flush();
  }

  /** What is still waiting to be delivered. */
  pending(): Promise<OutboxEntry[]> {
    return this.exclusive(() => this.store.load());
  }

  /** Tries every entry that is due, one at a time. Concurrent calls share one flush. Never rejects. */
  flush(): Promise<FlushResult> {
    this.flushing ??= this.deliverDue()
      .catch((error: unknown) => {
        this.options.onError?.(`The outbox could not be read: ${(error as Error).message}`);
        return { delivered: 0, rejected: 0, failed: 0, pending: -1 };
      })
      .finally(() => (this.flushing = null));
    return this.flushing;
  }

  /**
   * Flushes whenever an entry falls due until `signal` aborts: start it once per app launch, so
   * reports left by an earlier run are delivered too.
   */
  async run(signal: AbortSignal, idleMs = 60_000): Promise<void> {
    while (!signal.aborted) {
      await this.flush();
      const entries = await this.pending().catch(() => []);
      const next = Math.min(
        ...entries.map((entry) => entry.nextAttemptAt),
        this.options.clock.now() + idleMs,
      );
      await this.options.clock.sleep(Math.max(0, next - this.options.clock.now()), signal).catch(() => {});
    }
  }

  private async deliverDue(): Promise<FlushResult> {
    const result: FlushResult = { delivered: 0, rejected: 0, failed: 0, pending: 0 };
    const { clock } = this.options;
    const due = (await this.pending()).filter((entry) => entry.nextAttemptAt <= clock.now());
    for (const entry of due) {
      if (clock.now() - entry.createdAt > (this.options.maxAgeMs ?? 86_400_000)) {
        this.options.onError?.('An undelivered report expired and was dropped', entry);
        await this.update(entry.id, () => null);
        continue;
      }
      let outcome: 'accepted' | 'rejected' | Error;
      try {
        outcome = await this.deliver(entry);
      } catch (error) {
        outcome = error instanceof Error ? error : new Error(String(error));
      }
      if (outcome === 'accepted') {
        result.delivered += 1;
        await this.update(entry.id, () => null);
      } else if (outcome === 'rejected') {
        result.rejected += 1;
        this.options.onError?.('The control plane refused a report; it was dropped', entry);
        await this.update(entry.id, () => null);
      } else {
        result.failed += 1;
        const attempts = entry.attempts + 1;
        const delay = Math.min(
          this.options.retryMaxMs ?? 300_000,
          (this.options.retryBaseMs ?? 2_000) * 2 ** (attempts - 1),
        );
        const message = outcome.message;
        await this.update(entry.id, (stored) => ({
          ...stored,
          attempts,
          nextAttemptAt: clock.now() + delay,
          lastError: message,
        }));
      }
    }
    result.pending = (await this.pending()).length;
    return result;
  }

  private async deliver(entry: OutboxEntry): Promise<'accepted' | 'rejected'> {
    if (entry.kind === 'endPlayback') return this.reporter.endPlayback(entry.input);
    const answer = await this.reporter.startPlayback(entry.input);
    if (answer === 'rejected') return answer;
    for (const listener of this.startListeners) {
      try {
        listener(entry.input, answer);
      } catch (error) {
        this.options.onError?.(`A start answer listener threw: ${(error as Error).message}`, entry);
      }
    }
    return 'accepted';
  }

  private update(id: string, change: (entry: OutboxEntry) => OutboxEntry | null): Promise<void> {
    return this.exclusive(async () => {
      const entries = await this.store.load();
      const next = entries.flatMap((entry) => {
        if (entry.id !== id) return [entry];
        const changed = change(entry);
        return changed ? [changed] : [];
      });
      await this.store.save(next);
    });
  }

  private exclusive<T>(work: () => Promise<T>): Promise<T> {
    const result = this.lock.then(work, work);
    this.lock = result.catch(() => {});
    return result;
  }
}
