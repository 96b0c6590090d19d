/**
 * The import graph of `src/` and the layers of docs/architecture.md: who
 * imports whom, the circles, and the imports that point up or sideways.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import ts from 'typescript';

/** File → the files of `src/` it imports, as paths relative to the repository. */
export type ImportGraph = ReadonlyMap<string, readonly string[]>;

/** Every `.ts` file under `dir` of `root`, relative to `root`, sorted. */
export function sourceFiles(root: string, dir = 'src'): string[] {
  const files: string[] = [];
  const walk = (at: string): void => {
    for (const entry of readdirSync(join(root, at), { withFileTypes: true })) {
      const path = `${at}/${entry.name}`;
      if (entry.isDirectory()) walk(path);
      else if (entry.name.endsWith('.ts')) files.push(path);
    }
  };
  walk(dir);
  return files.sort();
}

/**
 * The imports of every file of `src/` that land in `src/`: static, type-only
 * and dynamic imports and re-exports alike (TypeScript's own reader, so a
 * comment or a string that looks like an import is not one).
 */
export function importGraph(root: string): ImportGraph {
  const graph = new Map<string, string[]>();
  for (const file of sourceFiles(root)) {
    const targets = importsIn(readFileSync(join(root, file), 'utf8'))
      .filter((name) => name.startsWith('.'))
      .map((name) => resolveImport(root, file, name))
      .filter((target) => target.startsWith('src/'));
    graph.set(file, [...new Set(targets)]);
  }
  return graph;
}

/** The module names a source text imports or re-exports from, in order. */
export function importsIn(text: string): string[] {
  return ts.preProcessFile(text, true, true).importedFiles.map(({ fileName }) => fileName);
}

/** `./x.js` from `src/a/b.ts` is `src/a/x.ts`; a file that is not TypeScript stays as written. */
function resolveImport(root: string, from: string, name: string): string {
  const written = normalize(join(dirname(from), name));
  const source = written.replace(/\.js$/, '.ts');
  if (existsSync(join(root, source))) return source;
  const index = join(written, 'index.ts');
  return existsSync(join(root, index)) ? index : written;
}

/** The unit a file belongs to: its folder under `src/` (`config/`), or itself at the root (`decide.ts`). */
export function unitOf(file: string): string {
  const [first = '', ...rest] = file.replace(/^src\//, '').split('/');
  return rest.length > 0 ? `${first}/` : first;
}

/**
 * The layers of the table of docs/architecture.md: unit → its layer number.
 * A row is `| n | \`a/\`, \`b.ts\` | … |`.
 */
export function layersFrom(markdown: string): Map<string, number> {
  const layers = new Map<string, number>();
  for (const line of markdown.split('\n')) {
    const row = /^\|\s*(\d+)\s*\|([^|]*)\|/.exec(line);
    if (row === null) continue;
    for (const name of (row[2] ?? '').matchAll(/`([^`]+)`/g)) {
      layers.set(name[1] as string, Number(row[1]));
    }
  }
  return layers;
}

/** Every circle of imports (a strongly connected set of two or more files, or a file importing itself), each sorted. */
export function circles(graph: ImportGraph): string[][] {
  // Tarjan's strongly connected components.
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  let next = 0;
  const visit = (file: string): void => {
    index.set(file, next);
    low.set(file, next);
    next++;
    stack.push(file);
    onStack.add(file);
    for (const target of graph.get(file) ?? []) {
      if (!graph.has(target)) continue;
      if (!index.has(target)) {
        visit(target);
        low.set(file, Math.min(low.get(file) as number, low.get(target) as number));
      } else if (onStack.has(target)) {
        low.set(file, Math.min(low.get(file) as number, index.get(target) as number));
      }
    }
    if (low.get(file) === index.get(file)) {
      const component: string[] = [];
      let member: string;
      do {
        member = stack.pop() as string;
        onStack.delete(member);
        component.push(member);
      } while (member !== file);
      if (component.length > 1 || (graph.get(file) ?? []).includes(file)) {
        found.push(component.sort());
      }
    }
  };
  for (const file of graph.keys()) if (!index.has(file)) visit(file);
  return found.sort((a, b) => (a[0] as string).localeCompare(b[0] as string));
}

/**
 * The imports from one unit to another that do not point to a lower layer,
 * as `from → to (layer m imports layer n)`; units the layers do not place
 * are listed by {@link unplaced}, not here.
 */
export function wrongWayImports(graph: ImportGraph, layers: ReadonlyMap<string, number>): string[] {
  const wrong: string[] = [];
  for (const [file, targets] of graph) {
    const from = layers.get(unitOf(file));
    for (const target of targets) {
      const to = layers.get(unitOf(target));
      if (unitOf(file) === unitOf(target) || from === undefined || to === undefined) continue;
      if (to >= from) wrong.push(`${file} → ${target} (layer ${from} imports layer ${to})`);
    }
  }
  return wrong.sort();
}

/** The units of the graph that the layers do not place, and the placed ones that do not exist. */
export function unplaced(
  graph: ImportGraph,
  layers: ReadonlyMap<string, number>,
): { readonly missing: string[]; readonly stale: string[] } {
  const units = new Set([...graph.keys()].map(unitOf));
  return {
    missing: [...units].filter((unit) => !layers.has(unit)).sort(),
    stale: [...layers.keys()].filter((unit) => !units.has(unit)).sort(),
  };
}
