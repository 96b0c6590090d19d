/**
 * docs/classification.md's example table is a test: every row is classified
 * and must give the kind and detail the row states (issue 12: the documented
 * forms are tested, so the doc cannot drift from the code).
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { classifyCall } from '../../src/classify/classify.js';
import type { ClassifyContext } from '../../src/classify/types.js';

interface Row {
  readonly dialed: string;
  readonly caller: string;
  readonly kind: string;
  readonly detail: string;
}

function exampleRows(): Row[] {
  const lines = readFileSync('docs/classification.md', 'utf8').split('\n');
  const start = lines.indexOf('| dialed | caller | kind | detail |');
  if (start < 0) throw new Error('docs/classification.md has no example table');
  const rows: Row[] = [];
  for (const line of lines.slice(start + 2)) {
    if (!line.startsWith('|')) break;
    const [dialed, caller, kind, detail] = line
      .slice(1, -1)
      .split(' | ')
      .map((cell) => cell.trim());
    rows.push({
      dialed: cell(dialed),
      caller: caller ?? '',
      kind: kind ?? '',
      detail: detail ?? '',
    });
  }
  return rows;
}

/** A cell's text: without backticks; a JSON string literal where the text has invisible characters. */
function cell(text: string | undefined): string {
  const bare = (text ?? '').replace(/^`|`$/g, '');
  return bare.startsWith('"') ? (JSON.parse(bare) as string) : bare;
}

/** "US, prefix 9", "US, 3-digit extensions", "US, own number +1…", "US, exemptNumbers `[…]`", … */
function contextOf(caller: string): ClassifyContext {
  const [country, ...options] = caller.split(', ');
  let context: ClassifyContext = { country: country as string, dialPlan: {} };
  for (const option of options) {
    const value = option.replace(/^[^ ]+ /, '').replace(/`/g, '');
    if (option.startsWith('prefix ')) {
      context = { ...context, dialPlan: { ...context.dialPlan, outsideLinePrefix: value } };
    } else if (option.endsWith('-digit extensions')) {
      const lengths = [Number.parseInt(option, 10)];
      context = { ...context, dialPlan: { ...context.dialPlan, extensionLengths: lengths } };
    } else if (option.startsWith('own number ')) {
      context = { ...context, dialPlan: { ...context.dialPlan, ownNumbers: [option.slice(11)] } };
    } else if (option.startsWith('exemptNumbers ')) {
      context = { ...context, exemptNumbers: JSON.parse(value) };
    } else if (option.startsWith('domesticCountries ')) {
      context = { ...context, domesticCountries: JSON.parse(value) };
    } else {
      throw new Error(`unknown caller option in docs/classification.md: ${option}`);
    }
  }
  return context;
}

/** What the detail column states, as a partial classification. */
function expected(kind: string, detail: string): Record<string, unknown> {
  switch (kind) {
    case 'emergency':
      return { kind, why: detail };
    case 'invalid':
      return { kind, reason: detail };
    case 'internal':
      return { kind, via: detail };
    case 'external': {
      const match = /^\[([^\]]*)\]\s*(.*)$/.exec(detail);
      if (match === null) throw new Error(`bad detail in docs/classification.md: ${detail}`);
      const categories = match[1] === '' ? [] : (match[1] as string).split(', ');
      const out: Record<string, unknown> = { kind, categories };
      for (const token of (match[2] as string).split(' ').filter(Boolean)) {
        out[token.startsWith('+') ? 'e164' : 'country'] = token;
      }
      return out;
    }
    default:
      throw new Error(`bad kind in docs/classification.md: ${kind}`);
  }
}

describe('docs/classification.md examples', () => {
  const rows = exampleRows();

  it('has the table, with the issue 12 forms in it', () => {
    expect(rows.length).toBeGreaterThan(60);
    expect(rows.map((r) => r.dialed)).toEqual(
      expect.arrayContaining(['+1 911', '911\r\n', '#31# 011 44 20 7946 0958', '1 500 555 0100']),
    );
  });

  it.each(rows.map((r) => [r.dialed, r.caller, r] as const))('%j from %s', (_d, _c, row) => {
    expect(classifyCall(row.dialed, contextOf(row.caller))).toMatchObject(
      expected(row.kind, row.detail),
    );
  });
});
