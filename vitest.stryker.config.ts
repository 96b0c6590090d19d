/**
 * The test run Stryker uses for each mutant (`npm run mutate`): the unit and
 * property tests with fewer property cases, so a full mutation run stays
 * bounded. The spawned-process CLI tests, the examples' loopback servers and
 * the fuzz tests are left out; they cover wiring that is not mutated, or
 * repeat the properties at length.
 */
import { defineConfig } from 'vitest/config';
import base from './vitest.config';

export default defineConfig({
  ...base,
  test: {
    ...base.test,
    include: ['test/**/*.test.ts'],
    exclude: ['test/cli/process.test.ts', 'test/fuzz/**', 'node_modules/**'],
    setupFiles: ['test/support/stryker-setup.ts'],
  },
});
