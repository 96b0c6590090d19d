import { describe, expect, it } from 'vitest';
import { PROMPT_IDS, promptText } from '../../src/entry/prompts.js';

describe('promptText', () => {
  it('gives the default wordings of docs/rules.md#code-entry with the code length spoken', () => {
    expect(promptText('enter-code', 4)).toBe('Please enter a valid account code.');
    expect(promptText('invalid-code', 4)).toBe(
      'Invalid entry. Please enter a 4-digit account code.',
    );
    expect(promptText('wrong-length', 5)).toBe(
      'Account codes must be 5 digits. Please re-enter your 5-digit account code.',
    );
    expect(promptText('max-retries', 4)).toBe('You have reached the maximum number of attempts.');
  });

  it('describes the accepted prompt as the short confirmation tone it is', () => {
    expect(promptText('accepted', 4)).toMatch(/tone/);
  });

  it('uses "an" before a number spoken with a vowel sound', () => {
    expect(promptText('invalid-code', 8)).toBe(
      'Invalid entry. Please enter an 8-digit account code.',
    );
  });

  it('has a wording for every prompt id', () => {
    for (const id of PROMPT_IDS) expect(promptText(id, 3).length).toBeGreaterThan(0);
  });
});
