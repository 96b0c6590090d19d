import { defineConfig } from 'tsup';

export default defineConfig([
  {
    // The library: ESM and CJS with declarations for both.
    entry: { index: 'src/index.ts' },
    format: ['esm', 'cjs'],
    dts: true,
    clean: true,
    target: 'node20',
    sourcemap: true,
    treeshake: true,
  },
  {
    // The CLI: one self-contained ESM file with a shebang.
    entry: { cli: 'src/cli/main.ts' },
    format: ['esm'],
    target: 'node20',
    banner: { js: '#!/usr/bin/env node' },
  },
]);
