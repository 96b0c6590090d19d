/**
 * The test run Stryker uses for each mutant (`npm run mutate`): the unit and
 * property tests with fewer property cases, so a full mutation run stays
 * bounded. Left out: the tests whose subject runs in processes they spawn
 * (a mutant is active only in the test's own process, so they cannot see it,
 * yet their set-up runs the code in-process, so at 2–12 s each they would run
 * for every mutant of it),
 * the examples' loopback servers, and the fuzz tests, which repeat the
 * properties at length.
 */
import { defineConfig } from 'vitest/config';
import base from './vitest.config';

export default defineConfig({
  ...base,
  test: {
    ...base.test,
    include: ['test/**/*.test.ts'],
    exclude: [
      'test/cli/process.test.ts',
      'test/cli/ledger-concurrency.test.ts',
      'test/cli/ledger-faults.test.ts',
      'test/cli/redis-ledger-processes.test.ts',
      'test/redis/concurrency.test.ts',
      'test/fuzz/**',
      'node_modules/**',
    ],
    setupFiles: ['test/support/stryker-setup.ts'],
  },
});
