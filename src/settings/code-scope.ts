/**
 * Administering a code's scope (docs/rules.md#scoped-codes): set or clear
 * it, suspend and resume, and the scope columns of the codes CSV. Pure, as
 * every operation of docs/rules.md#administrative-operations: old config in, new config and report out,
 * a typed error naming the field otherwise.
 */
import { ALLOWED, isInstant, SCOPE_ALLOWED } from '../config/rules.js';
import {
  type AccountCode,
  type Config,
  REQUIRED_CALL_TYPES,
  type RequiredCallType,
} from '../config/types.js';
import { describeValue } from '../result.js';
import { type Checked, checkConfigShape, checkOptions } from './checks.js';
import { type ChangeReport, fail, invalidValue, type OperationResult, succeed } from './errors.js';

/** The scope fields {@link setCodeScope} takes; absent ones are unrestricted. */
export interface CodeScopeInput {
  /** Non-empty, distinct call types: the gated calls the code may authorize. */
  readonly callTypes?: readonly RequiredCallType[];
  /** Non-empty, distinct trunk ids of the account: where the code authorizes and tags calls. */
  readonly trunks?: readonly string[];
  /** ISO-8601 instant with a zone: the code is refused before it. */
  readonly validFrom?: string;
  /** ISO-8601 instant with a zone, not before `validFrom`: the code is refused after it. */
  readonly validUntil?: string;
}

const SCOPE_FIELDS = ['callTypes', 'trunks', 'validFrom', 'validUntil'] as const;

/**
 * Set a code's scope: its call types, trunks and validity window, as
 * given (a field left out becomes unrestricted); `suspended` is kept.
 *
 * @example
 * ```ts
 * setCodeScope(config, '1111', { callTypes: ['domestic', 'tollFree'], trunks: ['hq'] });
 * setCodeScope(config, '1111', { trunks: ['nowhere'] }); // error 'unknown-trunk', field 'scope.trunks[0]'
 * ```
 */
export function setCodeScope(
  config: Config,
  code: string,
  scope: CodeScopeInput,
): OperationResult<ChangeReport> {
  const shape = checkConfigShape(config);
  if (shape !== undefined) return { ok: false, error: shape };
  const checked = checkScope(config, scope, 'scope');
  if (!checked.ok) return checked;
  return updateCode(config, code, (current) => ({
    ...withoutScope(current),
    ...checked.value,
    ...(current.suspended === undefined ? {} : { suspended: current.suspended }),
  }));
}

/**
 * Clear a code's call types, trunks and validity window: it authorizes
 * every call again (unless suspended).
 *
 * @example
 * ```ts
 * clearCodeScope(config, '1111'); // ok: { changed: true }
 * ```
 */
export function clearCodeScope(config: Config, code: string): OperationResult<ChangeReport> {
  const shape = checkConfigShape(config);
  if (shape !== undefined) return { ok: false, error: shape };
  return updateCode(config, code, (current) => ({
    ...withoutScope(current),
    ...(current.suspended === undefined ? {} : { suspended: current.suspended }),
  }));
}

/**
 * Suspend a code: it stays on the list (and in reports under its name) but
 * authorizes and tags nothing until {@link resumeCode}.
 *
 * @example
 * ```ts
 * suspendCode(config, '1111'); // ok
 * ```
 */
export function suspendCode(config: Config, code: string): OperationResult<ChangeReport> {
  const shape = checkConfigShape(config);
  if (shape !== undefined) return { ok: false, error: shape };
  return updateCode(config, code, (current) => ({ ...current, suspended: true }));
}

/**
 * Resume a suspended code (removes `suspended`).
 *
 * @example
 * ```ts
 * resumeCode(config, '1111'); // ok
 * ```
 */
export function resumeCode(config: Config, code: string): OperationResult<ChangeReport> {
  const shape = checkConfigShape(config);
  if (shape !== undefined) return { ok: false, error: shape };
  return updateCode(config, code, (current) => {
    const { suspended: _dropped, ...rest } = current;
    return rest;
  });
}

