/**
 * Metadata number patterns, read ({@link readPattern}; `expandPattern` in
 * scripts/generate-tables.ts lists their strings) and as automata over the
 * ten digits (for the generator of `src/classify/phone-types-table.ts`). Development
 * time only: it throws on anything it cannot read exactly.
 *
 * The patterns use a small regular-expression subset: digits, classes
 * (`[2-9]`, `[0-46-9]`, `\d`), groups (`(...)`, `(?:...)`), `|`, `?` and
 * `{n}` / `{n,m}`. No `*` or `+`: every pattern matches strings of bounded
 * length, which is what makes the length sets below finite and exact.
 */

/** A set of digits: bit d is the digit d. */
type DigitSet = number;
const ALL_DIGITS: DigitSet = 0b11_1111_1111;

/** A metadata pattern, read. */
export type Pattern =
  | { readonly kind: 'digits'; readonly set: DigitSet }
  | { readonly kind: 'sequence'; readonly items: readonly Pattern[] }
  | { readonly kind: 'choice'; readonly options: readonly Pattern[] }
  | { readonly kind: 'repeat'; readonly item: Pattern; readonly min: number; readonly max: number };

/** Reads `source` into a {@link Pattern}; throws on syntax outside the subset. */
export function readPattern(source: string): Pattern {
  let pos = 0;
  const fail = (why: string): never => {
    throw new Error(`cannot read /${source}/ at ${pos}: ${why}`);
  };
  const choice = (): Pattern => {
    const options = [sequence()];
    while (source[pos] === '|') {
      pos++;
      options.push(sequence());
    }
    return options.length === 1 ? (options[0] as Pattern) : { kind: 'choice', options };
  };
  const sequence = (): Pattern => {
    const items: Pattern[] = [];
    while (pos < source.length && source[pos] !== '|' && source[pos] !== ')') {
      items.push(quantified(atom()));
    }
    return { kind: 'sequence', items };
  };
  const atom = (): Pattern => {
    const c = source[pos];
    if (c === '(') {
      pos += source.startsWith('(?:', pos) ? 3 : 1;
      const inner = choice();
      if (source[pos] !== ')') fail('unclosed group');
      pos++;
      return inner;
    }
    if (c === '[') {
      pos++;
      let set = 0;
      while (source[pos] !== ']') {
        const from = source[pos];
        if (from === '\\' && source[pos + 1] === 'd') {
          set |= ALL_DIGITS;
          pos += 2;
          continue;
        }
        if (from === undefined || !/[0-9]/.test(from)) return fail('unsupported class');
        const to = source[pos + 1] === '-' ? (source[pos + 2] ?? fail('bad range')) : from;
        if (!/[0-9]/.test(to) || to < from) fail('bad range');
        for (let d = Number(from); d <= Number(to); d++) set |= 1 << d;
        pos += from === to && source[pos + 1] !== '-' ? 1 : 3;
      }
      pos++;
      return { kind: 'digits', set };
    }
    if (c === '\\' && source[pos + 1] === 'd') {
      pos += 2;
      return { kind: 'digits', set: ALL_DIGITS };
    }
    if (c !== undefined && /[0-9]/.test(c)) {
      pos++;
      return { kind: 'digits', set: 1 << Number(c) };
    }
    return fail(`unsupported ${JSON.stringify(c)}`);
  };
  const quantified = (item: Pattern): Pattern => {
    if (source[pos] === '?') {
      pos++;
      return { kind: 'repeat', item, min: 0, max: 1 };
    }
    if (source[pos] !== '{') return item;
    const m = /^\{(\d+)(?:,(\d+))?\}/.exec(source.slice(pos)) ?? fail('bad quantifier');
    pos += m[0].length;
    const min = Number(m[1]);
    const max = m[2] === undefined ? min : Number(m[2]);
    if (max < min) fail('bad quantifier');
    return { kind: 'repeat', item, min, max };
  };
  const pattern = choice();
  if (pos !== source.length) fail('trailing input');
  return pattern;
}

