import {
  MemoryOutboxStore,
  Outbox,
  type EndPlaybackInput,
  type StartAnswer,
  type OutboxStore,
  type PlaybackReporter,
} from './outbox';
import type { PlayInput } from './__generated__/operations';
import { VirtualClock } from '../test/support/virtualClock';

const PLAY_INPUT: PlayInput = {
  titleId: 't-1',
  profileId: 'p-1',
  device: { id: 'tv', type: 'TV', codecs: ['H264'], maxHeight: 1080, drm: ['WIDEVINE'] },
};
const REPORT: EndPlaybackInput = { manifest: 'a.b.c', positionSeconds: 120.7, completed: false };

/** A reporter that answers from a script, one outcome per call, and records what it was sent. */
function scriptedReporter(...outcomes: ('accepted' | 'rejected' | 'fail')[]) {
  const sent: EndPlaybackInput[] = [];
  const reporter: PlaybackReporter = {
    async endPlayback(input) {
      sent.push(input);
      const outcome = outcomes.shift() ?? 'fail';
      if (outcome === 'fail') throw new Error('Cannot query field "endPlayback" on type "Mutation".');
      return outcome;
    },
    startPlayback: () => Promise.reject(new Error('not reported here')),
  };
  return { reporter, sent };
}

describe('Outbox', () => {
  it('delivers a report and forgets it once accepted, with whole seconds', async () => {
    const clock = new VirtualClock();
    const { reporter, sent } = scriptedReporter('accepted');
    const outbox = new Outbox(new MemoryOutboxStore(), reporter, { clock });
    await outbox.enqueue(REPORT);
    await outbox.flush();
    expect(sent).toEqual([{ ...REPORT, positionSeconds: 120 }]);
    expect(await outbox.pending()).toEqual([]);
  });

  it('keeps a report that failed and retries it with growing backoff until it is accepted', async () => {
    const clock = new VirtualClock();
    const { reporter, sent } = scriptedReporter('fail', 'fail', 'accepted');
    const outbox = new Outbox(new MemoryOutboxStore(), reporter, { clock, retryBaseMs: 1_000 });
    await outbox.enqueue(REPORT);
    await outbox.flush();
    const [kept] = await outbox.pending();
    expect(kept).toMatchObject({ attempts: 1, nextAttemptAt: clock.now() + 1_000 });
    expect(kept!.lastError).toMatch(/endPlayback/);

    expect(await outbox.flush()).toMatchObject({ failed: 0, pending: 1 }); // not due yet
    await clock.runUntil(clock.sleep(1_000));
    expect(await outbox.flush()).toMatchObject({ failed: 1, pending: 1 });
    expect((await outbox.pending())[0]).toMatchObject({ attempts: 2, nextAttemptAt: clock.now() + 2_000 });
    await clock.runUntil(clock.sleep(2_000));
    expect(await outbox.flush()).toMatchObject({ delivered: 1, pending: 0 });
    expect(sent).toHaveLength(3);
  });

  it('survives a restart: a new outbox on the same store delivers what the old one kept', async () => {
    const clock = new VirtualClock();
    const store = new MemoryOutboxStore();
    const before = new Outbox(store, scriptedReporter('fail').reporter, { clock });
    await before.enqueue(REPORT);
    await before.flush();
    await clock.runUntil(clock.sleep(60_000));
    const { reporter, sent } = scriptedReporter('accepted');
    const after = new Outbox(store, reporter, { clock });
    expect(await after.flush()).toMatchObject({ delivered: 1, pending: 0 });
    expect(sent).toHaveLength(1);
  });

  it('drops a report the control plane refuses for good, and one too old to matter', async () => {
    const clock = new VirtualClock();
    const dropped: string[] = [];
    const outbox = new Outbox(new MemoryOutboxStore(), scriptedReporter('rejected', 'fail').reporter, {
      clock,
      maxAgeMs: 10_000,
      onError: (message) => dropped.push(message),
    });
    await outbox.enqueue(REPORT);
    await outbox.flush();
    await outbox.enqueue(REPORT);
    await outbox.flush();
    await clock.runUntil(clock.sleep(20_000));
    await outbox.flush();
    expect(await outbox.pending()).toEqual([]);
    expect(dropped).toEqual([expect.stringMatching(/refused/), expect.stringMatching(/expired/)]);
  });

  it('never throws to its caller when the store fails', async () => {
    const broken: OutboxStore = {
      load: () => Promise.reject(new Error('disk full')),
      save: () => Promise.reject(new Error('disk full')),
    };
    const errors: string[] = [];
    const outbox = new Outbox(broken, scriptedReporter().reporter, {
      clock: new VirtualClock(),
      onError: (message) => errors.push(message),
    });
    await expect(outbox.enqueue(REPORT)).resolves.toBeUndefined();
    await expect(outbox.flush()).resolves.toMatchObject({ delivered: 0 });
    expect(errors).toEqual([expect.stringMatching(/disk full/), expect.stringMatching(/disk full/)]);
  });

  it('does not lose a report written while a flush is delivering another', async () => {
    const clock = new VirtualClock();
    let release: () => void = () => {};
    const sent: EndPlaybackInput[] = [];
    const slow: PlaybackReporter = {
      endPlayback: (input) =>
        new Promise((resolve) => {
          sent.push(input);
          release = () => resolve('accepted');
        }),
      startPlayback: () => Promise.reject(new Error('not reported here')),
    };
    const outbox = new Outbox(new MemoryOutboxStore(), slow, { clock });
    await outbox.enqueue(REPORT);
    const flushing = outbox.flush();
    await new Promise((resolve) => setImmediate(resolve));
    await outbox.enqueue({ ...REPORT, completed: true });
    release();
    await flushing;
    expect(
      (await outbox.pending()).map((entry) => entry.kind === 'endPlayback' && entry.input.completed),
    ).toEqual([true]);
  });

  it('delivers a start, hands its answer to the listeners, and retries one the gateway could not decide', async () => {
    const clock = new VirtualClock();
    const answers: (StartAnswer | 'rejected' | Error)[] = [
      new Error('TEMPORARILY_UNAVAILABLE'),
      { allowed: true, manifest: 'renewed.jws' },
    ];
    const reporter: PlaybackReporter = {
      endPlayback: () => Promise.reject(new Error('not reported here')),
      async startPlayback() {
        const answer = answers.shift()!;
        if (answer instanceof Error) throw answer;
        return answer;
      },
    };
    const outbox = new Outbox(new MemoryOutboxStore(), reporter, { clock, retryBaseMs: 1_000 });
    const heard: unknown[] = [];
    outbox.onStartAnswer((input, answer) => heard.push([input.manifest, answer]));

    await outbox.enqueueStart({ manifest: 'prefetched.jws', play: PLAY_INPUT });
    await outbox.flush();
    expect(heard).toEqual([]);
    expect(await outbox.pending()).toHaveLength(1);

    await clock.runUntil(clock.sleep(1_000));
    await outbox.flush();
    expect(heard).toEqual([['prefetched.jws', { allowed: true, manifest: 'renewed.jws' }]]);
    expect(await outbox.pending()).toEqual([]);
  });
});
