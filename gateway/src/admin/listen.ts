import type http from 'node:http';
import type { AddressInfo } from 'node:net';
import { LISTEN_RETRY_INTERVAL_MS, ListenError } from '@platform/http';
import { listenRetryWindowMs } from '@platform/supervision';

/**
 * Listens like `listen()` of lib/platform/http.ts, retrying a busy port within the rolling-restart
 * window, but without telling the supervisor: its messages are about the service's public port, and
 * the admin port is bound after it (the old process frees both when it starts draining).
 */
export async function listenQuietly(
  server: http.Server,
  port: number,
  host: string,
  retryWithinMs = listenRetryWindowMs(),
): Promise<number> {
  const deadline = Date.now() + retryWithinMs;
  for (;;) {
    try {
      return await new Promise<number>((resolve, reject) => {
        const onError = (error: Error) => {
          server.off('listening', onListening);
          reject(error);
        };
        const onListening = () => {
          server.off('error', onError);
          resolve((server.address() as AddressInfo).port);
        };
        server.once('error', onError);
        server.once('listening', onListening);
        server.listen(port, host);
      });
    } catch (error) {
      const code = (error as NodeJS.ErrnoException).code;
      if (code === 'EADDRINUSE' && Date.now() < deadline) {
        await new Promise((resolve) => setTimeout(resolve, LISTEN_RETRY_INTERVAL_MS));
        continue;
      }
      throw new ListenError(port, code === 'EADDRINUSE' ? 'already in use' : (error as Error).message);
    }
  }
}
