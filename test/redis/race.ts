/**
 * The concurrency property of docs/rules.md#lockout across OS processes, for
 * a single node and a cluster alike: 20 guessing processes (guesser.ts,
 * bundled once so they start as plain node) admit and settle at once on one
 * line, each with its own connection, on the store's clock.
 */
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { expect } from 'vitest';
import type { LockoutSettings } from '../../src/index.js';
import { bundleForNode } from '../support/node-bundle.js';

export const PROCESSES = 20;
export const ATTEMPTS = 3;
const SOURCE = fileURLToPath(new URL('./guesser.ts', import.meta.url));

/** What one process was told, attempt by attempt. */
export type Told = { admit: string; hit?: boolean; settle?: string }[];

/** Bundles the guesser; returns its path and a cleanup. */
export function bundleGuesser(): Promise<{ path: string; remove: () => void }> {
  return bundleForNode(SOURCE);
}

function guess(guesser: string, args: readonly string[]): Promise<Told> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, [guesser, ...args], {
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    let err = '';
    child.stdout.on('data', (chunk) => {
      out += chunk;
    });
    child.stderr.on('data', (chunk) => {
      err += chunk;
    });
    child.on('close', (code) =>
      code === 0
        ? resolve(JSON.parse(out) as Told)
        : reject(new Error(`guesser exited ${code}: ${err}`)),
    );
  });
}

/** 20 processes at once on `accountId`'s trunk hq; every answer they were given. */
export async function race(
  guesser: string,
  url: string,
  accountId: string,
  scope: LockoutSettings['scope'],
  callers: (i: number) => string,
): Promise<Told[number][]> {
  const start = String(Date.now() + 1500);
  const told = await Promise.all(
    Array.from({ length: PROCESSES }, (_, i) =>
      guess(guesser, [url, accountId, start, String(ATTEMPTS), scope, callers(i)]),
    ),
  );
  const all = told.flat();
  // Every process got an answer to everything (the timeout is generous here).
  expect(
    all.filter((t) => t.admit === 'ledger-unavailable' || t.settle === 'ledger-unavailable'),
  ).toEqual([]);
  return all;
}

/** The misses the processes were told were recorded. */
export function recordedMisses(all: readonly Told[number][]): number {
  return all.filter((t) => t.admit === 'admitted' && t.hit === false && t.settle === 'recorded')
    .length;
}
