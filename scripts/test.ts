/**
 * `npm test`'s last step: provisions what the tests need, then runs every
 * test file with vitest (arguments are passed on: `npm test -- test/lockout`).
 *
 * The Redis store is tested against a real redis-server. When it is missing
 * and this user may install packages (root, with apt-get), Debian's package is
 * installed, as on CI. When it cannot be, the files that start a server are
 * left out and one plain line after vitest's summary names them and says why;
 * the run then fails only under `CI=true`, where every test must run.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';

/** What this machine lets the test command do about a missing program. */
export interface Machine {
  /** The program is on this machine. */
  readonly installed: boolean;
  /** Runs as root (may install packages). */
  readonly root: boolean;
  /** Debian's apt-get is there. */
  readonly aptGet: boolean;
}

/** Install redis-server, run as is, or leave its tests out (and why). */
export type RedisPlan =
  | { readonly action: 'run' }
  | { readonly action: 'install' }
  | { readonly action: 'leave-out'; readonly why: string };

export function planRedis(machine: Machine): RedisPlan {
  if (machine.installed) return { action: 'run' };
  if (!machine.aptGet)
    return { action: 'leave-out', why: 'redis-server is not installed and there is no apt-get' };
  if (!machine.root)
    return {
      action: 'leave-out',
      why: 'redis-server is not installed and installing it needs root (`apt-get install -y redis-server`)',
    };
  return { action: 'install' };
}

/** The one line naming the test files not run, and why. */
export function notRunLine(files: readonly string[], why: string): string {
  const noun = files.length === 1 ? 'test file that needs' : 'test files that need';
  return `Not run: ${files.length} ${noun} redis-server (${files.join(', ')}): ${why}.`;
}

/** The exit status: vitest's, or 1 under `CI=true` when tests were left out. */
export function exitStatus(vitest: number, leftOut: number, ci: boolean): number {
  if (vitest !== 0) return vitest;
  return leftOut > 0 && ci ? 1 : 0;
}

/** Test files that start a redis-server (they import its support module). */
export function filesNeedingRedis(root: string): string[] {
  const uses = /from '[^']*support\/redis-(?:server|cli)\.js'/;
  return ['test', 'examples']
    .flatMap((dir) => testFiles(join(root, dir)))
    .filter((file) => uses.test(readFileSync(file, 'utf8')))
    .map((file) => relative(root, file))
    .sort();
}

function testFiles(dir: string): string[] {
  if (!existsSync(dir)) return [];
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === 'node_modules' ? [] : testFiles(path);
    return entry.name.endsWith('.test.ts') ? [path] : [];
  });
}

function redisServerInstalled(): boolean {
  if (existsSync('/usr/bin/redis-server')) return true;
  return spawnSync('sh', ['-c', 'command -v redis-server'], { stdio: 'ignore' }).status === 0;
}

function hasAptGet(): boolean {
  return spawnSync('sh', ['-c', 'command -v apt-get'], { stdio: 'ignore' }).status === 0;
}

/** Installs Debian's redis-server; undefined when it worked, else why not. */
function installRedisServer(): string | undefined {
  process.stderr.write(
    'redis-server is missing: installing Debian’s package for the Redis tests (apt-get install -y redis-server)\n',
  );
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  try {
    execFileSync('apt-get', ['update', '-qq'], { stdio: ['ignore', 'ignore', 'inherit'], env });
    execFileSync('apt-get', ['install', '-y', '-qq', 'redis-server'], {
      stdio: ['ignore', 'ignore', 'inherit'],
      env,
    });
  } catch (error) {
    const status = (error as { status?: number }).status;
    return `redis-server is not installed and \`apt-get install -y redis-server\` failed (exit ${status ?? 'unknown'})`;
  }
  return redisServerInstalled() ? undefined : 'apt-get installed no redis-server';
}

function main(): void {
  const root = fileURLToPath(new URL('..', import.meta.url));
  const plan = planRedis({
    installed: redisServerInstalled(),
    root: process.getuid?.() === 0,
    aptGet: hasAptGet(),
  });
  const why =
    plan.action === 'install'
      ? installRedisServer()
      : plan.action === 'leave-out'
        ? plan.why
        : undefined;
  const leftOut = why === undefined ? [] : filesNeedingRedis(root);
  const vitest = spawnSync(
    join(root, 'node_modules/.bin/vitest'),
    [
      'run',
      // Arguments may name only files left out: that is not a failure.
      ...(leftOut.length > 0 ? ['--passWithNoTests'] : []),
      ...leftOut.flatMap((file) => ['--exclude', file]),
      ...process.argv.slice(2),
    ],
    { cwd: root, stdio: 'inherit' },
  );
  if (why !== undefined && leftOut.length > 0)
    process.stdout.write(`${notRunLine(leftOut, why)}\n`);
  process.exitCode = exitStatus(vitest.status ?? 1, leftOut.length, process.env.CI === 'true');
}

if (process.argv[1] !== undefined && fileURLToPath(import.meta.url) === process.argv[1]) main();
