import { defineConfig } from 'tsup';

export default defineConfig([
  {
    // The library: ESM and CJS with declarations for both. zod/mini's few
    // functions are bundled in: loaded as a package they are 92 module files,
    // most of the cold import. libphonenumber-js stays a dependency that
    // users can share and update (docs/performance.md, "Cold start").
    entry: { index: 'src/index.ts' },
    noExternal: ['zod'],
    format: ['esm', 'cjs'],
    dts: true,
    clean: true,
    target: 'node20',
    sourcemap: true,
    treeshake: true,
  },
  {
    // The CLI: one self-contained ESM file with a shebang, its dependencies
    // bundled in, so that starting it loads one module file, not 165.
    entry: { cli: 'src/cli/main.ts' },
    noExternal: ['zod', 'libphonenumber-js'],
    format: ['esm'],
    target: 'node20',
    banner: { js: '#!/usr/bin/env node' },
  },
]);
