/**
 * The rules that span several fields (docs/rules.md#account-settings, docs/rules.md#administrative-operations). They read the raw
 * input defensively, so they run even when the schema found other problems:
 * an administrator sees every problem of a file at once.
 */
import { describeValue, formatPath, type JsonPath } from '../result.js';
import { lockoutOrderProblems } from './lockout.js';
import type { ConfigIssue } from './problems.js';
import { ALLOWED, CODE_LENGTH, isCodeOfLength, isInstant, SCOPE_ALLOWED } from './rules.js';

function field(value: unknown, key: string): unknown {
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)[key]
    : undefined;
}

function list(value: unknown): readonly unknown[] {
  return Array.isArray(value) ? value : [];
}

function issue(code: ConfigIssue['code'], path: JsonPath, sentence: string): ConfigIssue {
  return { code, path, message: `${formatPath(path)} ${sentence}` };
}

/** Every cross-field problem of `input`, in document order. */
export function checkCrossFieldRules(input: unknown): ConfigIssue[] {
  const issues: ConfigIssue[] = [];
  const account = field(input, 'account');
  const codes = list(field(account, 'codes'));
  const codeLength = field(account, 'codeLength');
  const lengthIsValid =
    Number.isInteger(codeLength) &&
    (codeLength as number) >= CODE_LENGTH.min &&
    (codeLength as number) <= CODE_LENGTH.max;

  // Codes: exactly codeLength ASCII digits, each listed once.
  const firstIndexOf = new Map<string, number>();
  codes.forEach((entry, index) => {
    const code = field(entry, 'code');
    if (typeof code !== 'string') return; // the schema reports it
    const path = ['account', 'codes', index, 'code'];
    if (lengthIsValid && !isCodeOfLength(code, codeLength as number)) {
      issues.push(
        issue(
          'invalid-code',
          path,
          `must be ${ALLOWED.code(codeLength as number)} (account.codeLength); got ${JSON.stringify(code)}`,
        ),
      );
    }
    const first = firstIndexOf.get(code);
    if (first === undefined) firstIndexOf.set(code, index);
    else {
      issues.push(
        issue(
          'duplicate-code',
          path,
          `repeats ${JSON.stringify(code)}, already listed at account.codes[${first}]; codes must be unique in the account`,
        ),
      );
    }
  });

  // Trunk ids are unique in the account.
  const firstTrunkAt = new Map<string, number>();
  const trunks = list(field(input, 'trunks'));
  trunks.forEach((trunk, index) => {
    const id = field(trunk, 'id');
    if (typeof id !== 'string') return;
    const first = firstTrunkAt.get(id);
    if (first === undefined) firstTrunkAt.set(id, index);
    else {
      issues.push(
        issue(
          'duplicate-trunk-id',
          ['trunks', index, 'id'],
          `repeats ${JSON.stringify(id)}, already used by trunks[${first}]; trunk ids must be unique in the account`,
        ),
      );
    }
  });

  // Lists that act as sets: a duplicate is almost always a typo.
  const settingsOf = field(account, 'settings');
  const dialPlan = field(account, 'dialPlan');
  const sets: [JsonPath, unknown, string][] = [
    [
      ['account', 'settings', 'requiredCallTypes'],
      field(settingsOf, 'requiredCallTypes'),
      ALLOWED.requiredCallTypes,
    ],
    [
      ['account', 'dialPlan', 'extensionLengths'],
      field(dialPlan, 'extensionLengths'),
      ALLOWED.extensionLengths,
    ],
    [['account', 'dialPlan', 'ownNumbers'], field(dialPlan, 'ownNumbers'), ALLOWED.ownNumbers],
    [
      ['account', 'domesticCountries'],
      field(account, 'domesticCountries'),
      ALLOWED.domesticCountries,
    ],
    [['account', 'exemptNumbers'], field(account, 'exemptNumbers'), ALLOWED.exemptNumbers],
    ...trunks.map((trunk, index): [JsonPath, unknown, string] => [
      ['trunks', index, 'customSettings', 'requiredCallTypes'],
      field(field(trunk, 'customSettings'), 'requiredCallTypes'),
      ALLOWED.requiredCallTypes,
    ]),
  ];
  // docs/rules.md#scoped-codes: a code's scope names trunks of this account and an ordered window.
  const trunkIds = new Set(trunks.map((trunk) => field(trunk, 'id')));
  codes.forEach((entry, index) => {
    const scopeTrunks = field(entry, 'trunks');
    sets.push(
      [
        ['account', 'codes', index, 'callTypes'],
        field(entry, 'callTypes'),
        SCOPE_ALLOWED.codeCallTypes,
      ],
      [['account', 'codes', index, 'trunks'], scopeTrunks, SCOPE_ALLOWED.codeTrunks],
    );
    list(scopeTrunks).forEach((id, at) => {
      if (typeof id === 'string' && !trunkIds.has(id)) {
        issues.push(
          issue(
            'unknown-trunk',
            ['account', 'codes', index, 'trunks', at],
            `names trunk ${JSON.stringify(id)}, which the account does not have; a code's trunks must be ids from trunks`,
          ),
        );
      }
    });
    const from = field(entry, 'validFrom');
    const until = field(entry, 'validUntil');
    if (isInstant(from) && isInstant(until) && Date.parse(until) < Date.parse(from)) {
      issues.push(
        issue(
          'invalid-validity',
          ['account', 'codes', index, 'validUntil'],
          `must not be before validFrom (${from}); got ${until}`,
        ),
      );
    }
  });
  for (const [path, value, allowed] of sets) {
    const seen = new Set<unknown>();
    list(value).forEach((item, index) => {
      if (seen.has(item)) {
        issues.push(
          issue(
            'duplicate-value',
            [...path, index],
            `must be ${allowed}; ${describeValue(item)} is listed twice`,
          ),
        );
      }
      seen.add(item);
    });
  }

  // docs/rules.md#lockout: the lock outlasts the window, the daily budget covers the window's.
  issues.push(
    ...lockoutOrderProblems(
      field(settingsOf, 'lockout'),
      ['account', 'settings', 'lockout'],
      'lockout.',
    ),
  );

  issues.push(...unattendedCodeIssues(account, trunks, firstIndexOf, lengthIsValid));

  // docs/rules.md#account-settings: validation with no codes would let nobody place a code-gated call.
  if (codes.length === 0) {
    const noCodes = `is true, but account.codes is empty; add at least one code before turning validation on`;
    if (field(field(account, 'settings'), 'validateCodes') === true) {
      issues.push(issue('no-codes-to-validate', ['account', 'settings', 'validateCodes'], noCodes));
    }
    trunks.forEach((trunk, index) => {
      if (field(field(trunk, 'customSettings'), 'validateCodes') === true) {
        issues.push(
          issue(
            'no-codes-to-validate',
            ['trunks', index, 'customSettings', 'validateCodes'],
            noCodes,
          ),
        );
      }
    });
  }
  return issues;
}

