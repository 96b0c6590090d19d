/**
 * ioredis is an optional peer dependency: `import 'account-codes'` must never
 * load it, and `account-codes/redis` loads it only when a store is opened from
 * a URL. Checked on the source's import graph: every module the main entry
 * reaches, and how src/redis/ names ioredis.
 */
import { readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = fileURLToPath(new URL('../../src/', import.meta.url));

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

function reachable(entry: string): Set<string> {
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

describe('loading ioredis (an optional peer dependency)', () => {
  it('the main entry never reaches ioredis, nor src/redis/', () => {
    const graph = [...reachable(join(SRC, 'index.ts'))];
    expect(graph.length).toBeGreaterThan(10);
    expect(graph.filter((m) => m === 'ioredis' || m.includes(`${SRC}redis`))).toEqual([]);
  });

  it('account-codes/redis loads it only through import() when a URL is opened', () => {
    const graph = [...reachable(join(SRC, 'redis', 'index.ts'))];
    expect(graph).not.toContain('ioredis');
    expect(readFileSync(join(SRC, 'redis', 'open.ts'), 'utf8')).toContain(
      "await import('ioredis')",
    );
  });
});
