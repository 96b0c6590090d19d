/**
 * A carrier's rate deck (docs/rules.md#reports-that-bill): CSV with a header
 * row naming `prefix` and `rate`, and optionally `description` and
 * `increment`, in any order. A destination is rated by the longest prefix
 * of its E.164 digits in the deck, found by binary search over the sorted
 * prefixes (and the chain of each one's shorter prefixes), so a deck of
 * 10^5 prefixes costs a few comparisons per call, never a scan.
 */
import { csvRows } from '../csv/read.js';
import { describeValue, type Problem } from '../result.js';
import { type BillingIncrements, DEFAULT_INCREMENTS, parseIncrements } from './increments.js';
import { parseDecimal, RATE_DECIMALS } from './money.js';

/** One prefix of a deck. */
export interface RateDeckEntry {
  /** E.164 digits without `+`, 1 to 15 of them. */
  readonly prefix: string;
  /** The rate per minute, as written in the deck. */
  readonly rate: string;
  /** The rate per minute in 10^-10 units, exact. */
  readonly rateUnits: bigint;
  /** The deck's description, or `null`. */
  readonly description: string | null;
  /** The billing increments of this prefix (default `60/60`). */
  readonly increments: BillingIncrements;
  /** The deck line it was read from. */
  readonly line: number;
}

/** A rate deck, ready to rate destinations. */
export interface RateDeck {
  /** Prefixes in the deck. */
  readonly size: number;
  /** The entry of the longest prefix of `digits` (E.164 without `+`), or `undefined`. */
  match(digits: string): RateDeckEntry | undefined;
}

/** Why a rate deck was refused. */
export type RateDeckProblemCode =
  | 'invalid-type'
  | 'malformed-row'
  | 'missing-column'
  | 'unknown-column'
  | 'duplicate-column'
  | 'wrong-cell-count'
  | 'invalid-prefix'
  | 'duplicate-prefix'
  | 'invalid-rate'
  | 'invalid-increment'
  | 'empty-deck';

/** One problem of a rate deck, with the line it is on (`null`: the whole deck). */
export interface RateDeckProblem extends Problem<RateDeckProblemCode> {
  /** The 1-based line, or `null`. */
  readonly line: number | null;
}

/** {@link parseRateDeck}'s answer. */
export type ParseRateDeckResult =
  | { readonly ok: true; readonly deck: RateDeck }
  | {
      readonly ok: false;
      /** Every problem found, up to {@link MAX_DECK_PROBLEMS}, in line order. */
      readonly problems: readonly RateDeckProblem[];
    };

/** Problems listed before reading stops. */
export const MAX_DECK_PROBLEMS = 20;

const COLUMNS = ['prefix', 'rate', 'description', 'increment'] as const;
type Column = (typeof COLUMNS)[number];

const PREFIX = /^\d{1,15}$/;

/**
 * Reads a rate deck from its CSV text. Every row must be right: a deck with
 * any bad line is refused whole (a price is never guessed), with each
 * problem's line.
 *
 * @example
 * ```ts
 * const read = parseRateDeck('prefix,rate,increment\n44,0.0125,60/60\n4420,0.0100,30/6\n');
 * if (read.ok) read.deck.match('442079460000')?.prefix; // '4420'
 * ```
 */
export function parseRateDeck(text: string): ParseRateDeckResult {
  if (typeof text !== 'string') {
    return fail([
      problem('invalid-type', null, `a rate deck must be CSV text; got ${describeValue(text)}`),
    ]);
  }
  const rows = csvRows(text);
  const problems: RateDeckProblem[] = [];
  const add = (p: RateDeckProblem): boolean => {
    problems.push(p);
    return problems.length < MAX_DECK_PROBLEMS;
  };
  const header = rows.next().value;
  if (header === undefined)
    return fail([
      problem('empty-deck', null, 'the rate deck is empty: it needs a header row "prefix,rate"'),
    ]);
  if (header.kind === 'malformed')
    return fail([problem('malformed-row', header.line, `line ${header.line}: ${header.why}`)]);
  const index: Partial<Record<Column, number>> = {};
  for (const [i, raw] of header.cells.entries()) {
    const name = raw.trim().toLowerCase();
    if (!(COLUMNS as readonly string[]).includes(name)) {
      add(
        problem(
          'unknown-column',
          header.line,
          `line ${header.line}: column ${describeValue(raw)} is not one of ${COLUMNS.join(', ')}`,
        ),
      );
    } else if (index[name as Column] !== undefined) {
      add(
        problem(
          'duplicate-column',
          header.line,
          `line ${header.line}: column ${name} appears twice`,
        ),
      );
    } else {
      index[name as Column] = i;
    }
  }
  for (const needed of ['prefix', 'rate'] as const) {
    if (index[needed] === undefined) {
      add(
        problem(
          'missing-column',
          header.line,
          `line ${header.line}: the header has no ${needed} column (it needs prefix and rate; description and increment are optional)`,
        ),
      );
    }
  }
  if (problems.length > 0) return fail(problems);

  const entries: RateDeckEntry[] = [];
  const increments = new Map<string, BillingIncrements | undefined>();
  for (const row of rows) {
    if (row.kind === 'malformed') {
      if (!add(problem('malformed-row', row.line, `line ${row.line}: ${row.why}`))) break;
      continue;
    }
    if (row.cells.length === 1 && row.cells[0] === '') continue; // a blank line
    const read = readRow(row.cells, row.line, index, header.cells.length, increments);
    if ('code' in read) {
      if (!add(read)) break;
      continue;
    }
    entries.push(read);
  }
  // Stable: of a repeated prefix, the line read first sorts first.
  entries.sort((a, b) => (a.prefix < b.prefix ? -1 : a.prefix > b.prefix ? 1 : 0));
  problems.push(...repeatedPrefixes(entries));
  if (problems.length > 0) {
    return fail(problems.sort((a, b) => (a.line ?? 0) - (b.line ?? 0)).slice(0, MAX_DECK_PROBLEMS));
  }
  if (entries.length === 0)
    return fail([problem('empty-deck', null, 'the rate deck has a header but no prefixes')]);
  return { ok: true, deck: sortedDeck(entries) };
}

