/**
 * The file store's layouts (docs/rules.md#lockout). Scope files: one file per scope, so an
 * admission or settlement reads and writes only its own scopes; a journal for
 * a change of several scopes; whole-ledger files (0.1.0's, and those the CLI
 * wrote before per-scope files: `fixtures/ledger-whole-file.json`, written by
 * `simulate --caller … --ledger` at commit 3f00fe8) migrated on first use.
 * The whole-file layout (the default, the CLI's): `FILE` is the plain-JSON
 * ledger. In both, the answers and the stored ledger are the pure
 * functions', operation by operation.
 */
import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { createFileLockoutStore } from '../../src/lockout/file-store.js';
import {
  admitLookup,
  type LockoutLedger,
  parseLedger,
  type SettleRequest,
  settleLookup,
  unblockScopes,
} from '../../src/lockout/ledger.js';
import { storedLedger } from '../support/file-ledger.js';
import { propertyRuns } from '../support/properties.js';

const dir = mkdtempSync(join(tmpdir(), 'account-codes-file-store-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
let ledgers = 0;
function freshPath(): string {
  return join(dir, `ledger-${++ledgers}.json`);
}

const FIXTURES = new URL('fixtures/', import.meta.url);
const SCOPES = { layout: 'scope-files' } as const;
const AT = Date.parse('2026-12-01T11:00:00Z');
const settings = {
  maxFailures: 3,
  windowMinutes: 30,
  scope: 'caller',
  unlockAfterMinutes: 30,
  maxFailuresPerDay: 4,
} as const;

function parsed(text: string): LockoutLedger {
  const read = parseLedger(JSON.parse(text));
  if (!read.ok) throw new Error(read.error.message);
  return read.ledger;
}

describe.each([
  ['0.1.0', 'ledger-0.1.0.json'],
  ['the whole-file CLI ledger', 'ledger-whole-file.json'],
])('a ledger file written by %s', (_, fixture) => {
  const text = readFileSync(new URL(fixture, FIXTURES), 'utf8');

  it('is read as it is before any change, and migrated by the first one, atomically, into files per scope', async () => {
    const path = freshPath();
    writeFileSync(path, text);
    const store = createFileLockoutStore(path, () => AT, SCOPES);
    expect(await store.exportLedger()).toEqual({ ok: true, value: parsed(text) });
    const subject = { accountId: 'acme', trunkId: 'hq', callerId: '203' };
    const request = { settings, subject, callId: 'new', attempt: 1 };
    const expected = admitLookup(parsed(text), request, AT);
    if (!expected.ok) throw new Error(expected.error.message);
    expect(await store.admit(request)).toEqual({ ok: true, value: expected.value });
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual({
      version: 3,
      scopeFiles: `ledger-${ledgers}.json.d`,
    });
    expect(storedLedger(path)).toEqual(expected.ledger);
    expect(readdirSync(`${path}.d`)).toHaveLength(Object.keys(expected.ledger.scopes).length);
    // Code that knows only whole-ledger files refuses the marker: it fails closed.
    expect(parseLedger(JSON.parse(readFileSync(path, 'utf8')))).toMatchObject({
      ok: false,
      error: { code: 'invalid-ledger', path: ['version'] },
    });
  });

  it('is migrated again, from the file, when a migration died before writing the marker', async () => {
    const path = freshPath();
    writeFileSync(path, text);
    // What a migration killed before its marker leaves: a directory of scopes that the file does not point at.
    mkdirSync(`${path}.d`);
    writeFileSync(join(`${path}.d`, `${'0'.repeat(32)}.json`), '{"stale": true}');
    const dead = `${path}.4194305.k1ll3d.d.tmp`;
    mkdirSync(dead);
    const store = createFileLockoutStore(path, () => AT, SCOPES);
    const subject = { accountId: 'acme', trunkId: 'hq', callerId: '203' };
    expect(await store.admit({ settings, subject, callId: 'x', attempt: 1 })).toMatchObject({
      ok: true,
    });
    const expected = admitLookup(parsed(text), { settings, subject, callId: 'x', attempt: 1 }, AT);
    expect(expected.ok && storedLedger(path)).toEqual(expected.ok && expected.ledger);
    expect(existsSync(dead)).toBe(false);
  });
});

describe('a change of several scopes', () => {
  const subject = { accountId: 'acme', trunkId: 'hq', callerId: '201' };

  it('a journal left by a writer that died is read through, and finished by the next change', async () => {
    const path = freshPath();
    const store = createFileLockoutStore(path, () => AT, SCOPES);
    await store.admit({ settings, subject, callId: 'a', attempt: 1 });
    const committed = admitLookup(
      storedLedger(path),
      { settings, subject, callId: 'b', attempt: 1 },
      AT,
    );
    if (!committed.ok) throw new Error(committed.error.message);
    // The writer committed its journal (caller and trunk) and died before applying it.
    writeFileSync(
      join(`${path}.d`, 'journal.json'),
      JSON.stringify({ scopes: committed.ledger.scopes }),
    );
    expect(storedLedger(path)).toEqual(committed.ledger);
    expect(await store.status({ settings, subject })).toMatchObject({
      ok: true,
      value: { failures: 2 },
    });
    expect(await store.admit({ settings, subject, callId: 'c', attempt: 1 })).toMatchObject({
      ok: true,
      value: { admitted: true, status: { failures: 3 } },
    });
    expect(readdirSync(`${path}.d`)).not.toContain('journal.json');
    expect(Object.keys(storedLedger(path).scopes)).toHaveLength(2);
  });

  it('touches only its own scopes: other scopes, even unreadable ones, are neither read nor rewritten', async () => {
    const path = freshPath();
    const store = createFileLockoutStore(path, () => AT, SCOPES);
    for (let i = 0; i < 3; i++) {
      const other = { accountId: 'acme', trunkId: `t${i}`, callerId: '3' };
      await store.admit({ settings, subject: other, callId: `o${i}`, attempt: 1 });
    }
    const others = readdirSync(`${path}.d`).map((name) => join(`${path}.d`, name));
    expect(others).toHaveLength(6);
    for (const other of others) writeFileSync(other, '{"torn');
    const request = { settings, subject, callId: 'a', attempt: 1 };
    const expected = admitLookup({ version: 2, scopes: {} }, request, AT);
    expect(await store.admit(request)).toEqual(expected.ok && { ok: true, value: expected.value });
    for (const other of others) expect(readFileSync(other, 'utf8')).toBe('{"torn');
    // Reading the whole ledger does read them.
    expect(await store.list({ settings, accountId: 'acme' })).toMatchObject({
      ok: false,
      error: { code: 'invalid-ledger', message: expect.stringContaining('is not valid JSON') },
    });
  });
});

describe("the whole-file layout (the default, the CLI's)", () => {
  const subject = { accountId: 'acme', trunkId: 'hq', callerId: null };
  const lockout = { ...settings, scope: 'trunk' } as const;

  it('keeps FILE as the plain-JSON ledger and nothing beside it', async () => {
    const path = freshPath();
    const store = createFileLockoutStore(path, () => AT);
    await store.admit({ settings: lockout, subject, callId: 'a', attempt: 1 });
    const ledger = parsed(readFileSync(path, 'utf8'));
    expect(Object.keys(ledger.scopes)).toEqual(['["acme","trunk","hq",null]']);
    expect(existsSync(`${path}.d`)).toBe(false);
    expect(await store.exportLedger()).toEqual({ ok: true, value: ledger });
  });

  it("writes a 0.1.0 ledger back in today's format on the first change, in place", async () => {
    const path = freshPath();
    writeFileSync(path, readFileSync(new URL('ledger-0.1.0.json', FIXTURES), 'utf8'));
    const store = createFileLockoutStore(path, () => AT);
    const branch = { ...subject, trunkId: 'branch' };
    await store.admit({ settings: lockout, subject: branch, callId: 'a', attempt: 1 });
    expect(JSON.parse(readFileSync(path, 'utf8')).version).toBe(2);
    expect(existsSync(`${path}.d`)).toBe(false);
  });

  it('administers a ledger an integrator keeps in scope files, without moving it back', async () => {
    const path = freshPath();
    await createFileLockoutStore(path, () => AT, SCOPES).admit({
      settings: lockout,
      subject,
      callId: 'a',
      attempt: 1,
    });
    const cli = createFileLockoutStore(path, () => AT);
    expect(await cli.status({ settings: lockout, subject })).toMatchObject({
      ok: true,
      value: { failures: 1 },
    });
    await cli.admit({ settings: lockout, subject, callId: 'b', attempt: 1 });
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual({
      version: 3,
      scopeFiles: `${basename(path)}.d`,
    });
    expect(storedLedger(path).scopes['["acme","trunk","hq",null]']?.failures).toHaveLength(2);
  });
});

describe('a scope file that cannot be read', () => {
  it('fails its scope closed, naming the file; reset() empties the ledger and answers what the files held', async () => {
    const path = freshPath();
    const store = createFileLockoutStore(path, () => AT, SCOPES);
    const subject = { accountId: 'acme', trunkId: 'hq', callerId: null };
    const lockout = { ...settings, scope: 'trunk' } as const;
    await store.admit({ settings: lockout, subject, callId: 'a', attempt: 1 });
    const [name] = readdirSync(`${path}.d`);
    writeFileSync(join(`${path}.d`, name as string), '{"torn');
    expect(await store.admit({ settings: lockout, subject, callId: 'b', attempt: 1 })).toEqual({
      ok: false,
      error: {
        code: 'invalid-ledger',
        path: [],
        message: expect.stringMatching(/[0-9a-f]{32}\.json is not valid JSON/),
      },
    });
    expect(await store.reset()).toEqual({ ok: true, value: `${name}: {"torn` });
    expect(JSON.parse(readFileSync(path, 'utf8'))).toEqual({ version: 2, scopes: {} });
    expect(existsSync(`${path}.d`)).toBe(false);
    expect(
      await store.admit({ settings: lockout, subject, callId: 'b', attempt: 1 }),
    ).toMatchObject({
      ok: true,
      value: { admitted: true, status: { failures: 1 } },
    });
  });
});

const callerArb = fc.constantFrom('201', '202', null);
const trunkArb = fc.constantFrom('hq', 'branch');
const operationArb = fc.oneof(
  fc.record({
    op: fc.constant('admit' as const),
    trunkId: trunkArb,
    callerId: callerArb,
    call: fc.integer({ min: 0, max: 5 }),
    minutes: fc.integer({ min: 0, max: 90 }),
  }),
  fc.record({
    op: fc.constant('settle' as const),
    trunkId: trunkArb,
    callerId: callerArb,
    call: fc.integer({ min: 0, max: 5 }),
    minutes: fc.integer({ min: 0, max: 90 }),
    hit: fc.boolean(),
  }),
  fc.record({
    op: fc.constant('unblock' as const),
    trunkId: trunkArb,
    minutes: fc.integer({ min: 0, max: 90 }),
  }),
);

describe.each([
  ['scope files', SCOPES],
  ['the whole file', {}],
])('the file store in %s and the pure functions', (_, layout) => {
  it('give the same answers and hold the same ledger after every operation', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(operationArb, { maxLength: 25 }),
        fc.constantFrom('trunk', 'caller'),
        async (operations, scope) => {
          const path = freshPath();
          const store = createFileLockoutStore(path, () => AT, layout);
          const lockout = { ...settings, scope } as const;
          let ledger: LockoutLedger = { version: 2, scopes: {} };
          let at = AT;
          for (const o of operations) {
            at += o.minutes * 60_000;
            if (o.op === 'unblock') {
              const request = {
                settings: lockout,
                accountId: 'acme',
                target: { kind: 'trunk' as const, trunkId: o.trunkId },
                at,
              };
              const expected = unblockScopes(ledger, request, at);
              if (!expected.ok) throw new Error(expected.error.message);
              expect(await store.unblock(request)).toEqual({ ok: true, value: expected.value });
              ledger = expected.ledger;
            } else {
              const subject = { accountId: 'acme', trunkId: o.trunkId, callerId: o.callerId };
              const request: SettleRequest = {
                settings: lockout,
                subject,
                callId: `c${o.call}`,
                attempt: 1,
                hit: o.op === 'settle' && o.hit,
                at,
              };
              const expected =
                o.op === 'admit'
                  ? admitLookup(ledger, request, at)
                  : settleLookup(ledger, request, at);
              if (!expected.ok) throw new Error(expected.error.message);
              const answer =
                o.op === 'admit' ? await store.admit(request) : await store.settle(request);
              expect(answer).toEqual({ ok: true, value: expected.value });
              ledger = expected.ledger;
            }
            expect(storedLedger(path)).toEqual(ledger);
            if (layout === SCOPES || !existsSync(path)) continue;
            // The whole file is the ledger itself, as parseLedger reads it.
            expect(parsed(readFileSync(path, 'utf8'))).toEqual(ledger);
          }
        },
      ),
      propertyRuns({ numRuns: 20 }),
    );
  }, 60_000);
});