function withoutScope(code: AccountCode): AccountCode {
  const { callTypes: _c, trunks: _t, validFrom: _f, validUntil: _u, suspended: _s, ...rest } = code;
  return rest;
}

/** Replaces the entry of `code` with `change(entry)`; `unknown-code` / `invalid-code` otherwise. */
function updateCode(
  config: Config,
  code: unknown,
  change: (current: AccountCode) => AccountCode,
): OperationResult<ChangeReport> {
  const codes = config.account.codes;
  if (
    typeof code !== 'string' ||
    code.length !== config.account.codeLength ||
    !/^[0-9]+$/.test(code)
  ) {
    return fail(
      'invalid-code',
      'code',
      `code must be ${ALLOWED.code(config.account.codeLength)} (account.codeLength); got ${describeValue(code)}`,
    );
  }
  const index = codes.findIndex((entry) => entry.code === code);
  const current = codes[index];
  if (current === undefined) {
    return fail(
      'unknown-code',
      'code',
      `code must be one of the account's codes; ${JSON.stringify(code)} is not on the list`,
    );
  }
  const next = change(current);
  if (JSON.stringify(canonical(next)) === JSON.stringify(canonical(current))) {
    return succeed(config, { changed: false });
  }
  return succeed(
    {
      ...config,
      account: { ...config.account, codes: codes.map((entry, i) => (i === index ? next : entry)) },
    },
    { changed: true },
  );
}

/** An entry with its fields in one order, to compare two. */
function canonical(code: AccountCode): unknown[] {
  return [
    code.code,
    code.name,
    code.callTypes,
    code.trunks,
    code.suspended,
    code.validFrom,
    code.validUntil,
  ];
}

/**
 * Checks scope fields against the account (call types known, lists
 * non-empty and distinct, trunks of the account, instants in order); the
 * checked fields, ready to spread into an {@link AccountCode}. `field`
 * prefixes every error's field (`scope.trunks[0]`).
 */
export function checkScope(
  config: Config,
  scope: unknown,
  field: string,
): Checked<Omit<CodeScopeInput, never>> {
  const opts = checkOptions(scope, SCOPE_FIELDS, field);
  if (!opts.ok) return opts;
  const { callTypes, trunks, validFrom, validUntil } = opts.value;
  const out: { -readonly [K in keyof CodeScopeInput]: CodeScopeInput[K] } = {};
  if (callTypes !== undefined) {
    const name = `${field}.callTypes`;
    if (!Array.isArray(callTypes) || callTypes.length === 0) {
      return invalidValue(name, SCOPE_ALLOWED.codeCallTypes, callTypes);
    }
    const seen = new Set<RequiredCallType>();
    for (const [i, item] of callTypes.entries()) {
      const type = REQUIRED_CALL_TYPES.find((known) => known === item);
      if (type === undefined) return invalidValue(`${name}[${i}]`, ALLOWED.requiredCallType, item);
      if (seen.has(type)) {
        return fail(
          'invalid-value',
          `${name}[${i}]`,
          `${name} must be ${SCOPE_ALLOWED.codeCallTypes}; ${JSON.stringify(type)} is listed twice`,
        );
      }
      seen.add(type);
    }
    out.callTypes = [...seen];
  }
  if (trunks !== undefined) {
    const name = `${field}.trunks`;
    if (!Array.isArray(trunks) || trunks.length === 0) {
      return invalidValue(name, SCOPE_ALLOWED.codeTrunks, trunks);
    }
    const known = new Set(
      Array.isArray(config?.trunks) ? config.trunks.map((trunk) => trunk?.id) : [],
    );
    const seen = new Set<string>();
    for (const [i, id] of trunks.entries()) {
      if (typeof id !== 'string' || !known.has(id)) {
        return fail(
          'unknown-trunk',
          `${name}[${i}]`,
          `${name}[${i}] must be the id of one of the account's trunks (${[...known].map((k) => JSON.stringify(k)).join(', ') || 'none'}); got ${describeValue(id)}`,
        );
      }
      if (seen.has(id)) {
        return fail(
          'invalid-value',
          `${name}[${i}]`,
          `${name} must be ${SCOPE_ALLOWED.codeTrunks}; ${JSON.stringify(id)} is listed twice`,
        );
      }
      seen.add(id);
    }
    out.trunks = [...seen];
  }
  for (const [key, value] of [
    ['validFrom', validFrom],
    ['validUntil', validUntil],
  ] as const) {
    if (value === undefined) continue;
    if (!isInstant(value)) return invalidValue(`${field}.${key}`, SCOPE_ALLOWED.instant, value);
    out[key] = value;
  }
  if (
    out.validFrom !== undefined &&
    out.validUntil !== undefined &&
    Date.parse(out.validUntil) < Date.parse(out.validFrom)
  ) {
    return fail(
      'invalid-validity',
      `${field}.validUntil`,
      `${field}.validUntil must not be before ${field}.validFrom (${out.validFrom}); got ${out.validUntil}`,
    );
  }
  return { ok: true, value: out };
}

