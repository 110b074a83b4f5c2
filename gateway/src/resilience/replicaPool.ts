/**
 * Sends a subgraph fetch to one of the subgraph's replicas, within a deadline: a circuit breaker per
 * replica (fail fast while it is open, probe when half-open), failover to the next replica, and
 * retries with jittered backoff for queries only (a mutation is never sent twice).
 */
import {
  BrokenCircuitError,
  CircuitState,
  ConsecutiveBreaker,
  ExponentialBackoff,
  circuitBreaker,
  handleAll,
  handleWhen,
  retry,
  type CircuitBreakerPolicy,
  type RetryPolicy,
} from 'cockatiel';

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
}

export const DEFAULT_RESILIENCE: ResilienceSettings = {
  timeoutMs: 1_000,
  attemptTimeoutMs: 350,
  maxAttempts: 3,
  breakerFailures: 3,
  halfOpenAfterMs: 5_000,
};

/** Why an attempt failed, for metrics and the `extensions.degraded` reason. */
export type FailureReason = 'timeout' | 'deadline' | 'connection' | 'http_5xx' | 'circuit_open';

export class SubgraphUnavailableError extends Error {
  override name = 'SubgraphUnavailableError';
  constructor(
    readonly reason: FailureReason,
    message: string,
  ) {
    super(message);
  }
}

export interface SubgraphAnswer {
  status: number;
  body: unknown;
}

interface Replica {
  url: string;
  breaker: CircuitBreakerPolicy;
  /** When the circuit last opened (epoch ms): cockatiel reports Open until a call is let through. */
  openedAt: number;
}

/**
 * What the pool needs of an HTTP client: the global `fetch` fits, and so does a test's fake that
 * hangs, refuses or fails per replica. Kept this small so another client can take its place.
 */
export type ReplicaFetch = (
  url: string,
  init: { method: 'POST'; body: string; headers: Record<string, string>; signal: AbortSignal },
) => Promise<ReplicaResponse>;

/** The part of a `Response` the pool reads; `body.cancel()` releases an unread 5xx body. */
export interface ReplicaResponse {
  status: number;
  json(): Promise<unknown>;
  body?: { cancel(): Promise<void> } | null;
}

export interface ReplicaPoolHooks {
  onAttemptFailed?(replica: string, reason: FailureReason): void;
  onCircuitState?(replica: string, state: 'closed' | 'open' | 'half-open'): void;
}

export class ReplicaPool {
  private readonly replicas: Replica[];
  private readonly retries: RetryPolicy;
  private turn = 0;

  constructor(
    private readonly subgraph: string,
    urls: string[],
    private readonly settings: ResilienceSettings = DEFAULT_RESILIENCE,
    private readonly hooks: ReplicaPoolHooks = {},
    /** Sends each attempt. Defaults to the global `fetch` (Node's undici, pooled keep-alive). */
    private readonly fetch: ReplicaFetch = globalThis.fetch,
  ) {
    if (urls.length === 0) throw new Error(`No URL for subgraph ${subgraph}`);
    // Retry what another attempt may fix; an open circuit everywhere or a passed deadline it won't.
    this.retries = retry(
      handleWhen(
        (error) =>
          !(error instanceof SubgraphUnavailableError && ['circuit_open', 'deadline'].includes(error.reason)),
      ),
      {
        maxAttempts: settings.maxAttempts - 1,
        backoff: new ExponentialBackoff({ initialDelay: 20, maxDelay: 150 }),
      },
    );
    this.replicas = urls.map((url) => {
      const breaker = circuitBreaker(handleAll, {
        halfOpenAfter: settings.halfOpenAfterMs,
        breaker: new ConsecutiveBreaker(settings.breakerFailures),
      });
      const replica: Replica = { url, breaker, openedAt: 0 };
      breaker.onStateChange((state) => {
        if (state === CircuitState.Open) replica.openedAt = Date.now();
        hooks.onCircuitState?.(url, circuitName(state));
      });
      return replica;
    });
  }

  get urls(): string[] {
    return this.replicas.map((replica) => replica.url);
  }

  /**
   * POSTs a GraphQL request and returns the subgraph's answer, or throws SubgraphUnavailableError
   * once the deadline passes, every replica's circuit is open, or every attempt failed.
   */
  async send(body: string, headers: Record<string, string>, retryable: boolean): Promise<SubgraphAnswer> {
    // Plain timers, cleared when done: AbortSignal.timeout() fires (and builds an exception) even
    // after the answer arrived, which costs more than everything else here on a healthy path.
    const deadline = new AbortController();
    const timer = setTimeout(() => deadline.abort(), this.settings.timeoutMs);
    const first = this.turn++;
    let attempt = 0;
    const once = () => {
      const replica = this.pick(first + attempt++);
      if (!replica) {
        throw new SubgraphUnavailableError(
          'circuit_open',
          `every ${this.subgraph} replica's circuit is open`,
        );
      }
      return replica.breaker.execute(() => this.attempt(replica, body, headers, deadline.signal));
    };
    try {
      return retryable ? await this.retries.execute(once, deadline.signal) : await once();
    } catch (error) {
      throw this.explain(error, deadline.signal);
    } finally {
      clearTimeout(timer);
    }
  }

  /**
   * The next replica in turn whose circuit is not open. A circuit open for `halfOpenAfterMs` counts
   * as half-open and takes its probe: cockatiel still reports it Open until a call goes through it,
   * so skipping every Open circuit would keep it open for good.
   */
  private pick(turn: number): Replica | undefined {
    const now = Date.now();
    for (let offset = 0; offset < this.replicas.length; offset++) {
      const replica = this.replicas[(turn + offset) % this.replicas.length]!;
      if (replica.breaker.state !== CircuitState.Open) return replica;
      if (now - replica.openedAt >= this.settings.halfOpenAfterMs) return replica;
    }
    return undefined;
  }

  private async attempt(
    replica: Replica,
    body: string,
    headers: Record<string, string>,
    deadline: AbortSignal,
  ) {
    const controller = new AbortController();
    const onDeadline = () => controller.abort();
    deadline.addEventListener('abort', onDeadline, { once: true });
    const timer = setTimeout(() => controller.abort(), this.settings.attemptTimeoutMs);
    try {
      const response = await this.fetch(replica.url, {
        method: 'POST',
        body,
        headers,
        signal: controller.signal,
      });
      if (response.status >= 500) {
        await response.body?.cancel();
        throw new SubgraphUnavailableError('http_5xx', `${replica.url} answered HTTP ${response.status}`);
      }
      return { status: response.status, body: await response.json() };
    } catch (error) {
      const failure =
        error instanceof SubgraphUnavailableError
          ? error
          : deadline.aborted
            ? this.explain(error, deadline)
            : controller.signal.aborted
              ? new SubgraphUnavailableError(
                  'timeout',
                  `a ${this.subgraph} attempt took over ${this.settings.attemptTimeoutMs} ms`,
                )
              : new SubgraphUnavailableError('connection', `${this.subgraph}: ${(error as Error).message}`);
      this.hooks.onAttemptFailed?.(replica.url, failure.reason);
      throw failure;
    } finally {
      clearTimeout(timer);
      deadline.removeEventListener('abort', onDeadline);
    }
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
