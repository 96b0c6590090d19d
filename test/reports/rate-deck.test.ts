import { describe, expect, it } from 'vitest';
import { parseRateDeck } from '../../src/reports/rate-deck.js';

const deckOf = (text: string) => {
  const read = parseRateDeck(text);
  if (!read.ok) throw new Error(read.problems.map((p) => p.message).join('\n'));
  return read.deck;
};

describe('a carrier rate deck (docs/rules.md#reports-that-bill)', () => {
  it('rates a destination by its longest prefix in the deck', () => {
    const deck = deckOf('prefix,rate\n44,0.0190\n4420,0.0150\n442079,0.0140\n1,0.0090\n');
    expect(deck.size).toBe(4);
    expect(deck.match('442079460000')?.prefix).toBe('442079');
    expect(deck.match('442071234567')?.prefix).toBe('4420');
    expect(deck.match('441312345678')?.prefix).toBe('44');
    expect(deck.match('12125550123')?.prefix).toBe('1');
    expect(deck.match('331234567890')).toBeUndefined();
    expect(deck.match('4')).toBeUndefined();
  });

  it('finds a shorter prefix past longer siblings that sort between it and the number', () => {
    // 4419 and 44199 sort after 44 and before 4420…, yet neither is a prefix of it.
    const deck = deckOf('prefix,rate\n44,1\n4419,2\n44199,3\n4421,4\n');
    expect(deck.match('442079460000')?.prefix).toBe('44');
    expect(deck.match('441999')?.prefix).toBe('44199');
    expect(deck.match('44195')?.prefix).toBe('4419');
  });

  it('takes the columns in any order, description and increment optional, a leading + on a prefix', () => {
    const deck = deckOf(
      'Increment, Rate ,description,PREFIX\r\n30/6,0.0150,"London, UK",+4420\r\n,0.02,,49\r\n',
    );
    expect(deck.match('442079460000')).toMatchObject({
      prefix: '4420',
      rate: '0.0150',
      rateUnits: 150_000_000n,
      description: 'London, UK',
      increments: { first: 30, next: 6 },
      line: 2,
    });
    expect(deck.match('4930123')).toMatchObject({
      description: null,
      increments: { first: 60, next: 60 },
    });
  });

  it('refuses a bad deck whole, each problem typed and on its line', () => {
    const read = parseRateDeck(
      'prefix,rate,increment\n44,0.019,60/60\n4x,0.01,\n49,-0.02,\n33,0.02,0/6\n44,0.02,\n1,0.01\n',
    );
    expect(read.ok).toBe(false);
    if (read.ok) return;
    expect(read.problems.map((p) => [p.code, p.line])).toEqual([
      ['invalid-prefix', 3],
      ['invalid-rate', 4],
      ['invalid-increment', 5],
      ['duplicate-prefix', 6],
      ['wrong-cell-count', 7],
    ]);
    expect(read.problems[3]?.message).toBe('line 6: prefix 44 is already on line 2');
    expect(read.problems[1]?.message).toMatch(/^line 4: rate must be a decimal per minute/);
  });

  it('lists the first 20 problems in line order, repeated prefixes among bad lines', () => {
    // Lines 2-31: each even line repeats prefix 44, each odd one has a bad rate.
    const rows = Array.from({ length: 30 }, (_, i) => (i % 2 === 0 ? '44,0.01' : '49,x'));
    const read = parseRateDeck(`prefix,rate\n${rows.join('\n')}\n`);
    expect(read.ok).toBe(false);
    if (read.ok) return;
    expect(read.problems.map((p) => p.line)).toEqual(Array.from({ length: 20 }, (_, i) => i + 3));
    expect(read.problems[0]).toMatchObject({ code: 'invalid-rate', line: 3 });
    expect(read.problems[1]?.message).toBe('line 4: prefix 44 is already on line 2');
  });

  it.each([
    ['', 'empty-deck'],
    ['prefix,rate\n', 'empty-deck'],
    ['prefix,price\n1,2\n', 'unknown-column'],
    ['rate\n1\n', 'missing-column'],
    ['prefix,rate,prefix\n1,2,3\n', 'duplicate-column'],
    ['prefix,"rate\n', 'malformed-row'],
    ['prefix,rate\n1,0.12345678901\n', 'invalid-rate'],
    ['prefix,rate\n1234567890123456,1\n', 'invalid-prefix'],
  ])('refuses %j (%s)', (text, code) => {
    const read = parseRateDeck(text);
    expect(read.ok).toBe(false);
    if (!read.ok) expect(read.problems[0]?.code).toBe(code);
  });

  it('answers anything that is not text with a typed problem', () => {
    for (const value of [undefined, null, 42, {}, ['prefix,rate']]) {
      const read = parseRateDeck(value as unknown as string);
      expect(read.ok).toBe(false);
      if (!read.ok) expect(read.problems[0]?.code).toBe('invalid-type');
    }
  });
});
