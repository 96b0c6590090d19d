/**
 * Builds the console into examples/console/dist/: one ESM bundle of the app
 * and the library's own ESM build (dist/index.js, made by `npm run build`),
 * plus the page and its stylesheet. `--metafile` also writes what each input
 * contributes, for the size figures in the README.
 */
import { copyFile, mkdir, stat, writeFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const here = fileURLToPath(new URL('.', import.meta.url));
const out = `${here}dist/`;
const libraryBuild = fileURLToPath(new URL('../../dist/index.js', import.meta.url));

/** Builds the console; returns the bundle's path. */
export async function buildConsole(): Promise<string> {
  await stat(libraryBuild).catch(() => {
    throw new Error(`${libraryBuild} is missing: run \`npm run build\` first`);
  });
  await mkdir(out, { recursive: true });
  const result = await build({
    entryPoints: [`${here}src/main.tsx`],
    bundle: true,
    format: 'esm',
    target: 'es2022',
    minify: true,
    sourcemap: true,
    metafile: true,
    outfile: `${out}app.js`,
    jsx: 'automatic',
    jsxImportSource: 'preact',
    // The page runs the package as published: its ESM build, not the TypeScript source.
    alias: { 'account-codes': libraryBuild },
    tsconfig: `${here}tsconfig.json`,
    logLevel: 'warning',
  });
  await writeFile(`${out}meta.json`, JSON.stringify(result.metafile));
  await copyFile(`${here}index.html`, `${out}index.html`);
  await copyFile(`${here}style.css`, `${out}style.css`);
  return `${out}app.js`;
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const bundle = await buildConsole();
  console.log(`built ${bundle}`);
}
