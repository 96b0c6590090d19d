/**
 * A real Redis Cluster for the tests of the Redis store: three masters on
 * 127.0.0.1 and free ports (each with its cluster bus at port + 10000),
 * joined with `redis-cli --cluster create`, and optionally one replica of a
 * chosen master, for a failover. No persistence; a temporary directory;
 * every node stopped by its pid, and by a watchdog after ten minutes should
 * the run die. Bounded in time: it answers or throws within 30 s.
 */
import { execFile, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { Redis } from 'ioredis';

const run = promisify(execFile);
const SERVER = '/usr/bin/redis-server';
const CLI = '/usr/bin/redis-cli';
const LIFETIME_SECONDS = 600;
const STARTUP_MS = 30_000;

/** One node of the cluster. */
export interface ClusterNode {
  readonly port: number;
  readonly pid: number;
}

/** A running cluster. */
export interface RedisCluster {
  /** The three masters as created (a failover may change who is master). */
  readonly masters: readonly ClusterNode[];
  /** The startup nodes for an ioredis `Cluster`. */
  readonly nodes: readonly { host: string; port: number }[];
  /** Adds a replica of the master serving `key`'s slot; resolves once it is in sync. */
  addReplica(key: string): Promise<ClusterNode>;
  /** The node serving `key`'s slot as master now. */
  masterOf(key: string): Promise<ClusterNode>;
  /** Stops every node and removes the directory. */
  stop(): Promise<void>;
}

/** A port whose cluster-bus port (+10000) is free too. */
async function clusterPort(): Promise<number> {
  for (;;) {
    const port = await listen(0);
    if (port > 0 && port + 10000 <= 65535 && (await listen(port + 10000)) > 0) return port;
  }
}

function listen(port: number): Promise<number> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(0));
    server.listen(port, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => resolve(typeof address === 'object' && address ? address.port : 0));
    });
  });
}

/** Starts three masters and creates the cluster; resolves once every slot is served. */
export async function startRedisCluster(): Promise<RedisCluster> {
  const dir = mkdtempSync(join(tmpdir(), 'account-codes-cluster-'));
  const started: ClusterNode[] = [];
  const watchdogs: number[] = [];
  const startNode = async (): Promise<ClusterNode> => {
    const port = await clusterPort();
    const pidfile = join(dir, `${port}.pid`);
    await run(SERVER, [
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--cluster-enabled',
      'yes',
      '--cluster-config-file',
      join(dir, `nodes-${port}.conf`),
      '--cluster-node-timeout',
      '1000',
      '--save',
      '',
      '--appendonly',
      'no',
      '--maxmemory-policy',
      'noeviction',
      '--daemonize',
      'yes',
      '--pidfile',
      pidfile,
      '--dir',
      dir,
      '--logfile',
      join(dir, `${port}.log`),
    ]);
    const pid = await waitFor(() => {
      try {
        const value = Number(readFileSync(pidfile, 'utf8').trim());
        return Number.isInteger(value) && value > 1 ? value : undefined;
      } catch {
        return undefined;
      }
    }, `redis-server on ${port} wrote no pid (log in ${dir})`);
    const watchdog = spawn(
      'sh',
      ['-c', `sleep ${LIFETIME_SECONDS}; kill -CONT ${pid}; kill -TERM ${pid}`],
      {
        detached: true,
        stdio: 'ignore',
      },
    );
    watchdog.unref();
    if (watchdog.pid !== undefined) watchdogs.push(watchdog.pid);
    const node = { port, pid };
    started.push(node);
    await cli(port, 'PING');
    return node;
  };
  const stop = async () => {
    for (const { pid } of started) signal(pid, 'SIGCONT');
    for (const { pid } of started) signal(pid, 'SIGTERM');
    for (const pid of watchdogs) signal(-pid, 'SIGTERM');
    const stopping = Date.now();
    while (started.some(({ pid }) => alive(pid)) && Date.now() - stopping < 5000) {
      await new Promise((resolve) => setTimeout(resolve, 20));
    }
    rmSync(dir, { recursive: true, force: true });
  };
  try {
    const masters = [await startNode(), await startNode(), await startNode()];
    await run(
      CLI,
      ['--cluster', 'create', ...masters.map(({ port }) => `127.0.0.1:${port}`), '--cluster-yes'],
      { timeout: STARTUP_MS },
    );
    for (const { port } of masters) {
      await waitFor(
        async () => (await cli(port, 'CLUSTER', 'INFO')).includes('cluster_state:ok') || undefined,
        `the cluster did not come up (logs in ${dir})`,
      );
    }
    const masterOf = async (key: string): Promise<ClusterNode> => {
      const any = started.find((node) => alive(node.pid)) as ClusterNode;
      const slot = Number(await cli(any.port, 'CLUSTER', 'KEYSLOT', key));
      for (const node of started) {
        if (!alive(node.pid)) continue;
        const nodes = await cli(node.port, 'CLUSTER', 'NODES').catch(() => '');
        const self = nodes.split('\n').find((l) => l.includes('myself'));
        if (self?.includes('master') && servesSlot(self, slot)) return node;
      }
      throw new Error(`no live master serves slot ${slot}`);
    };
    return {
      masters,
      nodes: masters.map(({ port }) => ({ host: '127.0.0.1', port })),
      masterOf,
      async addReplica(key) {
        const master = await masterOf(key);
        const nodes = await cli(master.port, 'CLUSTER', 'NODES');
        const id = nodes
          .split('\n')
          .find((l) => l.includes('myself'))
          ?.split(' ')[0] as string;
        const replica = await startNode();
        await run(
          CLI,
          [
            '--cluster',
            'add-node',
            `127.0.0.1:${replica.port}`,
            `127.0.0.1:${master.port}`,
            '--cluster-slave',
            '--cluster-master-id',
            id,
          ],
          { timeout: STARTUP_MS },
        );
        await waitFor(async () => {
          const info = await cli(replica.port, 'INFO', 'replication');
          return (
            (info.includes('master_link_status:up') &&
              (await cli(replica.port, 'CLUSTER', 'INFO')).includes('cluster_state:ok')) ||
            undefined
          );
        }, `the replica did not sync (logs in ${dir})`);
        return replica;
      },
      stop,
    };
  } catch (error) {
    await stop();
    throw error;
  }
}

function servesSlot(line: string, slot: number): boolean {
  for (const range of line.split(' ').slice(8)) {
    const [from, to] = range.split('-').map(Number);
    if (from !== undefined && slot >= from && slot <= (to ?? from)) return true;
  }
  return false;
}

async function cli(port: number, ...args: string[]): Promise<string> {
  const client = new Redis(port, '127.0.0.1', { lazyConnect: true, maxRetriesPerRequest: 0 });
  client.on('error', () => {});
  try {
    await client.connect();
    const reply = await client.call(args[0] as string, ...args.slice(1));
    return Array.isArray(reply) ? reply.map(String).join('\n') : String(reply);
  } finally {
    client.disconnect();
  }
}

async function waitFor<T>(
  probe: () => T | undefined | Promise<T | undefined>,
  failure: string,
): Promise<T> {
  const until = Date.now() + STARTUP_MS;
  for (;;) {
    const value = await Promise.resolve()
      .then(probe)
      .catch(() => undefined);
    if (value !== undefined) return value;
    if (Date.now() > until) throw new Error(failure);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

function signal(pid: number, name: NodeJS.Signals): void {
  try {
    process.kill(pid, name);
  } catch {
    // Already gone.
  }
}

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
