import { SUPERGRAPH_PATH } from '@platform/composition';
import { loadGatewayEnv } from './env';

const PRODUCTION = { NODE_ENV: 'production', IDENTITY_ISSUER: 'https://id.example.net' } as const;

describe('loadGatewayEnv: the HTTP layer and limits', () => {
  it('trusts loopback for x-country in development and nobody in production unless configured', () => {
    expect(loadGatewayEnv({}).http.trustedProxies.trusts('127.0.0.1')).toBe(true);
    expect(loadGatewayEnv({ ...PRODUCTION }).http.trustedProxies.trusts('127.0.0.1')).toBe(false);
    const configured = loadGatewayEnv({ ...PRODUCTION, TRUSTED_PROXIES: '10.0.0.0/8, fd00::/8' });
    expect(configured.http.trustedProxies.trusts('10.2.3.4')).toBe(true);
    expect(configured.http.trustedProxies.trusts('fd00::1')).toBe(true);
    expect(loadGatewayEnv({ TRUSTED_PROXIES: 'none' }).http.trustedProxies.trusts('127.0.0.1')).toBe(false);
  });

  it('refuses a TRUSTED_PROXIES entry that is not an address or a block', () => {
    expect(() => loadGatewayEnv({ TRUSTED_PROXIES: '10.0.0.0/8,edge' })).toThrow(
      /TRUSTED_PROXIES: "edge" is not an IP address or CIDR block/,
    );
  });

  it("keeps Apollo's telemetry off unless APOLLO_TELEMETRY=on, whatever APOLLO_TELEMETRY_DISABLED says", () => {
    expect(loadGatewayEnv({}).apolloTelemetry).toBe(false);
    expect(loadGatewayEnv({ APOLLO_TELEMETRY_DISABLED: 'false' }).apolloTelemetry).toBe(false);
    expect(loadGatewayEnv({ APOLLO_TELEMETRY: 'on' }).apolloTelemetry).toBe(true);
    expect(() => loadGatewayEnv({ APOLLO_TELEMETRY: 'yes' })).toThrow(/APOLLO_TELEMETRY/);
  });

  it('reads ENTITY_CACHE, RATE_LIMITS and LEGACY_API as switches, each on unless set to off', () => {
    const defaults = loadGatewayEnv({});
    expect(defaults.ENTITY_CACHE).toBe(true);
    expect(defaults.rateLimits.enabled).toBe(true);
    expect(defaults.legacyApi).not.toBeNull();
    const off = loadGatewayEnv({ ENTITY_CACHE: 'off', RATE_LIMITS: 'off', LEGACY_API: 'off' });
    expect(off.ENTITY_CACHE).toBe(false);
    expect(off.rateLimits.enabled).toBe(false);
    expect(off.legacyApi).toBeNull();
    expect(() => loadGatewayEnv({ ENTITY_CACHE: 'false' })).toThrow(/ENTITY_CACHE/);
  });

  it('watches the composed supergraph file by default, another file or a polled URL when configured', () => {
    expect(loadGatewayEnv({}).supergraph).toEqual({ kind: 'file', path: SUPERGRAPH_PATH, pollMs: 10_000 });
    expect(loadGatewayEnv({ SUPERGRAPH_PATH: '/etc/gateway/supergraph.graphql' }).supergraph).toEqual({
      kind: 'file',
      path: '/etc/gateway/supergraph.graphql',
      pollMs: 10_000,
    });
    expect(
      loadGatewayEnv({ SUPERGRAPH_URL: 'https://schemas.example.net/supergraph', SUPERGRAPH_POLL_MS: '2000' })
        .supergraph,
    ).toEqual({ kind: 'url', url: 'https://schemas.example.net/supergraph', pollMs: 2_000 });
    expect(() => loadGatewayEnv({ SUPERGRAPH_URL: 'schemas' })).toThrow(/SUPERGRAPH_URL/);
  });

  it('serves the admin listener on 9400 by default, on a free port under NODE_ENV=test, on loopback', () => {
    expect(loadGatewayEnv({}).admin).toEqual({ port: 9400, host: '127.0.0.1' });
    expect(loadGatewayEnv({ NODE_ENV: 'test' }).admin).toEqual({ port: 0, host: '127.0.0.1' });
    expect(loadGatewayEnv({ ADMIN_PORT: '9500', ADMIN_HOST: '0.0.0.0' }).admin).toEqual({
      port: 9500,
      host: '0.0.0.0',
    });
  });

  it('reads the connection, timeout and nesting caps, with their defaults', () => {
    expect(loadGatewayEnv({}).http).toMatchObject({
      maxConnections: 10_000,
      requestTimeoutMs: 10_000,
      headersTimeoutMs: 10_000,
      maxJsonDepth: 32,
    });
    expect(
      loadGatewayEnv({
        MAX_CONNECTIONS: '50',
        HTTP_REQUEST_TIMEOUT_MS: '3000',
        HTTP_HEADERS_TIMEOUT_MS: '2000',
        MAX_JSON_DEPTH: '8',
      }).http,
    ).toMatchObject({
      maxConnections: 50,
      requestTimeoutMs: 3_000,
      headersTimeoutMs: 2_000,
      maxJsonDepth: 8,
    });
    expect(() =>
      loadGatewayEnv({ HTTP_REQUEST_TIMEOUT_MS: '1000', HTTP_HEADERS_TIMEOUT_MS: '2000' }),
    ).toThrow(/HTTP_HEADERS_TIMEOUT_MS/);
  });

  it('reads each operation limit, defaulting to operationLimits/settings.ts', () => {
    expect(loadGatewayEnv({}).operationLimits).toEqual({
      maxTokens: 2_000,
      maxAliases: 20,
      maxDepth: 10,
      maxFields: 200,
      maxDirectives: 50,
      maxListItems: 100,
      maxCost: 1_000,
    });
    expect(loadGatewayEnv({ LIMIT_MAX_ALIASES: '3', LIMIT_MAX_COST: '500' }).operationLimits).toMatchObject({
      maxAliases: 3,
      maxCost: 500,
    });
    expect(() => loadGatewayEnv({ LIMIT_MAX_DEPTH: '0' })).toThrow(/LIMIT_MAX_DEPTH/);
  });
});
