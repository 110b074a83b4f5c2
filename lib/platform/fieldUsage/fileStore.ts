/**
 * The embedded store: a directory (`.usage/` in the repository by default), one JSON file per day and
 * writer. Each gateway process writes only its own files, so several processes may share the
 * directory without a lock; readers add the files up. A file is replaced whole (written beside it,
 * then renamed), so a reader never sees half of one.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { dayFiles } from '../dayFiles';
import { hostname } from 'node:os';
import path from 'node:path';
import { rowFromKey, rowKey, type FieldUsageStore, type UsageRow } from './usage';

/** `<day>.<writer>.json`; the writer id has no dot. */
const FILE = /^(\d{4}-\d{2}-\d{2})\.([A-Za-z0-9_-]+)\.json$/;

export class FileFieldUsageStore implements FieldUsageStore {
  /** This process's files: host, process and a random part, so a restarted process starts new ones. */
  private readonly writer = `${hostname().replace(/[^A-Za-z0-9_-]/g, '_')}-${process.pid}-${randomBytes(4).toString('hex')}`;
  /** This writer's counts of each day it wrote, as its files hold them. */
  private readonly own = new Map<string, Map<string, number>>();

  constructor(readonly dir: string) {}

  async add(rows: readonly UsageRow[]): Promise<void> {
    const touched = new Set<string>();
    for (const row of rows) {
      let day = this.own.get(row.day);
      if (!day) this.own.set(row.day, (day = new Map()));
      const key = rowKey(row);
      day.set(key, (day.get(key) ?? 0) + row.count);
      touched.add(row.day);
    }
    if (touched.size === 0) return;
    await mkdir(this.dir, { recursive: true });
    for (const day of touched) {
      const file = path.join(this.dir, `${day}.${this.writer}.json`);
      const temporary = `${file}.tmp`;
      await writeFile(temporary, JSON.stringify(Object.fromEntries(this.own.get(day)!)));
      await rename(temporary, file);
    }
  }

  async read(from: string, to: string): Promise<UsageRow[]> {
    const rows: UsageRow[] = [];
    for (const { name, day } of await this.files()) {
      if (day < from || day > to) continue;
      const counts = await this.readFile(name);
      for (const [key, count] of Object.entries(counts)) {
        const row = rowFromKey(key, count);
        if (row && row.day === day && typeof count === 'number') rows.push(row);
      }
    }
    return rows;
  }

  async firstDay(): Promise<string | null> {
    const days = (await this.files()).map(({ day }) => day).sort();
    return days[0] ?? null;
  }

  async prune(before: string): Promise<void> {
    for (const { name, day } of await this.files()) {
      if (day < before) await rm(path.join(this.dir, name), { force: true });
    }
    for (const day of this.own.keys()) if (day < before) this.own.delete(day);
  }

  async close(): Promise<void> {}

  private files(): Promise<{ name: string; day: string }[]> {
    return dayFiles(this.dir, FILE);
  }

  /** A file another writer is replacing is read as it was; one that vanished (pruned) as empty. */
  private async readFile(name: string): Promise<Record<string, number>> {
    try {
      return JSON.parse(await readFile(path.join(this.dir, name), 'utf8')) as Record<string, number>;
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return {};
      throw new Error(`${path.join(this.dir, name)} is not a field usage file: ${(error as Error).message}`);
    }
  }
}