function readRow(
  cells: readonly string[],
  line: number,
  index: Partial<Record<Column, number>>,
  columns: number,
  known: Map<string, BillingIncrements | undefined>,
): RateDeckEntry | RateDeckProblem {
  if (cells.length !== columns) {
    return problem(
      'wrong-cell-count',
      line,
      `line ${line}: the header has ${columns} columns; this row has ${cells.length}`,
    );
  }
  const prefixText = cellOf(cells, index.prefix);
  const prefix = prefixText.charCodeAt(0) === 0x2b ? prefixText.slice(1) : prefixText;
  if (!PREFIX.test(prefix)) {
    return problem(
      'invalid-prefix',
      line,
      `line ${line}: prefix must be 1 to 15 E.164 digits (no spaces; a leading + is allowed); got ${describeValue(prefixText)}`,
    );
  }
  const rate = cellOf(cells, index.rate);
  const rateUnits = parseDecimal(rate, RATE_DECIMALS);
  if (rateUnits === undefined) {
    return problem(
      'invalid-rate',
      line,
      `line ${line}: rate must be a decimal per minute, 0 or more, such as 0.0125 (at most ${RATE_DECIMALS} decimals); got ${describeValue(rate)}`,
    );
  }
  const incrementText = cellOf(cells, index.increment);
  // A deck uses a handful of increments: each is read once.
  let increments = known.get(incrementText);
  if (increments === undefined && !known.has(incrementText)) {
    increments = incrementText === '' ? DEFAULT_INCREMENTS : parseIncrements(incrementText);
    known.set(incrementText, increments);
  }
  if (increments === undefined) {
    return problem(
      'invalid-increment',
      line,
      `line ${line}: increment must be first/next seconds, each 1 to 86400, such as 60/60, 30/6, 6/6 or 1/1 (empty: 60/60); got ${describeValue(incrementText)}`,
    );
  }
  const description = cellOf(cells, index.description);
  return {
    prefix,
    rate,
    rateUnits,
    description: description === '' ? null : description,
    increments,
    line,
  };
}

/** The cell of a column, trimmed; empty when the deck has no such column. */
function cellOf(cells: readonly string[], at: number | undefined): string {
  return at === undefined ? '' : (cells[at] ?? '').trim();
}

/** A problem for each line that repeats an earlier line's prefix (`sorted` by prefix, then line). */
function repeatedPrefixes(sorted: readonly RateDeckEntry[]): RateDeckProblem[] {
  const problems: RateDeckProblem[] = [];
  for (let i = 1, first = 0; i < sorted.length; i++) {
    const entry = sorted[i] as RateDeckEntry;
    const earlier = sorted[first] as RateDeckEntry;
    if (entry.prefix !== earlier.prefix) first = i;
    else
      problems.push(
        problem(
          'duplicate-prefix',
          entry.line,
          `line ${entry.line}: prefix ${entry.prefix} is already on line ${earlier.line}`,
        ),
      );
  }
  return problems
    .sort((a, b) => (a.line as number) - (b.line as number))
    .slice(0, MAX_DECK_PROBLEMS);
}

/**
 * The deck sorted by prefix (the sorted entries), with each prefix's nearest shorter prefix in
 * the deck. The longest prefix of a number is then the greatest prefix not
 * after it, or one of that one's shorter prefixes: every deck prefix of the
 * number sorts between it and the number.
 */
function sortedDeck(sorted: readonly RateDeckEntry[]): RateDeck {
  const prefixes = sorted.map((e) => e.prefix);
  const parent = new Int32Array(sorted.length);
  const stack: number[] = [];
  for (let i = 0; i < prefixes.length; i++) {
    const p = prefixes[i] as string;
    while (stack.length > 0 && !p.startsWith(prefixes[stack.at(-1) as number] as string))
      stack.pop();
    parent[i] = stack.length === 0 ? -1 : (stack.at(-1) as number);
    stack.push(i);
  }
  return {
    size: sorted.length,
    match(digits) {
      if (typeof digits !== 'string') return undefined;
      // The greatest prefix not after `digits`.
      let lo = 0;
      let hi = prefixes.length - 1;
      let at = -1;
      while (lo <= hi) {
        const mid = (lo + hi) >> 1;
        if ((prefixes[mid] as string) <= digits) {
          at = mid;
          lo = mid + 1;
        } else {
          hi = mid - 1;
        }
      }
      while (at !== -1 && !digits.startsWith(prefixes[at] as string)) at = parent[at] as number;
      return at === -1 ? undefined : sorted[at];
    },
  };
}

function problem(code: RateDeckProblemCode, line: number | null, message: string): RateDeckProblem {
  return { code, path: [], message, line };
}

function fail(problems: readonly RateDeckProblem[]): ParseRateDeckResult {
  return { ok: false, problems };
}
