/**
 * ioredis is an optional peer dependency: `import 'account-codes'` must never
 * load it, and `account-codes/redis` loads it only when a store is opened from
 * a URL. Checked on the source's import graph: every module the main entry
 * reaches, and how src/redis/ names ioredis.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { reachable } from '../support/import-graph.js';

const SRC = fileURLToPath(new URL('../../src/', import.meta.url));

describe('loading ioredis (an optional peer dependency)', () => {
  it('the main entry never reaches ioredis, nor src/redis/', () => {
    const graph = [...reachable(join(SRC, 'index.ts'))];
    expect(graph.length).toBeGreaterThan(10);
    expect(graph.filter((m) => m === 'ioredis' || m.includes(`${SRC}redis`))).toEqual([]);
  });

  it('account-codes/redis loads it only through import() when a URL is opened', () => {
    const graph = [...reachable(join(SRC, 'redis', 'index.ts'))];
    expect(graph).not.toContain('ioredis');
    expect(readFileSync(join(SRC, 'redis', 'open.ts'), 'utf8')).toContain(
      "await import('ioredis')",
    );
  });
});
