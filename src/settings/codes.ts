/**
 * The code list operations (docs/rules.md#administrative-operations): add, rename, remove, import in bulk.
 * A code is exactly `codeLength` ASCII digits, unique in the account, with an
 * optional name of up to 64 characters. An empty name is no name.
 */
import {
  ALLOWED,
  CODE_NAME_MAX_LENGTH,
  codePointLength,
  hasControlCharacter,
  isCodeOfLength,
} from '../config/rules.js';
import type { AccountCode, Config } from '../config/types.js';
import { type CsvRecord, parseCsv } from '../csv/read.js';
import { describeValue } from '../result.js';
import {
  type Checked,
  checkConfigShape,
  checkOptions,
  unattendedCodeError,
  validationIsOnAnywhere,
} from './checks.js';
import { CODE_CSV_COLUMNS, scopeFromCells } from './code-scope.js';
import {
  type ChangeReport,
  type CsvRowProblem,
  fail,
  invalidValue,
  type OperationResult,
  type SettingsError,
  succeed,
} from './errors.js';

/** What {@link addCode} did. */
export interface AddCodeReport {
  /** The code as stored. */
  readonly added: AccountCode;
}

/**
 * Add a code to the account's list (docs/rules.md#administrative-operations).
 *
 * @example
 * ```ts
 * const added = addCode(config, { code: '4321', name: 'Globex' });
 * if (!added.ok) added.error.code; // 'invalid-code', 'duplicate-code' or 'name-too-long'
 * ```
 */
export function addCode(config: Config, code: AccountCode): OperationResult<AddCodeReport> {
  const shape = checkConfigShape(config);
  if (shape !== undefined) return { ok: false, error: shape };
  const opts = checkOptions(code, ['code', 'name']);
  if (!opts.ok) return opts;
  const digits = opts.value.code;
  const formError = checkCodeForm(config, digits);
  if (formError !== undefined) return { ok: false, error: formError };
  if (config.account.codes.some((entry) => entry.code === digits)) {
    return fail(
      'duplicate-code',
      'code',
      `code must be unique in the account; ${describeValue(digits)} is already on the list`,
    );
  }
  const name = checkName(opts.value.name);
  if (!name.ok) return name;
  const entry: AccountCode = { code: digits as string, ...name.value };
  return succeed(
    { ...config, account: { ...config.account, codes: [...config.account.codes, entry] } },
    { added: entry },
  );
}

/**
 * Rename a code (docs/rules.md#administrative-operations): only its name changes — a new number is a new
 * code. An absent or empty `name` removes the name.
 *
 * @example
 * ```ts
 * renameCode(config, '1234', 'Acme Corporation'); // ok
 * renameCode(config, '9999', 'Nobody'); // error 'unknown-code'
 * ```
 */
export function renameCode(
  config: Config,
  code: string,
  name: string | undefined,
): OperationResult<ChangeReport> {
  const shape = checkConfigShape(config);
  if (shape !== undefined) return { ok: false, error: shape };
  const index = findCode(config, code);
  if (!index.ok) return index;
  const checked = checkName(name);
  if (!checked.ok) return checked;
  const codes = config.account.codes;
  const current = codes[index.value];
  if (current === undefined || current.name === checked.value.name) {
    return succeed(config, { changed: false });
  }
  // Only the name changes: the scope stays (docs/rules.md#scoped-codes).
  const { name: _old, ...kept } = current;
  const renamed: AccountCode = { ...kept, ...checked.value };
  return succeed(
    {
      ...config,
      account: {
        ...config.account,
        codes: codes.map((entry, i) => (i === index.value ? renamed : entry)),
      },
    },
    { changed: true },
  );
}

/** What {@link removeCode} did. */
export interface RemoveCodeReport {
  /** The code as it was on the list. */
  readonly removed: AccountCode;
}

/**
 * Remove a code from the account's list (docs/rules.md#administrative-operations). Removing the last code
 * while codes are validated at the account or on any trunk is
 * `last-code-while-validating`: nobody could then place a code-gated call.
 *
 * @example
 * ```ts
 * const removed = removeCode(config, '1234');
 * if (!removed.ok) removed.error.code; // 'unknown-code' or 'last-code-while-validating'
 * ```
 */
