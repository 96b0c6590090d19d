/**
 * The code-collection step that code entry (docs/rules.md#code-entry) and
 * mid-call tagging (docs/rules.md#mid-call-tagging) share: keying digits,
 * `*`, `#` and timeouts into an entry, judging a submitted entry (length,
 * tracking or look-up), taking the answer to the pending look-up (not a
 * stale one) and the per-call budget of incorrect entries. Each rule lives
 * here once; the two machines only decide what follows (connect or end,
 * tag and go on listening).
 */
import {
  type LookupAnswer,
  type LookupEffect,
  type PlayEffect,
  play,
  type Stimulus,
} from './events.js';

/** What collecting a code needs from either machine's options. */
export interface CollectRules {
  /** Digits in every code. */
  readonly codeLength: number;
  /** Incorrect entries allowed on one call, code entry and mid-call together (docs/rules.md#mid-call-tagging, docs/rules.md#invariants). */
  readonly maxRetries: number;
  /** Look codes up (authorization) rather than accept any digits (tracking). */
  readonly validateCodes: boolean;
}

/**
 * An entry being keyed: its digits and, when the star code can restart
 * entry, how much of it has been keyed since the last `*`.
 */
export interface Keying {
  /** The digits keyed so far, fewer than `codeLength`. */
  readonly digits: string;
  /** Characters of the restart code keyed since the last `*` (0: none). */
  readonly matched: number;
}

/** What one stimulus did to an entry being keyed. */
export type KeyOutcome =
  | { readonly kind: 'keyed'; readonly keying: Keying }
  /** `*` cleared the digits (no attempt used), or the restart code was keyed: play `enter-code`. */
  | { readonly kind: 'cleared'; readonly keying: Keying; readonly effect: PlayEffect }
  /** The entry is complete: `codeLength` digits, `#`, or a timeout. */
  | { readonly kind: 'submitted'; readonly entry: string }
  | { readonly kind: 'ignored' };

const NOT_KEYING: Keying = /* @__PURE__ */ Object.freeze({ digits: '', matched: 0 });

/** A fresh entry. */
export function startKeying(): Keying {
  return NOT_KEYING;
}

/**
 * docs/rules.md#code-entry keys: reaching `codeLength` digits submits at once; `#` submits
 * early; `*` clears and re-prompts without costing an attempt; a timeout
 * submits what was keyed. With `restartCode` (mid-call: the star code),
 * keying it again while an entry is open restarts the entry (issue 12),
 * rather than taking its digits as the start of a code.
 */
export function keyInto(
  rules: CollectRules,
  keying: Keying,
  stimulus: Stimulus,
  restartCode?: string,
): KeyOutcome {
  switch (stimulus.kind) {
    case 'digit': {
      const digits = keying.digits + stimulus.digit;
      const matched =
        restartCode !== undefined &&
        keying.matched > 0 &&
        restartCode[keying.matched] === stimulus.digit
          ? keying.matched + 1
          : 0;
      if (restartCode !== undefined && matched === restartCode.length) {
        return { kind: 'cleared', keying: NOT_KEYING, effect: play('enter-code') };
      }
      if (digits.length >= rules.codeLength) return { kind: 'submitted', entry: digits };
      return { kind: 'keyed', keying: { digits, matched } };
    }
    case 'star':
      return {
        kind: 'cleared',
        keying: { digits: '', matched: restartCode === undefined ? 0 : 1 },
        effect: play('enter-code'),
      };
    case 'hash':
    case 'timeout':
      return { kind: 'submitted', entry: keying.digits };
    case 'hangup':
    case 'answer':
      return { kind: 'ignored' };
    default:
      return stimulus satisfies never;
  }
}

/** What a submitted entry comes to. */
export type Judgement =
  /** Too few digits (none included): an incorrect entry in both modes, nothing looked up. */
  | { readonly kind: 'wrong-length' }
  /** Tracking: any `codeLength` digits are taken, not validated. */
  | { readonly kind: 'taken'; readonly code: string }
  /** Authorization: look the code up (admitted against the lockout ledger first). */
  | { readonly kind: 'lookup'; readonly code: string; readonly effect: LookupEffect };

/** Judges entry number `attempt` of the call (docs/rules.md#code-entry). */
export function judgeEntry(rules: CollectRules, entry: string, attempt: number): Judgement {
  if (entry.length < rules.codeLength) return { kind: 'wrong-length' };
  if (!rules.validateCodes) return { kind: 'taken', code: entry };
  return { kind: 'lookup', code: entry, effect: { type: 'lookup', code: entry, attempt } };
}

/**
 * The answer to the pending look-up of `code`, or `undefined` when it
 * answers another code (a stale or misrouted answer, ignored).
 */
export function answerTo(
  code: string,
  stimulus: Extract<Stimulus, { readonly kind: 'answer' }>,
): LookupAnswer | undefined {
  return stimulus.code === undefined || stimulus.code === code ? stimulus.answer : undefined;
}

/** docs/rules.md#mid-call-tagging and docs/rules.md#invariants: after `incorrect` incorrect entries, may the call make another? */
export function budgetLeft(rules: CollectRules, incorrect: number): boolean {
  return incorrect < rules.maxRetries;
}
