/**
 * The shapes of call classification (docs/rules.md#classification): what goes in (the dialed
 * string and a plain-data context) and the one result that comes out.
 */

/**
 * A category of an external call (docs/rules.md#classification); every one is a
 * {@link RequiredCallType}. `mobile`: a destination the phone metadata types
 * mobile, never guessed (docs/rules.md#scoped-codes).
 */
export type CallCategory =
  | 'international'
  | 'directoryAssistance'
  | 'premiumToll'
  | 'tollFree'
  | 'domestic'
  | 'serviceCode'
  | 'mobile';

/** Every {@link CallCategory}, in the order results carry them (`mobile`, the newest, last). */
export const CALL_CATEGORIES: readonly CallCategory[] = [
  'international',
  'directoryAssistance',
  'premiumToll',
  'tollFree',
  'domestic',
  'serviceCode',
  'mobile',
];

/** The parts of the dial plan classification reads; every field is optional. */
export interface ClassifyDialPlan {
  /** Lengths of the account's extensions (2–6). Default `[]`. */
  readonly extensionLengths?: readonly number[];
  /** The account's own numbers in E.164, such as `+12125550100`. Default `[]`. */
  readonly ownNumbers?: readonly string[];
  /** The digit(s) dialed for an outside line, such as `9`. Default: none. */
  readonly outsideLinePrefix?: string;
}

/**
 * What classification needs to know about the caller. Plain data, every field
 * optional with the docs/rules.md#configuration and docs/rules.md#classification defaults; a parsed config's `account` is one.
 */
export interface ClassifyContext {
  /** The caller's country, ISO 3166 alpha-2. Default `US`. */
  readonly country?: string;
  readonly dialPlan?: ClassifyDialPlan;
  /**
   * Countries whose numbers are domestic. Default: US, CA and the US
   * territories on +1 (PR, VI, GU, MP, AS) for a caller in one of them;
   * otherwise the caller's country alone.
   */
  readonly domesticCountries?: readonly string[];
  /** Numbers exempt from codes besides the emergency numbers. Default `["988", "711"]`. */
  readonly exemptNumbers?: readonly string[];
  /**
   * Feature codes the account's platform knows, such as `"*98"` (voicemail):
   * classified as `serviceCode`. A `*`/`#` string that holds no number and is
   * neither here nor a standard code (`*67`, `*#06#`, …) is an unrecognised
   * destination, which fails closed. Default `[]`.
   */
  readonly serviceCodes?: readonly string[];
}

/**
 * Why a dial string cannot be classified. Stable codes, safe to branch on.
 * `unknown-country`: the context's country is not one the phone metadata
 * knows (`UK` for `GB`), so only the numbers every country shares (911,
 * 933, 112) and the exempt numbers are recognised.
 */
export type InvalidDialReason = 'empty' | 'not-dialable' | 'too-long' | 'unknown-country';

/** Fields every classification carries. */
interface ClassificationBase {
  /** The dial string with separators removed (space, `-`, `.`, `(`, `)`). */
  readonly dialed: string;
}

/** An emergency or exempt number (docs/rules.md#the-decision): never prompted. */
export interface EmergencyCall extends ClassificationBase {
  readonly kind: 'emergency';
  /** The number that matched, after any outside-line prefix. */
  readonly number: string;
  /** `emergency`: 911, 933, 112 or the caller country's; `exempt`: one of the account's exempt numbers. */
  readonly why: 'emergency' | 'exempt';
  /** Always empty: categories describe external calls. */
  readonly categories: readonly CallCategory[];
}

/** A call to the account itself (docs/rules.md#classification). */
export interface InternalCall extends ClassificationBase {
  readonly kind: 'internal';
  /** The number classified, after any outside-line prefix. */
  readonly number: string;
  /** An extension (by its length) or one of the account's own numbers. */
  readonly via: 'extension' | 'own-number';
  /** The own number dialed, in E.164; absent for extensions. */
  readonly e164?: string;
  /** Always empty: categories describe external calls. */
  readonly categories: readonly CallCategory[];
}

/** A call that leaves the account (docs/rules.md#classification). */
export interface ExternalCall extends ClassificationBase {
  readonly kind: 'external';
  /** The number classified, after any outside-line prefix. */
  readonly number: string;
  /** In the order of {@link CALL_CATEGORIES}; empty when the destination is not recognised. */
  readonly categories: readonly CallCategory[];
  /** The destination in E.164, when known. */
  readonly e164?: string;
  /** The destination's country (ISO 3166 alpha-2), when known. */
  readonly country?: string;
}

/** Not a dialable string (docs/rules.md#classification): a reason, never an exception. */
export interface InvalidDialString extends ClassificationBase {
  readonly kind: 'invalid';
  readonly reason: InvalidDialReason;
  /** A sentence naming what is wrong and what a dial string may contain. */
  readonly message: string;
  /** Always empty: categories describe external calls. */
  readonly categories: readonly CallCategory[];
}

/** The result of {@link classifyCall}: exactly one kind (docs/rules.md#classification). */
export type Classification = EmergencyCall | InternalCall | ExternalCall | InvalidDialString;
