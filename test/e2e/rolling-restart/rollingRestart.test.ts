/**
 * A rolling restart drops no `play`: while devices keep playing, every process of the stack is
 * replaced in turn (RunningStack.restart: the replacement starts first and waits for the port, the
 * old process drains), and every answer is HTTP 200 and GRANTED with a manifest. No circuit opens:
 * at most one play per device may be served a fallback, in the instant a port changes hands.
 *
 * One allowance, for the gateway's own restart only: a device's HTTP stack retries a request once
 * when its connection is refused or reset before any byte of an answer came back (nothing was
 * processed that it could see). The load generator here does the same, after
 * {@link DEVICE_RETRY_AFTER_MS}, and counts those retries; a reset after an answer started, an HTTP
 * error or a refusal is a failure, never retried.
 */
import { print } from 'graphql';
import { PlayDocument } from '../../../clients/__generated__/operations';
import { LISTEN_RETRY_INTERVAL_MS } from '@platform/http';
import { stackServices } from '@platform/stack';
import { Seed } from '@testing/seed';
import { startTestStack, type GraphQLResponse, type TestStack } from '@testing/stack';

const PLAY = print(PlayDocument);
/** Devices playing at once. */
const CLIENTS = 4;
/**
 * How long a device waits before its one retry. Without reusePort the port has no listener for up
 * to one listen-retry interval while it changes hands: a retry sent at once may land in that gap.
 */
const DEVICE_RETRY_AFTER_MS = 2.5 * LISTEN_RETRY_INTERVAL_MS;
/** Plays between two restarts, so each replacement serves before the next one starts. */
const SETTLE_MS = 1_000;

const seed = new Seed()
  .subscriber('acct-premium', 'PREMIUM')
  .profile('prof-premium-adult', 'acct-premium')
  .title('t-premium', { subscriptionTier: 'PREMIUM' })
  .cdn('cdn-us', { regions: ['US'], priority: 1 });

const INPUT = {
  titleId: 't-premium',
  profileId: 'prof-premium-adult',
  device: {
    id: 'tv-1',
    type: 'TV',
    codecs: ['H264', 'HEVC'],
    maxHeight: 2160,
    hdr: ['HDR10'],
    drm: ['WIDEVINE'],
  },
};

interface PlayOutcome {
  ok: boolean;
  /** Retried once after a refused or reset connection, before any answer. */
  retried: boolean;
  /** The subgraphs a fallback answered for (`extensions.degraded`); empty when all was fresh. */
  degradedBy: string[];
  /** What went wrong, for the failure report. */
  problem?: string;
  /** The service being restarted when the play was sent. */
  during: string;
}

function explain(error: unknown): string {
  const code = (error as { cause?: { code?: string } }).cause?.code;
  return code ? `${String(error)} (${code})` : String(error);
}

/** A connection refused, or closed before any byte of an answer: what a device may retry once. */
function refusedOrResetBeforeAnswer(error: unknown): boolean {
  const cause = (error as { cause?: { code?: string } }).cause;
  return ['ECONNREFUSED', 'ECONNRESET', 'UND_ERR_SOCKET'].includes(cause?.code ?? '');
}

