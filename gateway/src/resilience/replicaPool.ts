/**
 * Sends a subgraph fetch to one of the subgraph's replicas, within a deadline: a circuit breaker per
 * replica (fail fast while it is open, probe when half-open), failover to the next replica, and
 * retries with jittered backoff for queries only (a mutation is never sent twice).
 *
 * A circuit opens for what the replica did, never for what one caller asked of it, nor for a replica
 * that sheds load (503 with `x-shed`: tried elsewhere, uncounted): a fetch over the
 * size caps is refused without being sent, a 4xx answer, or the timeout of a fetch the request made
 * unusually large, does not count against the replica, and one client request adds at most one
 * failure to a replica's circuit however many fetches it makes (see {@link SendOptions}).
 */
import {
  BrokenCircuitError,
  CircuitState,
  ConsecutiveBreaker,
  ExponentialBackoff,
  circuitBreaker,
  handleWhen,
  retry,
  type CircuitBreakerPolicy,
  type RetryPolicy,
} from 'cockatiel';
import { SHED_HEADER } from '@contracts/shedding';
import { SubgraphUnavailableError, type FailureReason } from '../fetch/unavailable';
import { tracedAttempt } from './attemptSpan';
import { pooledFetch } from './pooledFetch';
import type { ReplicaFetch, ReplicaResponse } from './replicaFetch';
import type { SubgraphName } from '@platform/composition';
import type { TraceParent } from '@platform/tracing/spans';

export type { ReplicaFetch, ReplicaResponse } from './replicaFetch';

export interface ResilienceSettings {
  /** Deadline of one subgraph fetch, every attempt included. Defaults to 1_000 ms for queries. */
  timeoutMs: number;
  /** Longest one attempt may take before the next replica is tried. Defaults to 350 ms. */
  attemptTimeoutMs: number;
  /** Attempts for a query, the first included; mutations get one. Defaults to 3. */
  maxAttempts: number;
  /** Consecutive failures that open a replica's circuit. Defaults to 3. */
  breakerFailures: number;
  /** How long an open circuit stays open before one probe request may pass. Defaults to 5_000 ms. */
  halfOpenAfterMs: number;
  /**
   * A query's attempt silent for this long is joined by one at the next replica, and the first
   * answer wins: a blackholed or lost replica then costs a fetch this much, not `attemptTimeoutMs`.
   * Hedges are budgeted ({@link HEDGE_BUDGET}) so that a slow graph is not sent twice the load.
   * Unset (the default): the next attempt waits for the last to fail.
   */
  hedgeAfterMs?: number;
  /**
   * For how long after its first refused connection a replica's refusals do not count against its
   * circuit (they are retried): a restarted replica's port has no listener for a moment while it
   * changes hands, and a few concurrent fetches landing in that moment must not open the circuit
   * for everyone. Defaults to {@link REFUSED_GRACE_MS}.
   */
  refusedGraceMs?: number;
  /**
   * Largest fetch body sent; a larger one is refused for its request without being sent. Defaults to
   * {@link DEFAULT_FETCH_CAPS}.maxFetchBytes (256 KiB): a `play` fetch is under 4 KiB, and subgraphs
   * refuse bodies over 1 MiB anyway.
   */
  maxFetchBytes?: number;
  /**
   * Most items in one fetch (representations of an `_entities` fetch, or root fields of a root
   * fetch); a fetch with more is refused for its request without being sent. Defaults to
   * {@link DEFAULT_FETCH_CAPS}.maxFetchItems (100): a page of `titles(first: 100)` resolved elsewhere.
   */
  maxFetchItems?: number;
  /**
   * A fetch over this many bytes is unusually large: its timeout is blamed on the request, not the
   * replica. Defaults to {@link DEFAULT_FETCH_CAPS}.largeFetchBytes (16 KiB).
   */
  largeFetchBytes?: number;
  /**
   * A fetch with more items than this is unusually large (see `largeFetchBytes`). Defaults to
   * {@link DEFAULT_FETCH_CAPS}.largeFetchItems (10): device operations make fetches of one item.
   */
  largeFetchItems?: number;
}

