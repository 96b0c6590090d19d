/**
 * Reading a dial string (docs/rules.md#reading-a-dial-string): platforms hand
 * over a dial string in layers, and this file is the one place that reads them,
 *
 *     wrapper? prefixes* number suffix?
 *
 * - wrapper: a `tel:`/`sip:`/`sips:` URI, possibly a whole header value
 *   (`"Name" <sip:911@host;user=phone>`), its user part percent-decoded and
 *   its parameters dropped; an RFC 5031 `urn:service:sos` (`.police`, …),
 *   which is emergency whatever follows; every script's digits and dashes.
 * - prefixes: the outside-line prefix, feature codes (`*67`, `**67`, `#31#`,
 *   `**21*`, the account's service codes), and pauses before the number.
 * - number: digits with an optional `+`; access codes (`011`, `00`, `1`) are
 *   the number's own rules (classify.ts).
 * - suffix: whatever follows the number after `*`, `#` or a pause (`,` `;`
 *   `p` `w` `P` `W`): keys sent once the call is up, never the destination.
 *
 * A string may read more than one way (`9911` with prefix 9; `**67*…`):
 * {@link readingsOf} gives every reading, classify.ts takes emergency when
 * any of them is and every other decision on the first.
 */

import { hasWord } from './tables.js';

// ---- wrapper ----------------------------------------------------------------

/** `tel:`, `sip:` and `sips:` (RFC 3966, RFC 3261), any case. */
const URI_SCHEME = /^(?:tel|sips?):/i;
/** RFC 5031's emergency service URN and every sub-service of it (`urn:service:sos.fire`). */
const SOS_URN = /^urn:service:sos(?:$|[.;?])/i;
/** Spaces, line endings, invisible format characters (zero-width space, BOM, word joiner, soft hyphen). */
const INVISIBLE = /[\s\p{Cf}]/gu;
/** Dashes of every script, and the minus sign, which people and word processors put between digits. */
const DASHES = /[\p{Pd}\u2212\u2043\uFE63]/gu;
/**
 * A URI parameter (`;phone-context=…`, `;user=phone`, the flags `;npdi`,
 * `;enumdi`) or header part (`?…`): not the number. Any other `;` is a pause.
 */
const PARAMETERS = /\?|;(?:[A-Za-z][A-Za-z0-9-]*=|(?:npdi|enumdi)(?=;|$))/i;

/**
 * The RFC 5031 emergency service URN `input` carries (`urn:service:sos`,
 * `urn:service:sos.police`, also inside a header value), lower-cased, or
 * `undefined`. Such a call is emergency whatever follows the service name.
 */
export function sosUrnOf(input: string): string | undefined {
  if (typeof input !== 'string' || !/urn/i.test(input)) return undefined;
  const text = headerTarget(input.normalize('NFKC').replace(INVISIBLE, ''));
  if (!SOS_URN.test(text)) return undefined;
  const end = text.search(/[;?]/);
  return (end < 0 ? text : text.slice(0, end)).toLowerCase();
}

/**
 * The dial string a platform means: NFKC (full-width digits and signs become
 * ASCII), every script's digits as ASCII, Unicode spaces, format characters
 * and dashes removed; of a header value (`"Name" <sip:…>`) the URI in angle
 * brackets; of a `tel:`/`sip:`/`sips:` URI the user part (before `@`) without
 * its parameters; and percent-escapes decoded (`%39%31%31` is `911`). What is
 * still not dialable after this stays `invalid` in the keypad pass.
 */
export function unwrap(input: string): string {
  let text = headerTarget(input.normalize('NFKC').replace(INVISIBLE, '').replace(DASHES, '-'));
  // A decimal digit of any script (Arabic-Indic, Devanagari, …). Built here, not at
  // module level: bundlers cannot drop a \p{…} pattern they compile to new RegExp.
  text = text.replace(/\p{Nd}/gu, asciiDigit);
  if (URI_SCHEME.test(text)) {
    text = text.slice(text.indexOf(':') + 1);
    const at = text.indexOf('@');
    if (at >= 0) text = text.slice(0, at);
  }
  const parameters = text.search(PARAMETERS);
  if (parameters >= 0) text = text.slice(0, parameters);
  return text.replace(/%([0-9a-fA-F]{2})/g, (_, hex: string) =>
    String.fromCharCode(Number.parseInt(hex, 16)),
  );
}

