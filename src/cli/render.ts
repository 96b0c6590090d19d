/**
 * Human-readable output: a transcript a person can follow. Plain text, with
 * colour only when the terminal wants it (NO_COLOR respected).
 */

import type { Classification } from '../classify/types.js';
import type { Decision } from '../decide.js';
import { promptText } from '../entry/prompts.js';
import type { UnattendedOutcome } from '../evaluate.js';
import type { ScopeKey } from '../lockout/scope.js';
import type { ResolvedSettings } from '../settings/resolve.js';
import type { CallOutcomeSummary, TranscriptItem } from './call.js';

export interface Style {
  readonly bold: (text: string) => string;
  readonly dim: (text: string) => string;
  readonly good: (text: string) => string;
  readonly bad: (text: string) => string;
}

const ansi = (open: number, close: number) => (text: string) =>
  `\u001b[${open}m${text}\u001b[${close}m`;
const plain = (text: string) => text;

export function style(color: boolean): Style {
  return color
    ? { bold: ansi(1, 22), dim: ansi(2, 22), good: ansi(32, 39), bad: ansi(31, 39) }
    : { bold: plain, dim: plain, good: plain, bad: plain };
}

export function renderSettings(resolved: ResolvedSettings | null, s: Style): string[] {
  // An emergency call on a trunk the configuration does not have: no settings to show.
  if (resolved === null) return [`${s.bold('Trunk')}: not in the configuration (see the warning)`];
  const state = resolved.active
    ? s.good('active')
    : s.bad(
        `inactive (${resolved.inactiveReason === 'trunk-disabled' ? 'the trunk has account codes off' : 'account codes are off on the account'})`,
      );
  const lines = [`${s.bold(`Trunk ${JSON.stringify(resolved.trunkId)}`)}: account codes ${state}`];
  const names = Object.keys(resolved.settings) as (keyof ResolvedSettings['settings'])[];
  const width = Math.max(...names.map((name) => name.length));
  for (const name of names) {
    const value = resolved.settings[name];
    const shown = Array.isArray(value)
      ? value.length === 0
        ? '[] (every external call)'
        : value.join(', ')
      : String(value);
    lines.push(`  ${name.padEnd(width)}  ${shown} ${s.dim(`(${resolved.provenance[name]})`)}`);
  }
  for (const ignored of resolved.ignored) lines.push(`  ${s.bad('ignored')}: ${ignored.message}`);
  return lines;
}

export function renderClassification(dialed: string, c: Classification): string {
  const head = `Dialed ${JSON.stringify(dialed)}: `;
  switch (c.kind) {
    case 'emergency':
      return `${head}${c.why} number ${c.number}`;
    case 'internal':
      return `${head}internal (${c.via === 'extension' ? `extension ${c.number}` : `own number ${c.e164 ?? c.number}`})`;
    case 'external': {
      const where = [c.country, c.e164].filter((part) => part !== undefined).join(', ');
      const categories =
        c.categories.length === 0 ? 'unrecognised destination' : c.categories.join(', ');
      return `${head}external: ${categories}${where === '' ? '' : ` (${where})`}`;
    }
    case 'invalid':
      return `${head}invalid: ${c.message}`;
    default:
      return c satisfies never;
  }
}

export function renderDecision(decision: Decision, s: Style): string {
  return `Decision: ${s.bold(decision.reason)} ${s.dim(`[${decision.rule}]`)}`;
}

/** How a gated call nobody could key was settled (docs/rules.md#calls-nobody-can-key). */
export function renderUnattended(unattended: UnattendedOutcome, s: Style): string {
  return `Unattended: ${s.bold(unattended.reason)} ${s.dim(`[${unattended.rule}]`)}`;
}

/** One transcript line: `<` for what the caller did, `>` for what the system did. */
export function renderItem(item: TranscriptItem, codeLength: number, s: Style): string {
  switch (item.type) {
    case 'key':
      return `  < key ${item.key}`;
    case 'timeout':
      return '  < (no key in time)';
    case 'hangup':
      return '  < hangs up';
    case 'lookup-result':
      return `  > look-up: ${item.valid ? s.good('in the list') : s.bad(missText(item.reason))}${item.locked === true ? s.bad('; the scope is now locked') : ''}`;
    case 'lookup-refused':
      return `  > look-up ${s.bad('not admitted')}: ${item.reason === 'locked-out' ? 'the lockout scope is locked' : 'the lockout ledger cannot be reached'}`;
    case 'play':
      return `  > play ${item.prompt}: ${s.dim(JSON.stringify(promptText(item.prompt, codeLength)))}`;
    case 'lookup':
      return `  > look up ${item.code}`;
    case 'connect':
      return item.accountCode === null
        ? '  > connect the call (untagged)'
        : `  > connect the call, tagged ${item.accountCode}${item.validated ? ' (validated)' : ''}`;
    case 'end':
      return `  > ${s.bad('end the call')} (${item.reason})`;
    case 'tag':
      return `  > tag the call ${item.accountCode}${item.validated ? ' (validated)' : ''}; the call goes on`;
    case 'scope-locked':
      return `  ! ${s.bad('alert')}: ${describeKey(item.key)} locked after ${misses(item.failures)}, ${item.unlocksAt === null ? 'until an administrator unblocks it' : `until ${new Date(item.unlocksAt).toISOString()}`}`;
    case 'sustained-failures':
      return `  ! ${s.bad('alert')}: ${describeKey(item.key)} locked after ${misses(item.failuresToday)} in 24 hours, ${item.unlocksAt === null ? 'until an administrator unblocks it' : `until ${new Date(item.unlocksAt).toISOString()}`}`;
    case 'hit-after-failures':
      return `  ! ${s.bad('alert')}: a valid code on ${describeKey(item.key)} after ${misses(item.failures)} in the window (a guess may just have succeeded)`;
    default:
      return item satisfies never;
  }
}

/** A lockout key as people say it: `trunk "hq"`, `caller 201 on trunk "hq"`, `the account`. */
export function describeKey(key: ScopeKey): string {
  switch (key.kind) {
    case 'trunk':
      return `trunk ${JSON.stringify(key.trunkId)}`;
    case 'caller':
      return key.callerId === null
        ? `the anonymous caller on trunk ${JSON.stringify(key.trunkId)}`
        : `caller ${key.callerId} on trunk ${JSON.stringify(key.trunkId)}`;
    case 'account':
      return 'the account';
    default:
      return key.kind satisfies never;
  }
}

export function renderOutcome(outcome: CallOutcomeSummary, s: Style): string {
  const good = outcome.result === 'connected' || outcome.result === 'not-required';
  const result = good ? s.good(outcome.result) : s.bad(outcome.result);
  const code =
    outcome.accountCode === null
      ? 'no account code'
      : `account code ${outcome.accountCode}${outcome.validated ? ' (validated)' : ' (not validated)'}`;
  const attempts = `${outcome.attempts} attempt${outcome.attempts === 1 ? '' : 's'}`;
  return `Outcome: ${result}, ${code}, ${attempts}`;
}

/** A miss as the administrator reads it: not listed, or listed but refused for this call, and why. */
function missText(reason: string | undefined): string {
  return reason === undefined || reason === 'not-on-list'
    ? 'not in the list'
    : `in the list but refused for this call (${reason}); the caller hears a wrong code`;
}

function misses(n: number): string {
  return `${n} ${n === 1 ? 'miss' : 'misses'}`;
}