export function removeCode(config: Config, code: string): OperationResult<RemoveCodeReport> {
  const shape = checkConfigShape(config);
  if (shape !== undefined) return { ok: false, error: shape };
  const index = findCode(config, code);
  if (!index.ok) return index;
  const codes = config.account.codes;
  const removed = codes[index.value] as AccountCode; // findCode returned an index of codes
  if (codes.length === 1 && validationIsOnAnywhere(config)) {
    return fail(
      'last-code-while-validating',
      'code',
      `code ${JSON.stringify(code)} is the account's last code and codes are validated (validateCodes is true at the account or on a trunk); turn validateCodes off everywhere before removing it`,
    );
  }
  const next: Config = {
    ...config,
    account: { ...config.account, codes: codes.filter((_, i) => i !== index.value) },
  };
  // unattendedCalls may name this code where codes are validated: it would tag calls with a code gone.
  const unattended = unattendedCodeError(next);
  if (unattended !== undefined) return { ok: false, error: unattended };
  return succeed(next, { removed });
}

/** What {@link importCodesCsv} did. */
export interface ImportCodesReport {
  /** How many codes were added. */
  readonly added: number;
}

/**
 * Import codes in bulk from CSV text (docs/rules.md#administrative-operations): a header row `code,name`,
 * then one code per row, the name optional. RFC 4180 quoting lets a name hold
 * commas and quotes; CRLF line ends and a blank last line are fine; cells are
 * trimmed. All or nothing: if any row is bad, nothing is added and the error
 * `invalid-csv-rows` lists every bad row with its line number and reason.
 *
 * @example
 * ```ts
 * const imported = importCodesCsv(config, 'code,name\n1001,"Acme, Inc."\n1002,\n');
 * if (imported.ok) imported.report.added; // 2
 * else imported.error.rows; // [{ line: 3, code: '12', reason: 'invalid-code', message: ... }]
 * ```
 */
export function importCodesCsv(config: Config, csv: string): OperationResult<ImportCodesReport> {
  const shape = checkConfigShape(config);
  if (shape !== undefined) return { ok: false, error: shape };
  if (typeof csv !== 'string') {
    return invalidValue('csv', 'CSV text with the header row "code,name"', csv);
  }
  const records = withoutTrailingBlankRows(parseCsv(csv));
  const [header, ...rows] = records;
  const columns = headerColumns(header);
  if (columns === undefined) {
    return fail(
      'invalid-csv-header',
      'csv',
      `csv must start with the header row "code,name", optionally followed by any of the columns ${SCOPE_COLUMNS.join(', ')}; got ${header?.kind === 'cells' ? describeValue(header.cells.join(',')) : 'no header'}`,
    );
  }

  const codeLength = config.account.codeLength;
  const existing = new Set(config.account.codes.map((entry) => entry.code));
  const firstLineOf = new Map<string, number>();
  const problems: CsvRowProblem[] = [];
  const added: AccountCode[] = [];
  for (const row of rows) {
    if (row.kind === 'malformed') {
      problems.push({
        line: row.line,
        code: '',
        reason: 'malformed-quotes',
        message: `line ${row.line}: ${row.why}; quote a name that holds commas or quotes, and double the quotes inside it`,
      });
      continue;
    }
    const rowProblems = checkRow(
      row.line,
      row.cells,
      codeLength,
      existing,
      firstLineOf,
      columns.length,
    );
    const cells: Record<string, string> = {};
    columns.forEach((column, i) => {
      cells[column] = row.cells[i]?.trim() ?? '';
    });
    const scope = scopeFromCells(config, cells);
    if (!scope.ok && !(row.cells.length === 1 && cells.code === '')) {
      rowProblems.push({
        line: row.line,
        code: cells.code ?? '',
        reason: 'invalid-scope',
        message: scope.error.message.replace(/^scope\./, ''),
      });
    }
    if (rowProblems.length > 0 || !scope.ok) {
      problems.push(...rowProblems);
      continue;
    }
    const code = cells.code ?? '';
    const name = cells.name ?? '';
    added.push({ code, ...(name === '' ? {} : { name }), ...scope.value });
  }

  if (problems.length > 0) {
    const lines = new Set(problems.map((problem) => problem.line)).size;
    return {
      ok: false,
      error: {
        code: 'invalid-csv-rows',
        field: 'csv',
        message: `csv has ${lines} bad row${lines === 1 ? '' : 's'}; nothing was imported. Each row must be a code of ${ALLOWED.code(codeLength)}, not already on the account nor earlier in the file, then optionally a name of up to ${CODE_NAME_MAX_LENGTH} characters`,
        rows: problems,
      },
    };
  }
  return succeed(
    { ...config, account: { ...config.account, codes: [...config.account.codes, ...added] } },
    { added: added.length },
  );
}

function withoutTrailingBlankRows(records: readonly CsvRecord[]): readonly CsvRecord[] {
  let end = records.length;
  while (end > 0 && isBlank(records[end - 1])) end -= 1;
  return records.slice(0, end);
}

