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

/** Why a service stops. */
export type StopCause = { kind: 'signal'; signal: NodeJS.Signals } | { kind: 'orphaned' };

type ServiceState =
  | { phase: 'starting'; stopRequested: StopCause | null }
  | { phase: 'running'; service: Stoppable }
  | { phase: 'stopping'; cause: StopCause; deadline: number; forceExit: NodeJS.Timeout }
  | { phase: 'failed' };

export function runService(name: string, options: ServiceOptions, start: () => Promise<Stoppable>): void {
  const { logger } = options;
  const shutdownGraceMs = options.shutdownGraceMs ?? DEFAULT_DRAIN_GRACE_MS;
  let state: ServiceState = { phase: 'starting', stopRequested: null };

  const timing = (cause: StopCause) => {
    switch (cause.kind) {
      case 'signal':
        return { graceMs: shutdownGraceMs, marginMs: STOP_MARGIN_MS };
      case 'orphaned':
        return { graceMs: Math.min(shutdownGraceMs, ORPHANED_GRACE_MS), marginMs: ORPHANED_MARGIN_MS };
      default:
        throw new UnreachableCaseError(cause);
    }
  };
  const describe = (cause: StopCause) =>
    cause.kind === 'signal' ? { signal: cause.signal } : { reason: 'supervisor gone' };

  /** The last resort when stopping hangs: exit anyway, and say so. */
  const exitAt = (delayMs: number) =>
    setTimeout(() => {
      logger.error('did not stop in time; exiting anyway', { afterMs: delayMs });
      process.exit(1);
    }, delayMs).unref();

  const beginStopping = (service: Stoppable, cause: StopCause) => {
    const since = Date.now();
    const { graceMs, marginMs } = timing(cause);
    logger.info('stopping', { ...describe(cause), graceMs });
    state = {
      phase: 'stopping',
      cause,
      deadline: since + graceMs + marginMs,
      forceExit: exitAt(graceMs + marginMs),
    };
    service.stop({ graceMs }).then(
      () => {
        logger.info('stopped', { ...describe(cause), afterMs: Date.now() - since });
        process.exit(0);
      },
      (error: unknown) => {
        logger.error('stopped with an error', {
          error: (error as Error).message,
          afterMs: Date.now() - since,
        });
        process.exit(1);
      },
    );
  };

  const requestStop = (cause: StopCause) => {
    switch (state.phase) {
      case 'starting': {
        // Stop once started; when both a signal and the supervisor's end came, the shorter grace wins.
        const pending = state.stopRequested;
        if (pending === null || timing(cause).graceMs < timing(pending).graceMs) state.stopRequested = cause;
        return;
      }
      case 'running':
        return beginStopping(state.service, cause);
      case 'stopping': {
        // A second signal changes nothing (`npm start` sends SIGINT to the group and SIGTERM to each),
        // but a supervisor that died meanwhile shortens the time left.
        const { graceMs, marginMs } = timing(cause);
        const deadline = Date.now() + graceMs + marginMs;
        if (deadline < state.deadline) {
          logger.warn('stopping sooner', { ...describe(cause), withinMs: deadline - Date.now() });
          clearTimeout(state.forceExit);
          state = { ...state, deadline, forceExit: exitAt(deadline - Date.now()) };
        }
        return;
      }
      case 'failed':
        return;
      default:
        throw new UnreachableCaseError(state);
    }
  };

  process.on('SIGINT', () => requestStop({ kind: 'signal', signal: 'SIGINT' }));
  process.on('SIGTERM', () => requestStop({ kind: 'signal', signal: 'SIGTERM' }));
  // Only a supervised process has a channel; its disconnecting means the supervisor is gone.
  if (process.channel) process.once('disconnect', () => requestStop({ kind: 'orphaned' }));

  start().then(
    (service) => {
      const requested = state.phase === 'starting' ? state.stopRequested : null;
      state = { phase: 'running', service };
      if (requested) beginStopping(service, requested);
    },
    (error: unknown) => {
      state = { phase: 'failed' };
      logger.error(`${name} failed to start`, { error: (error as Error).message });
      process.exit(1);
    },
  );
}
