/**
 * The summary of docs/rules.md#reports-and-post-call-tagging: calls, answered calls and billable seconds per
 * account code, per code and call category, or per trunk, with separate rows
 * for untagged and locked-out calls. It accumulates one call at a time, so a
 * CDR of any length streams through it; memory grows with the rows of the
 * report, not with the calls.
 */
import { classifyCall } from '../classify/classify.js';
import type { CallCategory, Classification } from '../classify/types.js';
import { ALLOWED, isCodeOfLength } from '../config/rules.js';
import type { Config } from '../config/types.js';
import type { Timestamp } from '../entry/events.js';
import { describeValue, type Problem } from '../result.js';
import { createCallIdSet } from './call-ids.js';
import { type CdrRecord, cdrTagState, checkCdrRecord } from './cdr.js';
import { priceCall } from './cost.js';
import { epochMs, INSTANT_ALLOWED, isoOf } from './instant.js';
import { COST_DECIMALS, formatDecimal } from './money.js';
import type { RateDeck } from './rate-deck.js';
import { createWarningTally, type ReportWarning } from './warnings.js';

/** What the rows of a report are per (docs/rules.md#reports-and-post-call-tagging). */
export type ReportGrouping = 'code' | 'category' | 'trunk';

/** Every {@link ReportGrouping}. */
export const REPORT_GROUPINGS: readonly ReportGrouping[] = ['code', 'category', 'trunk'];

/**
 * The category a call counts under: its classification's kind, or for an
 * external call its first category in {@link CALL_CATEGORIES} order (a
 * premium-rate call is also `domestic`; it counts as `premiumToll`).
 */
export type ReportCategory = CallCategory | 'internal' | 'emergency' | 'invalid';

/**
 * Whose calls a row counts: calls with a code, untagged calls, locked-out
 * calls, calls nobody could key that connected untagged (`unattended`,
 * docs/rules.md#calls-nobody-can-key), or (with a rate deck) answered calls
 * whose destination the deck does not price.
 */
export type ReportRowKind = 'tagged' | 'untagged' | 'locked-out' | 'unattended' | 'unrated';

/** Calls, answered calls and billable seconds: whole numbers, added exactly. */
export interface ReportCounts {
  /** Calls. */
  readonly calls: number;
  /** Calls answered. */
  readonly answered: number;
  /** Seconds billed. */
  readonly billableSeconds: number;
  /**
   * With a rate deck only: what the calls cost, exact decimal text in the
   * deck's currency (`12.50`, `0.001167`); `null` on an unrated row.
   */
  readonly cost?: string | null;
}

/** One row of a report. */
export interface ReportRow extends ReportCounts {
  /**
   * By `code`: the code, `null` on the untagged and locked-out rows. By
   * `category`: the category. By `trunk`: the trunk id, `null` when the CDR
   * does not say.
   */
  readonly key: string | null;
  /** The code's name from the configuration, or `null` (and always `null` by trunk). */
  readonly name: string | null;
  /** Tagged, untagged, or locked-out calls: never mixed in one row. */
  readonly kind: ReportRowKind;
  /** By `category` only: the code of the row, `null` on untagged and locked-out rows. */
  readonly code?: string | null;
}

/** A report: its rows, largest billable seconds first, their total, and when it was made. */
export interface CallReport {
  /** What the rows are per. */
  readonly by: ReportGrouping;
  /** When the report was made (docs/rules.md#reports-and-post-call-tagging: tags can change afterwards), ISO 8601. */
  readonly asOf: string;
  /** Calls that started at or after this instant were counted; `null`: no lower bound. */
  readonly from: string | null;
  /** Calls that started before this instant were counted; `null`: no upper bound. */
  readonly to: string | null;
  /** Sorted by billable seconds, largest first, then by key (`null` last), kind and code. */
  readonly rows: readonly ReportRow[];
  /** The sum of the rows. */
  readonly total: ReportCounts;
  /** Calls outside the time range, not counted. */
  readonly outsideRange: number;
  /** Records whose call id was already seen: counted once, the first time (a `repeated-call` warning names them). */
  readonly repeated: number;
  /** Things to look at twice, tallied. */
  readonly warnings: readonly ReportWarning[];
}

