/**
 * The Redis lockout store (issue 26), as ratios measured in one run: the
 * store's admit + settle against raw `EVALSHA` round trips (the limit of one
 * script call per operation) with 1 and 16 concurrent callers on one
 * connection, how each scales from 1 to 16 callers, the store against raw
 * `EVALSHA`s of its own script (what the client adds), the server's time per
 * call of the store's script against a script that only reads the clock
 * (what the Lua adds), and the store on a 3-master Redis Cluster against a
 * single node. Both sides of a comparison run in one fresh process (bundled
 * as the package is built), alternated in short windows (a round trip's cost
 * swings with a shared machine's load from one second to the next;
 * bench/redis-child.ts), and that process is run BENCH_PAIRS times: the
 * median of each side. The servers are started here on free loopback ports
 * and stopped at the end.
 *
 * Run: `node --expose-gc --import tsx bench/run.ts redis`.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { bundleForNode } from '../test/support/node-bundle.js';
import { startRedisCluster } from '../test/support/redis-cluster.js';
import { startRedisServer } from '../test/support/redis-server.js';
import { type BenchRow, type BenchSuite, type Figures, median, PAIRS, row } from './harness.js';

const SOURCE = fileURLToPath(new URL('./redis-child.ts', import.meta.url));
const WINDOW_MS = Number(process.env.BENCH_REDIS_WINDOW_MS ?? '') || 250;
const ROUNDS = 5;

let childPath = '';

/** One child process: both sides, alternated; `a` and `b` in ops/s. */
function measure(args: readonly string[], callers: number): Figures {
  const run = spawnSync(
    process.execPath,
    [childPath, ...args, String(callers), String(WINDOW_MS), String(ROUNDS)],
    { encoding: 'utf8', maxBuffer: 1 << 20 },
  );
  if (run.status !== 0) throw new Error(`redis-child ${args.join(' ')} failed:\n${run.stderr}`);
  return JSON.parse(run.stdout) as Figures;
}

/** The medians of `a` and `b` over PAIRS processes. */
function sides(args: readonly string[], callers: number): { a: number; b: number } {
  const runs = Array.from({ length: PAIRS }, () => measure(args, callers));
  return {
    a: median(runs.map((r) => r.a as number)),
    b: median(runs.map((r) => r.b as number)),
  };
}

const suite: BenchSuite = {
  title: 'Redis store',
  async run(): Promise<readonly BenchRow[]> {
    const child = await bundleForNode(SOURCE);
    childPath = child.path;
    const server = await startRedisServer();
    const cluster = await startRedisCluster();
    const clusterTarget = `cluster:${cluster.nodes.map(({ port }) => port).join(',')}`;
    try {
      const one = sides(['store-vs-raw', server.url], 1);
      const sixteen = sides(['store-vs-raw', server.url], 16);
      const own = sides(['store-vs-script', server.url], 1);
      const serverTime = sides(['server-time', server.url], 1);
      const spread = sides(['cluster-vs-single', clusterTarget, server.url], 1);
      return [
        row('admit+settle, 1 caller', one.a, 'ops/s', 'raw EVALSHA', one.b, { target: 0.7 }),
        row('admit+settle, 16 callers', sixteen.a, 'ops/s', 'raw EVALSHA', sixteen.b),
        row(
          'scaling 1 → 16 callers',
          sixteen.a / one.a,
          'x',
          'raw EVALSHA scaling',
          sixteen.b / one.b,
          { target: 0.75 },
        ),
        row('admit+settle, 1 caller', own.a, 'ops/s', "raw EVALSHA of the store's script", own.b),
        row(
          'server time per script call',
          serverTime.a,
          'calls/s',
          'raw EVALSHA of a TIME script',
          serverTime.b,
        ),
        row('on a 3-master cluster, 1 caller', spread.a, 'ops/s', 'single node', spread.b),
      ];
    } finally {
      await cluster.stop();
      await server.stop();
      child.remove();
    }
  },
};

export default suite;
