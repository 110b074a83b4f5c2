/**
 * The life of a service process: start it, log loudly and exit non-zero if it cannot start, and
 * stop it without dropping a request. Used by every `index.ts`, which only listens. This is the one
 * owner of SIGINT and SIGTERM (every ApolloServer is built with `stopOnTerminationSignals: false`):
 * on either, the service drains within its grace and the process exits 0. A supervised process (one
 * with an IPC channel, as `lib/platform/stack.ts` spawns them) also stops when the channel
 * disconnects, so a supervisor killed with SIGKILL leaves no service behind.
 */
import { DEFAULT_DRAIN_GRACE_MS, type DrainOptions } from './httpRequests';
import type { Logger } from './log';
import { startTracing } from './tracing/setup';
import { withTimeout } from './withTimeout';
import { UnreachableCaseError } from './unreachable';

export interface Stoppable {
  /** Stops serving: in-flight work gets `options.graceMs` to finish; resolves once all is closed. */
  stop(options?: DrainOptions): Promise<void>;
}

export interface ServiceOptions {
  /** Logs the start, the stop and why. */
  logger: Logger;
  /**
   * How long in-flight requests may take to finish after SIGTERM or SIGINT (`SHUTDOWN_GRACE_MS`).
   * Defaults to {@link DEFAULT_DRAIN_GRACE_MS} (ten seconds).
   */
  shutdownGraceMs?: number;
  /**
   * Whether a caller's trace sampling decision stands (tracing/setup.ts): true for the services only
   * the gateway calls; the gateway, which devices call, says false. Defaults to true.
   */
  trustCallerSampling?: boolean;
}

/**
 * The grace when the supervisor is gone. Defaults to 1_000 (one second): nobody will stop this
 * process otherwise, and a restarted supervisor needs the port back, so it must be gone within two
 * seconds ({@link ORPHANED_MARGIN_MS} included).
 */
export const ORPHANED_GRACE_MS = 1_000;
/** Time after an orphan's grace for Apollo and the stores to close. Defaults to 800 ms. */
export const ORPHANED_MARGIN_MS = 800;
/**
 * Time after the grace for Apollo and the stores to close before the process exits 1 anyway (a
 * database client that hangs on close must not keep a stopped service alive). Defaults to 5_000.
 */
export const STOP_MARGIN_MS = 5_000;

/** Longest wait, once a service has stopped, for its last spans to reach the collector. Defaults to 2_000. */
const TRACES_FLUSH_MS = 2_000;

/** Why a service stops. */
export type StopCause = { kind: 'signal'; signal: NodeJS.Signals } | { kind: 'orphaned' };

type ServiceState =
  | { phase: 'starting'; stopRequested: StopCause | null }
  | { phase: 'running'; service: Stoppable }
  | { phase: 'stopping'; cause: StopCause; deadline: number; forceExit: NodeJS.Timeout }
  | { phase: 'failed' };

export function runService(name: string, options: ServiceOptions, start: () => Promise<Stoppable>): void {
  const run = new ServiceRun(name, options);
  onStopRequest((cause) => run.requestStop(cause));
  startTraced(name, options, start).then(
    (service) => run.started(service),
    (error: unknown) => run.failedToStart(error),
  );
}

/**
 * Registers tracing (tracing/setup.ts: only when `OTEL_*` asks for it) before the service builds
 * anything, so that its first span has a provider; the spans still queued are sent once it stopped.
 */
async function startTraced(
  name: string,
  { logger, trustCallerSampling }: ServiceOptions,
  start: () => Promise<Stoppable>,
): Promise<Stoppable> {
  const tracing = await startTracing(name, logger, process.env, { trustCallerSampling });
  const service = await start();
  return {
    async stop(options) {
      await service.stop(options);
      // A collector that is down or slow must not hold the exit: what it has not taken by then is lost.
      await withTimeout(tracing.shutdown(), TRACES_FLUSH_MS).catch((error: Error) =>
        logger.warn('spans not sent before the exit', { error: error.message }),
      );
    },
  };
}

/** Calls `stop` on SIGINT, SIGTERM, and when a supervised process's supervisor is gone. */
function onStopRequest(stop: (cause: StopCause) => void): void {
  process.on('SIGINT', () => stop({ kind: 'signal', signal: 'SIGINT' }));
  process.on('SIGTERM', () => stop({ kind: 'signal', signal: 'SIGTERM' }));
  // Only a supervised process has a channel; its disconnecting means the supervisor is gone.
  if (process.channel) process.once('disconnect', () => stop({ kind: 'orphaned' }));
}