function isBlank(record: CsvRecord | undefined): boolean {
  return record?.kind === 'cells' && record.cells.length === 1 && record.cells[0]?.trim() === '';
}

/** The optional scope columns after `code,name` (docs/rules.md#scoped-codes). */
const SCOPE_COLUMNS = CODE_CSV_COLUMNS.slice(2);

/**
 * The columns of a header row: `code,name`, then any of the scope columns,
 * each once, in any order (names compared without case); `undefined` when
 * it is not such a row.
 */
function headerColumns(record: CsvRecord | undefined): string[] | undefined {
  if (record?.kind !== 'cells' || record.cells.length < 2) return undefined;
  const names = record.cells.map((cell) => cell.trim().toLowerCase());
  if (names[0] !== 'code' || names[1] !== 'name') return undefined;
  const columns = ['code', 'name'];
  for (const name of names.slice(2)) {
    const column = SCOPE_COLUMNS.find((known) => known.toLowerCase() === name);
    if (column === undefined || columns.includes(column)) return undefined;
    columns.push(column);
  }
  return columns;
}

/** Every problem of one data row; the code is remembered for the duplicate check of later rows. */
function checkRow(
  line: number,
  cells: readonly string[],
  codeLength: number,
  existing: ReadonlySet<string>,
  firstLineOf: Map<string, number>,
  width: number,
): CsvRowProblem[] {
  const code = cells[0]?.trim() ?? '';
  const name = cells[1]?.trim() ?? '';
  const problems: CsvRowProblem[] = [];
  const problem = (reason: CsvRowProblem['reason'], why: string): void => {
    problems.push({ line, code, reason, message: `line ${line}: ${why}` });
  };
  if (cells.length === 1 && code === '') {
    problem(
      'blank-row',
      `the row is empty; it must be ${ALLOWED.code(codeLength)}, a comma and an optional name`,
    );
    return problems;
  }
  if (cells.length > width) {
    problem(
      'too-many-columns',
      `the row has ${cells.length} columns; it must have at most the ${width} columns of the header (quote a name that holds commas)`,
    );
  }
  if (!isCodeOfLength(code, codeLength)) {
    problem(
      'invalid-code',
      `the code must be ${ALLOWED.code(codeLength)}; got ${JSON.stringify(code)}`,
    );
  } else if (existing.has(code)) {
    problem('duplicate-code', `the code ${JSON.stringify(code)} is already on the account`);
  } else {
    const first = firstLineOf.get(code);
    if (first === undefined) firstLineOf.set(code, line);
    else
      problem('duplicate-in-file', `the code ${JSON.stringify(code)} is already on line ${first}`);
  }
  if (codePointLength(name) > CODE_NAME_MAX_LENGTH) {
    problem(
      'name-too-long',
      `the name must be ${ALLOWED.codeName}; it has ${codePointLength(name)}`,
    );
  }
  if (hasControlCharacter(name)) {
    problem('invalid-value', `the name must be ${ALLOWED.codeName}; got ${describeValue(name)}`);
  }
  return problems;
}

/** `invalid-code` unless `code` is exactly `codeLength` ASCII digits. */
function checkCodeForm(config: Config, code: unknown): SettingsError | undefined {
  const codeLength = config.account.codeLength;
  if (typeof code === 'string' && isCodeOfLength(code, codeLength)) return undefined;
  return {
    code: 'invalid-code',
    field: 'code',
    message: `code must be ${ALLOWED.code(codeLength)} (account.codeLength); got ${describeValue(code)}`,
  };
}

/** The index of `code` on the list, or `invalid-code` / `unknown-code`. */
function findCode(config: Config, code: unknown): Checked<number> {
  const formError = checkCodeForm(config, code);
  if (formError !== undefined) return { ok: false, error: formError };
  const index = config.account.codes.findIndex((entry) => entry.code === code);
  if (index >= 0) return { ok: true, value: index };
  return fail(
    'unknown-code',
    'code',
    `code must be one of the account's codes; ${JSON.stringify(code)} is not on the list`,
  );
}

/** An optional name of up to 64 characters, as the fields to spread into an {@link AccountCode}. */
function checkName(name: unknown): Checked<{ readonly name?: string }> {
  if (name === undefined || name === '') return { ok: true, value: {} };
  if (typeof name !== 'string') return invalidValue('name', ALLOWED.codeName, name);
  const length = codePointLength(name);
  if (length > CODE_NAME_MAX_LENGTH) {
    return fail(
      'name-too-long',
      'name',
      `name must be ${ALLOWED.codeName}; got ${length} characters`,
    );
  }
  if (hasControlCharacter(name)) return invalidValue('name', ALLOWED.codeName, name);
  return { ok: true, value: { name } };
}
