/**
 * The configuration model of docs/rules.md#configuration and docs/rules.md#the-config-file-and-the-cli: plain, readonly data.
 *
 * These are the shapes after {@link parseConfig} has applied the defaults.
 * The zod schemas in `schema.ts` are checked against them at compile time,
 * so the two cannot drift apart.
 */

/**
 * A call type an account can require a code for, and a scoped code can be
 * limited to (docs/rules.md#account-settings, docs/rules.md#scoped-codes): every classification
 * category — the seed's three, then `tollFree`, `domestic`, `mobile` and
 * `serviceCode`.
 */
export type RequiredCallType =
  | 'international'
  | 'directoryAssistance'
  | 'premiumToll'
  | 'tollFree'
  | 'domestic'
  | 'mobile'
  | 'serviceCode';

/** Every {@link RequiredCallType}, in the order the docs list them (the seed's three first). */
export const REQUIRED_CALL_TYPES: readonly RequiredCallType[] = [
  'international',
  'directoryAssistance',
  'premiumToll',
  'tollFree',
  'domestic',
  'mobile',
  'serviceCode',
];

/**
 * What happens to a call that needs a code when nobody can key one — a
 * forwarded, follow-me or platform-transferred call, a fax leg
 * (docs/rules.md#calls-nobody-can-key): `end` it (the default), `connect` it
 * untagged (a bypass where codes are validated), or tag it with `{ code }`
 * (on the list, when validating).
 */
export type UnattendedCalls = 'end' | 'connect' | { readonly code: string };

/** The default of {@link AccountSettings.unattendedCalls}: such calls end. */
export const DEFAULT_UNATTENDED_CALLS: UnattendedCalls = 'end';

/** The account-level settings of docs/rules.md#account-settings, defaults applied. */
export interface AccountSettings {
  /** "Allow account codes": the master switch. Off, no trunk prompts. Default `false`. */
  readonly enabled: boolean;
  /** Calls to the account's own extensions and numbers need a code. Default `false`. */
  readonly requireForInternalCalls: boolean;
  /** Codes must be in the account's list (authorization); off, any digits of the right length pass (tracking). Default `false`. */
  readonly validateCodes: boolean;
  /** After the last incorrect attempt the call proceeds untagged instead of ending. Default `false`. */
  readonly allowCallAfterMaxRetries: boolean;
  /** Call types that need a code. Empty (the default) means every external call does. */
  readonly requiredCallTypes: readonly RequiredCallType[];
  /** A gated call nobody can key (forwarded, transferred, fax): `end` (the default), `connect` untagged, or `{ code }`. */
  readonly unattendedCalls: UnattendedCalls;
  /** The star code that starts mid-call tagging: `*` then 1–3 digits. Default `*50`. */
  readonly midCallCode: string;
  /** Minutes after a call's end that a call which was not code-gated may still be tagged (docs/rules.md#reports-and-post-call-tagging); 0 turns post-call tagging off. Default 1440. */
  readonly postCallTagMinutes: number;
  /**
   * Brute-force protection (docs/rules.md#lockout), account-wide: look-up misses allowed per
   * scope in a rolling window, and how long a lock lasts. `false` switches it
   * off (a warning: guessing is then unbounded). Absent means the defaults.
   */
  readonly lockout: LockoutSettings | false;
}

/** What one lockout count (and one lock) covers (docs/rules.md#lockout). */
export type LockoutScopeKind = 'trunk' | 'caller' | 'account';

/** Every {@link LockoutScopeKind}, in the order docs/rules.md#lockout lists them. */
export const LOCKOUT_SCOPE_KINDS: readonly LockoutScopeKind[] = ['trunk', 'caller', 'account'];

/** The `lockout` setting of docs/rules.md#lockout, defaults applied. */
export interface LockoutSettings {
  /** Look-up misses allowed on one scope in the window, 1–100. Default 10. */
  readonly maxFailures: number;
  /** The rolling window misses are counted in, in minutes, 1–10080. Default 60. */
  readonly windowMinutes: number;
  /**
   * What one count covers. `caller` falls back to the trunk's anonymous caller
   * when no caller id is given, and every caller miss also counts on the
   * trunk, which locks at 3 × `maxFailures`. Default `trunk`.
   */
  readonly scope: LockoutScopeKind;
  /**
   * How long a lock lasts, in minutes: at least `windowMinutes`, at most 10080;
   * `null` means only an administrator unlocks. A lock that starts within 24
   * hours of the end of the scope's previous lock lasts twice as long as that
   * one, up to 7 days. Default 60.
   */
  readonly unlockAfterMinutes: number | null;
  /**
   * Look-up misses allowed on one scope in any rolling 24 hours, 1–1000 and
   * at least `maxFailures` (a trunk under caller scope: 3 × this). Reaching
   * it locks the scope until its oldest miss of those 24 hours is 24 hours
   * old: the budget of a patient attacker who stays under `maxFailures` in
   * every window. Default 30.
   */
  readonly maxFailuresPerDay: number;
}

/** The defaults of docs/rules.md#lockout's `lockout` setting. */
export const DEFAULT_LOCKOUT: LockoutSettings = /* @__PURE__ */ Object.freeze({
  maxFailures: 10,
  windowMinutes: 60,
  scope: 'trunk',
  unlockAfterMinutes: 60,
  maxFailuresPerDay: 30,
});

