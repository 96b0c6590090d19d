/**
 * The source's import graph, as a module loads it: which of our files and
 * which packages (or `node:` built-ins) an entry reaches at load time.
 */
import { readFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';

/** The specifiers a module imports at load time (type-only imports and `import()` excluded). */
function loadTimeImports(file: string): string[] {
  const text = readFileSync(file, 'utf8');
  const found: string[] = [];
  for (const match of text.matchAll(/^(?:import|export)\s+(?!type\s)[^;]*?from\s+'([^']+)'/gms)) {
    found.push(match[1] as string);
  }
  for (const match of text.matchAll(/^import\s+'([^']+)'/gm)) found.push(match[1] as string);
  return found;
}

/** Every source file (absolute path) and package specifier `entry` reaches at load time, itself included. */
export function reachable(entry: string): Set<string> {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const specifier of loadTimeImports(file)) {
      if (specifier.startsWith('.'))
        visit(resolve(dirname(file), specifier.replace(/\.js$/, '.ts')));
      else seen.add(specifier);
    }
  };
  visit(entry);
  return seen;
}
