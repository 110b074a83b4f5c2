/**
 * An outbox store in one JSON file, for Node (tests, the fleet simulator, a CLI player). Writes go to
 * a temporary file renamed over the old one, so a crash mid-write leaves the previous entries intact.
 */
import { mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { OutboxEntry, OutboxStore } from '../outbox';

export class FileOutboxStore implements OutboxStore {
  private writes = 0;

  constructor(private readonly file: string) {}

  async load(): Promise<OutboxEntry[]> {
    try {
      return JSON.parse(await readFile(this.file, 'utf8')) as OutboxEntry[];
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
  }

  async save(entries: OutboxEntry[]): Promise<void> {
    await mkdir(path.dirname(this.file), { recursive: true });
    const temporary = `${this.file}.${process.pid}.${this.writes++}.tmp`;
    await writeFile(temporary, JSON.stringify(entries), { mode: 0o600 });
    await rename(temporary, this.file);
  }
}