describe('a rolling restart of every process', () => {
  let stack: TestStack;
  let token: string;

  beforeAll(async () => {
    stack = await startTestStack(seed);
    token = await stack.tokenFor('acct-premium');
  }, 90_000);

  afterAll(async () => {
    await stack?.stop();
  });

  /** Sends one play; throws only when no answer came back at all (fetch rejects before a status). */
  function send(): Promise<Response> {
    return fetch(`${stack.gatewayUrl}/graphql`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${token}`, 'x-country': 'US' },
      body: JSON.stringify({ query: PLAY, variables: { input: INPUT } }),
      signal: AbortSignal.timeout(5_000),
    });
  }

  async function play(during: string): Promise<PlayOutcome> {
    const failure = (retried: boolean, problem: string): PlayOutcome => ({
      ok: false,
      retried,
      degradedBy: [],
      during,
      problem,
    });
    let retried = false;
    let response: Response;
    try {
      response = await send();
    } catch (error) {
      if (!refusedOrResetBeforeAnswer(error)) return failure(false, explain(error));
      retried = true;
      await new Promise((resolve) => setTimeout(resolve, DEVICE_RETRY_AFTER_MS));
      try {
        response = await send();
      } catch (again) {
        return failure(true, explain(again));
      }
    }
    let json: GraphQLResponse;
    try {
      json = (await response.json()) as GraphQLResponse;
    } catch (error) {
      // The answer had started: a device would not retry, and neither does this one.
      return failure(retried, `HTTP ${response.status}, body cut: ${explain(error)}`);
    }
    const session = json.data?.play as
      { decision: { reason: string }; manifest: { jws: string } | null } | undefined;
    const degraded = (json.extensions?.degraded ?? []) as { subgraph: string }[];
    const ok =
      response.status === 200 && session?.decision.reason === 'GRANTED' && Boolean(session.manifest?.jws);
    return {
      ok,
      retried,
      degradedBy: [...new Set(degraded.map((field) => field.subgraph))],
      during,
      problem: ok ? undefined : `HTTP ${response.status}: ${JSON.stringify(json).slice(0, 300)}`,
    };
  }

  it('answers every play GRANTED with a manifest while each process is replaced in turn', async () => {
    expect((await play('warm-up')).ok).toBe(true);
    const outcomes: PlayOutcome[] = [];
    let restarting = 'nothing';
    let running = true;
    const device = async () => {
      while (running) outcomes.push(await play(restarting));
    };
    const devices = Array.from({ length: CLIENTS }, device);

    const replaced: { service: string; oldPid: number; newPid: number; ms: number }[] = [];
    try {
      await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
      for (const { name } of stackServices()) {
        const old = stack.process(name);
        restarting = name;
        const started = Date.now();
        await stack.restart(name);
        replaced.push({
          service: name,
          oldPid: old.pid!,
          newPid: stack.process(name).pid!,
          ms: Date.now() - started,
        });
        expect(old.exitCode ?? old.signalCode).not.toBeNull();
        restarting = 'nothing';
        await new Promise((resolve) => setTimeout(resolve, SETTLE_MS));
      }
    } finally {
      running = false;
      await Promise.all(devices);
    }

    const failed = outcomes.filter((outcome) => !outcome.ok);
    const retried = outcomes.filter((outcome) => outcome.retried);
    const degraded = outcomes.filter((outcome) => outcome.degradedBy.length > 0);
    const degradedWhile = new Map<string, number>();
    for (const { during, degradedBy } of degraded) {
      const key = `${degradedBy.join('+')} while restarting ${during}`;
      degradedWhile.set(key, (degradedWhile.get(key) ?? 0) + 1);
    }
    console.log(
      [
        `plays sent: ${outcomes.length}, failed: ${failed.length}, retried once by the device: ${retried.length}` +
          ` (while restarting: ${[...new Set(retried.map((outcome) => outcome.during))].join(', ') || 'none'}),` +
          ` degraded: ${degraded.length} (${[...degradedWhile].map(([key, count]) => `${count} by ${key}`).join('; ') || 'none'})`,
        ...replaced.map(
          (entry) => `${entry.service}: pid ${entry.oldPid} -> ${entry.newPid} in ${entry.ms} ms`,
        ),
        ...failed
          .slice(0, 5)
          .map((outcome) => `failed while restarting ${outcome.during}: ${outcome.problem}`),
      ].join('\n'),
    );

    expect(replaced.map((entry) => entry.service)).toEqual(stackServices().map((service) => service.name));
    for (const entry of replaced) expect(entry.newPid).not.toBe(entry.oldPid);
    // Only the gateway's own restart may cost a device a retry: behind it, the gateway retries.
    expect(retried.filter((outcome) => outcome.during !== 'gateway')).toEqual([]);
    expect(failed).toEqual([]);
    // A restarted subgraph is not a failed one: no circuit opened for a port changing hands or
    // connections closed by a draining replica, so plays after the handover are answered fresh.
    expect(stack.logs.filter((line) => line.includes('circuit state changed'))).toEqual([]);
    // At most the play each device had in flight when a port changed hands: per restart (and per
    // settling time between restarts, `nothing`), not across the whole roll.
    const degradedWhileRestarting = [...new Set(degraded.map((outcome) => outcome.during))].map((during) => ({
      during,
      degraded: degraded.filter((outcome) => outcome.during === during).length,
    }));
    expect(degradedWhileRestarting.filter((entry) => entry.degraded > CLIENTS)).toEqual([]);
    expect(outcomes.length).toBeGreaterThan(100);
  }, 180_000);
});
