/**
 * Reading the project's Markdown as GitHub shows it: the documents a reader
 * follows links between, their relative links, and their headings' anchors.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** README.md, docs/*.md and every examples README, relative to the repository. */
export function markdownFiles(root: string): string[] {
  const docs = readdirSync(join(root, 'docs'))
    .filter((name) => name.endsWith('.md'))
    .map((name) => `docs/${name}`);
  const examples = readdirSync(join(root, 'examples'), { withFileTypes: true })
    .filter(
      (entry) => entry.isDirectory() && existsSync(join(root, 'examples', entry.name, 'README.md')),
    )
    .map((entry) => `examples/${entry.name}/README.md`);
  return ['README.md', ...docs.sort(), ...examples.sort()];
}

/** The text outside fenced code blocks, lines kept (so line numbers hold). */
export function proseLines(text: string): string[] {
  let fence: string | undefined;
  return text.split('\n').map((line) => {
    const marker = /^\s*(`{3,}|~{3,})/.exec(line)?.[1];
    if (marker !== undefined && (fence === undefined || marker.startsWith(fence))) {
      fence = fence === undefined ? marker : undefined;
      return '';
    }
    return fence === undefined ? line.replace(/`[^`]*`/g, '``') : '';
  });
}

/** A relative link: its target as written, and the line it is on. */
export interface Link {
  readonly target: string;
  readonly line: number;
}

/** Links to files of the repository (not to other sites, not mail). */
export function relativeLinks(text: string): Link[] {
  const links: Link[] = [];
  proseLines(text).forEach((line, index) => {
    for (const match of line.matchAll(/\]\(\s*(?:<([^>]+)>|([^)\s]+))(?:\s+"[^"]*")?\s*\)/g)) {
      const target = (match[1] ?? match[2]) as string;
      if (!/^[a-z][a-z0-9+.-]*:/i.test(target)) links.push({ target, line: index + 1 });
    }
  });
  return links;
}

/**
 * The anchors GitHub gives a document's headings: the heading's text,
 * lower-cased, without punctuation, spaces as hyphens, `-1`, `-2`… on
 * repeats; and explicit `<a id>`/`<a name>` anchors.
 */
export function anchors(text: string): Set<string> {
  const found = new Set<string>();
  const seen = new Map<string, number>();
  for (const line of proseLinesKeepingCode(text)) {
    const heading = /^#{1,6}\s+(.*?)\s*#*\s*$/.exec(line);
    if (heading !== null) {
      const base = slug(heading[1] as string);
      const repeats = seen.get(base) ?? 0;
      seen.set(base, repeats + 1);
      found.add(repeats === 0 ? base : `${base}-${repeats}`);
    }
    for (const match of line.matchAll(/<a\s+(?:id|name)="([^"]+)"/g)) found.add(match[1] as string);
  }
  return found;
}

/** GitHub's heading slug. */
export function slug(heading: string): string {
  const text = heading
    .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1') // links and images: their text
    .replace(/<[^>]+>/g, '') // inline HTML tags
    .replace(/`/g, '')
    .replace(/(\*\*|__|\*)/g, '');
  return text
    .trim()
    .toLowerCase()
    .replace(/[^\p{L}\p{M}\p{N}\p{Pc} -]/gu, '')
    .replace(/ /g, '-');
}

/** Headings' text keeps its inline code (only fenced blocks are left out). */
function proseLinesKeepingCode(text: string): string[] {
  let fence: string | undefined;
  return text.split('\n').map((line) => {
    const marker = /^\s*(`{3,}|~{3,})/.exec(line)?.[1];
    if (marker !== undefined && (fence === undefined || marker.startsWith(fence))) {
      fence = fence === undefined ? marker : undefined;
      return '';
    }
    return fence === undefined ? line : '';
  });
}

/** The text of a repository file. */
export function read(root: string, path: string): string {
  return readFileSync(join(root, path), 'utf8');
}
