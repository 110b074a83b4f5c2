import { randomBytes } from 'node:crypto';
import {
  mkdirSync,
  openSync,
  closeSync,
  readFileSync,
  renameSync,
  statSync,
  unlinkSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import type {
  ContinueWatchingEntry,
  HistoryOwner,
  HistoryRepository,
  PlaybackEnd,
} from './historyRepository';
import { MemoryHistoryRepository } from './memoryHistoryRepository';

/**
 * The embedded store for `npm start`: history in one JSON file that every playback replica on this
 * machine shares, so `continueWatching` reads the same row whichever replica answers, and history
 * survives a restart. A lock file serialises writers; readers reload when the file changes. For
 * development only: production keeps history in MongoDB.
 */
export class FileHistoryRepository implements HistoryRepository {
  private cached: { mtimeMs: number; repository: MemoryHistoryRepository } | undefined;

  constructor(private readonly file: string) {
    mkdirSync(path.dirname(file), { recursive: true });
  }

  async recordEnds(ends: readonly PlaybackEnd[]): Promise<void> {
    await this.locked(async () => {
      const repository = new MemoryHistoryRepository(this.read());
      await repository.recordEnds(ends);
      const temporary = `${this.file}.${randomBytes(4).toString('hex')}.tmp`;
      writeFileSync(temporary, JSON.stringify(repository.all()));
      renameSync(temporary, this.file);
    });
  }

  async continueWatching(owners: readonly HistoryOwner[]): Promise<ContinueWatchingEntry[][]> {
    return this.current().continueWatching(owners);
  }

  private current(): MemoryHistoryRepository {
    const mtimeMs = this.mtime();
    if (!this.cached || this.cached.mtimeMs !== mtimeMs) {
      this.cached = { mtimeMs, repository: new MemoryHistoryRepository(this.read()) };
    }
    return this.cached.repository;
  }

  private read(): PlaybackEnd[] {
    try {
      return JSON.parse(readFileSync(this.file, 'utf8')) as PlaybackEnd[];
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
  }

  private mtime(): number {
    try {
      return statSync(this.file).mtimeMs;
    } catch {
      return 0;
    }
  }

  /** Runs `write` holding the lock file; a lock older than five seconds is a crashed writer's. */
  private async locked(write: () => Promise<void>): Promise<void> {
    const lock = `${this.file}.lock`;
    for (let attempt = 0; ; attempt++) {
      try {
        closeSync(openSync(lock, 'wx'));
        break;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
        const age = Date.now() - (statSync(lock, { throwIfNoEntry: false })?.mtimeMs ?? Date.now());
        if (age > 5_000) unlinkSync(lock);
        else if (attempt > 200) throw new Error(`history file ${this.file} stays locked`);
        else await new Promise((resolve) => setTimeout(resolve, 10));
      }
    }
    try {
      await write();
    } finally {
      unlinkSync(lock);
    }
  }
}
