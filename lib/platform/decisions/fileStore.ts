/**
 * The embedded store: a directory (`.decisions/` in the repository by default) of JSON lines, one file
 * per UTC day of `at` and per writer (`2026-12-07.<pid>-<random>.jsonl`). Each process appends only to
 * its own files, so several may share the directory without a lock; readers read every writer's files
 * of the days asked for, and no others, so a read costs what its range holds and not what the store
 * holds. A retried `add` may append a record again: readers keep one record per session id.
 *
 * Retention is to the day: `prune` deletes whole files, those of the days before the one it is given.
 */
import { randomBytes } from 'node:crypto';
import { mkdir, open, rm, type FileHandle } from 'node:fs/promises';
import { dayFiles } from '../dayFiles';
import path from 'node:path';
import type { DecisionReason } from '@contracts/decision';
import {
  decisionInstant,
  listedBefore,
  type DecisionCursor,
  type DecisionQuery,
  type DecisionRecord,
  type DecisionStore,
  type RefusalCount,
} from './record';

/** `<day>.<writer>.jsonl`; the writer id has no dot. */
const FILE = /^(\d{4}-\d{2}-\d{2})\.([A-Za-z0-9_-]+)\.jsonl$/;

export class FileDecisionStore implements DecisionStore {
  /** This process's files: a restarted process (same pid in a container) starts new ones. */
  private readonly writer = `${process.pid}-${randomBytes(4).toString('hex')}`;
  /**
   * Appends one after the other: Node writes a batch over 512 KiB in several writes, which another
   * batch's could come between.
   */
  private appending: Promise<void> = Promise.resolve();
  /**
   * This writer's files whose last append failed, perhaps half done: the next append starts on a new
   * line, so that the torn line (skipped by readers) does not take the next record with it.
   */
  private readonly torn = new Set<string>();
  /**
   * This writer's files, kept open between appends: opening, creating the directory and closing at
   * every flush cost three more round trips to libuv's thread pool than the write itself.
   */
  private readonly handles = new Map<string, FileHandle>();

  constructor(readonly dir: string) {}

  async add(records: readonly DecisionRecord[]): Promise<void> {
    const lines = new Map<string, string>();
    for (const record of records) {
      // Normalized, so that texts compare as the instants they name (ranges, order, cursors).
      const at = decisionInstant(record.at).toISOString();
      const day = at.slice(0, 10);
      lines.set(day, `${lines.get(day) ?? ''}${JSON.stringify({ ...record, at })}\n`);
    }
    const appended = this.appending.then(() => this.append(lines));
    this.appending = appended.catch(() => undefined);
    await appended;
  }

  async list(query: DecisionQuery): Promise<DecisionRecord[]> {
    const { accountId, reason, limit } = query;
    if (limit <= 0) return [];
    const from = query.from.toISOString();
    const to = query.to.toISOString();
    const after = query.after && cursorOf(query.after);
    let last = dayBefore(to);
    if (after && after.at.slice(0, 10) < last) last = after.at.slice(0, 10);
    const found = new Map<string, DecisionRecord>();
    // Newest day first: once a day leaves `limit` records found, older days can only come after them.
    for (const [, names] of (await this.days(from.slice(0, 10), last)).reverse()) {
      await this.eachRecord(names, field('accountId', accountId), (record) => {
        if (
          record.accountId === accountId &&
          record.at >= from &&
          record.at < to &&
          (reason === undefined || record.reason === reason) &&
          (after === undefined || listedBefore(after, record)) &&
          !found.has(record.sessionId)
        )
          found.set(record.sessionId, record);
      });
      if (found.size >= limit) break;
    }
    return [...found.values()].sort((a, b) => (listedBefore(a, b) ? -1 : 1)).slice(0, limit);
  }

  async get(sessionId: string): Promise<DecisionRecord | null> {
    let found: DecisionRecord | null = null;
    for (const [, names] of (await this.days()).reverse()) {
      await this.eachRecord(names, field('sessionId', sessionId), (record) => {
        if (record.sessionId === sessionId) found ??= record;
      });
      if (found) break;
    }
    return found;
  }

  async refusalCounts(country: string, fromDate: Date, toDate: Date): Promise<RefusalCount[]> {
    const from = fromDate.toISOString();
    const to = toDate.toISOString();
    const counted = new Set<string>();
    const counts = new Map<DecisionReason, number>();
    for (const [, names] of await this.days(from.slice(0, 10), dayBefore(to))) {
      await this.eachRecord(names, field('allowed', false), (record) => {
        if (
          !record.allowed &&
          record.country === country &&
          record.at >= from &&
          record.at < to &&
          !counted.has(record.sessionId)
        ) {
          counted.add(record.sessionId);
          counts.set(record.reason, (counts.get(record.reason) ?? 0) + 1);
        }
      });
    }
    return [...counts]
      .map(([reason, count]) => ({ reason, count }))
      .sort((a, b) => b.count - a.count || (a.reason < b.reason ? -1 : 1));
  }

