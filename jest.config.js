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
  // End-to-end suites start real processes; give them room without slowing unit feedback.
  testTimeout: 30_000,
};
