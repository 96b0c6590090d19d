/**
 * Helpers that drive the code-entry machines in tests.
 */
import type { DtmfKey, EntryEffect, EntryEvent } from '../../src/entry/events.js';
import {
  advance,
  type EntryOptions,
  type EntryState,
  startCodeEntry,
} from '../../src/entry/machine.js';
import {
  advanceMidCall,
  type MidCallEffect,
  type MidCallOptions,
  type MidCallState,
  startMidCallTagging,
} from '../../src/entry/mid-call.js';

/** Tracking mode, 4-digit codes, 3 attempts, the call ends after max retries. */
export const TRACKING: EntryOptions = {
  codeLength: 4,
  maxRetries: 3,
  validateCodes: false,
  allowCallAfterMaxRetries: false,
};

/** Authorization mode, otherwise as {@link TRACKING}. */
export const AUTHORIZATION: EntryOptions = { ...TRACKING, validateCodes: true };

/** Mid-call tagging with 4-digit codes, 2 tries per star code, `*50`. */
export const MID_CALL_TRACKING: MidCallOptions = {
  codeLength: 4,
  maxRetries: 2,
  validateCodes: false,
  midCallCode: '*50',
};
export const MID_CALL_AUTHORIZATION: MidCallOptions = { ...MID_CALL_TRACKING, validateCodes: true };

/** The first state for `options`; fails the test when the options are rejected. */
export function started(options: EntryOptions): EntryState {
  const start = startCodeEntry(options);
  if (!start.ok) throw new Error(`options rejected: ${start.error.message}`);
  return start.state;
}

/** The first mid-call state for `options`; fails the test when the options are rejected. */
export function startedMidCall(options: MidCallOptions): MidCallState {
  const start = startMidCallTagging(options);
  if (!start.ok) throw new Error(`options rejected: ${start.error.message}`);
  return start.state;
}

/** Events for a string in the CLI's notation: digits, `*`, `#`, `T` timeout, `H` hangup. */
export function events(keys: string): EntryEvent[] {
  return [...keys].map((c): EntryEvent => {
    if (c === 'T') return { type: 'timeout' };
    if (c === 'H') return { type: 'hangup' };
    return { type: 'key', key: c as DtmfKey };
  });
}

/** Feeds `input` in order; returns the last state and every effect. */
export function run(
  state: EntryState,
  input: string | readonly EntryEvent[],
): { state: EntryState; effects: EntryEffect[] } {
  const all: EntryEffect[] = [];
  let current = state;
  for (const event of typeof input === 'string' ? events(input) : input) {
    const next = advance(current, event);
    all.push(...next.effects);
    current = next.state;
  }
  return { state: current, effects: all };
}

/** {@link run} for mid-call tagging. */
export function runMidCall(
  state: MidCallState,
  input: string | readonly EntryEvent[],
): { state: MidCallState; effects: MidCallEffect[] } {
  const all: MidCallEffect[] = [];
  let current = state;
  for (const event of typeof input === 'string' ? events(input) : input) {
    const next = advanceMidCall(current, event);
    all.push(...next.effects);
    current = next.state;
  }
  return { state: current, effects: all };
}
