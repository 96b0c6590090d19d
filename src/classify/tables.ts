/**
 * Safe look-ups in the generated tables: keys come from callers (a country
 * code such as `"constructor"` must not reach `Object.prototype`).
 */

/** The entry of `table` for `key`, or `undefined` when it has none of its own. */
export function ownEntry(table: Readonly<Record<string, string>>, key: string): string | undefined {
  return Object.hasOwn(table, key) ? table[key] : undefined;
}

/** True when `word` is one of the space-separated words of `list`, without allocating. */
export function hasWord(list: string, word: string): boolean {
  if (word === '') return false;
  let at = list.indexOf(word);
  while (at !== -1) {
    const end = at + word.length;
    if ((at === 0 || list[at - 1] === ' ') && (end === list.length || list[end] === ' ')) {
      return true;
    }
    at = list.indexOf(word, at + 1);
  }
  return false;
}
