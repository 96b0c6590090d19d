/**
 * The character rules of codes, code names, trunk ids and account ids (
 * docs/rules.md#configuration, docs/rules.md#lockout, issue 12): a code is ASCII digits only, and names and ids hold no
 * character that breaks logs, CDRs and terminals or makes two ids look alike.
 * Each excluded character is checked, with its neighbours that are allowed.
 */
import { describe, expect, it, vi } from 'vitest';

// The schema and the rules' patterns are built once per module instance, and the mutation run
// shares one module graph between test files: a fresh instance lets this file see them as the
// code under test builds them now.
vi.resetModules();
const { parseConfig } = await import('../../src/config/parse.js');

function file(account: Record<string, unknown> = {}, trunks: unknown[] = []): unknown {
  return { account: { codeLength: 4, maxRetries: 3, ...account }, trunks };
}

function firstIssue(input: unknown) {
  const result = parseConfig(input);
  return result.ok ? undefined : result.issues[0];
}

/** Line and paragraph separators, the Arabic letter mark, and the bidi marks, embeddings, overrides and isolates. */
const INVISIBLE = [
  '\u2028',
  '\u2029',
  '\u061C',
  '\u200E',
  '\u200F',
  '\u202A',
  '\u202C',
  '\u202E',
  '\u2066',
  '\u2067',
  '\u2069',
];
/** Their neighbours, which are ordinary (if unusual) characters. */
const NEIGHBOURS = ['\u2027', '\u202F', '\u061B', '\u061D', '\u200D', '\u2010', '\u2065', '\u206A'];
const CONTROL = ['\u0000', '\t', '\n', '\u001B', '\u007F', '\u009F'];

const hex = (c: string) => `U+${c.codePointAt(0)?.toString(16).toUpperCase().padStart(4, '0')}`;

describe('codes are ASCII digits only', () => {
  it.each([['0909'], ['9999'], ['0000']])('accepts %s', (code) => {
    expect(parseConfig(file({ codes: [{ code }] })).ok).toBe(true);
  });

  it.each([['12/4'], ['12:4'], ['123 '], ['１２３４']])('rejects %j with invalid-code', (code) => {
    expect(firstIssue(file({ codes: [{ code }] }))).toMatchObject({
      code: 'invalid-code',
      path: ['account', 'codes', 0, 'code'],
    });
  });
});

describe('code names', () => {
  const name = (text: string) => file({ codes: [{ code: '1234', name: text }] });

  it.each([...INVISIBLE, ...CONTROL].map((c) => [hex(c), c]))('reject %s', (_, c) => {
    expect(firstIssue(name(`Acme${c}Corp`))).toMatchObject({
      code: 'invalid-value',
      path: ['account', 'codes', 0, 'name'],
    });
  });

  it.each(NEIGHBOURS.map((c) => [hex(c), c]))('accept %s', (_, c) => {
    expect(firstIssue(name(`Acme${c}Corp`))).toBeUndefined();
  });

  it('accept an empty name, spaces and punctuation', () => {
    expect(firstIssue(name(''))).toBeUndefined();
    expect(firstIssue(name(' Acme, Inc. (legal) '))).toBeUndefined();
  });
});

describe('trunk ids', () => {
  const id = (text: string) => file({}, [{ id: text }]);

  it.each([['a'], ['ab'], ['a b'], ['x'.repeat(64)], ['😀'.repeat(64)], ['lab\u00A0b']])(
    'accept %j',
    (text) => {
      expect(firstIssue(id(text))).toBeUndefined();
    },
  );

  it.each([[''], [' '], ['a '], [' a'], ['\ta'], ['a\n'], ['x'.repeat(65)], ['😀'.repeat(65)]])(
    'reject %j',
    (text) => {
      expect(firstIssue(id(text))).toMatchObject({
        code: 'invalid-value',
        path: ['trunks', 0, 'id'],
      });
    },
  );

  it.each([...INVISIBLE, ...CONTROL].map((c) => [hex(c), c]))('reject %s inside an id', (_, c) => {
    expect(firstIssue(id(`a${c}b`))).toMatchObject({
      code: 'invalid-value',
      path: ['trunks', 0, 'id'],
    });
  });

  it.each(NEIGHBOURS.map((c) => [hex(c), c]))('accept %s inside an id', (_, c) => {
    expect(firstIssue(id(`a${c}b`))).toBeUndefined();
  });
});

describe('account ids', () => {
  const account = (text: string) => file({ id: text });

  it.each([['a'], ['tenant 42'], [' padded '], ['😀'.repeat(64)]])('accept %j', (text) => {
    expect(firstIssue(account(text))).toBeUndefined();
  });

  it('reject an id of 65 characters', () => {
    expect(firstIssue(account('😀'.repeat(65)))).toMatchObject({
      code: 'invalid-value',
      path: ['account', 'id'],
    });
  });

  it.each(['\u200E', '\u200D', '\n', '\u0000'].map((c) => [hex(c), c]))(
    'reject a control or format character (%s)',
    (_, c) => {
      expect(firstIssue(account(`x${c}y`))).toMatchObject({
        code: 'invalid-value',
        path: ['account', 'id'],
      });
    },
  );
});