/** What a report is made with. */
export interface CallReportOptions {
  /** What the rows are per. Default `code`. */
  readonly by?: ReportGrouping;
  /** Count only calls that started at or after this instant. */
  readonly from?: Timestamp;
  /** Count only calls that started before this instant. */
  readonly to?: Timestamp;
  /** The instant the report is made; the core reads no clock. */
  readonly asOf: Timestamp;
  /** A carrier's rate deck ({@link parseRateDeck}): rows and total gain `cost`. */
  readonly rates?: RateDeck;
}

/** Why a report cannot be made, or a call cannot be added to it. */
export type CallReportProblem = Problem<
  'invalid-type' | 'invalid-value' | 'invalid-cdr-record' | 'total-too-large'
>;

/** A report being built: add calls one at a time, then read the result. */
export interface CallReportBuilder {
  /**
   * Counts one call (or leaves it out when it started outside the time
   * range). `line` is where the call is in its file, for warnings. A record
   * that is not a {@link CdrRecord}, or a sum that would no longer be exact,
   * is a problem and changes nothing.
   */
  add(record: CdrRecord, line?: number): CallReportProblem | undefined;
  /** The report of the calls added so far. */
  result(): CallReport;
}

/** {@link createCallReport}'s answer. */
export type CreateCallReportResult =
  | {
      /** The report was started. */
      readonly ok: true;
      /** Add calls to it, then read the result. */
      readonly builder: CallReportBuilder;
    }
  | {
      /** The options were refused. */
      readonly ok: false;
      /** Which option, and what it allows. */
      readonly problem: CallReportProblem;
    };

/** {@link summarizeCalls}'s answer. */
export type SummarizeCallsResult =
  | {
      /** Every record was counted (or left out by the time range). */
      readonly ok: true;
      /** The report. */
      readonly report: CallReport;
    }
  | {
      /** An option or a record was refused; no report. */
      readonly ok: false;
      /** What was wrong. */
      readonly problem: CallReportProblem;
      /** The 0-based index of the refused record, or `null` when an option was. */
      readonly index: number | null;
    };

interface Group {
  readonly key: string | null;
  readonly name: string | null;
  readonly kind: ReportRowKind;
  readonly code?: string | null;
  calls: number;
  answered: number;
  billableSeconds: number;
  /** Millionths. */
  cost: bigint;
}

/**
 * Starts a report over the calls of the account of `config`: codes must be
 * `codeLength` digits (anything else counts as untagged, with a warning),
 * names come from its code list, categories from classifying each call's
 * dial string with its dial plan.
 *
 * @example
 * ```ts
 * const made = createCallReport(config, { by: 'code', asOf: '2026-12-01T09:00:00Z' });
 * if (made.ok) {
 *   for (const record of records) made.builder.add(record);
 *   made.builder.result().rows; // [{ key: '1234', name: 'Acme Corp', kind: 'tagged', calls: 3, … }, …]
 * }
 * ```
 */
