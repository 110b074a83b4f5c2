/**
 * The fallback matrix, in process: the real gateway in front of the real subgraph servers
 * (test/support/inProcessStack.ts), each subgraph in turn made to hang, refuse connections, slow down
 * past its deadline or answer HTTP 500 (test/support/faultyNetwork.ts) while `play` traffic runs, with
 * the expectations of test/support/fallbackScenario.ts. Faults take effect at once and circuits
 * half-open after 300 ms, so a subgraph's matrix runs in a few seconds. Faults are injected per
 * replica, so one stack hosts the matrices of several subgraphs in sequence: each file under
 * gateway/src/fallback/matrix/ runs two, which saves loading the gateway and starting six servers
 * per subgraph, while the two files still run side by side.
 */
import type { Fault } from './faultyNetwork';
import {
  SEEN,
  expectWithinDeadline,
  fallbackPlayer,
  fallbackSeed,
  type FallbackPlayer,
  type Played,
} from './fallbackScenario';
import { startInProcessStack, type InProcessStack, type InProcessSubgraph } from './inProcessStack';
import type { ResilienceSettings } from '../../gateway/src/resilience/replicaPool';

/** The gateway's settings scaled down: the same shape of deadline, retries and breaker, in less time. */
export const MATRIX_RESILIENCE: ResilienceSettings = {
  timeoutMs: 300,
  attemptTimeoutMs: 100,
  maxAttempts: 3,
  breakerFailures: 3,
  halfOpenAfterMs: 300,
  refusedGraceMs: 50,
};
/**
 * Room for the work around a failed fetch (the other fetches of the plan, JSON, scheduling on a busy
 * machine). Smaller than what a hang or a slow link would cost without the deadline, so the check can
 * fail: a hang never answers, and a slow answer takes twice {@link SLOW_DELAY_MS}.
 */
const MARGIN_MS = 1_200;
/** How much a slow link delays each way: far past the deadline. */
const SLOW_DELAY_MS = 5 * MATRIX_RESILIENCE.timeoutMs;
/**
 * Rounds of the scenario's traffic per fault: the first round's failed attempts open the circuits
 * (three failures do; its first play makes three attempts), the second round meets them open, and
 * so do the open-circuit plays after it, half-open probes included. A third round, as the
 * end-to-end suite plays against real processes, would only repeat the second here.
 */
const ROUNDS = 2;
/**
 * Seen plays sent while the circuits are open, to count what still reaches the failing replicas;
 * they are held to the same deadline and must still be granted.
 */
const OPEN_CIRCUIT_PLAYS = 10;
export const RECOVERY = { withinMs: 5_000, pollMs: 50 };

const FAULTS: { fault: Fault; description: string }[] = [
  { fault: { kind: 'hang' }, description: 'hangs' },
  { fault: { kind: 'refuse' }, description: 'refuses connections' },
  {
    fault: { kind: 'slow', delayMs: SLOW_DELAY_MS },
    description: 'slows down past its deadline',
  },
  { fault: { kind: 'fail' }, description: 'answers HTTP 500' },
];

export interface FallbackMatrix {
  readonly stack: InProcessStack;
  readonly player: FallbackPlayer;
  /** Plays `traffic` with `fault` on `replicas`, and heals them whatever happens. */
  withFault<T>(replicas: string[], fault: Fault, traffic: () => Promise<T>): Promise<T>;
  /** The subgraphs whose matrices the file declared on this stack: each needs unseen requests. */
  subgraphs: number;
}

/**
 * Starts one stack for the whole test file (in `beforeAll`, stopped in `afterAll`) and returns the
 * matrix over it, for {@link describeFallbackMatrix}. Call it once, at the top of the file.
 */
