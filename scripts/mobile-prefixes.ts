/**
 * The generator of `src/classify/mobile-table.ts` (issue 24: the `mobile`
 * call type, docs/rules.md#scoped-codes): per region, a trie of leading
 * digits that answers exactly, for every national number, whether the phone
 * metadata (libphonenumber-js `max`) types it MOBILE — the number matches
 * the region's general pattern, the mobile pattern and its lengths, and not
 * the fixed-line pattern (a number both could be is FIXED_LINE_OR_MOBILE,
 * which is what the whole NANP is: never `mobile`, never guessed). The
 * string format is the number-type tries' (`readTrie` in src/classify/phone-types.ts).
 */
import { type DigitAutomaton, digitAutomaton } from './digit-automaton.js';
import type { RegionPlan } from './number-type-prefixes.js';

/** Longer than any national number. */
const MAX_LENGTH = 17;

/** How a set of numbers of one length below a prefix answers: none, all or some of them mobile. */
const NONE = 0;
const ALL = 1;
const MIXED = 2;

interface Language {
  readonly automaton: DigitAutomaton;
  /** Bit n: numbers of length n may be of this language. */
  readonly lengths: number;
}

const lengthSet = (lengths: readonly number[]): number =>
  lengths.reduce((set, n) => set | (1 << n), 0);

/** A trie node: the lengths (bit n) whose numbers with this prefix are all mobile. */
interface Node {
  readonly lengths: number;
  readonly children: readonly (Node | undefined)[];
}

/**
 * The mobile trie of one region, as text, or `undefined` when no number of
 * it is mobile (the NANP, where mobile and fixed-line patterns are one, and
 * regions without a mobile type).
 */
export function mobilePrefixes(plan: RegionPlan): string | undefined {
  const [fixed, mobile] = plan.types;
  if (mobile === undefined || mobile === 0 || mobile[0] === '') return undefined;
  const languages: Language[] = [
    { automaton: digitAutomaton(plan.general), lengths: lengthSet(plan.lengths) },
    { automaton: digitAutomaton(mobile[0]), lengths: lengthSet(mobile[1] ?? plan.lengths) },
  ];
  if (fixed !== undefined && fixed !== 0 && fixed[0] !== '') {
    languages.push({
      automaton: digitAutomaton(fixed[0]),
      lengths: lengthSet(fixed[1] ?? plan.lengths),
    });
  }
  type States = readonly (readonly number[])[];
  const keyOf = (states: States): string => states.map((s) => s.join(',')).join('|');
  const memo = new Map<string, number>();
  const isMobile = (states: States, length: number): boolean => {
    const accepts = (i: number): boolean => {
      const language = languages[i] as Language;
      return (
        ((language.lengths >> length) & 1) === 1 &&
        (language.automaton.remainingLengths(states[i] ?? []) & 1) === 1
      );
    };
    return accepts(0) && accepts(1) && !(languages.length > 2 && accepts(2));
  };
  const step = (states: States, digit: number): States =>
    languages.map((l, i) => l.automaton.step(states[i] ?? [], digit));
  /** NONE, ALL or MIXED for the numbers of `length` digits that continue `states` at `depth`. */
  const status = (states: States, depth: number, length: number): number => {
    if (depth === length) return isMobile(states, length) ? ALL : NONE;
    // No mobile number continues here: every completion is NONE.
    const mobileAhead = languages[1]?.automaton.remainingLengths(states[1] ?? []) ?? 0;
    if (((mobileAhead << depth) & (1 << length)) === 0) return NONE;
    const key = `${keyOf(states)}#${length - depth}#${length}`;
    const known = memo.get(key);
    if (known !== undefined) return known;
    let seen = -1;
    for (let digit = 0; digit <= 9; digit++) {
      const s = status(step(states, digit), depth + 1, length);
      if (s === MIXED || (seen >= 0 && s !== seen)) {
        seen = MIXED;
        break;
      }
      seen = s;
    }
    memo.set(key, seen);
    return seen;
  };
  const build = (states: States, depth: number): Node => {
    let lengths = 0;
    let mixed = false;
    for (let length = Math.max(depth, 1); length <= MAX_LENGTH; length++) {
      const s = status(states, depth, length);
      if (s === ALL) lengths |= 1 << length;
      if (s === MIXED) mixed = true;
    }
    if (!mixed) return { lengths, children: [] };
    const children: Node[] = [];
    for (let digit = 0; digit <= 9; digit++)
      children[digit] = build(step(states, digit), depth + 1);
    // Longer numbers all reach a child: the node answers them as most children
    // do, so that only the others are written out.
    const longer = below(depth + 1);
    const votes = new Map<number, number>();
    for (const child of children) {
      const vote = child.lengths & longer;
      votes.set(vote, (votes.get(vote) ?? 0) + 1);
    }
    const [majority] = [...votes].reduce((best, entry) => (entry[1] > best[1] ? entry : best));
    return { lengths: (lengths & ~longer) | majority, children };
  };
  const root = build(
    languages.map((l) => l.automaton.start),
    0,
  );
  if (isEmpty(root)) return undefined;
  return encode(root, undefined, 0);
}

function isEmpty(node: Node): boolean {
  return (
    node.lengths === 0 && node.children.every((child) => child === undefined || isEmpty(child))
  );
}

/** The lengths a number reaching a node at `depth` can have: at least `depth` digits. */
const below = (depth: number): number => ~((1 << depth) - 1);

/** True when `node` answers every number below it as a leaf of `parent`'s lengths would. */
function sameAs(node: Node, parent: number, depth: number): boolean {
  return (
    ((node.lengths ^ parent) & below(depth)) === 0 &&
    node.children.every((child) => child === undefined || sameAs(child, node.lengths, depth + 1))
  );
}

/** Base 26 in the letters a–z, as `readTrie` reads a node's lengths. */
function letters(value: number): string {
  let out = '';
  do {
    out = String.fromCharCode(97 + (value % 26)) + out;
    value = Math.floor(value / 26);
  } while (value > 0);
  return out;
}

/**
 * A node as text: its lengths when they differ from its parent's on the
 * lengths below it, then the children that answer differently from it, each
 * after its digit or `[digits]` (siblings of the same text).
 */
function encode(node: Node, parent: number | undefined, depth: number): string {
  const own =
    parent !== undefined && ((node.lengths ^ parent) & below(depth)) === 0 ? parent : node.lengths;
  const groups = new Map<string, number[]>();
  node.children.forEach((child, digit) => {
    if (child === undefined || sameAs(child, own, depth + 1)) return;
    const text = encode(child, own, depth + 1);
    groups.set(text, [...(groups.get(text) ?? []), digit]);
  });
  const children = [...groups]
    .map(([text, digits]) => (digits.length === 1 ? digits[0] : `[${digits.join('')}]`) + text)
    .join('');
  return (own === parent ? '' : letters(own)) + (children === '' ? '' : `(${children})`);
}
