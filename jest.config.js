/** Jest: TypeScript through ts-jest in transpile-only mode; `npm test` type-checks once with tsc first. */
const os = require('node:os');

module.exports = {
  testEnvironment: '<rootDir>/test/setup/environment.ts',
  // A private temp folder for the run, checked empty at the end (test/setup/global-temp.ts).
  globalSetup: '<rootDir>/test/setup/global-setup.ts',
  globalTeardown: '<rootDir>/test/setup/global-teardown.ts',
  setupFiles: ['<rootDir>/test/setup/features.ts'],
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { tsconfig: 'tsconfig.json' }] },
  testTimeout: 30000,
  // Most tests wait on HTTP, child processes or PostgreSQL rather than on a CPU: two workers even on a
  // 2-core machine (Jest's default there is one), one fewer than the cores above that.
  maxWorkers: Math.max(2, os.cpus().length - 1),
};
