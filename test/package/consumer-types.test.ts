/**
 * The package's types as a consumer project sees them: declarations built
 * from tsup.config.ts into a temporary folder, installed under
 * node_modules/account-codes beside its two dependencies and without
 * ioredis, and a strict ESM (.mts) and CommonJS (.cts) module that imports
 * the three entries (`account-codes`, `/redis`, `/file-ledger`), checked by TypeScript with Node's module resolution. So
 * `import … from 'account-codes/redis'` must type-check where the optional
 * peer dependency is not installed (TS2307 before).
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { build, type Options } from 'tsup';
import ts from 'typescript';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import configs from '../../tsup.config.js';

const ROOT = resolve(import.meta.dirname, '../..');
const DIR = mkdtempSync(join(tmpdir(), 'account-codes-consumer-'));
const CONSUMER = join(DIR, 'consumer');
const PACKAGE = join(CONSUMER, 'node_modules', 'account-codes');

const ESM = `import { parseConfig } from 'account-codes';
import {
  createRedisLockoutStore,
  isRedisLedger,
  openRedisLockoutStore,
  type RedisClient,
  type RedisLockoutStore,
} from 'account-codes/redis';
import { createFileLockoutStore, type FileLockoutStore } from 'account-codes/file-ledger';

export const onDisk: FileLockoutStore = createFileLockoutStore('/var/lib/pbx/lockout.json', Date.now);
const opened = await openRedisLockoutStore('redis://127.0.0.1:6379/0', { timeoutMs: 500 });
export const store: RedisLockoutStore | undefined = opened.ok ? opened.store : undefined;
export const code: string | undefined = opened.ok ? undefined : opened.error.code;
export const shared: boolean = isRedisLedger('redis://127.0.0.1:6379/0');
export const fromClient = (client: RedisClient): RedisLockoutStore => createRedisLockoutStore(client);
export const parsed = parseConfig({}).ok;
// @ts-expect-error a port is neither a URL nor a client: the types are not \`any\`
void openRedisLockoutStore(6379);
`;

const CJS = `import { parseConfig } from 'account-codes';
import { isRedisLedger, type RedisOpenResult } from 'account-codes/redis';
import { createFileLockoutStore } from 'account-codes/file-ledger';

export const shared: boolean = isRedisLedger('redis://127.0.0.1:6379/0');
export const parsed: boolean = parseConfig({}).ok;
export type Opened = RedisOpenResult;
export const exported = createFileLockoutStore('lockout.json').exportLedger();
`;

const library = (Array.isArray(configs) ? configs[0] : configs) as Options;

beforeAll(async () => {
  await build({
    ...library,
    dts: { only: true },
    outDir: join(PACKAGE, 'dist'),
    clean: false,
    silent: true,
    config: false,
  });
  const manifest = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8'));
  writeFileSync(join(PACKAGE, 'package.json'), JSON.stringify(manifest));
  for (const dependency of Object.keys(manifest.dependencies))
    symlinkSync(join(ROOT, 'node_modules', dependency), join(CONSUMER, 'node_modules', dependency));
  mkdirSync(join(CONSUMER, 'src'));
  writeFileSync(join(CONSUMER, 'src', 'esm.mts'), ESM);
  writeFileSync(join(CONSUMER, 'src', 'cjs.cts'), CJS);
}, 180_000);

afterAll(() => rmSync(DIR, { recursive: true, force: true }));

const OPTIONS: ts.CompilerOptions = {
  strict: true,
  module: ts.ModuleKind.Node16,
  moduleResolution: ts.ModuleResolutionKind.Node16,
  target: ts.ScriptTarget.ES2022,
  noEmit: true,
  skipLibCheck: false,
  types: [],
};

describe('a consumer project without ioredis', () => {
  it('has no ioredis to resolve', () => {
    const found = ts.resolveModuleName(
      'ioredis',
      join(CONSUMER, 'src', 'esm.mts'),
      OPTIONS,
      ts.sys,
    );
    expect(found.resolvedModule).toBeUndefined();
  });

  it('type-checks every entry from ESM and CommonJS under --strict', () => {
    const files = [join(CONSUMER, 'src', 'esm.mts'), join(CONSUMER, 'src', 'cjs.cts')];
    const program = ts.createProgram(files, OPTIONS);
    const problems = ts.getPreEmitDiagnostics(program).map((diagnostic) => {
      const where = diagnostic.file?.fileName.replace(DIR, '') ?? '';
      return `${where} TS${diagnostic.code}: ${ts.flattenDiagnosticMessageText(diagnostic.messageText, ' ')}`;
    });
    expect(problems).toEqual([]);
    // The declarations the program read are the built ones, for import and for require.
    const read = program.getSourceFiles().map((file) => file.fileName.replace(PACKAGE, ''));
    expect(read).toEqual(
      expect.arrayContaining([
        '/dist/redis.d.ts',
        '/dist/redis.d.cts',
        '/dist/index.d.ts',
        '/dist/index.d.cts',
        '/dist/file-ledger.d.ts',
        '/dist/file-ledger.d.cts',
      ]),
    );
  });
});
