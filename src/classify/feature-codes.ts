/**
 * Feature codes: the `*`/`#` strings phones, PBXs and GSM networks read as
 * instructions rather than numbers (SPEC §3, issue 12). In front of a number
 * they never hide it (`*67 911`, `#31# 011 44…`); alone, only the codes
 * known here or to the account are service codes — anything else fails closed.
 */
import { hasWord } from './tables.js';

/**
 * The lengths of every feature-code prefix at `text[at]` (none: `[]`):
 * - `**NN*` / `**NNN*` — GSM registration (`**21*` + number + `#`);
 * - `*NN#`, `#NN#`, `*#NN#`, `##NN#` (and three digits) — GSM activation,
 *   deactivation and interrogation, `#31#` (caller-ID blocking) included;
 * - `*NN`, `**NN` — NANP vertical service codes (`*67`, `*82`) as PBXs take them.
 * A string can hold more than one (`**67*…`), so all of them are returned.
 *
 * @example
 * ```ts
 * featureCodePrefixLengths('#31#011442079460958', 0); // [4]
 * featureCodePrefixLengths('**67*67+44', 0); // [5, 4]
 * ```
 */
export function featureCodePrefixLengths(text: string, at: number): number[] {
  const lengths: number[] = [];
  const rest = text.slice(at);
  for (const prefix of FEATURE_CODE_PREFIXES) {
    const match = prefix.exec(rest);
    if (match !== null) lengths.push(match[0].length);
  }
  return lengths;
}

// Two of these can match one string (`**67*` is 5 and 4), never with the same
// length: no length is found twice.
const FEATURE_CODE_PREFIXES: readonly RegExp[] = [
  /^\*\*\d{2,3}\*/,
  /^(?:\*#|##|\*|#)\d{2,3}#/,
  /^\*\*\d{2}/,
  /^\*\d{2}/,
];

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

/** True when `code` is a feature code alone that the standards or the account (`serviceCodes`) know. */
export function isKnownFeatureCode(code: string, serviceCodes: readonly string[]): boolean {
  return hasWord(STANDARD_FEATURE_CODES, code) || serviceCodes.includes(code);
}
