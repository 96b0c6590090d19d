/**
 * Rate decks (issue 27): a deck of 10^5 prefixes loads in well under a
 * second and rates a destination by binary search, not a scan.
 *
 * - Loading: `parseRateDeck` on the text of a generated deck (10^5 prefixes
 *   of 2 to 9 digits, `prefix,rate,description,increment`), against the
 *   project's CSV reader alone on the same text (the least loading can
 *   cost). Target: within 3× of it, which is well under a second.
 * - Rating: longest-prefix look-ups per second against a scan of every
 *   prefix for the longest match. Target: ≥ 100×.
 *
 * Both sides run in this one process, alternated, median of 5 rounds each.
 * Run: `node --expose-gc --import tsx bench/run.ts rate-deck`.
 */
import { parseCsv } from '../src/csv/read.js';
import { parseRateDeck, type RateDeckEntry } from '../src/reports/rate-deck.js';
import { type BenchSuite, consume, median, opsPerSecond, row } from './harness.js';

const PREFIXES = 100_000;

/** 10^5 distinct prefixes: country codes and the ranges under them. */
function deckText(): string {
  const lines = ['prefix,rate,description,increment'];
  const countries = [
    '1',
    '20',
    '33',
    '44',
    '49',
    '52',
    '55',
    '61',
    '81',
    '86',
    '91',
    '234',
    '353',
    '971',
  ];
  let n = 0;
  for (let i = 0; n < PREFIXES; i++) {
    const country = countries[i % countries.length] as string;
    const prefix = i < countries.length ? country : `${country}${(i * 7919) % 10_000_000}`;
    lines.push(
      `${prefix},0.${String((i * 37) % 10_000).padStart(4, '0')},"Range ${i}",${i % 2 === 0 ? '60/60' : '6/6'}`,
    );
    n += 1;
  }
  return `${lines.join('\n')}\n`;
}

function timeMs(fn: () => void): number {
  const start = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - start) / 1e6;
}

const suite: BenchSuite = {
  title: 'rate deck',
  run() {
    const text = deckText();
    const loads: number[] = [];
    const reads: number[] = [];
    let entries: RateDeckEntry[] = [];
    let deck: ReturnType<typeof parseRateDeck> | undefined;
    for (let round = 0; round < 5; round++) {
      loads.push(timeMs(() => (deck = parseRateDeck(text))));
      reads.push(timeMs(() => consume(parseCsv(text))));
    }
    if (deck === undefined || !deck.ok) throw new Error('the generated deck was refused');
    const rated = deck.deck;
    if (rated.size !== PREFIXES) throw new Error(`the deck has ${rated.size} prefixes`);
    entries = parseCsv(text)
      .slice(1)
      .flatMap((r) => (r.kind === 'cells' ? [r.cells[0] as string] : []))
      .map((prefix) => rated.match(`${prefix}00000`) as RateDeckEntry);
    const numbers = Array.from({ length: 1024 }, (_, i) => {
      const e = entries[(i * 104_729) % entries.length] as RateDeckEntry;
      return `${e.prefix}${String(i).padStart(12 - e.prefix.length, '0')}`.slice(0, 15);
    });
    const ours = opsPerSecond(
      () => {
        for (const n of numbers) consume(rated.match(n));
      },
      { opsPerCall: numbers.length },
    );
    const prefixes = entries.map((e) => e.prefix);
    const scan = opsPerSecond(
      () => {
        for (const n of numbers.slice(0, 16)) {
          let best = '';
          for (const p of prefixes) if (p.length > best.length && n.startsWith(p)) best = p;
          consume(best);
        }
      },
      { opsPerCall: 16, minMs: 100, rounds: 3 },
    );
    return [
      row('load 10^5 prefixes', median(loads), 'ms', 'the CSV reader alone', median(reads), {
        higherIsBetter: false,
        target: 1 / 3,
        targetText: 'within 3x (well under 1 s)',
      }),
      row('longest-prefix look-ups, 10^5 prefixes', ours, 'ops/s', 'a scan of every prefix', scan, {
        target: 100,
      }),
    ];
  },
};

export default suite;
