/**
 * Exposure (SPEC §9): for authorization mode, how long an attacker who can
 * place calls needs on average to find a valid code, and the codes that
 * make guessing easier. Pure arithmetic over the configuration.
 *
 * - Guesses needed: about (10^codeLength + 1) / (codes + 1), the expected
 *   number of draws without replacement until the first listed code.
 * - Rate: `maxFailures` guesses per `windowMinutes` on each of S scopes
 *   guessed in parallel: S = the trunks that validate (active, validation
 *   on) for `trunk` scope; the same for `caller` scope, each at the trunk's
 *   cap of 3 × `maxFailures`; 1 for `account`. The formula ignores longer
 *   locks (unlockAfterMinutes above the window, doubling, administrator-only
 *   unlocks), so it errs towards a shorter exposure.
 * - Lockout off: 6 guesses a minute per validating trunk.
 * - `allowCallAfterMaxRetries` on anywhere that validates: zero — failing
 *   `maxRetries` times connects the call anyway.
 */
import type { ConfigWarning } from '../config/problems.js';
import type { Config } from '../config/types.js';
import { formatPath, type JsonPath } from '../result.js';
import { resolveSettings } from '../settings/resolve.js';

/** SPEC §9's exposure figures for one account. */
export interface Exposure {
  /** What the figure rests on: the lockout limits, no lockout, or the max-retries bypass. */
  readonly basis: 'lockout' | 'no-lockout' | 'bypass-after-max-retries';
  /** The trunks where a code is validated: active, with validation on. */
  readonly validatingTrunks: readonly string[];
  /** Guesses an attacker needs on average: (10^codeLength + 1) / (codes + 1). */
  readonly guessesNeeded: number;
  /** Scopes guessed in parallel (S). */
  readonly parallelScopes: number;
  /** Guesses a minute across all of them; `null` with the bypass (no limit). */
  readonly guessesPerMinute: number | null;
  /** Expected minutes to find a valid code: 0 with the bypass. */
  readonly minutes: number;
  /** The same in days. */
  readonly days: number;
  /** In words, for people; it reads after "finds a valid code in". */
  readonly summary: string;
}

/** Below this, `check` warns (SPEC §9). */
export const EXPOSURE_WARNING_DAYS = 30;
/** SPEC §9: with lockout off, assume an autodialer manages 6 guesses a minute per trunk. */
const UNLIMITED_GUESSES_PER_MINUTE = 6;

/**
 * The exposure of an account in authorization mode, or `null` when no trunk
 * validates codes (tracking mode looks nothing up, so there is nothing to guess).
 *
 * @example
 * ```ts
 * const parsed = parseConfig(JSON.parse(text));
 * if (parsed.ok) lockoutExposure(parsed.config)?.summary;
 * // 'about 3 days: 1,429 guesses on average at 20 guesses an hour (10 per 60 minutes on each of 2 trunks)'
 * ```
 */
export function lockoutExposure(config: Config): Exposure | null {
  const validating = config.trunks.flatMap((trunk) => {
    const resolved = resolveSettings(config, trunk.id);
    return resolved.ok && resolved.active && resolved.settings.validateCodes ? [resolved] : [];
  });
  if (validating.length === 0) return null;
  const { account } = config;
  const validatingTrunks = validating.map((r) => r.trunkId);
  const guessesNeeded = (10 ** account.codeLength + 1) / (account.codes.length + 1);
  const round = (n: number) => Math.round(n).toLocaleString('en-US');
  if (validating.some((r) => r.settings.allowCallAfterMaxRetries)) {
    return {
      basis: 'bypass-after-max-retries',
      validatingTrunks,
      guessesNeeded,
      parallelScopes: validating.length,
      guessesPerMinute: null,
      minutes: 0,
      days: 0,
      summary: `no time at all: allowCallAfterMaxRetries is on where codes are validated, so ${account.maxRetries} wrong entries connect the call anyway`,
    };
  }
  const lockout = account.settings.lockout;
  let parallelScopes: number;
  let guessesPerMinute: number;
  let rate: string;
  if (lockout === false) {
    parallelScopes = validating.length;
    guessesPerMinute = UNLIMITED_GUESSES_PER_MINUTE * parallelScopes;
    rate = `${UNLIMITED_GUESSES_PER_MINUTE} guesses a minute on each of ${trunks(parallelScopes)}, lockout off`;
  } else {
    parallelScopes = lockout.scope === 'account' ? 1 : validating.length;
    const perScope = lockout.scope === 'caller' ? 3 * lockout.maxFailures : lockout.maxFailures;
    guessesPerMinute = (perScope * parallelScopes) / lockout.windowMinutes;
    const where =
      lockout.scope === 'account'
        ? 'on the account'
        : `on each of ${trunks(parallelScopes)}${lockout.scope === 'caller' ? ' (the trunk cap of caller scope)' : ''}`;
    rate = `${perScope} per ${lockout.windowMinutes} minutes ${where}`;
  }
  const minutes = guessesNeeded / guessesPerMinute;
  const days = minutes / (24 * 60);
  return {
    basis: lockout === false ? 'no-lockout' : 'lockout',
    validatingTrunks,
    guessesNeeded,
    parallelScopes,
    guessesPerMinute,
    minutes,
    days,
    summary: `${minutes < 0.5 ? 'under a minute' : `about ${duration(minutes)}`}: ${round(guessesNeeded)} guesses on average at ${rateInWords(guessesPerMinute)} (${rate})`,
  };
}

