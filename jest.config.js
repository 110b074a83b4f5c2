const { testServers } = require('./test/support/serverAvailability.cjs');

const servers = testServers();
/** Test files that need nothing but one server: not run at all without it (a file needs a test). */
const serverOnlyFiles = {
  mongodb: [
    '<rootDir>/test/mongo/',
    '<rootDir>/test/e2e/database-outage/',
    '<rootDir>/test/e2e/tracing/',
    '<rootDir>/test/e2e/decisions/',
  ],
  ferretdb: ['<rootDir>/test/e2e/database-outage/'],
  jaeger: ['<rootDir>/test/support/jaeger.test.ts', '<rootDir>/test/e2e/tracing/'],
  redis: ['<rootDir>/test/e2e/shared-stale/', '<rootDir>/gateway/src/tracing/redisCommandSpans.test.ts'],
  chromium: ['<rootDir>/test/e2e/explorer/', '<rootDir>/test/e2e/player/'],
  strace: ['<rootDir>/test/e2e/outbound-connections/'],
  helm: ['<rootDir>/test/deploy/chart.helm.test.ts'],
  namespaces: ['<rootDir>/test/e2e/multi-host/'],
};
const notRun = Object.entries(servers.unavailable).filter(([, reason]) => reason);
for (const [server, reason] of notRun) {
  console.warn(
    `Not run without ${server}: ${serverOnlyFiles[server].join(', ')} and the ${server} suites of mixed files. Why: ${reason}.`,
  );
}
const notDeclared = ['/node_modules/', ...notRun.flatMap(([server]) => serverOnlyFiles[server])];

/**
 * Suites that start real processes (the stack, the seed script): every folder under test/e2e/, new
 * ones included, and test/mongo. Everything else runs in process (servers on free ports at most).
 */
const processSuites = ['<rootDir>/test/e2e/', '<rootDir>/test/mongo/'];
/**
 * Suites that run the whole graph in one process (test/support/inProcessStack.ts: the gateway and
 * the five subgraph servers): `*.stack.test.ts`, beside the code they are about.
 */
const stackSuites = '\\.stack\\.test\\.ts$';

/** What both selections share. */
const shared = {
  testEnvironment: 'node',
  transform: {
    '^.+\\.ts$': ['@swc/jest'],
    // `cookie` 2 is ES modules only: Node 20.19+ requires it natively, Jest does not. Fastify's
    // `inject` (light-my-request) requires it; the legacy API runs its requests through `inject`.
    '/node_modules/cookie/.+\\.js$': ['@swc/jest', { module: { type: 'commonjs' } }],
  },
  transformIgnorePatterns: ['/node_modules/(?!cookie/)'],
  // The named boundaries of tsconfig.json's `paths`.
  moduleNameMapper: {
    '^@platform/(.*)$': '<rootDir>/lib/platform/$1',
    '^@contracts/(.*)$': '<rootDir>/lib/contracts/$1',
    '^@testing/(.*)$': '<rootDir>/test/support/$1',
  },
  globals: { TEST_SERVERS: servers },
};

/**
 * `npm run test:unit` (`--selectProjects unit`) is the fast loop: one piece at a time, a server at
 * most. `npm run test:stack` the whole graph in process (the fallback matrix, replica isolation, the
 * premiere); `npm run test:e2e` the real processes; `npm test` all three, after the type check.
 * @type {import('jest').Config}
 */
module.exports = {
  projects: [
    {
      ...shared,
      displayName: 'unit',
      roots: [
        '<rootDir>/lib',
        '<rootDir>/gateway',
        '<rootDir>/subgraphs',
        '<rootDir>/clients',
        '<rootDir>/edge',
        '<rootDir>/simulator',
        '<rootDir>/test',
      ],
      testMatch: ['**/*.test.ts'],
      testPathIgnorePatterns: [...notDeclared, ...processSuites, stackSuites],
    },
    {
      ...shared,
      displayName: 'stack',
      roots: ['<rootDir>/gateway', '<rootDir>/subgraphs', '<rootDir>/test'],
      testMatch: ['**/*.stack.test.ts'],
      testPathIgnorePatterns: [...notDeclared, ...processSuites],
    },
    {
      ...shared,
      displayName: 'e2e',
      roots: ['<rootDir>/test'],
      testMatch: processSuites.map((folder) => `${folder}**/*.test.ts`),
      testPathIgnorePatterns: notDeclared,
    },
  ],
  // End-to-end suites start real processes; give them room (a timeout costs nothing when tests pass).
  testTimeout: 30_000,
};