/** Of a header value (`"Name" <sip:911@host>;tag=…`) the URI between its angle brackets. */
function headerTarget(text: string): string {
  const open = text.indexOf('<');
  if (open < 0) return text;
  const close = text.indexOf('>', open);
  return text.slice(open + 1, close < 0 ? text.length : close);
}

/**
 * The ASCII digit of a decimal digit of any script. Unicode keeps each
 * script's digits as a run of ten code points from 0 to 9 (and NFKC has
 * already folded the runs that sit next to each other, the mathematical digits).
 */
function asciiDigit(digit: string): string {
  const code = digit.codePointAt(0) ?? 48;
  if (code <= 57) return digit;
  const isDigit = /^\p{Nd}$/u;
  let zero = code;
  while (isDigit.test(String.fromCodePoint(zero - 1))) zero--;
  return String((code - zero) % 10);
}

// ---- prefixes -----------------------------------------------------------------

/**
 * Standard feature codes that are service codes when dialed alone: NANP
 * vertical service codes in general use (NANPA's VSC assignments: `*57`
 * trace, `*60` call block, `*66` repeat, `*67`/`*82` caller-ID, `*69` call
 * return, `*70` cancel call waiting, `*72`/`*73` forwarding, `*98` voicemail,
 * …) and GSM supplementary-service codes (3GPP TS 22.030: IMEI, caller-ID,
 * forwarding, waiting, barring, in their query and cancel forms).
 */
const STANDARD_FEATURE_CODES =
  '*57 *60 *61 *62 *63 *64 *65 *66 *67 *68 *69 *70 *71 *72 *73 *74 *75 *76 *77 *78 *79 *80 *82 *83 *84 *85 *86 *87 *88 *89 *90 *91 *92 *93 *94 *95 *96 *97 *98 *99 ' +
  '*#06# *#30# *#31# #31# *31# *#43# *43# #43# *#21# #21# ##21# *#61# *#62# *#67# ##002# ##004#';

/** The standard codes that end in `#` (`#31#`, `*31#`, …): a `#` ends a prefix only in these. */
// Pure: a bundle that never classifies drops it.
const HASH_ENDED_CODES: readonly string[] = /* @__PURE__ */ (() =>
  STANDARD_FEATURE_CODES.split(' ').filter((code) => code.endsWith('#')))();

/** True when `code` is a feature code alone that the standards or the account (`serviceCodes`) know. */
export function isKnownFeatureCode(code: string, serviceCodes: readonly string[]): boolean {
  return hasWord(STANDARD_FEATURE_CODES, code) || serviceCodes.includes(code);
}

/**
 * The lengths of every feature-code prefix at `text[at]` (none: `[]`):
 * - `**NN*` / `**NNN*` — GSM registration (`**21*` + number + `#`);
 * - the standard codes that end in `#` (`#31#`, `*31#` caller-ID blocking, …)
 *   and the account's service codes — an unknown `*23#` is no prefix, so
 *   `*23#0` is no operator call;
 * - `*NN`, `**NN` — NANP vertical service codes (`*67`, `*82`) as PBXs take them.
 * A string can hold more than one (`**67*…`), so all of them are returned, each length once.
 *
 * @example
 * ```ts
 * featureCodePrefixLengths('#31#011442079460958', 0, []); // [4]
 * featureCodePrefixLengths('**67*67+44', 0, []); // [5, 4]
 * ```
 */
