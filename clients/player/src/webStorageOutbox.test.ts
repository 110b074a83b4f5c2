import { Outbox, type PlaybackReporter } from './outbox';
import { WebStorageOutboxStore, type KeyValueStorage } from './webStorageOutbox';
import { VirtualClock } from '../test/support/virtualClock';

/** `localStorage` as a browser has it: strings only, and it may refuse a write (quota). */
class FakeStorage implements KeyValueStorage {
  readonly items = new Map<string, string>();
  full = false;
  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    if (this.full) throw new Error('QuotaExceededError');
    this.items.set(key, String(value));
  }
}

const failing: PlaybackReporter = {
  async endPlayback() {
    throw new Error('The gateway is unreachable');
  },
  async startPlayback() {
    throw new Error('The gateway is unreachable');
  },
};

describe('WebStorageOutboxStore', () => {
  it('reads an empty outbox when nothing was stored yet', async () => {
    await expect(new WebStorageOutboxStore(new FakeStorage()).load()).resolves.toEqual([]);
  });

  it('keeps an undelivered report across a reload of the page (a new store on the same storage)', async () => {
    const storage = new FakeStorage();
    const clock = new VirtualClock();
    const before = new Outbox(new WebStorageOutboxStore(storage), failing, { clock });
    await before.enqueue({ manifest: 'a.b.c', positionSeconds: 42.9, completed: false });
    await before.flush();

    const sent: unknown[] = [];
    const after = new Outbox(
      new WebStorageOutboxStore(storage),
      {
        async endPlayback(input) {
          sent.push(input);
          return 'accepted';
        },
        startPlayback: failing.startPlayback,
      },
      { clock },
    );
    const [kept] = await after.pending();
    expect(kept).toMatchObject({ attempts: 1, input: { positionSeconds: 42 } });
    await clock.runUntil(clock.sleep(2_000));
    expect(await after.flush()).toMatchObject({ delivered: 1, pending: 0 });
    expect(sent).toEqual([{ manifest: 'a.b.c', positionSeconds: 42, completed: false }]);
    expect(storage.getItem('streaming-player:outbox')).toBe('[]');
  });

  it('uses its own key, so two apps on one origin keep separate outboxes', async () => {
    const storage = new FakeStorage();
    await new WebStorageOutboxStore(storage, 'app-a').save([]);
    expect([...storage.items.keys()]).toEqual(['app-a']);
  });

  it('refuses to read an item that does not hold outbox entries, rather than overwrite it', async () => {
    const storage = new FakeStorage();
    storage.setItem('streaming-player:outbox', '{"not":"a list"}');
    await expect(new WebStorageOutboxStore(storage).load()).rejects.toThrow(/does not hold outbox entries/);
    storage.setItem('streaming-player:outbox', '[{"id":');
    await expect(new WebStorageOutboxStore(storage).load()).rejects.toThrow(/is not JSON/);
  });

  it('lets the outbox report a full storage instead of throwing to the player', async () => {
    const storage = new FakeStorage();
    storage.full = true;
    const errors: string[] = [];
    const outbox = new Outbox(new WebStorageOutboxStore(storage), failing, {
      clock: new VirtualClock(),
      onError: (message) => errors.push(message),
    });
    await expect(
      outbox.enqueue({ manifest: 'a.b.c', positionSeconds: 1, completed: true }),
    ).resolves.toBeUndefined();
    expect(errors).toEqual(['The outbox could not store a report: QuotaExceededError']);
  });
});
