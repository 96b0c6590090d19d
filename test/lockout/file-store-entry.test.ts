/**
 * The file ledger is Node only (docs/lockout in docs/integration.md): it is
 * `account-codes/file-ledger`, and `import 'account-codes'` (what a browser
 * bundle loads) must never reach `node:fs`. Checked on the source's import
 * graph, with the build's entry list and the package's exports naming it.
 * And no module of src/ imports itself round a circle.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { reachable } from '../support/import-graph.js';

const SRC = fileURLToPath(new URL('../../src/', import.meta.url));
const isNodeBuiltin = (specifier: string) =>
  specifier.startsWith('node:') || ['fs', 'os', 'path', 'fs/promises'].includes(specifier);

describe('account-codes/file-ledger: a Node-only entry', () => {
  it('the main entry reaches no Node built-in, nor the file store', () => {
    const graph = [...reachable(join(SRC, 'index.ts'))];
    expect(graph.length).toBeGreaterThan(10);
    expect(graph.filter(isNodeBuiltin)).toEqual([]);
    expect(graph.filter((m) => m.startsWith(join(SRC, 'lockout', 'file-')))).toEqual([]);
  });

  it('the file store does reach node:fs, through its own entry', () => {
    expect([...reachable(join(SRC, 'lockout', 'file-store.ts'))]).toContain('node:fs');
    expect(readFileSync('tsup.config.ts', 'utf8')).toContain(
      "'file-ledger': 'src/lockout/file-store.ts'",
    );
    const exports = JSON.parse(readFileSync('package.json', 'utf8')).exports;
    expect(exports['./file-ledger']).toEqual({
      import: { types: './dist/file-ledger.d.ts', default: './dist/file-ledger.js' },
      require: { types: './dist/file-ledger.d.cts', default: './dist/file-ledger.cjs' },
    });
  });
});

/** Every relative import of a source file, type-only ones included (they tie files together too). */
function relativeImports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  return [...text.matchAll(/^(?:import|export)\s[^;]*?from\s+'(\.[^']+)'/gms)].map((m) =>
    resolve(dirname(file), (m[1] as string).replace(/\.js$/, '.ts')),
  );
}

function sourceFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
    entry.isDirectory()
      ? sourceFiles(join(dir, entry.name))
      : entry.name.endsWith('.ts')
        ? [join(dir, entry.name)]
        : [],
  );
}

describe('the import graph of src/', () => {
  it('has no circle (cli/ledger.ts and cli/io.ts formed one while the file store lived in the CLI)', () => {
    const graph = new Map(sourceFiles(SRC).map((file) => [file, relativeImports(file)]));
    const circles: string[] = [];
    for (const start of graph.keys()) {
      const seen = new Set<string>();
      const stack: (readonly string[])[] = [[start]];
      while (stack.length > 0) {
        const path = stack.pop() as readonly string[];
        for (const next of graph.get(path[path.length - 1] as string) ?? []) {
          if (next === start)
            circles.push([...path, next].map((f) => relative(SRC, f)).join(' → '));
          else if (!seen.has(next)) {
            seen.add(next);
            stack.push([...path, next]);
          }
        }
      }
    }
    expect(circles).toEqual([]);
  });
});