/**
 * The columns of the codes CSV, in the order {@link exportCodesCsv} writes
 * them; `importCodesCsv` needs the first two and takes any of the others.
 *
 * @example
 * ```ts
 * CODE_CSV_COLUMNS.join(','); // 'code,name,callTypes,trunks,validFrom,validUntil,suspended'
 * ```
 */
export const CODE_CSV_COLUMNS = [
  'code',
  'name',
  'callTypes',
  'trunks',
  'validFrom',
  'validUntil',
  'suspended',
] as const;

/**
 * The account's codes as the CSV `importCodesCsv` reads: the header row,
 * then one row per code; lists `;`-separated, absent fields empty. Importing
 * it into an account without codes gives back the same list.
 *
 * @example
 * ```ts
 * exportCodesCsv(config);
 * // 'code,name,callTypes,trunks,validFrom,validUntil,suspended\r\n1111,Acme,domestic;tollFree,hq,,,\r\n'
 * ```
 */
export function exportCodesCsv(config: Config): string {
  const codes =
    typeof config === 'object' && config !== null && Array.isArray(config.account?.codes)
      ? config.account.codes
      : [];
  const rows = codes.map((entry) =>
    [
      entry.code,
      entry.name ?? '',
      (entry.callTypes ?? []).join(';'),
      (entry.trunks ?? []).join(';'),
      entry.validFrom ?? '',
      entry.validUntil ?? '',
      entry.suspended === undefined ? '' : String(entry.suspended),
    ]
      .map(csvCell)
      .join(','),
  );
  return `${[CODE_CSV_COLUMNS.join(','), ...rows].join('\r\n')}\r\n`;
}

/** RFC 4180: quoted when it holds a comma, a quote, a line break or edge spaces. */
function csvCell(text: string): string {
  return /[",\r\n]|^\s|\s$/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/**
 * The scope of one CSV row from its optional cells (`callTypes` and
 * `trunks` `;`-separated; `suspended` `true`/`false`; empty: absent), or
 * the sentence that says what is wrong.
 */
export function scopeFromCells(
  config: Config,
  cells: Readonly<Record<string, string>>,
): Checked<Pick<AccountCode, 'callTypes' | 'trunks' | 'validFrom' | 'validUntil' | 'suspended'>> {
  if (typeof cells !== 'object' || cells === null) cells = {};
  const list = (text: string | undefined) =>
    text === undefined || text === '' ? undefined : text.split(';').map((item) => item.trim());
  const input: Record<string, unknown> = {};
  const callTypes = list(cells.callTypes);
  const trunks = list(cells.trunks);
  if (callTypes !== undefined) input.callTypes = callTypes;
  if (trunks !== undefined) input.trunks = trunks;
  if (cells.validFrom) input.validFrom = cells.validFrom;
  if (cells.validUntil) input.validUntil = cells.validUntil;
  const checked = checkScope(config, input, 'scope');
  if (!checked.ok) return checked;
  const suspended = cells.suspended ?? '';
  if (suspended !== '' && suspended !== 'true' && suspended !== 'false') {
    return invalidValue('suspended', `${ALLOWED.boolean} (or empty)`, suspended);
  }
  return {
    ok: true,
    value: { ...checked.value, ...(suspended === '' ? {} : { suspended: suspended === 'true' }) },
  };
}
