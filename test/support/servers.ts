/**
 * Suites that need an outside server. jest.config.js decides once which servers this run has
 * (test/support/serverAvailability.cjs) and prints what will not run without one; a suite here is then simply
 * declared or not, never skipped.
 */
type Server = 'mongodb' | 'redis' | 'ferretdb' | 'jaeger' | 'chromium' | 'strace' | 'helm' | 'namespaces';

interface TestServers {
  unavailable: Record<Server, string | null>;
  ferretDbBinary: string | null;
  jaegerBinary: string | null;
  chromiumBinary: string | null;
  helmBinary: string | null;
  manifestCheckBinary: string | null;
}

const servers = (globalThis as unknown as { TEST_SERVERS: TestServers }).TEST_SERVERS;

/** Why the server is missing from this run, or null when it is there. */
export function unavailable(server: Server): string | null {
  return servers.unavailable[server];
}

/** The FerretDB binary tests may start and stop themselves, when there is one. */
export function ferretDbBinary(): string | null {
  return servers.ferretDbBinary;
}

/** The Jaeger (v2 all-in-one) binary tests start collectors of their own with (test/support/jaeger.ts). */
export function jaegerBinary(): string | null {
  return servers.jaegerBinary;
}

/** The Chromium the explorer's browser test drives; null when there is none (a failure in CI). */
export function chromiumBinary(): string | null {
  return servers.chromiumBinary;
}

/** helm and the strict manifest checker of deploy/check/, for the chart's checks (test/deploy/). */
export function helmTools(): { helm: string; check: string } | null {
  return servers.helmBinary && servers.manifestCheckBinary
    ? { helm: servers.helmBinary, check: servers.manifestCheckBinary }
    : null;
}

/** `describe` when every server the suite needs is there; otherwise nothing (jest.config.js said why). */
export function describeWith(needs: Server[], name: string, body: () => void): void {
  if (needs.every((server) => unavailable(server) === null)) describe(name, body);
}
