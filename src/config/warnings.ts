/**
 * Warnings: valid configurations that are traps (docs/rules.md#account-settings), and stored trunk
 * overrides that the account does not allow (docs/rules.md#trunks, ignored on resolution).
 */
import { formatPath, type JsonPath } from '../result.js';
import { type EffectiveSettings, mergeTrunkSettings } from './effective.js';
import type { ConfigWarning } from './problems.js';
import {
  type Config,
  type CustomisableSetting,
  type LockoutSettings,
  REQUIRED_CALL_TYPES,
} from './types.js';

type Trap = {
  readonly code: ConfigWarning['code'];
  /** The settings whose combination makes the trap. */
  readonly involves: readonly CustomisableSetting[];
  readonly applies: (settings: EffectiveSettings) => boolean;
  readonly why: (settings: EffectiveSettings) => string;
};

const TRAPS: readonly Trap[] = [
  {
    code: 'required-types-without-validation',
    involves: ['requiredCallTypes', 'validateCodes'],
    applies: (s) => s.requiredCallTypes.length > 0 && !s.validateCodes,
    why: (s) =>
      `requiredCallTypes lists ${s.requiredCallTypes.join(', ')} but validateCodes is off, so any ${s.codeLength} digits pass; turn validateCodes on to authorize these calls`,
  },
  {
    code: 'bypass-after-max-retries',
    involves: ['allowCallAfterMaxRetries', 'validateCodes'],
    applies: (s) => s.allowCallAfterMaxRetries && s.validateCodes,
    why: (s) =>
      `allowCallAfterMaxRetries is on while validateCodes is on, so a caller who fails ${s.maxRetries === 1 ? 'the one attempt' : `every one of the ${s.maxRetries} attempts`} still gets through; turn allowCallAfterMaxRetries off to make validation a control`,
  },
  {
    code: 'unattended-bypass',
    involves: ['unattendedCalls', 'validateCodes'],
    applies: (s) => s.unattendedCalls === 'connect' && s.validateCodes,
    why: () =>
      'unattendedCalls is "connect" while validateCodes is on, so a forwarded, follow-me or transferred call reaches any gated destination with no code at all (forward a phone to a premium number and call it); use "end", or { "code": "…" } to bill such calls to one code',
  },
];

function warning(code: ConfigWarning['code'], path: JsonPath, sentence: string): ConfigWarning {
  return { code, path, message: `${formatPath(path)}: ${sentence}` };
}

/** The warnings of a valid configuration, account first, then each trunk in order. */
export function configWarnings(config: Config): ConfigWarning[] {
  const { account } = config;
  const accountSettings: EffectiveSettings = {
    ...account.settings,
    codeLength: account.codeLength,
    maxRetries: account.maxRetries,
  };
  const warnings: ConfigWarning[] = [];
  for (const trap of TRAPS) {
    if (trap.applies(accountSettings)) {
      warnings.push(warning(trap.code, ['account', 'settings'], trap.why(accountSettings)));
    }
  }

  let anyValidation = account.settings.validateCodes;
  config.trunks.forEach((trunk, index) => {
    const { settings, ignored } = mergeTrunkSettings(account, trunk);
    anyValidation ||= settings.validateCodes;
    const custom = trunk.customSettings;
    if (custom === undefined) return;
    const path = ['trunks', index, 'customSettings'];
    for (const override of ignored) {
      warnings.push(
        warning(override.code, [...path, override.setting], `${override.message}; it is ignored`),
      );
    }
    // A trunk only warns about traps that its own custom settings take part in.
    for (const trap of TRAPS) {
      const customises = trap.involves.some((name) => custom[name] !== undefined);
      if (customises && trap.applies(settings)) {
        warnings.push(warning(trap.code, path, trap.why(settings)));
      }
    }
  });

  warnings.push(...lockoutWarnings(account.settings.lockout));
  warnings.push(...scopeWarnings(config));

  if (anyValidation && account.codes.length === 1) {
    warnings.push(
      warning(
        'single-shared-code',
        ['account', 'codes'],
        'validation is on with a single code, so everyone shares it; add a code per client, matter or user',
      ),
    );
  }
  return warnings;
}