/**
 * A nondeterministic automaton over digits (Thompson's construction), with
 * its ε-moves closed: `moves[s]` lists, for state s, the (digit set, target
 * closure) pairs; a state set is a sorted array of state numbers.
 */
export interface DigitAutomaton {
  /** The states the automaton is in before any digit. */
  readonly start: readonly number[];
  /** The states after reading `digit` in any of `states`. */
  step(states: readonly number[], digit: number): readonly number[];
  /**
   * Bit r set when some string of exactly r more digits leads from one of
   * `states` to acceptance.
   */
  remainingLengths(states: readonly number[]): number;
}

/** Longer than any national number (E.164: at most 15 digits with the calling code). */
const MAX_LENGTH = 30;

/** The automaton of a metadata pattern matched against a whole string. */
export function digitAutomaton(source: string): DigitAutomaton {
  const epsilon: number[][] = [];
  const edges: [DigitSet, number][][] = [];
  const state = (): number => {
    epsilon.push([]);
    edges.push([]);
    return epsilon.length - 1;
  };
  const link = (from: number, to: number): void => {
    epsilon[from]?.push(to);
  };
  /** Adds `pattern` from state `from`; returns the state it ends in. */
  const build = (pattern: Pattern, from: number): number => {
    switch (pattern.kind) {
      case 'digits': {
        const to = state();
        edges[from]?.push([pattern.set, to]);
        return to;
      }
      case 'sequence':
        return pattern.items.reduce((at, item) => build(item, at), from);
      case 'choice': {
        const end = state();
        for (const option of pattern.options) {
          const begin = state();
          link(from, begin);
          link(build(option, begin), end);
        }
        return end;
      }
      case 'repeat': {
        const end = state();
        let at = from;
        for (let i = 0; i < pattern.max; i++) {
          if (i >= pattern.min) link(at, end);
          at = build(pattern.item, at);
        }
        link(at, end);
        return end;
      }
      default: {
        const unreachable: never = pattern;
        throw new Error(`unknown pattern ${JSON.stringify(unreachable)}`);
      }
    }
  };
  const begin = state();
  const accept = build(readPattern(source), begin);

  const closure = (states: Iterable<number>): number[] => {
    const seen = new Set<number>();
    const stack = [...states];
    while (stack.length > 0) {
      const s = stack.pop() as number;
      if (seen.has(s)) continue;
      seen.add(s);
      stack.push(...(epsilon[s] ?? []));
    }
    return [...seen].sort((a, b) => a - b);
  };
  const step = (states: readonly number[], digit: number): number[] => {
    const next: number[] = [];
    for (const s of states) {
      for (const [set, to] of edges[s] ?? []) if (set & (1 << digit)) next.push(to);
    }
    return closure(next);
  };

  // lengths[s]: bit r when r digits lead from state s (its closure) to `accept`.
  const count = epsilon.length;
  const lengths = new Array<number>(count).fill(0);
  const closures = Array.from({ length: count }, (_, s) => closure([s]));
  let reaching = new Set(closures.flatMap((c, s) => (c.includes(accept) ? [s] : [])));
  for (let r = 0; r <= MAX_LENGTH && reaching.size > 0; r++) {
    for (const s of reaching) lengths[s] = (lengths[s] as number) | (1 << r);
    const next = new Set<number>();
    for (let s = 0; s < count; s++) {
      const own = closures[s] ?? [];
      if (own.some((t) => (edges[t] ?? []).some(([, to]) => reaching.has(to)))) next.add(s);
    }
    reaching = next;
  }
  if (reaching.size > 0)
    throw new Error(`/${source}/ matches strings of over ${MAX_LENGTH} digits`);

  return {
    start: closure([begin]),
    step,
    remainingLengths: (states) => states.reduce((mask, s) => mask | (lengths[s] as number), 0),
  };
}
