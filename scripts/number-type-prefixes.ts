/**
 * The generator of `src/classify/phone-types-table.ts` (issue 12: "impossible
 * national numbers are never domestic"): per region, a trie of leading
 * digits whose nodes carry the national-number lengths that SOME number of
 * SOME type (fixed line, mobile, toll free, …; libphonenumber-js `max`
 * metadata) has with that prefix. Computed exactly from the type patterns'
 * automata, so it never refuses a valid number; it refuses what the general
 * pattern of the shipped `min` metadata lets through (DE `999999999999`).
 * The string format is read by `src/classify/phone-types.ts`.
 */
import { type DigitAutomaton, digitAutomaton } from './digit-automaton.js';

/** A region's patterns as libphonenumber-js metadata version 4 keeps them. */
export interface RegionPlan {
  /** The general national-number pattern (index 2). */
  readonly general: string;
  /** The general possible lengths (index 3). */
  readonly lengths: readonly number[];
  /** The number types (index 11): `[pattern, possible lengths?]`, 0 for an absent type. */
  readonly types: readonly (readonly [string, (readonly number[])?] | 0)[];
}

/** A set of national-number lengths: bit n is length n. */
type Lengths = number;

interface Language {
  readonly automaton: DigitAutomaton;
  readonly lengths: Lengths;
}

/** A node of the trie: the prefix its path spells. */
interface Node {
  /** The lengths of the numbers of some type with this prefix. */
  valid: Lengths;
  /** The lengths of the numbers the general pattern and lengths accept with this prefix. */
  readonly general: Lengths;
  children: (Node | undefined)[];
  /** Set by {@link prune}: the node answers as its parent. */
  pruned?: boolean;
}

const lengthSet = (lengths: readonly number[]): Lengths =>
  lengths.reduce((set, n) => set | (1 << n), 0);

/**
 * The exact trie of `plan` to `depth` digits: each node's lengths are those
 * of the strings both of its prefix and of a type's pattern and lengths.
 * Nodes below a prefix the general pattern has no number for are left out.
 */
function exactTrie(plan: RegionPlan, depth: number): Node {
  const general: Language = {
    automaton: digitAutomaton(plan.general),
    lengths: lengthSet(plan.lengths),
  };
  const types: Language[] = plan.types.flatMap((type) =>
    type === 0
      ? []
      : [{ automaton: digitAutomaton(type[0]), lengths: lengthSet(type[1] ?? plan.lengths) }],
  );
  const grow = (states: readonly (readonly number[])[], at: number): Node => {
    const lengthsFrom = (language: Language, i: number): Lengths =>
      (language.automaton.remainingLengths(states[i] ?? []) << at) & language.lengths;
    const node: Node = {
      valid: types.reduce((set, type, i) => set | lengthsFrom(type, i + 1), 0),
      general: lengthsFrom(general, 0),
      children: [],
    };
    if (at < depth && node.general !== 0) {
      const languages = [general, ...types];
      for (let digit = 0; digit <= 9; digit++) {
        const next = languages.map((l, i) => l.automaton.step(states[i] ?? [], digit));
        node.children[digit] = grow(next, at + 1);
      }
    }
    return node;
  };
  return grow(
    [general, ...types].map((l) => l.automaton.start),
    0,
  );
}

/**
 * Below `lengthsDepth` digits, a node keeps only whether any number has its
 * prefix: one that some has takes its parent's lengths (a superset: a
 * parent's lengths are those of its children and its own length).
 */
function coarsen(node: Node, lengthsDepth: number, at = 0, parent = 0): void {
  if (at > lengthsDepth && (node.valid & node.general) !== 0) node.valid = parent;
  for (const child of node.children) {
    if (child !== undefined) coarsen(child, lengthsDepth, at + 1, node.valid);
  }
}

/**
 * Drops, bottom-up, each node that answers every number the general
 * pattern accepts under it the same as its parent would: the table then
 * answers exactly as the full trie on every number the runtime asks it
 * about (those the general pattern and lengths accept). Returns whether
 * `node` itself can go, given the lengths its parent answers with.
 */
function prune(node: Node, parent: Lengths): boolean {
  let kept = false;
  for (const child of node.children) {
    if (child === undefined) continue;
    child.pruned = prune(child, node.valid);
    if (!child.pruned) kept = true;
  }
  return !kept && ((parent ^ node.valid) & node.general) === 0;
}

/** Base 26 in the letters a–z: no digits, so a mask never runs into a digit label. */
function letters(value: number): string {
  let out = '';
  do {
    out = String.fromCharCode(97 + (value % 26)) + out;
    value = Math.floor(value / 26);
  } while (value > 0);
  return out;
}

/** Children as text: each after its digit, or after `[digits]` for siblings of the same text. */
function list(children: readonly (readonly [number, string])[]): string {
  const groups = new Map<string, number[]>();
  for (const [digit, text] of children) groups.set(text, [...(groups.get(text) ?? []), digit]);
  return [...groups]
    .map(([text, digits]) => (digits.length === 1 ? digits[0] : `[${digits.join('')}]`) + text)
    .join('');
}

/**
 * A node as text: its lengths in {@link letters} when they differ from
 * its parent's on lengths the general pattern has under it, then its
 * children in parentheses ({@link list}). Either the children that differ
 * from the node (`(…)`: the others are the node's), or, when shorter, the
 * ones some number has (`(!…)`: the others have none). Lengths the general
 * pattern has no number of under a prefix are free: a node whose other
 * lengths are its parent's takes the parent's, and one with none is `a` (0).
 */
function encode(node: Node, parent: Lengths | undefined): string {
  const valid = node.valid & node.general;
  const own = parent !== undefined && valid === (parent & node.general) ? parent : valid;
  const differing: [number, string][] = [];
  const alive: [number, string][] = [];
  node.children.forEach((child, digit) => {
    if (child === undefined) return;
    const text = child.pruned ? '' : encode(child, own);
    if (!child.pruned) differing.push([digit, text]);
    if ((child.valid & child.general) !== 0) alive.push([digit, text]);
  });
  const open = list(differing);
  const closed = `!${list(alive)}`;
  const children = differing.length === 0 ? '' : `(${closed.length < open.length ? closed : open})`;
  return (own === parent ? '' : letters(own)) + children;
}

/** Every length: what a region without a table answers. */
const EVERY_LENGTH: Lengths = 2 ** 31 - 1;

/**
 * The table of one region, or `undefined` when it would refuse nothing the
 * general pattern and lengths accept (the region gains nothing from bytes),
 * or when the metadata has no number types for it (nothing to tell by).
 */
export function numberTypePrefixes(
  plan: RegionPlan,
  depth: number,
  lengthsDepth = depth,
): string | undefined {
  if (plan.types.every((type) => type === 0)) return undefined;
  const root = exactTrie(plan, depth);
  coarsen(root, lengthsDepth);
  if (prune(root, EVERY_LENGTH)) return undefined;
  return encode(root, undefined);
}
