/**
 * The gzipped size of the console and of the library part in it
 * (`npm run console:size`, after `npm run console:build`). The library part
 * is measured as the library's ESM build bundled for exactly the names the
 * console imports, minified like the app; the rest is the app and Preact.
 */
import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';

const here = fileURLToPath(new URL('.', import.meta.url));
const libraryBuild = fileURLToPath(new URL('../../dist/index.js', import.meta.url));

async function sourceFiles(dir: string): Promise<string[]> {
  const entries = await readdir(dir, { withFileTypes: true, recursive: true });
  return entries
    .filter((entry) => entry.isFile() && /\.tsx?$/.test(entry.name))
    .map((entry) => `${entry.parentPath}/${entry.name}`);
}

/** Every value the console imports from the package (type-only imports weigh nothing). */
async function importedNames(): Promise<string[]> {
  const names = new Set<string>();
  for (const file of await sourceFiles(`${here}src`)) {
    const text = await readFile(file, 'utf8');
    for (const match of text.matchAll(/import\s+(type\s+)?\{([^}]*)\}\s+from\s+'account-codes'/g)) {
      if (match[1] !== undefined) continue;
      for (const part of (match[2] ?? '').split(',')) {
        const name = part.trim();
        if (name !== '' && !name.startsWith('type ')) names.add(name);
      }
    }
  }
  return [...names].sort();
}

const gzipped = (bytes: Uint8Array): number => gzipSync(bytes, { level: 9 }).length;
const kB = (bytes: number): string => `${(bytes / 1000).toFixed(1)} kB`;

const app = await readFile(`${here}dist/app.js`);
const names = await importedNames();
const library = await build({
  stdin: {
    contents: `export { ${names.join(', ')} } from ${JSON.stringify(libraryBuild)};`,
    resolveDir: here,
    loader: 'js',
  },
  bundle: true,
  format: 'esm',
  target: 'es2022',
  minify: true,
  write: false,
});
const libraryBytes = library.outputFiles[0]?.contents ?? new Uint8Array();

console.log(
  `console bundle (dist/app.js): ${kB(app.length)} minified, ${kB(gzipped(app))} gzipped`,
);
console.log(
  `library part (${names.length} names): ${kB(libraryBytes.length)} minified, ${kB(gzipped(libraryBytes))} gzipped`,
);
console.log(`imported: ${names.join(', ')}`);
