import { TrustedProxies } from './trustedProxies';

/**
 * What the gateway's public listener accepts before any GraphQL work: the cheap refusals. Each is
 * configurable from the environment (gateway/src/env.ts); docs/security.md says why each default.
 */
export interface HttpLimitSettings {
  /**
   * Most open connections per process (`server.maxConnections`): past it, new sockets are closed at
   * once. Defaults to 10_000: a gateway process saturates its CPU long before, and each idle
   * connection costs memory an attacker would otherwise get for free.
   */
  maxConnections: number;
  /**
   * Longest time to receive a whole request, headers and body (`server.requestTimeout`); a request
   * still incomplete then gets 408 and its connection is closed. Defaults to 10_000 (ten seconds): a
   * `play` body is under 2 KiB, and a body trickling one byte every nine seconds no longer holds a
   * request for Node's default five minutes.
   */
  requestTimeoutMs: number;
  /** Longest time to receive the headers (`server.headersTimeout`); at most `requestTimeoutMs`. Defaults to 10_000. */
  headersTimeoutMs: number;
  /**
   * Deepest nesting of objects and arrays in a JSON body, and in the `variables` and `extensions` of a
   * GET. Defaults to 32: `Play`'s variables nest 3 deep, and parsing a deeper body is what costs.
   */
  maxJsonDepth: number;
  /** Whose `x-country` counts. Defaults to {@link TrustedProxies.none}. */
  trustedProxies: TrustedProxies;
}

export const DEFAULT_HTTP_LIMITS: Readonly<HttpLimitSettings> = Object.freeze({
  maxConnections: 10_000,
  requestTimeoutMs: 10_000,
  headersTimeoutMs: 10_000,
  maxJsonDepth: 32,
  trustedProxies: TrustedProxies.none,
});

/**
 * How often Node looks for requests past their timeouts. Its default, 30 s, would let a trickling
 * body live three times the request timeout; one second costs a walk over the connection list.
 */
export const TIMEOUT_CHECK_INTERVAL_MS = 1_000;
