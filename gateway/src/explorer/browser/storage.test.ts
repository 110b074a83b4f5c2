import { namespacedStorage, type KeyValueStore } from './storage';

/** A Map behind the localStorage interface. */
function memoryStore(): KeyValueStore & { entries: Map<string, string> } {
  const entries = new Map<string, string>();
  return {
    entries,
    getItem: (key) => entries.get(key) ?? null,
    setItem: (key, value) => void entries.set(key, value),
    removeItem: (key) => void entries.delete(key),
    key: (index) => [...entries.keys()][index] ?? null,
    get length() {
      return entries.size;
    },
  };
}

describe('namespacedStorage', () => {
  it('keeps each namespace apart: new examples are not hidden by tabs stored for the old ones', () => {
    const store = memoryStore();
    const before = namespacedStorage(store, 'aaa');
    before.setItem('graphiql:tabState', 'old tabs');
    const after = namespacedStorage(store, 'bbb');
    expect(after.getItem('graphiql:tabState')).toBeNull();
    after.setItem('graphiql:tabState', 'new tabs');
    expect(before.getItem('graphiql:tabState')).toBe('old tabs');
    expect(after.length).toBe(1);
  });

  it('clears only its own keys', () => {
    const store = memoryStore();
    store.setItem('someone-else', 'kept');
    const storage = namespacedStorage(store, 'aaa');
    storage.setItem('a', '1');
    storage.setItem('b', '2');
    storage.clear();
    expect([...store.entries]).toEqual([['someone-else', 'kept']]);
  });

  it('forgets quietly when the browser refuses to store', () => {
    const store = memoryStore();
    store.setItem = () => {
      throw new Error('QuotaExceededError');
    };
    expect(() => namespacedStorage(store, 'aaa').setItem('a', '1')).not.toThrow();
  });
});