/** docs/rules.md#lockout: lockout choices that leave guessing unbounded or let one user block others. */
/**
 * docs/rules.md#scoped-codes: a trunk that validates codes where no code may
 * be used (every one suspended or scoped to other trunks), a required call
 * type no usable code may authorize there (nobody could place that call),
 * and a code whose `trunks` holds no trunk that validates codes (its scope
 * authorizes nothing). Validity windows are left out: warnings take no time.
 */
function scopeWarnings(config: Config): ConfigWarning[] {
  const { account } = config;
  const codes = account.codes;
  const warnings: ConfigWarning[] = [];
  const validating = new Set<string>();
  config.trunks.forEach((trunk, index) => {
    const { settings } = mergeTrunkSettings(account, trunk);
    if (!account.settings.enabled || !trunk.accountCodesEnabled || !settings.validateCodes) return;
    validating.add(trunk.id);
    if (codes.length === 0) return; // no-codes-to-validate says so
    const usable = codes.filter(
      (code) =>
        code.suspended !== true && (code.trunks === undefined || code.trunks.includes(trunk.id)),
    );
    if (usable.length === 0) {
      warnings.push(
        warning(
          'no-code-for-trunk',
          ['trunks', index],
          `trunk ${JSON.stringify(trunk.id)} validates codes but no code may be used on it (each is suspended or scoped to other trunks), so nobody can place a code-gated call there`,
        ),
      );
      return;
    }
    const types =
      settings.requiredCallTypes.length === 0 ? REQUIRED_CALL_TYPES : settings.requiredCallTypes;
    for (const type of types) {
      if (!usable.some((code) => code.callTypes === undefined || code.callTypes.includes(type))) {
        warnings.push(
          warning(
            'no-code-for-call-type',
            ['trunks', index],
            `no code may authorize ${type} calls on trunk ${JSON.stringify(trunk.id)}, where they need a code, so nobody can place them; add ${type} to a code's callTypes`,
          ),
        );
      }
    }
  });
  codes.forEach((code, index) => {
    if (code.trunks === undefined || code.trunks.some((id) => validating.has(id))) return;
    warnings.push(
      warning(
        'scope-without-validating-trunk',
        ['account', 'codes', index, 'trunks'],
        `code ${JSON.stringify(code.code)} is scoped to ${code.trunks.map((id) => JSON.stringify(id)).join(', ')}, where codes are not validated, so its scope authorizes nothing; add a trunk that validates codes`,
      ),
    );
  });
  return warnings;
}

function lockoutWarnings(lockout: LockoutSettings | false): ConfigWarning[] {
  const path = ['account', 'settings', 'lockout'];
  if (lockout === false) {
    return [
      warning(
        'lockout-off',
        path,
        'lockout is off, so nothing limits guessing codes across calls: an autodialer gets maxRetries guesses on every call, forever; remove "lockout": false to use the defaults',
      ),
    ];
  }
  const warnings: ConfigWarning[] = [];
  if (lockout.scope === 'account') {
    warnings.push(
      warning(
        'lockout-account-scope',
        [...path, 'scope'],
        'lockout scope is "account", so any one user who keys wrong codes can block every code-gated call of the account; use "trunk" or "caller"',
      ),
    );
  }
  if (lockout.unlockAfterMinutes === null && lockout.scope !== 'caller') {
    warnings.push(
      warning(
        'lockout-admin-unlock-only',
        [...path, 'unlockAfterMinutes'],
        `unlockAfterMinutes is null with scope "${lockout.scope}", so anyone on the line can block it until an administrator unblocks it; set a number of minutes, or use scope "caller"`,
      ),
    );
  }
  return warnings;
}