export function createCallReport(
  config: Config,
  options: CallReportOptions,
): CreateCallReportResult {
  // docs/rules.md#invariants: total, also for a JavaScript caller passing no options object.
  if (typeof options !== 'object' || options === null) {
    return fail('invalid-type', 'options', 'an object with asOf (and by, from, to)', options);
  }
  const by = options.by ?? 'code';
  if (!REPORT_GROUPINGS.includes(by)) {
    return fail('invalid-value', 'by', `one of ${REPORT_GROUPINGS.join(', ')}`, by);
  }
  const asOf = epochMs(options.asOf);
  if (asOf === undefined) return fail('invalid-value', 'asOf', INSTANT_ALLOWED, options.asOf);
  const from = options.from === undefined ? undefined : epochMs(options.from);
  if (options.from !== undefined && from === undefined) {
    return fail('invalid-value', 'from', INSTANT_ALLOWED, options.from);
  }
  const to = options.to === undefined ? undefined : epochMs(options.to);
  if (options.to !== undefined && to === undefined) {
    return fail('invalid-value', 'to', INSTANT_ALLOWED, options.to);
  }
  if (typeof config?.account !== 'object' || config.account === null) {
    return fail('invalid-type', 'config', 'a configuration (parseConfig gives one)', config);
  }
  const { codeLength, codes } = config.account;
  const names = new Map<string, string>();
  for (const code of codes) if (code.name !== undefined) names.set(code.code, code.name);
  const groups = new Map<string, Group>();
  const total = { calls: 0, answered: 0, billableSeconds: 0, cost: 0n };
  const rates = options.rates;
  if (rates !== undefined && typeof rates?.match !== 'function') {
    return fail('invalid-type', 'rates', 'a rate deck (parseRateDeck gives one)', rates);
  }
  /** Classifications of recent dial strings: a CDR dials the same numbers over and over. */
  const classified = new Map<string, Classification>();
  const classify = (dialed: string): Classification => {
    let known = classified.get(dialed);
    if (known === undefined) {
      known = classifyCall(dialed, config.account);
      if (classified.size >= 4096) classified.clear();
      classified.set(dialed, known);
    }
    return known;
  };
  const warnings = createWarningTally();
  let outsideRange = 0;
  let repeated = 0;
  const callIds = createCallIdSet();

  /** The row a call counts in, made on its first call. */
  const groupOf = (record: CdrRecord, line: number | null, unrated: boolean): Group => {
    const state = cdrTagState(record);
    let kind: ReportRowKind = unrated ? 'unrated' : state.kind;
    let code: string | null = null;
    if (state.kind === 'tagged') {
      if (isCodeOfLength(state.accountCode, codeLength)) {
        code = state.accountCode;
      } else {
        if (!unrated) kind = 'untagged';
        warnings.note(
          'not-a-code',
          describeValue(state.accountCode),
          ALLOWED.code(codeLength),
          line,
        );
      }
    }
    let key: string | null;
    switch (by) {
      case 'code':
        key = code;
        break;
      case 'category':
        key = categoryOf(classify(record.dialed));
        break;
      case 'trunk':
        key = record.trunk;
        break;
      default:
        return by satisfies never;
    }
    // A string per row, no object: kind is a fixed word, the key carries its length.
    const id = `${kind}${key === null ? '|' : `|${key.length}:${key}`}${by === 'category' ? `|${code ?? ''}` : ''}`;
    let group = groups.get(id);
    if (group === undefined) {
      const name = by === 'trunk' || code === null ? null : (names.get(code) ?? null);
      group =
        by === 'category'
          ? { key, name, kind, code, calls: 0, answered: 0, billableSeconds: 0, cost: 0n }
          : { key, name, kind, calls: 0, answered: 0, billableSeconds: 0, cost: 0n };
      groups.set(id, group);
    }
    return group;
  };

  return {
    ok: true,
    builder: {
      add(record, line) {
        const start = checkCdrRecord(record);
        if (typeof start !== 'number') return start;
        // A CDR repeated counts once; the first one seen is the one counted.
        if (record.callId !== undefined) {
          const seen = callIds.see(record.callId, line ?? null);
          if (seen.repeated) {
            warnings.note(
              'repeated-call',
              describeValue(record.callId),
              seen.firstLine === null ? '' : String(seen.firstLine),
              line ?? null,
            );
            repeated += 1;
            return undefined;
          }
        }
        if ((from !== undefined && start < from) || (to !== undefined && start >= to)) {
          outsideRange += 1;
          return undefined;
        }
        const answered = record.answered ? 1 : 0;
        const seconds = record.billableSeconds;
        // Exact or refused: a sum past 2^53 would silently round.
        if (!Number.isSafeInteger(total.billableSeconds + seconds)) {
          return {
            code: 'total-too-large',
            path: ['billableSeconds'],
            message: `billableSeconds would add up to more than ${Number.MAX_SAFE_INTEGER}, past exact arithmetic`,
          };
        }
        let cost = 0n;
        let unrated = false;
        if (rates !== undefined && connected(record)) {
          const priced = priceCall(rates, classify(record.dialed), true, seconds);
          if (priced.kind === 'rated') cost = priced.cost;
          else if (priced.kind === 'unrated') {
            unrated = true;
            warnings.note('unrated-call', priced.destination, '', line ?? null);
          }
        }
        const group = groupOf(record, line ?? null, unrated);
        group.cost += cost;
        total.cost += cost;
        group.calls += 1;
        group.answered += answered;
        group.billableSeconds += seconds;
        total.calls += 1;
        total.answered += answered;
        total.billableSeconds += seconds;
        return undefined;
      },
      result() {
        const rows: ReportRow[] = [...groups.values()].map((g) => ({
          key: g.key,
          name: g.name,
          kind: g.kind,
          ...(g.code === undefined ? {} : { code: g.code }),
          calls: g.calls,
          answered: g.answered,
          billableSeconds: g.billableSeconds,
          ...(rates === undefined
            ? {}
            : { cost: g.kind === 'unrated' ? null : formatDecimal(g.cost, COST_DECIMALS) }),
        }));
        rows.sort(compareRows);
        return {
          by,
          asOf: isoOf(asOf),
          from: from === undefined ? null : isoOf(from),
          to: to === undefined ? null : isoOf(to),
          rows,
          total: {
            calls: total.calls,
            answered: total.answered,
            billableSeconds: total.billableSeconds,
            ...(rates === undefined ? {} : { cost: formatDecimal(total.cost, COST_DECIMALS) }),
          },
          outsideRange,
          repeated,
          warnings: warnings.list(),
        };
      },
    },
  };
}