type FetchCaps = Required<
  Pick<ResilienceSettings, 'maxFetchBytes' | 'maxFetchItems' | 'largeFetchBytes' | 'largeFetchItems'>
>;

/** The defaults of the fetch caps of {@link ResilienceSettings}. */
export const DEFAULT_FETCH_CAPS: FetchCaps = {
  maxFetchBytes: 256 * 1024,
  maxFetchItems: 100,
  largeFetchBytes: 16 * 1024,
  largeFetchItems: 10,
};

/**
 * The default of {@link ResilienceSettings}.refusedGraceMs: a port changes hands within one listen
 * retry (20 ms) plus the old process's close; a replica still refusing after this is down.
 */
export const REFUSED_GRACE_MS = 250;

/**
 * Hedges per fetch sent, and the most saved up: at most one fetch in ten is hedged over time, and a
 * burst of slowness can hedge ten at once (a retry budget, as gRPC's and Finagle's).
 */
export const HEDGE_BUDGET = { perFetch: 0.1, max: 10 };

/**
 * How long a replica whose attempt was hedged around is passed over while another can be asked
 * (outlier ejection, as Envoy's): the fetches that follow go straight to a replica that answers,
 * and after this the replica is asked again, costing at most one hedge delay if it is still silent.
 */
export const SUSPECT_MS = 1_000;

/** Whether another attempt may fix what this one failed with: not an open circuit everywhere, a passed deadline, or a refusal. */
const worthAnotherAttempt = (error: unknown) =>
  !(
    error instanceof SubgraphUnavailableError &&
    ['circuit_open', 'deadline', 'refused'].includes(error.reason)
  );

export const DEFAULT_RESILIENCE: ResilienceSettings = {
  timeoutMs: 1_000,
  attemptTimeoutMs: 350,
  maxAttempts: 3,
  breakerFailures: 3,
  halfOpenAfterMs: 5_000,
};

/** What one fetch tells the pool about the client request it belongs to. */
export interface SendOptions {
  /**
   * Replicas (by URL) this fetch's client request has already counted a failure against; the pool
   * adds to it. Shared by every fetch of one client request, so that the request adds at most one
   * failure to each replica's circuit. Defaults to a set of this fetch's own.
   */
  countedFailures?: Set<string>;
  /** Representations of an `_entities` fetch, or root fields of a root fetch. Defaults to 1. */
  items?: number;
  /** Given (an analyst's `x-debug: trace`), the URL of each replica an attempt went to, in order. */
  attempted?: string[];
  /** The parent of each attempt's span: the fetch's (tracing/fetchSpanStage.ts). None: untraced. */
  traceParent?: TraceParent;
}

export interface SubgraphAnswer {
  status: number;
  body: unknown;
  /** The subgraph's `cache-control` for this answer (its `@cacheControl` hints), when it sent one. */
  cacheControl?: string;
}

interface Replica {
  url: string;
  breaker: CircuitBreakerPolicy;
  /** When the circuit last opened (epoch ms): cockatiel reports Open until a call is let through. */
  openedAt: number;
  /** When the replica began refusing connections (epoch ms); unset once it answers. */
  refusingSince?: number;
  /** In another zone: asked only when no replica of the own zone can answer. */
  failover: boolean;
  /** Until when (epoch ms) the replica is passed over: an attempt of it was hedged around. */
  suspectUntil: number;
}

export interface ReplicaPoolHooks {
  onAttemptFailed?(replica: string, reason: FailureReason): void;
  onCircuitState?(replica: string, state: 'closed' | 'open' | 'half-open'): void;
}

export class ReplicaPool {
  private readonly replicas: Replica[];
  /** The own zone's replicas, then the other zones' (asked only when none of the own can answer). */
  private readonly own: Replica[];
  private readonly otherZones: Replica[];
  private readonly retries: RetryPolicy;
  private readonly caps: FetchCaps;
  private turn = 0;
  /** Hedges this pool may still send ({@link HEDGE_BUDGET}). */
  private hedges = HEDGE_BUDGET.max;

