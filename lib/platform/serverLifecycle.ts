/**
 * The life of one GraphQL server (the gateway or a subgraph): an ApolloServer behind a node:http
 * server, started together and stopped in the order Apollo's `drainHttpServer` plugin uses. Readiness
 * follows the phase, so `/health/ready` answers 503 from the moment a drain starts, before the first
 * connection is closed: load balancers stop sending new requests while the last ones finish.
 */
import type http from 'node:http';
import { listen } from './http';
import { DEFAULT_DRAIN_GRACE_MS, drainHttpServer, type DrainOptions } from './httpRequests';
import type { Logger } from './log';
import { UnreachableCaseError } from './unreachable';

export type ServerState =
  | { phase: 'initialized' }
  | { phase: 'starting'; started: Promise<number> }
  | { phase: 'serving'; port: number }
  | { phase: 'draining'; stopped: Promise<void> }
  | { phase: 'stopped' };

/** What `/health/ready` reports besides the subgraphs: ready only while serving. */
export type Readiness = 'starting' | 'ready' | 'stopping';

/** The part of an ApolloServer a lifecycle drives. */
export interface StartsAndStops {
  start(): Promise<void>;
  stop(): Promise<void>;
}

export class ServerLifecycle {
  private current: ServerState = { phase: 'initialized' };

  constructor(
    private readonly http: http.Server,
    private readonly apollo: StartsAndStops,
    private readonly logger: Logger,
    /** Logged with every transition, to tell the gateway's lines from a subgraph's. */
    private readonly fields: Record<string, unknown> = {},
  ) {}

  get state(): ServerState {
    return this.current;
  }

  get readiness(): Readiness {
    const state = this.current;
    switch (state.phase) {
      case 'initialized':
      case 'starting':
        return 'starting';
      case 'serving':
        return 'ready';
      case 'draining':
      case 'stopped':
        return 'stopping';
      default:
        throw new UnreachableCaseError(state);
    }
  }

  /** Starts Apollo, then listens; resolves with the bound port. Starting twice is a bug. */
  start(port: number, host?: string): Promise<number> {
    if (this.current.phase !== 'initialized') {
      return Promise.reject(new Error(`Cannot start a server that is ${this.current.phase}`));
    }
    const started = (async () => {
      await this.apollo.start();
      try {
        return await listen(this.http, port, host);
      } catch (error) {
        await this.apollo.stop().catch(() => undefined);
        throw error;
      }
    })();
    this.current = { phase: 'starting', started };
    return started.then(
      (bound) => {
        // A stop that came during the start has already moved the state on: leave it there.
        if (this.current.phase === 'starting') this.current = { phase: 'serving', port: bound };
        return bound;
      },
      (error: unknown) => {
        if (this.current.phase === 'starting') this.current = { phase: 'stopped' };
        throw error;
      },
    );
  }

  /**
   * Answers not ready at once, stops accepting connections, lets in-flight requests finish within
   * the grace (then destroys what is left), then stops Apollo. Calling it again returns the same
   * promise. A stop during the start waits for the start, so the listener it opens is closed too.
   */
  stop(options: DrainOptions = {}): Promise<void> {
    const state = this.current;
    switch (state.phase) {
      case 'initialized':
        // Apollo refuses to stop what never started, and there is nothing to close.
        this.current = { phase: 'stopped' };
        return Promise.resolve();
      case 'starting':
        return this.beginDraining(
          state.started.then(
            (port) => this.drain(port, options),
            // The start failed and cleaned up after itself; whoever started reports why.
            () => undefined,
          ),
        );
      case 'serving':
        return this.beginDraining(Promise.resolve().then(() => this.drain(state.port, options)));
      case 'draining':
        return state.stopped;
      case 'stopped':
        return Promise.resolve();
      default:
        throw new UnreachableCaseError(state);
    }
  }

  private beginDraining(drained: Promise<void>): Promise<void> {
    const stopped = drained.finally(() => {
      this.current = { phase: 'stopped' };
    });
    this.current = { phase: 'draining', stopped };
    return stopped;
  }

  private async drain(port: number, options: DrainOptions): Promise<void> {
    const graceMs = options.graceMs ?? DEFAULT_DRAIN_GRACE_MS;
    this.logger.info('draining', { ...this.fields, port, graceMs });
    const { finished, destroyed, graceRanOut, elapsedMs } = await drainHttpServer(this.http, { graceMs });
    if (graceRanOut) {
      // A warning: each destroyed request is a client whose connection was reset without an answer.
      this.logger.warn('drain grace ran out', { ...this.fields, destroyed, finished, graceMs, elapsedMs });
    } else {
      this.logger.info('drained', { ...this.fields, finished, elapsedMs });
    }
    await this.apollo.stop();
  }
}