/**
 * The problems of every `unattendedCalls: { code }` of `input` (a config or
 * raw data): shared by parsing and the administrative operations.
 */
export function unattendedCodeProblems(input: unknown): ConfigIssue[] {
  const account = field(input, 'account');
  const codeLength = field(account, 'codeLength');
  const listed = new Map<string, number>();
  list(field(account, 'codes')).forEach((entry, index) => {
    const code = field(entry, 'code');
    if (typeof code === 'string' && !listed.has(code)) listed.set(code, index);
  });
  const lengthIsValid =
    Number.isInteger(codeLength) &&
    (codeLength as number) >= CODE_LENGTH.min &&
    (codeLength as number) <= CODE_LENGTH.max;
  return unattendedCodeIssues(account, list(field(input, 'trunks')), listed, lengthIsValid);
}

/**
 * docs/rules.md#calls-nobody-can-key: an `unattendedCalls: { code }` tags
 * calls with that code, so it must be a code of the account's length and,
 * wherever that setting meets validation (the level that sets it, or a trunk
 * that inherits it and validates), on the list.
 */
function unattendedCodeIssues(
  account: unknown,
  trunks: readonly unknown[],
  listed: ReadonlyMap<string, number>,
  lengthIsValid: boolean,
): ConfigIssue[] {
  const settings = field(account, 'settings');
  const codeLength = field(account, 'codeLength') as number;
  const accountValidates = field(settings, 'validateCodes') === true;
  const levels: { path: JsonPath; code: unknown; validated: boolean }[] = [];
  const accountCode = field(field(settings, 'unattendedCalls'), 'code');
  let inheritedWhereValidated = accountValidates;
  trunks.forEach((trunk, index) => {
    const custom = field(trunk, 'customSettings');
    const validates = (field(custom, 'validateCodes') ?? accountValidates) === true;
    const own = field(custom, 'unattendedCalls');
    if (own === undefined) inheritedWhereValidated ||= validates;
    else {
      levels.push({
        path: ['trunks', index, 'customSettings', 'unattendedCalls', 'code'],
        code: field(own, 'code'),
        validated: validates,
      });
    }
  });
  levels.unshift({
    path: ['account', 'settings', 'unattendedCalls', 'code'],
    code: accountCode,
    validated: inheritedWhereValidated,
  });
  const issues: ConfigIssue[] = [];
  for (const { path, code, validated } of levels) {
    if (typeof code !== 'string') continue; // not { code }, or the schema reports it
    if (lengthIsValid && !isCodeOfLength(code, codeLength)) {
      issues.push(
        issue(
          'invalid-code',
          path,
          `must be ${ALLOWED.code(codeLength)} (account.codeLength); got ${JSON.stringify(code)}`,
        ),
      );
    } else if (validated && !listed.has(code)) {
      issues.push(
        issue(
          'unattended-code-not-on-list',
          path,
          `is ${JSON.stringify(code)}, which is not in account.codes, and codes are validated where it applies; use a code of the list, or "end"`,
        ),
      );
    }
  }
  return issues;
}
