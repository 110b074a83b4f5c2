/**
 * The life of a service process: start it, log loudly and exit non-zero if it cannot start, and
 * stop it cleanly on SIGINT/SIGTERM. Used by every `index.ts`, which only listens.
 */
import type { Logger } from './log';

export interface Stoppable {
  stop(): Promise<void>;
}

export function runService(name: string, logger: Logger, start: () => Promise<Stoppable>): void {
  start().then(
    (service) => {
      let stopping = false;
      const stop = (signal: string) => {
        if (stopping) return;
        stopping = true;
        logger.info('stopping', { signal });
        service.stop().then(
          () => process.exit(0),
          () => process.exit(1),
        );
      };
      process.on('SIGINT', () => stop('SIGINT'));
      process.on('SIGTERM', () => stop('SIGTERM'));
    },
    (error: unknown) => {
      logger.error(`${name} failed to start`, { error: (error as Error).message });
      process.exit(1);
    },
  );
}
