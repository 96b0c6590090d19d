/**
 * The Redis lockout store (issue 26), as ratios measured in one run: the
 * store's admit + settle against raw `EVALSHA` round trips (the limit of one
 * script call per operation) with 1 and 16 concurrent callers on one
 * connection, how each scales from 1 to 16 callers, and the store on a
 * 3-master Redis Cluster against a single node. Every side runs in fresh
 * processes, alternated (bench/redis-child.ts); the servers are started
 * here on free loopback ports and stopped at the end.
 *
 * Run: `node --expose-gc --import tsx bench/run.ts redis`.
 */
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { startRedisCluster } from '../test/support/redis-cluster.js';
import { startRedisServer } from '../test/support/redis-server.js';
import { alternated, type BenchRow, type BenchSuite, type Figures, row } from './harness.js';

const CHILD = fileURLToPath(new URL('./redis-child.ts', import.meta.url));
const MS = Number(process.env.BENCH_REDIS_MS ?? '') || 1500;

function measure(side: 'store' | 'raw', target: string, callers: number): Figures {
  const run = spawnSync(
    process.execPath,
    ['--import', 'tsx', CHILD, side, target, String(callers), String(MS)],
    { encoding: 'utf8', maxBuffer: 1 << 20 },
  );
  if (run.status !== 0) throw new Error(`redis-child ${side} ${callers} failed:\n${run.stderr}`);
  return JSON.parse(run.stdout) as Figures;
}

const suite: BenchSuite = {
  title: 'Redis store',
  async run(): Promise<readonly BenchRow[]> {
    const server = await startRedisServer();
    const cluster = await startRedisCluster();
    const clusterTarget = `cluster:${cluster.nodes.map(({ port }) => port).join(',')}`;
    try {
      const ops = (f: Figures) => f.opsPerSecond as number;
      const [store1, raw1] = alternated(
        () => measure('store', server.url, 1),
        () => measure('raw', server.url, 1),
      );
      const [store16, raw16] = alternated(
        () => measure('store', server.url, 16),
        () => measure('raw', server.url, 16),
      );
      const [onCluster, single] = alternated(
        () => measure('store', clusterTarget, 1),
        () => measure('store', server.url, 1),
      );
      const storeScaling = ops(store16) / ops(store1);
      const rawScaling = ops(raw16) / ops(raw1);
      return [
        row('admit+settle, 1 caller', ops(store1), 'ops/s', 'raw EVALSHA', ops(raw1), {
          target: 0.7,
        }),
        row('admit+settle, 16 callers', ops(store16), 'ops/s', 'raw EVALSHA', ops(raw16)),
        row('scaling 1 → 16 callers', storeScaling, 'x', 'raw EVALSHA scaling', rawScaling, {
          target: 0.75,
        }),
        row('on a 3-master cluster, 1 caller', ops(onCluster), 'ops/s', 'single node', ops(single)),
      ];
    } finally {
      await cluster.stop();
      await server.stop();
    }
  },
};

export default suite;