  /** Deletes the files of the days before `before`'s; records of its own day stay until the next day's. */
  async prune(before: Date): Promise<void> {
    const day = before.toISOString().slice(0, 10);
    await this.appending;
    for (const name of [...this.handles.keys()]) {
      if (name < day) await this.closeFile(name);
    }
    for (const { name, day: fileDay } of await this.files()) {
      if (fileDay < day) await rm(path.join(this.dir, name), { force: true });
    }
  }

  async close(): Promise<void> {
    await this.appending;
    for (const name of [...this.handles.keys()]) await this.closeFile(name);
  }

  private async append(lines: Map<string, string>): Promise<void> {
    for (const [day, text] of lines) {
      const name = `${day}.${this.writer}.jsonl`;
      try {
        const file = await this.openFile(name);
        await file.write(this.torn.has(name) ? `\n${text}` : text);
        this.torn.delete(name);
      } catch (error) {
        this.torn.add(name);
        await this.closeFile(name);
        throw error;
      }
    }
    // Records arrive in time order: once a day has been written after another, the other is done.
    const newest = [...lines.keys()].sort().at(-1);
    for (const name of [...this.handles.keys()]) {
      if (newest && name < newest) await this.closeFile(name);
    }
  }

  /**
   * The open file `name`, opened for appending when it is not, or when it was removed meanwhile (its
   * directory deleted by hand, say): a write to a removed file would be lost.
   */
  private async openFile(name: string): Promise<FileHandle> {
    const kept = this.handles.get(name);
    if (kept && (await kept.stat()).nlink > 0) return kept;
    if (kept) await this.closeFile(name);
    await mkdir(this.dir, { recursive: true });
    const file = await open(path.join(this.dir, name), 'a');
    this.handles.set(name, file);
    return file;
  }

  private async closeFile(name: string): Promise<void> {
    const file = this.handles.get(name);
    this.handles.delete(name);
    await file?.close().catch(() => undefined);
  }

  /** The files of each day from `first` to `last` (inclusive, `YYYY-MM-DD`), oldest day first. */
  private async days(first = '', last = '9999-12-31'): Promise<[string, string[]][]> {
    const days = new Map<string, string[]>();
    for (const { name, day } of await this.files()) {
      if (day < first || day > last) continue;
      const names = days.get(day);
      if (names) names.push(name);
      else days.set(day, [name]);
    }
    return [...days].sort(([a], [b]) => (a < b ? -1 : 1));
  }

  private files(): Promise<{ name: string; day: string }[]> {
    return dayFiles(this.dir, FILE);
  }

  /**
   * Every record of the files whose line holds `needle` (a cheap test before parsing, see
   * {@link field}), a line at a time: a day's file may be larger than a string can be. A line that is
   * not a record (the end of one being written, or one left torn by a crash) is skipped; a file pruned
   * meanwhile reads as empty.
   */
  private async eachRecord(names: string[], needle: string, visit: (record: DecisionRecord) => void) {
    for (const name of names) {
      let file;
      try {
        file = await open(path.join(this.dir, name));
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') continue;
        throw error;
      }
      try {
        for await (const line of file.readLines()) {
          if (!line.includes(needle)) continue;
          const record = parseRecord(line);
          if (record) visit(record);
        }
      } finally {
        await file.close();
      }
    }
  }
}

/**
 * `"name":value` as JSON.stringify writes a top-level field of a line: every line holding the field
 * with that value contains this text (inside a string its quotes would be escaped).
 */
function field(name: keyof DecisionRecord, value: string | boolean): string {
  return `${JSON.stringify(name)}:${JSON.stringify(value)}`;
}

function parseRecord(line: string): DecisionRecord | null {
  try {
    const value = JSON.parse(line) as Partial<DecisionRecord> | null;
    return typeof value?.sessionId === 'string' && typeof value.at === 'string'
      ? (value as DecisionRecord)
      : null;
  } catch {
    return null;
  }
}

/** The day of the last millisecond before `to` (an ISO text): the last day a range ending there holds. */
function dayBefore(to: string): string {
  return new Date(Date.parse(to) - 1).toISOString().slice(0, 10);
}

function cursorOf(after: DecisionCursor): DecisionCursor {
  return { at: decisionInstant(after.at).toISOString(), sessionId: after.sessionId };
}
