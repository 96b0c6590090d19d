/**
 * The console's words for the library's identifiers: call types, settings
 * and refusal reasons. The library's sentences are written for the CLI and
 * the config file (`account.codes[0].code: …`, `premiumToll`); a page shows
 * the same sentence in the words of its own labels.
 */
import type { CodeRefusal, JsonPath, RequiredCallType } from 'account-codes';
import { formatPath } from 'account-codes';

/** The labels of the call types (docs/rules.md#account-settings; the seed's three in the words of its page). */
export const CALL_TYPE_LABELS: Readonly<Record<RequiredCallType, string>> = {
  international: 'International calls',
  directoryAssistance: 'Directory assistance',
  premiumToll: 'Premium / toll calls',
  tollFree: 'Toll-free calls',
  domestic: 'Domestic calls',
  mobile: 'Calls to mobiles',
  serviceCode: 'Service codes',
};

/**
 * Every requirable call type, in two groups: the seed's three (the types a
 * code was first required for, docs/rules.md#account-settings), then the others.
 */
export const CALL_TYPE_GROUPS: readonly {
  readonly id: string;
  readonly label: string;
  readonly types: readonly RequiredCallType[];
}[] = [
  {
    id: 'costly',
    label: 'Costly calls',
    types: ['international', 'premiumToll', 'directoryAssistance'],
  },
  {
    id: 'other',
    label: 'Other calls',
    types: ['domestic', 'mobile', 'tollFree', 'serviceCode'],
  },
];

/** Call types in words, in the order of the groups: `domestic calls, toll-free calls`. */
export function callTypesInWords(types: readonly RequiredCallType[]): string {
  return CALL_TYPE_GROUPS.flatMap((group) => group.types)
    .filter((type) => types.includes(type))
    .map((type) => CALL_TYPE_LABELS[type].toLowerCase())
    .join(', ');
}

/** Why a listed code may not authorize a call (docs/rules.md#scoped-codes), for the administrator. */
export const REFUSAL_LABELS: Readonly<Record<CodeRefusal, string>> = {
  'not-on-list': 'the code is not on the list',
  'not-permitted-call-type': 'the code may not authorize this type of call',
  'not-permitted-trunk': 'the code may not be used on this trunk',
  suspended: 'the code is suspended',
  expired: 'the code’s validity has ended',
  'not-yet-valid': 'the code is not valid yet',
};

/** Identifiers of the library's sentences, in the words the pages use. */
const WORDS: Readonly<Record<string, string>> = {
  allowCallAfterMaxRetries: '“Allow call after maximum retries”',
  validateCodes: '“Validate account codes”',
  requireForInternalCalls: '“Require for internal calls”',
  requiredCallTypes: '“Call types that need a code”',
  unattendedCalls: 'the unattended-calls setting',
  midCallCode: '“Mid-call code”',
  maxRetries: '“Maximum retries”',
  codeLength: '“Code length”',
  callTypes: 'call types',
  'lockout.maxFailuresPerDay': '“Wrong codes allowed in any 24 hours”',
  maxFailuresPerDay: '“Wrong codes allowed in any 24 hours”',
  maxFailures: '“Wrong codes allowed”',
  windowMinutes: 'the counting window',
  unlockAfterMinutes: '“Unlock after … minutes”',
  ownNumbers: 'own numbers',
  extensionLengths: 'extension lengths',
  exemptNumbers: 'exempt numbers',
  outsideLinePrefix: 'outside-line prefix',
  premiumToll: 'premium / toll',
  directoryAssistance: 'directory assistance',
  tollFree: 'toll-free',
  serviceCode: 'service code',
};

/** Whole phrases the word list alone would leave awkward. */
const PHRASES: readonly (readonly [RegExp, string])[] = [
  [/remove "lockout": false to use the defaults/g, 'turn on “Lock out repeated wrong codes”'],
  [/unlockAfterMinutes is null/g, 'only an administrator unlocks'],
];

/** A JSON path such as `trunks[1].customSettings.validateCodes: ` at the start of a sentence. */
const LEADING_PATH = /^[A-Za-z]+(?:\.[A-Za-z]+|\[\d+\])+: /;

const IDENTIFIER = new RegExp(
  `\\b(${Object.keys(WORDS)
    .sort((a, b) => b.length - a.length)
    .map((word) => word.replace('.', '\\.'))
    .join('|')})\\b`,
  'g',
);

/**
 * A warning's sentence as a page shows it: without the JSON path it starts
 * with (the page already says what it is about) and with the labels of the
 * page instead of identifiers.
 *
 * @example
 * friendly('account.settings: allowCallAfterMaxRetries is on …', ['account', 'settings'])
 * // '“Allow call after maximum retries” is on …'
 */
export function friendly(message: string, path?: JsonPath): string {
  const prefix = path === undefined ? undefined : `${formatPath(path)}: `;
  let text =
    prefix !== undefined && message.startsWith(prefix)
      ? message.slice(prefix.length)
      : message.replace(LEADING_PATH, '');
  for (const [pattern, words] of PHRASES) text = text.replace(pattern, words);
  text = text.replace(IDENTIFIER, (word) => WORDS[word] ?? word);
  return text.charAt(0).toUpperCase() + text.slice(1);
}
