/**
 * Imports point down the layers of docs/architecture.md and never close a
 * circle: a folder may use its own files and lower layers only, so a rule
 * has one home below everything that applies it.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import {
  circles,
  type ImportGraph,
  importGraph,
  importsIn,
  layersFrom,
  unitOf,
  unplaced,
  wrongWayImports,
} from './imports.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const graph = importGraph(ROOT);
const layers = layersFrom(readFileSync(join(ROOT, 'docs/architecture.md'), 'utf8'));

describe('the imports of src/ (docs/architecture.md)', () => {
  it('every folder and root file of src/ has a layer, and every layer names only what exists', () => {
    expect(unplaced(graph, layers)).toEqual({ missing: [], stale: [] });
  });

  it('no import points to the same layer or a higher one', () => {
    expect(wrongWayImports(graph, layers)).toEqual([]);
  });

  it('no chain of imports comes back to where it started', () => {
    expect(circles(graph)).toEqual([]);
  });
});

describe('how the imports are read', () => {
  const made = (edges: Record<string, string[]>): ImportGraph => new Map(Object.entries(edges));

  it('a file belongs to its folder under src/, a root file to itself', () => {
    expect(unitOf('src/config/rules.ts')).toBe('config/');
    expect(unitOf('src/cli/commands/check.ts')).toBe('cli/');
    expect(unitOf('src/decide.ts')).toBe('decide.ts');
  });

  it('finds a circle of any length and a file that imports itself, not a diamond', () => {
    expect(
      circles(
        made({
          'src/a.ts': ['src/b.ts'],
          'src/b.ts': ['src/c.ts'],
          'src/c.ts': ['src/a.ts'],
          'src/d.ts': ['src/d.ts'],
          'src/e.ts': ['src/f.ts', 'src/g.ts'],
          'src/f.ts': ['src/h.ts'],
          'src/g.ts': ['src/h.ts'],
          'src/h.ts': [],
        }),
      ),
    ).toEqual([['src/a.ts', 'src/b.ts', 'src/c.ts'], ['src/d.ts']]);
  });

  it('an import up or sideways is wrong, one down or within a folder is not', () => {
    const placed = new Map([
      ['config/', 1],
      ['settings/', 2],
      ['entry/', 2],
    ]);
    expect(
      wrongWayImports(
        made({
          'src/config/a.ts': ['src/settings/b.ts', 'src/config/c.ts'],
          'src/settings/b.ts': ['src/config/a.ts', 'src/entry/d.ts'],
          'src/entry/d.ts': ['src/config/c.ts'],
          'src/config/c.ts': [],
        }),
        placed,
      ),
    ).toEqual([
      'src/config/a.ts → src/settings/b.ts (layer 1 imports layer 2)',
      'src/settings/b.ts → src/entry/d.ts (layer 2 imports layer 2)',
    ]);
  });

  it('reads the layers from the table rows, every backticked name of the second column', () => {
    const table = [
      '| layer | folders | what |',
      '| ----- | ------- | ---- |',
      '| 1 | `result.ts`, `csv/` | shapes (`Problem`) |',
      '| 2 | `config/` | the `rules.ts` |',
    ].join('\n');
    expect([...layersFrom(table)]).toEqual([
      ['result.ts', 1],
      ['csv/', 1],
      ['config/', 2],
    ]);
  });

  it('reads type-only, dynamic and re-exported imports, not words in comments or strings', () => {
    const text = [
      "import type { A } from './a.js';",
      "import { b } from '../b.js';",
      "export * from './c.js';",
      "export { d } from './d.js';",
      "const e = await import('./e.js');",
      "// import { f } from './f.js';",
      'const g = "import { g } from \'./g.js\'";',
    ].join('\n');
    expect(importsIn(text)).toEqual(['./a.js', '../b.js', './c.js', './d.js', './e.js']);
  });

  it('resolves the imports of the real source to its files, and a new root file is unplaced', () => {
    expect(graph.get('src/settings/resolve.ts')).toContain('src/config/effective.ts');
    expect(graph.get('src/index.ts')).toContain('src/decide.ts');
    expect(unplaced(made({ 'src/new-idea.ts': [] }), layers).missing).toEqual(['new-idea.ts']);
  });
});