  constructor(
    private readonly subgraph: SubgraphName,
    urls: string[],
    private readonly settings: ResilienceSettings = DEFAULT_RESILIENCE,
    private readonly hooks: ReplicaPoolHooks = {},
    /** Sends each attempt: undici's keep-alive pool (pooledFetch.ts) unless a test fakes it. */
    private readonly fetch: ReplicaFetch = pooledFetch,
    /** Replicas in other zones: asked only when none of `urls` (the own zone's) can answer. */
    failoverUrls: readonly string[] = [],
  ) {
    if (urls.length === 0) throw new Error(`No URL for subgraph ${subgraph}`);
    // Retry what another attempt may fix; an open circuit everywhere or a passed deadline it won't.
    this.retries = retry(handleWhen(worthAnotherAttempt), {
      maxAttempts: settings.maxAttempts - 1,
      backoff: new ExponentialBackoff({ initialDelay: 20, maxDelay: 150 }),
    });
    this.caps = {
      maxFetchBytes: settings.maxFetchBytes ?? DEFAULT_FETCH_CAPS.maxFetchBytes,
      maxFetchItems: settings.maxFetchItems ?? DEFAULT_FETCH_CAPS.maxFetchItems,
      largeFetchBytes: settings.largeFetchBytes ?? DEFAULT_FETCH_CAPS.largeFetchBytes,
      largeFetchItems: settings.largeFetchItems ?? DEFAULT_FETCH_CAPS.largeFetchItems,
    };
    this.replicas = [...urls, ...failoverUrls].map((url, index) => {
      // Only failures the replica caused open its circuit: the rest pass through the breaker uncounted.
      const breaker = circuitBreaker(handleWhen(countsAgainstReplica), {
        halfOpenAfter: settings.halfOpenAfterMs,
        breaker: new ConsecutiveBreaker(settings.breakerFailures),
      });
      const replica: Replica = { url, breaker, openedAt: 0, failover: index >= urls.length, suspectUntil: 0 };
      breaker.onStateChange((state) => {
        if (state === CircuitState.Open) replica.openedAt = Date.now();
        hooks.onCircuitState?.(url, circuitName(state));
      });
      return replica;
    });
    this.own = this.replicas.filter((replica) => !replica.failover);
    this.otherZones = this.replicas.filter((replica) => replica.failover);
  }

  get urls(): string[] {
    return this.replicas.map((replica) => replica.url);
  }