/**
 * The report of `records` at once: {@link createCallReport} over a list.
 *
 * @example
 * ```ts
 * const report = summarizeCalls(config, records, { by: 'trunk', asOf: Date.now() });
 * if (report.ok) console.log(report.report.total); // { calls, answered, billableSeconds }
 * ```
 */
export function summarizeCalls(
  config: Config,
  records: Iterable<CdrRecord>,
  options: CallReportOptions,
): SummarizeCallsResult {
  const made = createCallReport(config, options);
  if (!made.ok) return { ok: false, problem: made.problem, index: null };
  let index = 0;
  for (const record of records) {
    const problem = made.builder.add(record);
    if (problem !== undefined) return { ok: false, problem, index };
    index += 1;
  }
  return { ok: true, report: made.builder.result() };
}

/** Outcomes of code entry after which the call never reached its destination. */
const NEVER_CONNECTED: ReadonlySet<string> = new Set([
  'ended',
  'abandoned',
  'locked-out',
  'ledger-unavailable',
  'incomplete',
]);

/**
 * The call reached its destination, so the carrier bills it: answered, and
 * not a gated call whose code entry ended it (a locked-out call's billable
 * seconds are the prompt that refused it). An outcome not listed here counts
 * as connected, so a new one is priced rather than silently free.
 */
function connected(record: CdrRecord): boolean {
  return record.answered && !(record.gated === true && NEVER_CONNECTED.has(record.entry.outcome));
}

const KIND_ORDER: Readonly<Record<ReportRowKind, number>> = {
  tagged: 0,
  untagged: 1,
  'locked-out': 2,
  unattended: 3,
  unrated: 4,
};

/** Billable seconds, largest first; then key, kind and code, so equal rows keep one order. */
function compareRows(a: ReportRow, b: ReportRow): number {
  return (
    b.billableSeconds - a.billableSeconds ||
    compareKeys(a.key, b.key) ||
    KIND_ORDER[a.kind] - KIND_ORDER[b.kind] ||
    compareKeys(a.code ?? null, b.code ?? null)
  );
}

/** By UTF-16 code units (no locale, so every machine sorts alike); `null` last. */
function compareKeys(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a < b ? -1 : 1;
}

function categoryOf(classification: Classification): ReportCategory {
  switch (classification.kind) {
    case 'external':
      return classification.categories[0] ?? 'domestic';
    case 'internal':
    case 'emergency':
    case 'invalid':
      return classification.kind;
    default:
      return classification satisfies never;
  }
}

function fail(
  code: CallReportProblem['code'],
  field: string,
  allowed: string,
  got: unknown,
): CreateCallReportResult {
  return {
    ok: false,
    problem: {
      code,
      path: [field],
      message: `${field} must be ${allowed}; got ${describeValue(got)}`,
    },
  };
}
