/**
 * Requests per API generation, `gateway_requests_total{api, route, status}`: `graphql` for
 * `/graphql`, `legacy-v1` for the REST routes under `/v1/`. How many devices still use the legacy
 * API is what decides when it can be switched off (docs/legacy-api.md, "Sunset plan").
 */
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { Counter } from 'prom-client';
import { BRIDGE_HEADER, BRIDGE_MARK } from './graphqlBridge';

export type ApiGeneration = 'graphql' | 'legacy-v1';

export type RequestCounter = Counter<'api' | 'route' | 'status'>;

/** The generation a request's route belongs to; null for the rest (health, JWKS, unknown paths). */
export function apiGenerationOf(request: FastifyRequest): ApiGeneration | null {
  const route = request.routeOptions.url;
  if (route === '/graphql') {
    // The legacy bridge's own request: counted once, as the legacy request that made it.
    return request.headers[BRIDGE_HEADER] === BRIDGE_MARK ? null : 'graphql';
  }
  if (route?.startsWith('/v1/')) return 'legacy-v1';
  return null;
}

/** Counts every answered request of both generations, whatever its status (401 and 429 included). */
export function countRequestsPerApi(app: FastifyInstance, counter: RequestCounter): void {
  app.addHook('onResponse', async (request, reply) => {
    const api = apiGenerationOf(request);
    if (api === null) return;
    counter.inc({ api, route: request.routeOptions.url!, status: String(reply.statusCode) });
  });
}