/** One service process from its start to its exit: what a stop request does depends on the phase. */
class ServiceRun {
  private state: ServiceState = { phase: 'starting', stopRequested: null };
  private readonly logger: Logger;
  private readonly shutdownGraceMs: number;

  constructor(
    private readonly name: string,
    options: ServiceOptions,
  ) {
    this.logger = options.logger;
    this.shutdownGraceMs = options.shutdownGraceMs ?? DEFAULT_DRAIN_GRACE_MS;
  }

  started(service: Stoppable): void {
    const requested = this.state.phase === 'starting' ? this.state.stopRequested : null;
    this.state = { phase: 'running', service };
    if (requested) this.beginStopping(service, requested);
  }

  failedToStart(error: unknown): void {
    this.state = { phase: 'failed' };
    this.logger.error(`${this.name} failed to start`, { error: (error as Error).message });
    process.exit(1);
  }

  requestStop(cause: StopCause): void {
    const state = this.state;
    switch (state.phase) {
      case 'starting': {
        // Stop once started; when both a signal and the supervisor's end came, the shorter grace wins.
        const pending = state.stopRequested;
        if (pending === null || this.timing(cause).graceMs < this.timing(pending).graceMs) {
          state.stopRequested = cause;
        }
        return;
      }
      case 'running':
        return this.beginStopping(state.service, cause);
      case 'stopping':
        return this.stopSoonerIfDue(state, cause);
      case 'failed':
        return;
      default:
        throw new UnreachableCaseError(state);
    }
  }

  private beginStopping(service: Stoppable, cause: StopCause): void {
    const since = Date.now();
    const { graceMs, marginMs } = this.timing(cause);
    this.logger.info('stopping', { ...causeFields(cause), graceMs });
    this.state = {
      phase: 'stopping',
      cause,
      deadline: since + graceMs + marginMs,
      forceExit: exitAnywayAfter(this.logger, graceMs + marginMs),
    };
    service.stop({ graceMs }).then(
      () => {
        this.logger.info('stopped', { ...causeFields(cause), afterMs: Date.now() - since });
        process.exit(0);
      },
      (error: unknown) => {
        this.logger.error('stopped with an error', {
          error: (error as Error).message,
          afterMs: Date.now() - since,
        });
        process.exit(1);
      },
    );
  }

  /**
   * A second signal changes nothing (`npm start` sends SIGINT to the group and SIGTERM to each), but
   * a supervisor that died meanwhile shortens the time left.
   */
  private stopSoonerIfDue(state: Extract<ServiceState, { phase: 'stopping' }>, cause: StopCause): void {
    const { graceMs, marginMs } = this.timing(cause);
    const deadline = Date.now() + graceMs + marginMs;
    if (deadline >= state.deadline) return;
    this.logger.warn('stopping sooner', { ...causeFields(cause), withinMs: deadline - Date.now() });
    clearTimeout(state.forceExit);
    this.state = { ...state, deadline, forceExit: exitAnywayAfter(this.logger, deadline - Date.now()) };
  }

  /** The grace a cause gives in-flight requests, and the margin after it before the process exits anyway. */
  private timing(cause: StopCause): { graceMs: number; marginMs: number } {
    switch (cause.kind) {
      case 'signal':
        return { graceMs: this.shutdownGraceMs, marginMs: STOP_MARGIN_MS };
      case 'orphaned':
        return {
          graceMs: Math.min(this.shutdownGraceMs, ORPHANED_GRACE_MS),
          marginMs: ORPHANED_MARGIN_MS,
        };
      default:
        throw new UnreachableCaseError(cause);
    }
  }
}

/** How a log line names the cause. */
function causeFields(cause: StopCause): Record<string, unknown> {
  return cause.kind === 'signal' ? { signal: cause.signal } : { reason: 'supervisor gone' };
}

/** The last resort when stopping hangs: exit anyway, and say so. */
function exitAnywayAfter(logger: Logger, delayMs: number): NodeJS.Timeout {
  return setTimeout(() => {
    logger.error('did not stop in time; exiting anyway', { afterMs: delayMs });
    process.exit(1);
  }, delayMs).unref();
}
