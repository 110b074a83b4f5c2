/**
 * Watches a supergraph file. Editors and `npm run compose` replace files rather than write them in
 * place, and a mounted config volume swaps a symlink beside it, so the watch is on the directory and
 * every event in it counts (the source compares content hashes, so a spurious event costs one read).
 * Events come in bursts; they are debounced. A slow re-read every `safetyMs` catches what a watch
 * can miss (network file systems, a directory replaced whole).
 */
import { watch } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Logger } from '@platform/log';

export interface FileWatchOptions {
  /** Quiet time after the last event before reading. Defaults to 100 ms. */
  debounceMs?: number;
  /** Re-read this often whatever the events say. */
  safetyMs: number;
  logger: Logger;
}

export function readSupergraphFile(file: string): () => Promise<string> {
  return () => readFile(file, 'utf8');
}

/** Calls `changed` after the file's directory has been quiet for `debounceMs`; returns the stop. */
export function watchSupergraphFile(file: string, options: FileWatchOptions) {
  return (changed: () => void): (() => void) => {
    let timer: NodeJS.Timeout | undefined;
    const soon = () => {
      clearTimeout(timer);
      timer = setTimeout(changed, options.debounceMs ?? 100);
    };
    // Not persistent: watching must never be what keeps a stopped gateway's process alive.
    const watcher = watch(path.dirname(file), { persistent: false }, soon);
    watcher.on('error', (error) =>
      options.logger.warn('supergraph watch failed; re-reading on a timer only', {
        file,
        error: error.message,
      }),
    );
    const safety = setInterval(changed, options.safetyMs);
    safety.unref();
    return () => {
      clearTimeout(timer);
      clearInterval(safety);
      watcher.close();
    };
  };
}
