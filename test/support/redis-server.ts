/**
 * A real redis-server for the tests of the Redis store: Debian's package,
 * on 127.0.0.1 and a port picked at run time, no persistence, in a temporary
 * directory; stopped by its pid (and, should the test run die, by a watchdog
 * after ten minutes). A missing redis-server fails loudly: it is never skipped
 * (`npm test` installs it, or leaves these files out and says so: scripts/test.ts).
 */
import { execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Redis } from 'ioredis';

const BINARY = '/usr/bin/redis-server';
const LIFETIME_SECONDS = 600;

/** A running server. */
export interface RedisServer {
  /** Its port on 127.0.0.1. */
  readonly port: number;
  /** `redis://127.0.0.1:port/0`. */
  readonly url: string;
  /** The daemon's pid (from its pidfile). */
  readonly pid: number;
  /** Stops it and removes its directory. */
  stop(): Promise<void>;
}

/** A port nothing listens on right now. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** Starts a redis-server and waits until it answers PING. */
export async function startRedisServer(): Promise<RedisServer> {
  const binary = existsSync(BINARY) ? BINARY : whichRedis();
  if (binary === undefined) {
    throw new Error(
      'redis-server is not installed: the Redis store is tested against a real server. Install it with `apt-get install -y redis-server` (Debian; `npm test` does this as root).',
    );
  }
  const dir = mkdtempSync(join(tmpdir(), 'account-codes-redis-'));
  const pidfile = join(dir, 'redis.pid');
  const port = await freePort();
  execFileSync(binary, [
    '--port',
    String(port),
    '--bind',
    '127.0.0.1',
    '--save',
    '',
    '--appendonly',
    'no',
    '--daemonize',
    'yes',
    '--pidfile',
    pidfile,
    '--dir',
    dir,
    '--maxmemory-policy',
    'noeviction',
    '--logfile',
    join(dir, 'redis.log'),
  ]);
  const client = new Redis(port, '127.0.0.1', { lazyConnect: true, maxRetriesPerRequest: 0 });
  client.on('error', () => {});
  const started = Date.now();
  for (;;) {
    try {
      await client.connect();
      await client.ping();
      break;
    } catch {
      if (Date.now() - started > 5000) {
        throw new Error(`redis-server did not answer on port ${port} within 5 s (log in ${dir})`);
      }
      client.disconnect();
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
  }
  client.disconnect();
  const pid = Number(readFileSync(pidfile, 'utf8').trim());
  // Never signal pid 0 or a negative pid: that would be this process's own group.
  if (!Number.isInteger(pid) || pid <= 1)
    throw new Error(`redis-server wrote no pid to ${pidfile}`);
  const watchdog = spawn(
    'sh',
    ['-c', `sleep ${LIFETIME_SECONDS}; kill -CONT ${pid}; kill -TERM ${pid}`],
    { detached: true, stdio: 'ignore' },
  );
  watchdog.unref();
  return {
    port,
    url: `redis://127.0.0.1:${port}/0`,
    pid,
    async stop() {
      for (const [target, signal] of [
        [pid, 'SIGCONT'],
        [pid, 'SIGTERM'],
        // The watchdog's whole process group: its shell and its sleep.
        [watchdog.pid === undefined ? undefined : -watchdog.pid, 'SIGTERM'],
      ] as const) {
        try {
          if (target !== undefined) process.kill(target, signal);
        } catch {
          // Already gone.
        }
      }
      const stopping = Date.now();
      while (alive(pid) && Date.now() - stopping < 5000) {
        await new Promise((resolve) => setTimeout(resolve, 20));
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function whichRedis(): string | undefined {
  try {
    return (
      execFileSync('sh', ['-c', 'command -v redis-server'], { encoding: 'utf8' }).trim() ||
      undefined
    );
  } catch {
    return undefined;
  }
}
