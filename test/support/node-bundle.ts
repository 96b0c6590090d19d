/**
 * A TypeScript entry bundled as the package is built (esbuild, ESM for
 * Node 20, ioredis left to node_modules), so child processes start as plain
 * node: no tsx loader, whose name-keeping wraps every closure in a call of
 * its own. Used by the Redis race tests and the Redis bench.
 */
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { basename, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

// Next to node_modules, where the bundle finds ioredis.
const CACHE = fileURLToPath(new URL('../../node_modules/.cache/', import.meta.url));

/** Bundles `source` (a file path); returns the bundle's path and a cleanup. */
export async function bundleForNode(source: string): Promise<{ path: string; remove: () => void }> {
  mkdirSync(CACHE, { recursive: true });
  const name = basename(source).replace(/\.ts$/, '');
  const dir = mkdtempSync(join(CACHE, `account-codes-${name}-`));
  const path = join(dir, `${name}.mjs`);
  await build({
    entryPoints: [source],
    bundle: true,
    platform: 'node',
    format: 'esm',
    target: 'node20',
    outfile: path,
    external: ['ioredis'],
    logLevel: 'error',
  });
  return { path, remove: () => rmSync(dir, { recursive: true, force: true }) };
}
