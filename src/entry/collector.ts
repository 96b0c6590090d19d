/**
 * The code-collection step that code entry (docs/rules.md#code-entry) and mid-call tagging
 * (docs/rules.md#mid-call-tagging) share: keying digits, `*`, `#` and timeouts into an entry,
 * judging a submitted entry (length, tracking or look-up), reading the
 * answer to a look-up (hit, miss, a miss that locked the scope, a refused
 * admission) and the per-call budget of incorrect entries. Each rule lives
 * here once; the two machines only decide what follows (connect or end,
 * tag and go on listening).
 */
import {
  type LookupEffect,
  type PlayEffect,
  play,
  type RefusalReason,
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
    case 'lookup-hit':
    case 'lookup-miss':
    case 'lookup-refused':
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

/** The answer to a pending look-up, as both machines read it. */
export type Answer =
  | { readonly kind: 'hit' }
  /** A miss; `locked` when it locked the scope (no further look-ups on the call). */
  | { readonly kind: 'miss'; readonly locked: boolean }
  /** The look-up was not performed (docs/rules.md#lockout). */
  | { readonly kind: 'refused'; readonly reason: RefusalReason };

/**
 * Reads a look-up answer for the pending `code`, or `undefined` when the
 * stimulus is not an answer, or answers another code (a stale answer).
 */
export function readAnswer(code: string, stimulus: Stimulus): Answer | undefined {
  if (
    stimulus.kind !== 'lookup-hit' &&
    stimulus.kind !== 'lookup-miss' &&
    stimulus.kind !== 'lookup-refused'
  ) {
    return undefined;
  }
  if (stimulus.code !== undefined && stimulus.code !== code) return undefined;
  switch (stimulus.kind) {
    case 'lookup-hit':
      return { kind: 'hit' };
    case 'lookup-miss':
      return { kind: 'miss', locked: stimulus.locked };
    case 'lookup-refused':
      return { kind: 'refused', reason: stimulus.reason };
    default:
      return stimulus satisfies never;
  }
}

/** docs/rules.md#mid-call-tagging and docs/rules.md#invariants: after `incorrect` incorrect entries, may the call make another? */
export function budgetLeft(rules: CollectRules, incorrect: number): boolean {
  return incorrect < rules.maxRetries;
}
