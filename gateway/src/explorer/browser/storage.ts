/**
 * GraphiQL keeps its tabs in `localStorage` and loads its default tabs only when none are stored, so
 * examples added after a first visit would never show. Keys are prefixed with a namespace that
 * changes with the examples (ExplorerConfig.storageNamespace): new examples, fresh tabs.
 */
import type { GraphiQLProps } from 'graphiql';

type Storage = NonNullable<GraphiQLProps['storage']>;

/** The part of the browser's `localStorage` this needs (the DOM types are not in this project's lib). */
export interface KeyValueStore {
  getItem(key: string): string | null;
  setItem(key: string, value: string): void;
  removeItem(key: string): void;
  key(index: number): string | null;
  readonly length: number;
}

export function namespacedStorage(store: KeyValueStore, namespace: string): Storage {
  const prefix = `explorer:${namespace}:`;
  const ownKeys = () =>
    Array.from({ length: store.length }, (_, index) => store.key(index)).filter(
      (key): key is string => key !== null && key.startsWith(prefix),
    );
  return {
    getItem: (key) => store.getItem(prefix + key),
    setItem: (key, value) => {
      try {
        store.setItem(prefix + key, value);
      } catch {
        // Storage full or disabled (private windows): the explorer works, it just forgets its tabs.
      }
    },
    removeItem: (key) => store.removeItem(prefix + key),
    clear: () => ownKeys().forEach((key) => store.removeItem(key)),
    get length() {
      return ownKeys().length;
    },
  };
}
