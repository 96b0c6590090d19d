/**
 * TEST-ONLY fault injection for a real CLI process: load it with
 * `node --import tsx --import ./test/support/faults/disk.ts src/cli/main.ts …`.
 * The production code has no hook; this module replaces `node:fs` functions
 * in the child process before the CLI loads (`syncBuiltinESMExports` makes
 * the named imports see the replacements), driven by one variable:
 *
 * - `ACCOUNT_CODES_FAULT=enospc:FREE:DIR` — the disk holding DIR is full
 *   after FREE more bytes: a write into DIR writes what still fits, then
 *   fails with ENOSPC, as a full file system does.
 * - `ACCOUNT_CODES_FAULT=pause-before-rename` — the first rename (the
 *   ledger's temporary file over the ledger) writes `paused before rename` to
 *   stderr and blocks for up to 10 s, so the test can SIGKILL the process
 *   between write and rename, with the lock held.
 */
import fs from 'node:fs';
import { syncBuiltinESMExports } from 'node:module';
import { resolve } from 'node:path';

const fault = process.env.ACCOUNT_CODES_FAULT ?? '';
const { writeFileSync, openSync, renameSync } = fs;

if (fault.startsWith('enospc:')) {
  const [, free, dir] = fault.split(':') as [string, string, string];
  let left = Number(free);
  const root = `${resolve(dir)}/`;
  const fdsInDir = new Set<number>();
  const full = () =>
    Object.assign(new Error('ENOSPC: no space left on device, write'), {
      code: 'ENOSPC',
      errno: -28,
      syscall: 'write',
    });
  fs.openSync = ((path: fs.PathLike, ...rest: unknown[]) => {
    const fd = (openSync as (...args: unknown[]) => number)(path, ...rest);
    if (resolve(String(path)).startsWith(root)) fdsInDir.add(fd);
    return fd;
  }) as typeof fs.openSync;
  fs.writeFileSync = ((file: fs.PathOrFileDescriptor, data: unknown, options?: unknown) => {
    const inDir =
      typeof file === 'number' ? fdsInDir.has(file) : resolve(String(file)).startsWith(root);
    if (!inDir) return writeFileSync(file, data as string, options as fs.WriteFileOptions);
    const bytes = Buffer.from(data as string);
    const fits = Math.max(0, Math.min(left, bytes.length));
    left -= fits;
    writeFileSync(file, bytes.subarray(0, fits), options as fs.WriteFileOptions);
    if (fits < bytes.length) throw full();
  }) as typeof fs.writeFileSync;
} else if (fault === 'pause-before-rename') {
  fs.renameSync = ((from: fs.PathLike, to: fs.PathLike) => {
    fs.writeSync(2, 'paused before rename\n');
    Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 10_000);
    renameSync(from, to);
  }) as typeof fs.renameSync;
} else if (fault !== '') {
  throw new Error(`ACCOUNT_CODES_FAULT=${fault} is not a known fault`);
}
syncBuiltinESMExports();
