/**
 * The prompts of docs/rules.md#code-entry (and docs/rules.md#lockout's `locked-out`): stable ids the machines emit, and the default
 * wordings of the source product. The wording is the integrator's; the ids
 * are the contract.
 */

/** The id of a prompt the embedding application plays. */
export type PromptId =
  | 'enter-code'
  | 'accepted'
  | 'invalid-code'
  | 'wrong-length'
  | 'max-retries'
  | 'locked-out';

/** Every {@link PromptId}, in the order docs/rules.md#code-entry lists them. */
export const PROMPT_IDS: readonly PromptId[] = [
  'enter-code',
  'accepted',
  'invalid-code',
  'wrong-length',
  'max-retries',
  'locked-out',
];

/**
 * The default wording of a prompt (docs/rules.md#code-entry). `accepted` is a short
 * confirmation tone in the source product, so its text describes the tone.
 * The rules write "an N-digit" for the letter N; with a number the article
 * follows how it is spoken ("a 4-digit", "an 8-digit").
 *
 * @param prompt - the prompt id from a `play` effect
 * @param codeLength - the account's code length, spoken as "N-digit"
 *
 * @example
 * ```ts
 * promptText('wrong-length', 4);
 * // 'Account codes must be 4 digits. Please re-enter your 4-digit account code.'
 * ```
 */
export function promptText(prompt: PromptId, codeLength: number): string {
  switch (prompt) {
    case 'enter-code':
      return 'Please enter a valid account code.';
    case 'accepted':
      return '(confirmation tone)';
    case 'invalid-code':
      return `Invalid entry. Please enter ${article(codeLength)} ${codeLength}-digit account code.`;
    case 'wrong-length':
      return `Account codes must be ${codeLength} digits. Please re-enter your ${codeLength}-digit account code.`;
    case 'max-retries':
      return 'You have reached the maximum number of attempts.';
    case 'locked-out':
      return 'Account codes are locked on this line. Please contact your administrator.';
    default:
      return prompt satisfies never;
  }
}

/** "an" before numbers spoken with a leading vowel sound (8, 11, 18, 80…), else "a". */
function article(n: number): 'a' | 'an' {
  const spoken = String(n);
  return spoken.startsWith('8') || spoken === '11' || spoken === '18' ? 'an' : 'a';
}
