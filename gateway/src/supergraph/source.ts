/**
 * The supergraph the gateway serves, and how it changes while running: a file watched or a URL polled
 * (watch.ts, poll.ts), handed to Apollo Gateway through its own `supergraphSdl` hook. A changed
 * supergraph is checked, then `update` swaps it in between requests (in-flight ones finish on the
 * plan they started with); one that fails either step is refused, logged and counted, and the old
 * one keeps serving.
 */
import { createHash } from 'node:crypto';
import type { SupergraphSdlHook } from '@apollo/gateway';
import type { Logger } from '@platform/log';

export type SupergraphOutcome = 'applied' | 'refused';

export interface SupergraphSourceOptions {
  /** Where it comes from, for the logs: a path or a URL. */
  origin: string;
  /** Reads the current supergraph. A read that fails refuses nothing: the next change is awaited. */
  read: () => Promise<string>;
  /**
   * Starts watching: calls `changed` whenever the supergraph may have changed (spurious calls are
   * cheap: unchanged content is recognised by its hash). Returns what stops it.
   */
  watch: (changed: () => void) => () => void;
  /**
   * Throws to refuse a supergraph before the gateway sees it: what the gateway's other readers of the
   * supergraph (the fallback policies) would not accept.
   */
  check: (sdl: string) => void;
  logger: Logger;
  /** Called once for every changed supergraph. */
  onOutcome?: (outcome: SupergraphOutcome) => void;
}

/** The sha256 (hex) of a supergraph: what `/health/ready` reports and the logs name. */
export function supergraphHash(sdl: string): string {
  return createHash('sha256').update(sdl).digest('hex');
}

export class SupergraphSource {
  private served: string | undefined;
  private refused: string | undefined;
  private update: ((sdl: string) => void) | undefined;
  private pending: Promise<SupergraphOutcome | 'unchanged'> = Promise.resolve('unchanged');
  /** The refresh waiting behind the running one, if any: later calls join it rather than queue more. */
  private waiting: Promise<SupergraphOutcome | 'unchanged'> | undefined;

  constructor(private readonly options: SupergraphSourceOptions) {}

  /** The hash of the supergraph being served, once loaded. */
  get hash(): string | undefined {
    return this.served;
  }

  /**
   * The `supergraphSdl` option of ApolloGateway. The first read must succeed and pass the check:
   * a gateway that cannot load its supergraph does not start.
   */
  readonly hook: SupergraphSdlHook = async ({ update }) => {
    const sdl = await this.options.read();
    this.options.check(sdl);
    this.served = supergraphHash(sdl);
    this.update = update;
    const stop = this.options.watch(() => void this.refresh());
    return {
      supergraphSdl: sdl,
      cleanup: async () => {
        stop();
        this.update = undefined;
      },
    };
  };

  /**
   * Reads the supergraph again and applies it if it changed; one refresh at a time, so that two
   * changes in quick succession are applied in order, and at most one waiting (a slow URL does not
   * pile up polls). Resolves with what happened.
   */
  refresh(): Promise<SupergraphOutcome | 'unchanged'> {
    if (this.waiting) return this.waiting;
    const next = this.pending.then(() => {
      this.waiting = undefined;
      return this.apply();
    });
    this.waiting = next;
    this.pending = next;
    return next;
  }

  private async apply(): Promise<SupergraphOutcome | 'unchanged'> {
    const { logger, origin } = this.options;
    let sdl: string;
    try {
      sdl = await this.options.read();
    } catch (error) {
      logger.warn('supergraph unreadable; still serving the previous one', {
        origin,
        error: (error as Error).message,
      });
      return 'unchanged';
    }
    const hash = supergraphHash(sdl);
    // The same refused content is not refused (nor counted) again at every event or poll.
    if (hash === this.served || hash === this.refused || !this.update) return 'unchanged';
    try {
      this.options.check(sdl);
      // Throws, leaving the old supergraph in place, when it is not a valid supergraph or names a
      // subgraph that buildService has no URL for.
      this.update(sdl);
    } catch (error) {
      this.refused = hash;
      logger.error('supergraph refused; still serving the previous one', {
        origin,
        hash: hash.slice(0, 12),
        serving: this.served?.slice(0, 12),
        error: (error as Error).message,
      });
      this.options.onOutcome?.('refused');
      return 'refused';
    }
    logger.info('supergraph applied', {
      origin,
      hash: hash.slice(0, 12),
      previous: this.served?.slice(0, 12),
    });
    this.served = hash;
    this.refused = undefined;
    this.options.onOutcome?.('applied');
    return 'applied';
  }
}
