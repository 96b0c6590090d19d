/**
 * What a file ledger holds, as the plain-JSON ledger (read through its scope
 * files, as `exportLedger` does), for tests that look at the record itself.
 */
import { readWhole } from '../../src/lockout/file-layout.js';
import type { LockoutLedger } from '../../src/lockout/ledger.js';

export function storedLedger(path: string): LockoutLedger {
  const read = readWhole(path);
  if (!read.ok) throw new Error(read.error.message);
  return read.value;
}
