import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { Outbox, type PlaybackReporter } from '../outbox';
import { VirtualClock } from '../../test/support/virtualClock';
import { FileOutboxStore } from './fileOutbox';

describe('FileOutboxStore', () => {
  let dir: string;
  beforeEach(() => (dir = mkdtempSync(path.join(tmpdir(), 'outbox-'))));
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('starts empty when the file does not exist yet', async () => {
    expect(await new FileOutboxStore(path.join(dir, 'missing', 'outbox.json')).load()).toEqual([]);
  });

  it('keeps undelivered reports in the file across outbox instances', async () => {
    const file = path.join(dir, 'outbox.json');
    const failing: PlaybackReporter = {
      endPlayback: () => Promise.reject(new Error('gateway down')),
      startPlayback: () => Promise.reject(new Error('gateway down')),
    };
    const clock = new VirtualClock();
    const outbox = new Outbox(new FileOutboxStore(file), failing, { clock });
    await outbox.enqueue({ manifest: 'a.b.c', positionSeconds: 30, completed: true });
    await outbox.flush();
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual([
      expect.objectContaining({
        attempts: 1,
        lastError: 'gateway down',
        input: expect.objectContaining({ positionSeconds: 30 }),
      }),
    ]);
    const reloaded = await new FileOutboxStore(file).load();
    expect(reloaded).toHaveLength(1);
  });
});
