/**
 * Per-field fallbacks with real processes, for what only real processes show: a subgraph process
 * stopped (SIGSTOP: connections accepted, never answered), one killed (SIGKILL: connections refused,
 * then a restart), and every playback replica dead. The whole matrix (each subgraph hung, refusing,
 * slow or failing; /metrics) runs in process: gateway/src/fallback/matrix/.
 */
import { stackServices, type ServiceName } from '@platform/stack';
import {
  expectWithinDeadline,
  fallbackPlayer,
  fallbackSeed,
  MUST_REFUSE,
  SEEN,
  type FallbackPlayer,
} from '@testing/fallbackScenario';
import { startTestStack, type TestStack } from '@testing/stack';

/** The gateway's default deadline of one subgraph fetch (SUBGRAPH_TIMEOUT_MS). */
const DEADLINE_MS = 1_000;
/** Room for the work around a failed fetch (the other fetches of the plan, JSON, scheduling). */
const MARGIN_MS = 600;
/** Circuits half-open after CIRCUIT_HALF_OPEN_MS (1 s here); fresh answers return soon after. */
const RECOVERY = { withinMs: 15_000, pollMs: 250 };

type Signal = 'SIGSTOP' | 'SIGKILL';

const FAULTS: { subgraph: ServiceName; signal: Signal; description: string }[] = [
  { subgraph: 'catalog', signal: 'SIGSTOP', description: 'the catalog process is stopped (SIGSTOP)' },
  {
    subgraph: 'entitlements',
    signal: 'SIGKILL',
    description: 'the entitlements process is killed (SIGKILL)',
  },
];

describe('fallbacks while a subgraph process fails', () => {
  let stack: TestStack;
  let player: FallbackPlayer;

  beforeAll(async () => {
    // One never-played request per scenario.
    stack = await startTestStack(fallbackSeed(FAULTS.length + 1), {
      CIRCUIT_HALF_OPEN_MS: '1000',
      LOG_LEVEL: 'error',
      // Fresh cached titles would spare the stopped catalog: this suite is about its fallbacks.
      ENTITY_CACHE: 'off',
    });
    player = fallbackPlayer(stack);
  }, 90_000);

  afterAll(() => stack?.stop());

  async function stopOrKill(service: ServiceName, signal: Signal) {
    const child = stack.process(service);
    if (signal === 'SIGSTOP') {
      child.kill('SIGSTOP');
      return;
    }
    const exited = new Promise((resolve) => child.once('exit', resolve));
    child.kill('SIGKILL');
    await exited;
  }

  /** Runs `traffic` while `service` is stopped or dead, and brings it back whatever happens. */
  async function whileDown<T>(service: ServiceName, signal: Signal, traffic: () => Promise<T>): Promise<T> {
    await stopOrKill(service, signal);
    try {
      return await traffic();
    } finally {
      if (signal === 'SIGSTOP') stack.process(service).kill('SIGCONT');
      else await stack.restart(service);
    }
  }

  it.each(FAULTS)(
    'keeps plays seen before playing, refusals refused and everything within the deadline while $description, and answers fresh once it is back',
    async ({ subgraph, signal }) => {
      await player.warmUp();

      const rounds = await whileDown(subgraph, signal, () => player.playRoundsWhileFailing(subgraph, false));

      // That open circuits spare the failing replica is counted in process (gateway/src/fallback/matrix).
      expectWithinDeadline(rounds, { deadlineMs: DEADLINE_MS, marginMs: MARGIN_MS });
      await player.expectFreshAgain(RECOVERY);
    },
    60_000,
  );

  it('serves seen plays from their last good decision and manifest when every playback replica is killed', async () => {
    await player.warmUp();
    const replicas = stackServices()
      .filter((service) => service.entry.includes('playback'))
      .map((service) => service.name);
    for (const replica of replicas) await stopOrKill(replica, 'SIGKILL');
    try {
      const seen = await player.play(SEEN);
      expect(seen.reason).toBe('GRANTED');
      await player.expectManifestVerifies(seen.jws);
      expect(seen.degradedSubgraphs).toContain('playback');
      for (const refusal of MUST_REFUSE) expect((await player.play(refusal)).reason).toBe(refusal.reason);
      const fresh = await player.play(player.nextUnseen());
      expect(fresh.reason).toBe('TEMPORARILY_UNAVAILABLE');
      expect(fresh.jws).toBeUndefined();
    } finally {
      for (const replica of replicas) await stack.restart(replica);
    }
    await player.expectFreshAgain(RECOVERY);
  }, 60_000);
});
