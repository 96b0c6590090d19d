import { defineConfig } from 'tsup';

export default defineConfig([
  {
    // The library: ESM and CJS with declarations for both. Its dependencies
    // stay packages, so that bundlers tree-shake them and apps share them.
    // `account-codes/redis` is its own entry so that the main one never loads
    // ioredis (an optional peer dependency, kept external);
    // `account-codes/file-ledger` so that it never loads `node:fs`.
    entry: {
      index: 'src/index.ts',
      redis: 'src/redis/index.ts',
      'file-ledger': 'src/lockout/file-store.ts',
    },
    format: ['esm', 'cjs'],
    dts: true,
    clean: true,
    target: 'node20',
    // No source maps: the output is unminified ESM/CJS with the source's names,
    // so a stack trace into it reads as the source does; maps (with the sources
    // inlined, or they point at files the package does not ship) would be 2.9 MB
    // of a 4.6 MB unpacked package.
    treeshake: true,
    // No shared chunk: each entry stands alone (the size budgets measure index.js as it was).
    splitting: false,
  },
  {
    // The same library for Node's `import` (the `node` export condition), with
    // zod/mini's few functions bundled in: as a package they are 92 module
    // files, most of a cold import. Not for bundlers: bundled, zod's
    // module-level statements could not be shaken off imports that never
    // validate a config (docs/performance.md, "Cold start").
    entry: { 'index.node': 'src/index.ts' },
    format: ['esm'],
    target: 'node20',
    treeshake: true,
    noExternal: ['zod'],
  },
  {
    // The CLI: one self-contained ESM file with a shebang, its dependencies
    // bundled in, so that starting it loads one module file, not 165.
    entry: { cli: 'src/cli/main.ts' },
    format: ['esm'],
    target: 'node20',
    banner: { js: '#!/usr/bin/env node' },
    noExternal: ['zod', 'libphonenumber-js'],
  },
]);
