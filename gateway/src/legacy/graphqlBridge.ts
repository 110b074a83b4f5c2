/**
 * How a legacy request runs: as a `POST /graphql` of a trusted document, injected into the gateway's
 * own Fastify app (`app.inject`), with the device's headers and TCP peer address.
 *
 * Why inject rather than calling Apollo Server (or the hooks) directly: the injected request takes
 * exactly the path a GraphQL device's request takes, hook for hook: the per-address rate limit, the
 * bearer token (401), the trusted `x-country` (believed only from a trusted proxy, judged on the
 * device's own peer address, passed as `remoteAddress`), the trusted-documents check, the account's
 * rate limit, then Apollo Server with its CSRF rule, operation limits, access rules, fallbacks and
 * the degraded report. Nothing is re-implemented here, so nothing can drift: a check added to
 * `/graphql` later applies to the legacy API the day it is added. The cost is one more JSON
 * round-trip in memory (microseconds next to a `play`).
 *
 * What the legacy route does before injecting, and only that: it reads its small body (at most
 * `LEGACY_BODY_LIMIT_BYTES`) and looks up the device model, so that a malformed body or an unknown
 * model is a 400 before any of the pipeline runs (like a 404 for an unknown path, it costs no token
 * check and no budget).
 */
import { randomUUID } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { GraphQLAnswer } from './legacyErrors';

/** The header that marks the bridge's own injected requests. */
export const BRIDGE_HEADER = 'x-legacy-api-bridge';

/**
 * The mark's value: random per process, so that no device can send it. It grants nothing; it only
 * lets the per-API request counter count a legacy request once, as legacy (apiGeneration.ts).
 */
export const BRIDGE_MARK = randomUUID();

/** What the pipeline runs: a trusted document by id, with its variables. */
export interface TrustedOperation {
  documentId: string;
  variables: Record<string, unknown>;
}

/** Headers that describe the legacy request's own body or connection, not the device. */
const NOT_FORWARDED = new Set([
  'content-length',
  'content-type',
  'transfer-encoding',
  'connection',
  'keep-alive',
  'expect',
  'accept',
  'accept-encoding',
  'host',
  BRIDGE_HEADER,
]);

/**
 * Runs `operation` through `POST /graphql` on the device's behalf. Undefined when the device's
 * connection is already gone (no peer address to judge it by): nothing runs then.
 */
export async function runTrustedDocument(
  app: FastifyInstance,
  request: FastifyRequest,
  operation: TrustedOperation,
): Promise<GraphQLAnswer | undefined> {
  const remoteAddress = request.raw.socket.remoteAddress;
  // light-my-request would default to 127.0.0.1, which may be a trusted proxy: never let it.
  if (remoteAddress === undefined) return undefined;
  const headers: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(request.headers)) {
    if (value !== undefined && !NOT_FORWARDED.has(name)) headers[name] = value;
  }
  const response = await app.inject({
    method: 'POST',
    url: '/graphql',
    remoteAddress,
    headers: {
      ...headers,
      'content-type': 'application/json',
      accept: 'application/json',
      [BRIDGE_HEADER]: BRIDGE_MARK,
    },
    payload: JSON.stringify(operation),
  });
  const answerHeaders: GraphQLAnswer['headers'] = {};
  for (const [name, value] of Object.entries(response.headers)) {
    answerHeaders[name] = typeof value === 'number' ? String(value) : value;
  }
  try {
    const json = JSON.parse(response.body) as GraphQLAnswer['json'];
    return { status: response.statusCode, headers: answerHeaders, json };
  } catch {
    // Not JSON from our own /graphql: something broke on the way, not in what the device sent.
    return {
      status: 502,
      headers: answerHeaders,
      json: { errors: [{ message: 'The GraphQL answer was not JSON' }] },
    };
  }
}
