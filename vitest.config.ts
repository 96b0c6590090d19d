import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: {
    // Examples import the package by name, as integrators will; tests run them against the source.
    alias: [
      {
        find: /^account-codes\/redis$/,
        replacement: fileURLToPath(new URL('./src/redis/index.ts', import.meta.url)),
      },
      {
        find: /^account-codes$/,
        replacement: fileURLToPath(new URL('./src/index.ts', import.meta.url)),
      },
    ],
  },
  test: {
    include: ['test/**/*.test.ts', 'examples/**/*.test.ts'],
    // Property tests run 1,000 cases each; give them room on a shared 2-core machine.
    testTimeout: 30_000,
    coverage: { provider: 'v8', include: ['src/**'] },
  },
});
