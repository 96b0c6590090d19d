/**
 * The file ledger on a full disk, in-process: `node:fs` is wrapped so that a
 * write can fail with ENOSPC after writing part of its data, as a full file
 * system does (the process tests in ledger-faults.test.ts do the same in a
 * child process, where mutation testing cannot see them). Whatever fails,
 * the answer is `ledger-unavailable`, the old ledger stays whole, and neither
 * the lock nor a temporary file is left behind.
 */
import fs, { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import { hostname, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import { createFileLockoutStore } from '../../src/lockout/file-store.js';

/** Which writes fail: by file descriptor (the lock's token) or by path suffix. */
const fault = { onDescriptor: false, onPathEnding: null as string | null };
/** What was written to file descriptors: the lock tokens. */
const tokens: string[] = [];

// Not vi.mock: mutation runs share one module graph between test files, so
// the ledger may already be loaded. Replacing the built-in's export (as
// test/support/faults/disk.ts does in a child process) reaches every importer.
const { writeFileSync } = fs;
beforeAll(() => {
  fs.writeFileSync = ((
    file: fs.PathOrFileDescriptor,
    data: string,
    options?: fs.WriteFileOptions,
  ) => {
    const fails =
      typeof file === 'number'
        ? fault.onDescriptor
        : fault.onPathEnding !== null && String(file).endsWith(fault.onPathEnding);
    if (typeof file === 'number') tokens.push(String(data));
    if (!fails) return writeFileSync(file, data, options);
    // What fits is written; the rest is not.
    writeFileSync(file, data.slice(0, 10), options);
    throw Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
  }) as typeof fs.writeFileSync;
  syncBuiltinESMExports();
});
afterAll(() => {
  fs.writeFileSync = writeFileSync;
  syncBuiltinESMExports();
});

const dir = mkdtempSync(join(tmpdir(), 'account-codes-full-disk-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
afterEach(() => {
  fault.onDescriptor = false;
  fault.onPathEnding = null;
});

const AT = Date.parse('2026-12-01T10:00:00Z');
const settings = {
  maxFailures: 3,
  windowMinutes: 10,
  scope: 'trunk',
  unlockAfterMinutes: 10,
  maxFailuresPerDay: 1000,
} as const;
const subject = { accountId: null, trunkId: 'hq', callerId: null };

/** The files of one ledger: itself, its lock, its temporaries. */
function filesOf(name: string): string[] {
  return readdirSync(dir)
    .filter((file) => file.startsWith(name))
    .sort();
}

describe('a file ledger on a full disk', () => {
  it('a lock whose token does not fit is removed, and the ledger is unavailable', async () => {
    const path = join(dir, 'token.json');
    const store = createFileLockoutStore(path, () => AT);
    fault.onDescriptor = true;
    const answer = await store.admit({ settings, subject, callId: 'c', attempt: 1 });
    expect(answer).toEqual({
      ok: false,
      error: {
        code: 'ledger-unavailable',
        path: [],
        message: expect.stringContaining(`cannot lock the ledger ${path}: ENOSPC`),
      },
    });
    expect(filesOf('token.json')).toEqual([]);
    // With room again, the next change is not blocked by a leftover lock.
    fault.onDescriptor = false;
    expect(await store.admit({ settings, subject, callId: 'c', attempt: 1 })).toMatchObject({
      ok: true,
    });
  });

  it('a temporary ledger cut short is removed, and the old ledger stays whole', async () => {
    const path = join(dir, 'temporary.json');
    const store = createFileLockoutStore(path, () => AT);
    expect(await store.admit({ settings, subject, callId: 'a', attempt: 1 })).toMatchObject({
      ok: true,
    });
    const before = readFileSync(path, 'utf8');
    fault.onPathEnding = '.tmp';
    const answer = await store.admit({ settings, subject, callId: 'b', attempt: 1 });
    expect(answer).toEqual({
      ok: false,
      error: {
        code: 'ledger-unavailable',
        path: [],
        message: expect.stringContaining(`cannot write the ledger ${path}: ENOSPC`),
      },
    });
    expect(readFileSync(path, 'utf8')).toBe(before);
    expect(filesOf('temporary.json')).toEqual(['temporary.json']);
    expect(existsSync(`${path}.lock`)).toBe(false);
  });

  it('the lock names its holder: this host and pid first, as other processes read it', async () => {
    tokens.length = 0;
    const store = createFileLockoutStore(join(dir, 'token-shape.json'), () => AT);
    expect(await store.admit({ settings, subject, callId: 'c', attempt: 1 })).toMatchObject({
      ok: true,
    });
    expect(tokens).toHaveLength(1);
    const [host, pid, at, nonce] = (tokens[0] as string).split(' ');
    expect([host, pid]).toEqual([hostname(), String(process.pid)]);
    expect(Number(at)).toBeGreaterThan(0);
    expect(nonce).toMatch(/^[0-9a-z]+$/);
  });
});