export function featureCodePrefixLengths(
  text: string,
  at: number,
  serviceCodes: readonly string[],
): number[] {
  const lengths: number[] = [];
  const add = (length: number): void => {
    if (length > 0 && !lengths.includes(length)) lengths.push(length);
  };
  const rest = text.slice(at);
  add(/^\*\*\d{2,3}\*/.exec(rest)?.[0].length ?? 0);
  for (const code of HASH_ENDED_CODES) if (rest.startsWith(code)) add(code.length);
  for (const code of serviceCodes) if (code !== '' && rest.startsWith(code)) add(code.length);
  add(/^\*\*\d{2}/.exec(rest)?.[0].length ?? 0);
  add(/^\*\d{2}/.exec(rest)?.[0].length ?? 0);
  return lengths;
}

/** `,` `;` `p` `w` `P` `W`: a pause (or wait) key, by its character code. */
export function isPause(c: number): boolean {
  return c === 44 || c === 59 || c === 112 || c === 119 || c === 80 || c === 87;
}

/** A key that is not part of a number: `*`, `#` or a pause. */
export function isKeyOrPause(c: number): boolean {
  return c === 42 || c === 35 || isPause(c);
}

// ---- number and suffix: the readings ----------------------------------------

/** One way of reading a dial string: the number, where it starts, and how it was reached. */
export interface Reading {
  /** Digits, with a `+` in front when dialed so. */
  readonly number: string;
  /** Where the number starts in the dial string; what follows it is the suffix. */
  readonly start: number;
  /** A feature code stands in front of it. */
  readonly afterFeatureCode: boolean;
  /** The number is only the outside-line prefix with keys after it: a prefix, not a number. */
  readonly isOutsideLinePrefix: boolean;
}

/**
 * Every reading of `keys` (digits, `*`, `#`, `+`, pauses; no separators)
 * by the grammar, the earliest number first: pauses before the number are
 * waits for dial tone, the outside-line prefix followed by a key or pause is
 * a prefix, each way of reading feature codes off the front is tried, and the
 * number ends at the first `*`, `#` or pause (the suffix). Linear: each
 * position is read once, however many ways the string reads.
 *
 * @example
 * ```ts
 * readingsOf('9,911', '9', []).map((r) => r.number); // ['9', '911']
 * readingsOf('911#1', '9', []).map((r) => r.number); // ['911']
 * ```
 */
export function readingsOf(
  keys: string,
  outsideLinePrefix: string,
  serviceCodes: readonly string[],
): Reading[] {
  const readings: Reading[] = [];
  const visited = new Set<number>();
  const from = (at: number, afterFeatureCode: boolean): void => {
    if (at >= keys.length || visited.has(at)) return;
    visited.add(at);
    if (isPause(keys.charCodeAt(at))) {
      from(at + 1, afterFeatureCode);
      return;
    }
    const number = leadingNumber(keys, at);
    const prefixHere = outsideLinePrefix !== '' && number === outsideLinePrefix;
    const end = at + number.length;
    // A number ends at the end, or where its suffix starts (`*`, `#`, a pause): `67+44` is no number.
    if (number !== '' && (end === keys.length || isKeyOrPause(keys.charCodeAt(end)))) {
      const isOutsideLinePrefix = prefixHere && at + number.length < keys.length;
      readings.push({ number, start: at, afterFeatureCode, isOutsideLinePrefix });
      if (isOutsideLinePrefix) from(at + number.length, false);
    }
    for (const length of featureCodePrefixLengths(keys, at, serviceCodes)) {
      from(at + length, true);
    }
  };
  from(0, false);
  return readings.sort((a, b) => a.start - b.start);
}

/** The digits (after an optional `+`) at `text[at]`; `''` when none. */
function leadingNumber(text: string, at: number): string {
  let end = text.charCodeAt(at) === 43 ? at + 1 : at;
  const start = end;
  while (end < text.length) {
    const c = text.charCodeAt(end);
    if (c < 48 || c > 57) break;
    end++;
  }
  return end === start ? '' : text.slice(at, end);
}