export function useFallbackMatrix(): FallbackMatrix {
  let stack: InProcessStack | undefined;
  let player: FallbackPlayer | undefined;
  const matrix: FallbackMatrix = {
    subgraphs: 0,
    get stack() {
      if (!stack) throw new Error('The stack starts in beforeAll');
      return stack;
    },
    get player() {
      if (!player) throw new Error('The stack starts in beforeAll');
      return player;
    },
    async withFault(replicas, fault, traffic) {
      for (const replica of replicas) matrix.stack.network.inject(replica, fault);
      try {
        return await traffic();
      } finally {
        for (const replica of replicas) matrix.stack.network.heal(replica);
      }
    },
  };

  beforeAll(async () => {
    // One never-played request per subgraph and scenario (the file has declared its subgraphs by
    // now), and a few for the tests the matrices add.
    stack = await startInProcessStack(fallbackSeed(matrix.subgraphs * FAULTS.length + 4), {
      resilience: MATRIX_RESILIENCE,
    });
    player = fallbackPlayer(stack);
  });

  afterAll(() => stack?.stop());

  return matrix;
}

/**
 * Declares the matrix for `failing` on the file's stack ({@link useFallbackMatrix}); `more` declares
 * further tests after it. Every scenario ends with `failing` healed and plays answered fresh again,
 * so the next subgraph's matrix starts from a healthy stack. Playback fails one replica of two: the
 * other answers, so even unseen requests are decided there; any other subgraph fails whole.
 */
export function describeFallbackMatrix(
  matrix: FallbackMatrix,
  failing: InProcessSubgraph,
  more: () => void = () => {},
): void {
  const decidable = failing === 'playback';
  matrix.subgraphs += 1;

  describe(`fallbacks while ${failing} fails`, () => {
    it.each(FAULTS)(
      `keeps plays seen before playing (on last good values), refusals refused and everything within the deadline while ${failing} $description, and answers fresh once it recovers`,
      async ({ fault }) => {
        await matrix.player.warmUp();
        const replicas = matrix.stack.replicas[failing];

        const faulted = decidable ? [replicas[0]!] : replicas;
        const { rounds, whileOpen, reachedWhileOpen, allowedProbes } = await matrix.withFault(
          faulted,
          fault,
          async () => {
            const rounds = await matrix.player.playRoundsWhileFailing(failing, decidable, ROUNDS);
            // Once the circuits are open, a failing replica sees a half-open probe per replica and
            // per `halfOpenAfterMs`, not the attempts of every play (three each, without breakers).
            const before = matrix.stack.network.faultedRequests;
            const started = performance.now();
            const whileOpen: Played[] = [];
            for (let play = 0; play < OPEN_CIRCUIT_PLAYS; play++)
              whileOpen.push(await matrix.player.play(SEEN));
            const periods = 1 + Math.ceil((performance.now() - started) / MATRIX_RESILIENCE.halfOpenAfterMs);
            return {
              rounds,
              whileOpen,
              reachedWhileOpen: matrix.stack.network.faultedRequests - before,
              allowedProbes: faulted.length * periods,
            };
          },
        );

        if (!decidable) {
          for (const [seen] of rounds) {
            const standIns = seen!.degraded.filter((field) => field.subgraph === failing);
            expect(standIns.length).toBeGreaterThan(0);
            expect(standIns.map((field) => field.fallback)).toEqual(standIns.map(() => 'STALE'));
          }
        }
        expect(whileOpen.map((played) => played.reason)).toEqual(whileOpen.map(() => 'GRANTED'));
        expectWithinDeadline([...rounds, whileOpen], {
          deadlineMs: MATRIX_RESILIENCE.timeoutMs,
          marginMs: MARGIN_MS,
        });
        expect(reachedWhileOpen).toBeLessThanOrEqual(allowedProbes);
        await matrix.player.expectFreshAgain(RECOVERY);
      },
    );

    more();
  });
}

/** The gateway's Prometheus metrics, as its admin listener's `/metrics` serves them. */
export async function metricsOf(stack: InProcessStack): Promise<string> {
  return (await fetch(`${stack.adminUrl}/metrics`)).text();
}

/** Matches a failed attempt of `subgraph` for `reason`, counted at least once. */
export function failuresCounted(subgraph: string, reason: string): RegExp {
  return new RegExp(
    `gateway_subgraph_fetch_failures_total\\{subgraph="${subgraph}",reason="${reason}"\\} [1-9]`,
  );
}
