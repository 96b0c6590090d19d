import { defineConfig } from 'tsup';

export default defineConfig([
  {
    // The library: ESM and CJS with declarations for both. `account-codes/redis` is its own
    // entry so that the main one never loads ioredis (an optional peer dependency, kept external).
    entry: { index: 'src/index.ts', redis: 'src/redis/index.ts' },
    format: ['esm', 'cjs'],
    dts: true,
    clean: true,
    target: 'node20',
    sourcemap: true,
    treeshake: true,
    // No shared chunk: each entry stands alone (the size budgets measure index.js as it was).
    splitting: false,
  },
  {
    // The CLI: one self-contained ESM file with a shebang.
    entry: { cli: 'src/cli/main.ts' },
    format: ['esm'],
    target: 'node20',
    banner: { js: '#!/usr/bin/env node' },
  },
]);
