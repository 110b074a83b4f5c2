const { testServers } = require('./test/support/serverAvailability.cjs');

const servers = testServers();
/** Test files that need nothing but one server: not run at all without it (a file needs a test). */
const serverOnlyFiles = {
  mongodb: ['<rootDir>/test/mongo/', '<rootDir>/test/e2e/database-outage/'],
  ferretdb: ['<rootDir>/test/e2e/database-outage/'],
  redis: ['<rootDir>/test/e2e/shared-stale/'],
};
const notRun = Object.entries(servers.unavailable).filter(([, reason]) => reason);
for (const [server, reason] of notRun) {
  console.warn(
    `Not run without ${server}: ${serverOnlyFiles[server].join(', ')} and the ${server} suites of mixed files. Why: ${reason}.`,
  );
}

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  transform: { '^.+\\.ts$': ['@swc/jest'] },
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
  // The named boundaries of tsconfig.json's `paths`.
  moduleNameMapper: {
    '^@platform/(.*)$': '<rootDir>/lib/platform/$1',
    '^@contracts/(.*)$': '<rootDir>/lib/contracts/$1',
    '^@testing/(.*)$': '<rootDir>/test/support/$1',
  },
  testPathIgnorePatterns: ['/node_modules/', ...notRun.flatMap(([server]) => serverOnlyFiles[server])],
  globals: { TEST_SERVERS: servers },
  // End-to-end suites start real processes; give them room without slowing unit feedback.
  testTimeout: 30_000,
};
