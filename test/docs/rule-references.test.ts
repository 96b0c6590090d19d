/**
 * The rules the code and the docs point to live in docs/rules.md: no file of
 * src/, docs/, test/ or examples/ (nor the README) cites the old
 * specification by section number, which no reader of the repository can
 * look up. `node spec-refs.mjs` (kept outside the repository, see the
 * commit that added this test) rewrites such references into links.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));
const SKIP = new Set(['node_modules', 'dist', 'api', 'test-results', 'playwright-report']);
const TEXT = /\.(?:ts|tsx|mts|cts|js|mjs|cjs|md|json|html|css)$/;

/** "SPEC" then "§", also across a comment's line break. */
const CITED = /\bSPEC(?:[ \t]*\n[ \t]*(?:\*(?!\/)|\/\/)?)?[ \t]*§/g;
/** A bare section sign and number, unless a document's name with a digit precedes it (SP 800-63B, RFC 3261). */
const BARE = /(?<![\w-]*\d[\w-]*\s)(?<![\w§.])§\d/g;

function files(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    if (SKIP.has(entry.name) || entry.name.startsWith('.')) return [];
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return files(path);
    return TEXT.test(entry.name) ? [path] : [];
  });
}

/** Every old-specification reference in `text`, as `line: the line`. */
function oldReferences(text: string): string[] {
  const lines = new Set<number>();
  for (const pattern of [CITED, BARE])
    for (const match of text.matchAll(pattern))
      lines.add(text.slice(0, match.index).split('\n').length);
  const all = text.split('\n');
  return [...lines].sort((a, b) => a - b).map((n) => `${n}: ${all[n - 1]?.trim()}`);
}

describe('references to the rules', () => {
  const scanned = [
    ...['src', 'docs', 'test', 'examples'].flatMap((dir) => files(join(ROOT, dir))),
    join(ROOT, 'README.md'),
  ];

  it('scans the source, the tests, the examples and the docs', () => {
    const where = new Set(scanned.map((file) => relative(ROOT, file).split('/')[0]));
    expect([...where].sort()).toEqual(['README.md', 'docs', 'examples', 'src', 'test']);
  });

  it('point to docs/rules.md, never to the old specification by section', () => {
    const found = scanned.flatMap((file) =>
      oldReferences(readFileSync(file, 'utf8')).map((hit) => `${relative(ROOT, file)}:${hit}`),
    );
    expect(found).toEqual([]);
  });

  it('recognises the forms such a reference takes, and leaves other documents’ sections alone', () => {
    const spec = 'SPEC';
    const s = '§';
    expect(oldReferences(`// ${spec} ${s}9: a lock`)).toEqual([`1: // ${spec} ${s}9: a lock`]);
    expect(oldReferences(` * rules (${spec}\n * ${s}2, ${s}9)`)).toEqual([
      `1: * rules (${spec}`,
      `2: * ${s}2, ${s}9)`,
    ]);
    expect(oldReferences(`the whole of ${s}3`)).toEqual([`1: the whole of ${s}3`]);
    expect(oldReferences(`(${s}2.3: ignored)`)).toHaveLength(1);
    expect(oldReferences(`NIST SP 800-63B ${s}5.2.2 and RFC 3261 ${s}8`)).toEqual([]);
    expect(oldReferences('docs/rules.md#lockout')).toEqual([]);
  });
});
