/**
 * Every relative link of README.md, docs/*.md and the examples' READMEs names
 * a file that exists and, into a Markdown file, an anchor its headings give.
 */
import { existsSync } from 'node:fs';
import { dirname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { anchors, markdownFiles, read, relativeLinks, slug } from './markdown.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

/** The broken links of one document, as `line: target (why)`. */
function brokenLinks(file: string): string[] {
  const broken: string[] = [];
  for (const { target, line } of relativeLinks(read(ROOT, file))) {
    const [pathPart = '', anchor] = target.split('#') as [string, string | undefined];
    const path = pathPart === '' ? file : normalize(join(dirname(file), decodeURI(pathPart)));
    if (!existsSync(join(ROOT, path))) {
      broken.push(`${line}: ${target} (no file ${path})`);
      continue;
    }
    if (anchor !== undefined && anchor !== '' && path.endsWith('.md')) {
      if (!anchors(read(ROOT, path)).has(decodeURIComponent(anchor)))
        broken.push(`${line}: ${target} (no heading #${anchor} in ${path})`);
    }
  }
  return broken;
}

describe('links between the documents', () => {
  it.each(markdownFiles(ROOT))('%s links only to files and headings that exist', (file) => {
    expect(brokenLinks(file)).toEqual([]);
  });

  it('README.md links to the rules', () => {
    expect(relativeLinks(read(ROOT, 'README.md')).map((link) => link.target)).toContain(
      'docs/rules.md',
    );
  });

  it('docs/rules.md has the anchors the code and the other documents point to', () => {
    const have = anchors(read(ROOT, 'docs/rules.md'));
    for (const anchor of [
      'configuration',
      'classification',
      'reading-a-dial-string',
      'the-decision',
      'code-entry',
      'mid-call-tagging',
      'invariants',
      'the-config-file-and-the-cli',
      'lockout',
      'reports-and-post-call-tagging',
      'reports-that-bill',
      'scoped-codes',
      'calls-nobody-can-key',
    ])
      expect(have).toContain(anchor);
  });
});

describe("GitHub's heading anchors", () => {
  it('lower-case the text, drop punctuation and markup, and hyphenate spaces', () => {
    expect(slug('The config file and the CLI')).toBe('the-config-file-and-the-cli');
    expect(slug('Reports that bill')).toBe('reports-that-bill');
    expect(slug('The decision (rule 4)')).toBe('the-decision-rule-4');
    expect(slug('`simulate --json`: the object')).toBe('simulate---json-the-object');
    expect(slug('[Lockout](rules.md#lockout) and **keys**')).toBe('lockout-and-keys');
    expect(slug('max_retries, A–Z')).toBe('max_retries-az');
  });

  it('number repeated headings and read explicit anchors', () => {
    const have = anchors('# A\n## B\n## B\n```\n## C\n```\n<a id="d"></a>\n');
    expect([...have].sort()).toEqual(['a', 'b', 'b-1', 'd']);
  });

  it('finds relative links outside code, and only those', () => {
    const text =
      'See [a](a.md#x), [b](https://b.example/), `[c](c.md)`.\n```\n[d](d.md)\n```\n[e](<e f.md>)';
    expect(relativeLinks(text)).toEqual([
      { target: 'a.md#x', line: 1 },
      { target: 'e f.md', line: 5 },
    ]);
  });
});
