/**
 * Exposure (docs/rules.md#lockout): for authorization mode, how long an attacker who can
 * place calls needs on average to find a valid code, and the codes that
 * make guessing easier. Pure arithmetic over the configuration.
 *
 * - Guesses needed: about (10^codeLength + 1) / (codes + 1), the expected
 *   number of draws without replacement until the first listed code.
 * - Rate: the lesser of `maxFailures` guesses per `windowMinutes` and
 *   `maxFailuresPerDay` per 24 hours, on each of S scopes guessed in
 *   parallel: S = the trunks on which any path (code entry, mid-call and
 *   post-call tagging, all only where account codes are active) validates,
 *   for `trunk` scope; the same for `caller` scope, each at the trunk's cap
 *   of 3 × both limits; 1 for `account`. The formula ignores longer locks
 *   (unlockAfterMinutes above the window, doubling, administrator-only
 *   unlocks), so it errs towards a shorter exposure.
 * - An average hides the risk: the chance of a find within 30 days is
 *   1 − C(10^L − k, g) / C(10^L, g) for k codes and g guesses without
 *   repeats, computed as a sum of k log1p terms (exact, and stable for any
 *   L and g), and the median is the first day by which it reaches ½.
 * - Lockout off: 6 guesses a minute per validating trunk.
 * - `allowCallAfterMaxRetries` on anywhere that validates: zero — failing
 *   `maxRetries` times connects the call anyway.
 */
import type { ConfigWarning } from '../config/problems.js';
import type { Config } from '../config/types.js';
import { formatPath, type JsonPath } from '../result.js';
import { hasConfigShape, resolveSettings } from '../settings/resolve.js';

/** docs/rules.md#lockout's exposure figures for one account. */
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
  /** Guesses a day across all of them: the lesser of the window's and the daily budget, on S scopes; `null` with the bypass. */
  readonly guessesPerDay: number | null;
  /** Expected minutes to find a valid code: 0 with the bypass. */
  readonly minutes: number;
  /** The same in days. */
  readonly days: number;
  /** The chance (0–1) that the attacker finds a valid code within 30 days, guessing ⌊guessesPerDay × 30⌋ codes without repeats: 1 with the bypass. */
  readonly chanceIn30Days: number;
  /** The first whole day by which that chance reaches ½: the median time to a first find (0 with the bypass). */
  readonly medianDays: number;
  /** In words, for people; it reads after "finds a valid code in". */
  readonly summary: string;
  /**
   * The validating trunks whose `unattendedCalls` is `connect`: there a
   * forwarded or transferred call needs no code at all, so the figure is no
   * protection for such calls (docs/rules.md#calls-nobody-can-key). Absent
   * when there are none.
   */
  readonly unattendedConnects?: readonly string[];
}

/** The horizon of the chance `check` states: 30 days (docs/rules.md#lockout). */
export const EXPOSURE_WARNING_DAYS = 30;
/** Above this chance of a find within {@link EXPOSURE_WARNING_DAYS} days, `check` warns (`short-exposure`). */
export const EXPOSURE_WARNING_CHANCE = 0.05;
/** docs/rules.md#lockout: with lockout off, assume an autodialer manages 6 guesses a minute per trunk. */
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
  const exposure = guessingExposure(config);
  if (exposure === null) return null;
  const unattendedConnects = config.trunks.flatMap((trunk) => {
    const resolved = resolveSettings(config, trunk.id);
    return resolved.ok &&
      resolved.active &&
      resolved.settings.validateCodes &&
      resolved.settings.unattendedCalls === 'connect'
      ? [trunk.id]
      : [];
  });
  return unattendedConnects.length === 0 ? exposure : { ...exposure, unattendedConnects };
}

function guessingExposure(config: Config): Exposure | null {
  if (!isReadable(config)) return null;
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
      guessesPerDay: null,
      minutes: 0,
      days: 0,
      chanceIn30Days: 1,
      medianDays: 0,
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
    const times = lockout.scope === 'caller' ? 3 : 1;
    const perWindow = times * lockout.maxFailures;
    const perDay = times * lockout.maxFailuresPerDay;
    // The fastest rate the ledger admits: the window's limit, or the daily budget when that is less.
    const daily = perDay < (perWindow * DAY_MINUTES) / lockout.windowMinutes;
    guessesPerMinute = daily
      ? (perDay * parallelScopes) / DAY_MINUTES
      : (perWindow * parallelScopes) / lockout.windowMinutes;
    const where =
      lockout.scope === 'account' ? 'on the account' : `on each of ${trunks(parallelScopes)}`;
    const cap = lockout.scope === 'caller' ? ', the trunk cap of caller scope' : '';
    rate = daily
      ? `${perDay} a day ${where}, the daily budget${cap}`
      : `${perWindow} per ${lockout.windowMinutes} minutes ${where}${cap}`;
  }
  const minutes = guessesNeeded / guessesPerMinute;
  const days = minutes / DAY_MINUTES;
  const guessesPerDay = guessesPerMinute * DAY_MINUTES;
  const space = 10 ** account.codeLength;
  const codes = account.codes.length;
  return {
    basis: lockout === false ? 'no-lockout' : 'lockout',
    validatingTrunks,
    guessesNeeded,
    parallelScopes,
    guessesPerMinute,
    guessesPerDay,
    minutes,
    days,
    chanceIn30Days: chanceOfFind(space, codes, Math.floor(guessesPerDay * EXPOSURE_WARNING_DAYS)),
    medianDays: medianDays(space, codes, guessesPerDay),
    summary: `${minutes < 0.5 ? 'under a minute' : `about ${duration(minutes)}`}: ${round(guessesNeeded)} guesses on average at ${rateInWords(guessesPerMinute)} (${rate})`,
  };
}

