/**
 * The examples' call records: the library's JSON-lines CDR
 * (docs/reports.md#the-json-lines-cdr), one object per line, written when a
 * call has ended so `account-codes report --cdr` can count and price it.
 * Where they go is the integrator's: a file path (appended) or a callback.
 *
 * Writing never waits and never throws: a record is handed to the sink after
 * the call's answer is decided, and a sink that fails (a full disk, a
 * callback that throws or rejects) is reported, never allowed to touch the
 * call — least of all an emergency call.
 */
import { appendFile } from 'node:fs/promises';
import { type CdrRecord, type GatedCdr, type NotGatedCdr, parseCdrRecord } from 'account-codes';

/** Where call records go: a file to append JSON lines to, or a callback. */
export type CdrSink = string | ((record: CdrRecord) => void | Promise<void>);

/** The fields known only when the call has ended. */
type Ended = 'end' | 'answered' | 'billableSeconds';

/** A call's record before it ends: everything but when it ended and what the carrier billed. */
export type CdrDraft = Omit<GatedCdr, Ended> | Omit<NotGatedCdr, Ended>;

/** How the call ended: when, whether the far end answered, and the seconds billed. */
export interface CallEnd {
  /** Epoch milliseconds. */
  readonly at: number;
  readonly answered: boolean;
  /** Whole seconds, 0 or more; anything else counts as 0. */
  readonly billableSeconds: number;
}

/**
 * The record of a call that has ended.
 *
 * @example
 * ```ts
 * endCdr(draft, { at: Date.now(), answered: true, billableSeconds: 42 });
 * ```
 */
export function endCdr(draft: CdrDraft, end: CallEnd): CdrRecord {
  const seconds = Number.isSafeInteger(end.billableSeconds) ? end.billableSeconds : 0;
  return {
    ...draft,
    // A clock that stepped back must not make a record the report refuses.
    end: new Date(Math.max(end.at, Date.parse(draft.start))).toISOString(),
    answered: end.answered,
    billableSeconds: Math.max(0, seconds),
  } as CdrRecord;
}

/**
 * Hands `record` to `sink` without waiting for it. A record the library would
 * not read, and a sink that throws or rejects, go to `onError` with a
 * sentence; nothing is thrown.
 *
 * @example
 * ```ts
 * writeCdr('records.jsonl', record, (message) => console.error(message));
 * ```
 */
export function writeCdr(
  sink: CdrSink | undefined,
  record: CdrRecord,
  onError: (message: string) => void,
): void {
  if (sink === undefined) return;
  const fail = (error: unknown) => {
    try {
      onError(`call record not written: ${error instanceof Error ? error.message : String(error)}`);
    } catch {
      // Reporting failed too: there is nobody left to tell, and the call must not notice.
    }
  };
  const checked = parseCdrRecord(record);
  if (!checked.ok) {
    fail(checked.problem.message);
    return;
  }
  try {
    const done =
      typeof sink === 'string' ? appendFile(sink, `${JSON.stringify(record)}\n`) : sink(record);
    if (done instanceof Promise) done.catch(fail);
  } catch (error) {
    fail(error);
  }
}