/**
 * The warnings of SPEC §9's exposure: under 30 days to find a code, and weak
 * codes (all one digit, ascending or descending runs such as 1234, or the
 * last digits of one of the account's own numbers).
 *
 * @example
 * ```ts
 * exposureWarnings(config).map((w) => w.code); // ['short-exposure', 'weak-code']
 * ```
 */
export function exposureWarnings(config: Config): ConfigWarning[] {
  const exposure = lockoutExposure(config);
  if (exposure === null) return [];
  const warnings: ConfigWarning[] = [];
  if (exposure.days < EXPOSURE_WARNING_DAYS) {
    const path = ['account', 'settings', 'lockout'];
    warnings.push(
      warning(
        'short-exposure',
        path,
        `an attacker who can place calls finds a valid code in ${exposure.summary}; that is under ${EXPOSURE_WARNING_DAYS} days: ${
          exposure.basis === 'bypass-after-max-retries'
            ? 'turn allowCallAfterMaxRetries off'
            : 'use longer codes, fewer codes, a lower lockout.maxFailures or a longer windowMinutes'
        }`,
      ),
    );
  }
  const ownEndings = config.account.dialPlan.ownNumbers.map((n) =>
    n.slice(-config.account.codeLength),
  );
  config.account.codes.forEach(({ code }, index) => {
    const why = weakness(code, ownEndings);
    if (why !== undefined) {
      warnings.push(
        warning(
          'weak-code',
          ['account', 'codes', index, 'code'],
          `${JSON.stringify(code)} is ${why}, among the first codes anyone guesses; choose codes without a pattern`,
        ),
      );
    }
  });
  return warnings;
}

function weakness(code: string, ownEndings: readonly string[]): string | undefined {
  if (code.length === 0) return undefined;
  if ([...code].every((d) => d === code[0])) return 'one digit repeated';
  const steps = [...code].slice(1).map((d, i) => Number(d) - Number(code[i]));
  if (steps.every((s) => s === 1)) return 'an ascending run';
  if (steps.every((s) => s === -1)) return 'a descending run';
  if (ownEndings.includes(code)) return "the last digits of one of the account's own numbers";
  return undefined;
}

function warning(code: ConfigWarning['code'], path: JsonPath, sentence: string): ConfigWarning {
  return { code, path, message: `${formatPath(path)}: ${sentence}` };
}

function trunks(n: number): string {
  return `${n} trunk${n === 1 ? '' : 's'}`;
}

function rateInWords(perMinute: number): string {
  const perHour = perMinute * 60;
  if (perHour >= 60) return `${guesses(Math.round(perMinute))} a minute`;
  return `${guesses(Number(perHour.toPrecision(3)))} an hour`;
}

function guesses(n: number): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? 'guess' : 'guesses'}`;
}

function duration(minutes: number): string {
  if (minutes < 120)
    return Math.round(minutes) === 1 ? '1 minute' : `${Math.round(minutes)} minutes`;
  const hours = minutes / 60;
  if (hours < 48) return `${Math.round(hours)} hours`;
  const days = hours / 24;
  if (days < 730) return `${Math.round(days)} days`;
  return `${Math.round(days / 365)} years`;
}