const DAY_MINUTES = 24 * 60;

/**
 * The chance that `guesses` distinct guesses among `space` codes find one of
 * `codes` valid ones: 1 − C(space − codes, guesses) / C(space, guesses),
 * which is 1 − ∏_{i<codes} (1 − guesses / (space − i)), summed in log1p
 * terms: exact to rounding for any code length, never a factorial.
 */
function chanceOfFind(space: number, codes: number, guesses: number): number {
  if (codes <= 0 || guesses <= 0) return 0;
  if (guesses > space - codes) return 1;
  let logMiss = 0;
  for (let i = 0; i < codes; i += 1) logMiss += Math.log1p(-guesses / (space - i));
  return -Math.expm1(logMiss);
}

/** The first whole day by which the chance of a find reaches ½. */
function medianDays(space: number, codes: number, guessesPerDay: number): number {
  const reached = (day: number) =>
    chanceOfFind(space, codes, Math.floor(guessesPerDay * day)) >= 0.5;
  // By the day every code has been guessed the chance is 1.
  let high = Math.max(1, Math.ceil(space / guessesPerDay));
  let low = 0;
  while (high - low > 1) {
    const middle = Math.floor((low + high) / 2);
    if (reached(middle)) high = middle;
    else low = middle;
  }
  return high;
}

/**
 * The warnings of docs/rules.md#lockout's exposure: over a 5 % chance of a find within 30 days, and weak
 * codes (all one digit, ascending or descending runs such as 1234, or the
 * last digits of one of the account's own numbers).
 *
 * @example
 * ```ts
 * exposureWarnings(config).map((w) => w.code); // ['short-exposure', 'weak-code']
 * ```
 */
export function exposureWarnings(config: Config): ConfigWarning[] {
  if (!isReadable(config)) return [];
  const exposure = lockoutExposure(config);
  if (exposure === null) return [];
  const warnings: ConfigWarning[] = [];
  if (exposure.chanceIn30Days > EXPOSURE_WARNING_CHANCE) {
    const path = ['account', 'settings', 'lockout'];
    warnings.push(
      warning(
        'short-exposure',
        path,
        exposure.basis === 'bypass-after-max-retries'
          ? `an attacker who can place calls finds a valid code in ${exposure.summary}: turn allowCallAfterMaxRetries off`
          : `an attacker who can place calls has ${percent(exposure.chanceIn30Days)} chance of finding a valid code within ${EXPOSURE_WARNING_DAYS} days; half the time within ${days(exposure.medianDays)}, at ${guesses(Number((exposure.guessesPerDay as number).toPrecision(3)))} a day: use longer codes, fewer codes, or a lower lockout.maxFailuresPerDay`,
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

/**
 * A configuration as parseConfig returns it, as far as this file reads it.
 * Untyped callers (docs/rules.md#invariants, every function total): anything else has no
 * exposure to report (check parseConfig's answer for what is wrong with it).
 */
function isReadable(config: unknown): config is Config {
  if (!hasConfigShape(config)) return false;
  const { codes, codeLength, dialPlan } = config.account as Partial<Config['account']>;
  const ownNumbers = (dialPlan as { ownNumbers?: unknown } | null | undefined)?.ownNumbers;
  return (
    typeof codeLength === 'number' &&
    Array.isArray(codes) &&
    codes.every((entry) => typeof (entry as { code?: unknown } | null)?.code === 'string') &&
    Array.isArray(ownNumbers) &&
    ownNumbers.every((n) => typeof n === 'string')
  );
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

/** The chance of a find within 30 days and the median, in words: "a 13 % chance within 30 days, half the time within 153 days". */
export function chanceInWords(exposure: Exposure): string {
  const e = (
    typeof exposure === 'object' && exposure !== null ? exposure : {}
  ) as Partial<Exposure>;
  const chance = typeof e.chanceIn30Days === 'number' ? e.chanceIn30Days : 1;
  const median = typeof e.medianDays === 'number' ? e.medianDays : 0;
  return `${percent(chance)} chance within ${EXPOSURE_WARNING_DAYS} days, half the time within ${days(median)}`;
}

/** "a 13 %", "an 8 %", "an 11 %", "a 100 %": a chance as people say it. */
function percent(chance: number): string {
  const spoken = String(
    chance >= 0.995
      ? 100
      : chance < 0.1
        ? Number((chance * 100).toPrecision(2))
        : Math.round(chance * 100),
  );
  const vowel = spoken.startsWith('8') || /^1[18](\.|$)/.test(spoken);
  return `${vowel ? 'an' : 'a'} ${spoken} %`;
}

function days(n: number): string {
  return n === 1 ? '1 day' : `${n.toLocaleString('en-US')} days`;
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
