/**
 * The operators' listener: what only the people running the gateway may read (Prometheus metrics name
 * every replica URL and the state of every circuit), on its own port, bound to loopback by default
 * (`ADMIN_PORT`, `ADMIN_HOST`); with the field usage the schema check reads (`/field-usage?days=30`).
 * The public port answers 404 for these paths. It stops when the gateway
 * starts draining, so a replacement process can bind the port during a rolling restart.
 */
import type http from 'node:http';
import Fastify from 'fastify';
import { listen } from '@platform/http';
import { createDrainableServer, drainHttpServer, type DrainOptions } from '@platform/httpRequests';
import type { Logger } from '@platform/log';
import type { GatewayMetrics } from '../metrics/gatewayMetrics';
import type { FieldUsageRecorder } from '../fieldUsage/recorder';
import { fieldUsageRoute } from '../fieldUsage/adminRoute';

export interface AdminServer {
  start(port: number, host: string): Promise<number>;
  /** The bound port while listening. */
  readonly port: number | undefined;
  stop(options?: DrainOptions): Promise<void>;
}

export function createAdminServer(
  metrics: GatewayMetrics,
  logger: Logger,
  fieldUsage?: FieldUsageRecorder,
): AdminServer {
  let server: http.Server | undefined;
  const app = Fastify({
    logger: false,
    serverFactory: (handler) => (server = createDrainableServer({}, handler)),
  });
  app.get('/metrics', async (_request, reply) =>
    reply.header('content-type', metrics.registry.contentType).send(await metrics.registry.metrics()),
  );
  app.get('/field-usage', fieldUsageRoute(fieldUsage));
  app.setNotFoundHandler((request, reply) => reply.code(404).send({ error: `No route ${request.url}` }));
  let port: number | undefined;
  return {
    get port() {
      return port;
    },
    async start(requested, host) {
      await app.ready();
      // Bound after the public port (the old process frees both when it starts draining); the
      // supervisor hears about the public port only.
      port = await listen(server!, requested, host, undefined, false);
      logger.info('admin listening', { port, host });
      return port;
    },
    async stop(options) {
      port = undefined;
      if (server?.listening) await drainHttpServer(server, options);
      await app.close();
    },
  };
}