  /**
   * POSTs a GraphQL request and returns the subgraph's answer, or throws SubgraphUnavailableError
   * once the deadline passes, every replica's circuit is open, or every attempt failed, and at once,
   * without sending, when the fetch is over a cap (`oversized`).
   */
  async send(
    body: string,
    headers: Record<string, string>,
    retryable: boolean,
    options: SendOptions = {},
  ): Promise<SubgraphAnswer> {
    const bytes = Buffer.byteLength(body);
    const items = options.items ?? 1;
    if (bytes > this.caps.maxFetchBytes || items > this.caps.maxFetchItems) {
      throw new SubgraphUnavailableError(
        'oversized',
        `a ${this.subgraph} fetch of ${bytes} bytes and ${items} items is over the caps ` +
          `(${this.caps.maxFetchBytes} bytes, ${this.caps.maxFetchItems} items): not sent`,
        false,
      );
    }
    const fetch: FetchInFlight = {
      body,
      headers,
      large: bytes > this.caps.largeFetchBytes || items > this.caps.largeFetchItems,
      countedFailures: options.countedFailures ?? new Set(),
      inFlight: new Set(),
      traceParent: options.traceParent,
    };
    // Plain timers, cleared when done: AbortSignal.timeout() fires (and builds an exception) even
    // after the answer arrived, which costs more than everything else here on a healthy path.
    // The deadline aborts the attempt in flight itself rather than through a listener on its signal:
    // an EventTarget listener added and removed per attempt cost more than the rest of this method.
    const deadline = new AbortController();
    const timer = setTimeout(() => {
      deadline.abort();
      for (const attempt of fetch.inFlight) attempt.abort();
    }, this.settings.timeoutMs);
    const first = this.turn++;
    let attempt = 0;
    const tried = new Set<Replica>();
    let latest: Replica | undefined;
    const once = () => {
      const replica = this.pick(first + attempt++, tried);
      latest = replica;
      if (!replica) {
        throw new SubgraphUnavailableError(
          'circuit_open',
          `every ${this.subgraph} replica's circuit is open`,
        );
      }
      tried.add(replica);
      options.attempted?.push(replica.url);
      const number = attempt; // 1 for the first: counted by the pick above
      return replica.breaker.execute(() =>
        tracedAttempt(
          {
            subgraph: this.subgraph,
            replica: replica.url,
            number,
            circuit: circuitName(replica.breaker.state),
          },
          fetch.traceParent,
          fetch.headers,
          (headers) => this.attempt(replica, fetch, headers, deadline.signal),
        ),
      );
    };
    this.hedges = Math.min(HEDGE_BUDGET.max, this.hedges + HEDGE_BUDGET.perFetch);
    const { hedgeAfterMs } = this.settings;
    try {
      if (!retryable) return await once();
      return hedgeAfterMs === undefined
        ? await this.retries.execute(once, deadline.signal)
        : await this.hedged(once, hedgeAfterMs, () => {
            if (latest) latest.suspectUntil = Date.now() + SUSPECT_MS;
          });
    } catch (error) {
      throw this.explain(error, deadline.signal);
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * Attempts of a query, each at the next replica: the next once the last failed with something
   * another attempt may fix, or once the last has been silent for `hedgeAfterMs` while the budget
   * allows a hedge. Resolves with the first answer; rejects with the last failure once none is left
   * running. An attempt that lost the race is not aborted: it ends by its own timeout or answer, and
   * its failure counts against its replica as any other would.
   */
  private hedged(
    once: () => Promise<SubgraphAnswer>,
    hedgeAfterMs: number,
    /** The attempt just launched has been silent for `hedgeAfterMs`. */
    onSilent: () => void,
  ): Promise<SubgraphAnswer> {
    return new Promise((resolve, reject) => {
      let launched = 0;
      let running = 0;
      let settled = false;
      let lastFailure: unknown;
      let hedge: NodeJS.Timeout | undefined;
      const settle = (finish: () => void) => {
        if (settled) return;
        settled = true;
        clearTimeout(hedge);
        finish();
      };
      const launch = (): boolean => {
        if (settled || launched >= this.settings.maxAttempts) return false;
        let attempt: Promise<SubgraphAnswer>;
        try {
          attempt = once();
        } catch (error) {
          lastFailure = error;
          return false;
        }
        launched += 1;
        running += 1;
        clearTimeout(hedge);
        if (launched < this.settings.maxAttempts) {
          hedge = setTimeout(() => {
            onSilent();
            if (this.hedges < 1) return;
            this.hedges -= 1;
            launch();
          }, hedgeAfterMs);
        }
        attempt.then(
          (answer) => settle(() => resolve(answer)),
          (error: unknown) => {
            running -= 1;
            lastFailure = error;
            if (settled) return;
            if (worthAnotherAttempt(error) && launch()) return;
            if (running === 0) settle(() => reject(lastFailure));
          },
        );
        return true;
      };
      if (!launch()) reject(lastFailure);
    });
  }

  /**
   * The replica for the next attempt of a fetch: one of the own zone's, in turn, that this fetch has
   * not tried yet; else one of another zone's (a blackholed own replica costs one attempt, then the
   * fetch crosses zones rather than waiting on it again); else any, tried or not. Only replicas whose
   * circuit is not open: a circuit open for `halfOpenAfterMs` counts as half-open and takes its probe
   * (cockatiel still reports it Open until a call goes through it, so skipping every Open circuit
   * would keep it open for good). A replica under suspicion ({@link SUSPECT_MS}) comes after every
   * other untried one, of either zone.
   */
  private pick(turn: number, tried: ReadonlySet<Replica>): Replica | undefined {
    const now = Date.now();
    const usable = (replica: Replica) =>
      replica.breaker.state !== CircuitState.Open || now - replica.openedAt >= this.settings.halfOpenAfterMs;
    const trusted = (replica: Replica) => replica.suspectUntil <= now;
    // In turn within each zone, so that the own zone's replicas share its load evenly.
    const first = (zone: readonly Replica[], untried: boolean, onlyTrusted = false) => {
      for (let offset = 0; offset < zone.length; offset++) {
        const replica = zone[(turn + offset) % zone.length]!;
        if (usable(replica) && !(untried && tried.has(replica)) && (!onlyTrusted || trusted(replica))) {
          return replica;
        }
      }
      return undefined;
    };
    return (
      first(this.own, true, true) ??
      first(this.otherZones, true, true) ??
      first(this.own, true) ??
      first(this.otherZones, true) ??
      first(this.own, false) ??
      first(this.otherZones, false)
    );
  }

  /** `headers`: the fetch's, with this attempt's `traceparent` when it is traced. */
  private async attempt(
    replica: Replica,
    fetch: FetchInFlight,
    headers: Record<string, string>,
    deadline: AbortSignal,
  ): Promise<SubgraphAnswer> {
    const controller = new AbortController();
    fetch.inFlight.add(controller);
    if (deadline.aborted) controller.abort();
    const timer = setTimeout(() => controller.abort(), this.settings.attemptTimeoutMs);
    try {
      const response = await this.fetch(replica.url, {
        method: 'POST',
        body: fetch.body,
        headers,
        signal: controller.signal,
      });
      replica.refusingSince = undefined;
      replica.suspectUntil = 0;
      if (response.status >= 500) {
        await response.body?.cancel();
        // Shed by an overloaded replica: another may answer, and this one is not broken.
        if (response.status === 503 && response.headers?.get(SHED_HEADER)) {
          throw new SubgraphUnavailableError(
            'shed',
            `${replica.url} is overloaded and shed the fetch`,
            false,
          );
        }
        throw new SubgraphUnavailableError('http_5xx', `${replica.url} answered HTTP ${response.status}`);
      }
      const header = response.headers?.get('cache-control');
      const cacheControl = header ? { cacheControl: header } : {};
      if (response.status >= 400)
        return { status: response.status, body: await refusalBody(replica, response), ...cacheControl };
      return { status: response.status, body: await response.json(), ...cacheControl };
    } catch (error) {
      const cause =
        error instanceof SubgraphUnavailableError
          ? error
          : deadline.aborted
            ? this.explain(error, deadline)
            : controller.signal.aborted
              ? new SubgraphUnavailableError(
                  'timeout',
                  `a ${this.subgraph} attempt took over ${this.settings.attemptTimeoutMs} ms`,
                )
              : new SubgraphUnavailableError(
                  'connection',
                  `${this.subgraph}: ${(error as Error).message}`,
                  // A kept-alive connection the replica closed (it is draining for a restart) is not
                  // the replica failing, nor is a refusal while its port changes hands; a replica
                  // that is gone keeps refusing, and that counts.
                  !closedByPeer(error) && !this.refusedBriefly(replica, error),
                );
      const failure = this.blame(replica, fetch, cause);
      this.hooks.onAttemptFailed?.(replica.url, failure.reason);
      throw failure;
    } finally {
      clearTimeout(timer);
      fetch.inFlight.delete(controller);
    }
  }

  /**
   * Whether `error` is a refused connection within the grace period of the replica's first refusal
   * ({@link ResilienceSettings}.refusedGraceMs). A half-open probe's refusal always counts: cockatiel
   * would close the circuit on an uncounted one.
   */
  private refusedBriefly(replica: Replica, error: unknown): boolean {
    if (errorCode(error) !== 'ECONNREFUSED') return false;
    const now = Date.now();
    replica.refusingSince ??= now;
    const grace = this.settings.refusedGraceMs ?? REFUSED_GRACE_MS;
    return now - replica.refusingSince < grace && replica.breaker.state !== CircuitState.HalfOpen;
  }

  /**
   * Whether a failed attempt counts against the replica's circuit: not when the replica refused the
   * request (it answered, so it is up), not for the timeout of an unusually large fetch (the request
   * made it slow), and only once per client request and replica. A failed half-open probe always
   * counts, a large one included: it showed nothing healthy, and cockatiel closes the circuit on an
   * error it does not count. Decided synchronously when the attempt fails, so that parallel fetches of
   * one request cannot both count.
   */
  private blame(replica: Replica, fetch: FetchInFlight, failure: SubgraphUnavailableError) {
    if (!failure.countsAgainstReplica) return failure;
    const probe = replica.breaker.state === CircuitState.HalfOpen;
    const timedOut = failure.reason === 'timeout' || failure.reason === 'deadline';
    if (!probe && ((fetch.large && timedOut) || fetch.countedFailures.has(replica.url))) {
      return new SubgraphUnavailableError(failure.reason, failure.message, false);
    }
    fetch.countedFailures.add(replica.url);
    return failure;
  }

  private explain(error: unknown, deadline: AbortSignal): SubgraphUnavailableError {
    if (error instanceof SubgraphUnavailableError) return error;
    if (error instanceof BrokenCircuitError) {
      return new SubgraphUnavailableError('circuit_open', `a ${this.subgraph} replica's circuit is open`);
    }
    if (deadline.aborted) {
      return new SubgraphUnavailableError(
        'deadline',
        `no ${this.subgraph} answer within ${this.settings.timeoutMs} ms`,
      );
    }
    return new SubgraphUnavailableError('connection', `${this.subgraph}: ${(error as Error).message}`);
  }
}

/** A fetch on its way through the attempts of one `send`. */
interface FetchInFlight {
  body: string;
  headers: Record<string, string>;
  /** Over `largeFetchBytes` or `largeFetchItems`: a timeout is blamed on the request. */
  large: boolean;
  countedFailures: Set<string>;
  /** The attempts on their way (several when hedged), for the deadline to abort. */
  inFlight: Set<AbortController>;
  /** The parent of each attempt's span (resilience/attemptSpan.ts). */
  traceParent: TraceParent;
}

/** Error codes of a connection the other side closed or reset (undici's, and Node's sockets'). */
const CLOSED_BY_PEER = new Set(['UND_ERR_SOCKET', 'ECONNRESET', 'EPIPE']);

function closedByPeer(error: unknown): boolean {
  const code = errorCode(error);
  return code !== undefined && CLOSED_BY_PEER.has(code);
}

/** The socket error code of a failed attempt: undici's own, or the cause of the global fetch's TypeError. */
function errorCode(error: unknown): string | undefined {
  const codeOf = (value: unknown) => (value as { code?: unknown } | undefined)?.code;
  const code = codeOf(error) ?? codeOf((error as { cause?: unknown } | undefined)?.cause);
  return typeof code === 'string' ? code : undefined;
}

const countsAgainstReplica = (error: unknown) =>
  error instanceof SubgraphUnavailableError && error.countsAgainstReplica;

/**
 * The body of a 4xx answer: the subgraph refused this request and is healthy, so the answer goes back
 * to the caller as it is when it is GraphQL JSON (Apollo's 400 for an invalid operation), and fails
 * this request only, uncounted and not retried, when it is not (a proxy's 413 page).
 */
async function refusalBody(replica: Replica, response: ReplicaResponse): Promise<unknown> {
  try {
    return await response.json();
  } catch {
    throw new SubgraphUnavailableError(
      'refused',
      `${replica.url} refused the request with HTTP ${response.status}`,
      false,
    );
  }
}

function circuitName(state: CircuitState): 'closed' | 'open' | 'half-open' {
  switch (state) {
    case CircuitState.Open:
    case CircuitState.Isolated:
      return 'open';
    case CircuitState.HalfOpen:
      return 'half-open';
    case CircuitState.Closed:
      return 'closed';
  }
}
