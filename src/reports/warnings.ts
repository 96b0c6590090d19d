/**
 * Warnings of reading CDRs and summarising them (docs/rules.md#reports-and-post-call-tagging), tallied rather
 * than listed one per row: a file of a million rows with a per-peer billing
 * id in every `accountcode` gives one warning with a count, in constant memory.
 */

/** Why a report looks twice at some of its input. */
export type ReportWarningCode =
  /** An `accountcode` that is not `codeLength` digits: counted as untagged. */
  | 'not-a-code'
  /** A local time that occurred twice when clocks went back: read with the earlier offset. */
  | 'repeated-local-time'
  /** A local time that does not exist (clocks went forward): read with the offset before the change. */
  | 'skipped-local-time'
  /** An answered call whose destination no prefix of the rate deck matches: counted in an unrated row. */
  | 'unrated-call'
  /** A call id already seen (the same CDR twice): counted once. */
  | 'repeated-call';

/** One tallied warning. */
export interface ReportWarning {
  /** Stable identifier. */
  readonly code: ReportWarningCode;
  /** A sentence naming the value, how many calls it affects and what was done. */
  readonly message: string;
  /** Calls affected. */
  readonly calls: number;
  /** The first line it was seen on, when the input has lines. */
  readonly firstLine: number | null;
}

/** Distinct values kept per warning code; the rest are tallied together. */
const MAX_SUBJECTS = 20;
const OTHERS = '\u0000others';

interface Tally {
  code: ReportWarningCode;
  subject: string;
  detail: string;
  calls: number;
  firstLine: number | null;
}

/** Counts warnings by (code, subject), such as (`not-a-code`, `"acme-peer"`). */
export interface WarningTally {
  note(code: ReportWarningCode, subject: string, detail: string, line: number | null): void;
  list(): ReportWarning[];
}

export function createWarningTally(): WarningTally {
  const tallies = new Map<string, Tally>();
  const subjects = new Map<ReportWarningCode, number>();
  return {
    note(code, subject, detail, line) {
      let key = `${code}\u0000${subject}`;
      if (!tallies.has(key)) {
        const seen = subjects.get(code) ?? 0;
        if (seen >= MAX_SUBJECTS) {
          key = `${code}${OTHERS}`;
          subject = OTHERS;
        } else {
          subjects.set(code, seen + 1);
        }
      }
      const tally = tallies.get(key);
      if (tally === undefined) {
        tallies.set(key, { code, subject, detail, calls: 1, firstLine: line });
      } else {
        tally.calls += 1;
      }
    },
    list() {
      return [...tallies.values()].map((t) => ({
        code: t.code,
        message: messageOf(t),
        calls: t.calls,
        firstLine: t.firstLine,
      }));
    },
  };
}

function messageOf(t: Tally): string {
  const calls = `${t.calls} call${t.calls === 1 ? '' : 's'}`;
  const first = t.firstLine === null ? '' : ` (first on line ${t.firstLine})`;
  const what = t.subject === OTHERS ? 'other values' : t.subject;
  switch (t.code) {
    case 'not-a-code':
      return `accountcode ${what} is not ${t.detail}: ${calls} counted as untagged${first}`;
    case 'repeated-local-time':
      return `local time ${what} occurs twice (clocks go back): ${calls} read with the earlier offset, ${t.detail}${first}`;
    case 'skipped-local-time':
      return `local time ${what} does not exist (clocks go forward): ${calls} read with the offset before the change, ${t.detail}${first}; is --cdr-timezone right?`;
    case 'unrated-call':
      return `destination ${what} matches no prefix of the rate deck: ${calls} counted as unrated, not priced${first}`;
    case 'repeated-call':
      return t.subject === OTHERS
        ? `other call ids repeat earlier lines: ${calls} counted once${first}`
        : `call id ${what} on line ${t.firstLine ?? '?'} repeats ${t.detail === '' ? 'an earlier record' : `line ${t.detail}`}: ${t.calls === 1 ? 'counted once' : `${t.calls} repeats, counted once`}`;
    default:
      return t.code satisfies never;
  }
}
