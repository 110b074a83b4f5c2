/**
 * An outbox store in the browser's `localStorage` (or any Web Storage): the whole outbox as one JSON
 * value under one key, so a report written before the tab closed is delivered on the next visit.
 */
import type { OutboxEntry, OutboxStore } from './outbox';

/** The part of Web Storage this needs; `window.localStorage` has it (the SDK's type check has no DOM). */
export interface KeyValueStorage {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
}

export class WebStorageOutboxStore implements OutboxStore {
  /**
   * @param storage `localStorage`, or a fake in tests
   * @param key the item that holds the outbox; one per app (and per signed-in account, if the app
   *   lets several share a browser, since the gateway refuses another account's manifest for good)
   */
  constructor(
    private readonly storage: KeyValueStorage,
    readonly key = 'streaming-player:outbox',
  ) {}

  /**
   * The stored entries. Anything that is not a list of entries (written by something else, or cut
   * short) reads as an error: the outbox reports it and keeps trying, rather than overwriting
   * reports it cannot read.
   */
  async load(): Promise<OutboxEntry[]> {
    const text = this.storage.getItem(this.key);
    if (text === null) return [];
    let parsed: unknown;
    try {
      parsed = JSON.parse(text);
    } catch {
      throw new Error(`localStorage item ${this.key} is not JSON`);
    }
    if (!Array.isArray(parsed) || !parsed.every(isEntry)) {
      throw new Error(`localStorage item ${this.key} does not hold outbox entries`);
    }
    return parsed;
  }

  /** Throws when the storage does (quota exceeded, storage disabled): the outbox reports it. */
  async save(entries: OutboxEntry[]): Promise<void> {
    this.storage.setItem(this.key, JSON.stringify(entries));
  }
}

function isEntry(value: unknown): value is OutboxEntry {
  if (typeof value !== 'object' || value === null) return false;
  const entry = value as Partial<OutboxEntry>;
  return (
    typeof entry.id === 'string' &&
    entry.kind === 'endPlayback' &&
    typeof entry.input?.manifest === 'string' &&
    typeof entry.input.positionSeconds === 'number' &&
    typeof entry.input.completed === 'boolean' &&
    typeof entry.createdAt === 'number' &&
    typeof entry.attempts === 'number' &&
    typeof entry.nextAttemptAt === 'number'
  );
}