/**
 * A trunk's custom settings ("override account level settings", docs/rules.md#trunks).
 * A present value overrides the account's; an absent one inherits it.
 */
export interface TrunkCustomSettings {
  /** Overrides the account's {@link AccountSettings.requireForInternalCalls} on this trunk. */
  readonly requireForInternalCalls?: boolean;
  /**
   * Overrides the account's {@link AccountSettings.validateCodes} on this trunk:
   * authorization (codes checked against the account's list) or tracking (any digits of the right length).
   */
  readonly validateCodes?: boolean;
  /** May only be customised when the account has it on (a trunk may turn it off, never on). */
  readonly allowCallAfterMaxRetries?: boolean;
  /** Replaces the account's set as a whole. */
  readonly requiredCallTypes?: readonly RequiredCallType[];
  /** Overrides the account's {@link AccountSettings.unattendedCalls} on this trunk. */
  readonly unattendedCalls?: UnattendedCalls;
}

/** The settings a trunk may customise. */
export type CustomisableSetting = keyof TrunkCustomSettings;

/** A SIP trunk of the account (docs/rules.md#trunks). */
export interface Trunk {
  /** Unique in the account. */
  readonly id: string;
  /** Account codes on this trunk. Default `false`: new trunks are never enabled automatically. */
  readonly accountCodesEnabled: boolean;
  /** Overrides of the account settings; absent when the trunk inherits everything. */
  readonly customSettings?: TrunkCustomSettings;
}

/** The account's dial plan, used to recognise internal calls (docs/rules.md#classification). */
export interface DialPlan {
  /** Lengths of the account's extensions, each 2–6. Default `[]`. */
  readonly extensionLengths: readonly number[];
  /** The account's own numbers in E.164 (`+12125550100`). Default `[]`. */
  readonly ownNumbers: readonly string[];
  /** The digit(s) dialed to reach an outside line, such as `9`. Absent when there is none. */
  readonly outsideLinePrefix?: string;
}

/** One account code. */
export interface AccountCode {
  /** Exactly `codeLength` ASCII digits; leading zeros count (`0123` ≠ `123`). */
  readonly code: string;
  /** What the code stands for (client, matter, project), up to 64 characters. */
  readonly name?: string;
  /**
   * The gated calls this code may authorize (docs/rules.md#scoped-codes):
   * a call is authorized only when this holds every category that made it
   * gated. Absent: every call type. Non-empty, distinct.
   */
  readonly callTypes?: readonly RequiredCallType[];
  /** The trunk ids (of this account) where the code authorizes and tags calls. Absent: every trunk. */
  readonly trunks?: readonly string[];
  /** Kept on the list (and in reports, by name) but authorizes and tags nothing. Default false. */
  readonly suspended?: boolean;
  /** ISO-8601 instant with a zone: before it the code is refused (`not-yet-valid`). */
  readonly validFrom?: string;
  /** ISO-8601 instant with a zone: after it the code is refused (`expired`). */
  readonly validUntil?: string;
}

/** The account: its enablement, settings, dial plan and code list. */
export interface Account {
  /**
   * The tenant's id, 1–64 printable characters: the first part of every
   * lockout ledger key (docs/rules.md#lockout). Optional, but required when the ledger is
   * shared between accounts (`account-id-required`), since trunk ids are
   * unique only within an account.
   */
  readonly id?: string;
  /** ISO 3166 alpha-2 country of the account. Default `US`. */
  readonly country: string;
  /** Digits in every code, 3–7. Set when account codes are enabled, fixed after that. */
  readonly codeLength: number;
  /**
   * Incorrect entries a caller may make on one call, 1–9: the total number of
   * attempts, so with 3 the third incorrect entry ends code entry.
   */
  readonly maxRetries: number;
  /** The account-level settings (docs/rules.md#account-settings), which trunks inherit unless they customise them. */
  readonly settings: AccountSettings;
  /** How internal calls are recognised and the outside-line prefix (docs/rules.md#classification). */
  readonly dialPlan: DialPlan;
  /** The code list. Default `[]`. */
  readonly codes: readonly AccountCode[];
  /**
   * Countries whose numbers count as domestic. Absent: for an account in the
   * US, Canada or a US territory on +1 (PR, VI, GU, MP, AS), that whole group;
   * elsewhere (Jamaica included) the account's own country alone.
   */
  readonly domesticCountries?: readonly string[];
  /**
   * Numbers exempt from codes on top of the emergency numbers that are always
   * exempt (911, 933, 112, the country's own). Default `["988", "711"]`;
   * leave either out to un-exempt it.
   */
  readonly exemptNumbers: readonly string[];
}

/** The whole configuration file (docs/rules.md#the-config-file-and-the-cli). */
export interface Config {
  /** The account: enablement, settings, dial plan and code list. */
  readonly account: Account;
  /** The account's SIP trunks, each with its own `accountCodesEnabled` flag and custom settings. Ids are unique. */
  readonly trunks: readonly Trunk[];
}

/** The numbers exempt by default besides emergency numbers: the 988 crisis line and 711 relay service. */
export const DEFAULT_EXEMPT_NUMBERS: readonly string[] = ['988', '711'];

/** The default window of post-call tagging, in minutes (docs/rules.md#reports-and-post-call-tagging): a day. */
export const DEFAULT_POST_CALL_TAG_MINUTES = 1440;

/** The default mid-call star code. */
export const DEFAULT_MID_CALL_CODE = '*50';
