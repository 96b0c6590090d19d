import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { exitStatus, filesNeedingRedis, notRunLine, planRedis } from '../../scripts/test.js';

const ROOT = fileURLToPath(new URL('../..', import.meta.url));

describe('npm test provisions redis-server or names the tests it leaves out', () => {
  it('runs when redis-server is there, installs it as root with apt-get, else leaves its tests out', () => {
    expect(planRedis({ installed: true, root: false, aptGet: false })).toEqual({ action: 'run' });
    expect(planRedis({ installed: false, root: true, aptGet: true })).toEqual({
      action: 'install',
    });
    expect(planRedis({ installed: false, root: false, aptGet: true })).toEqual({
      action: 'leave-out',
      why: 'redis-server is not installed and installing it needs root (`apt-get install -y redis-server`)',
    });
    expect(planRedis({ installed: false, root: true, aptGet: false })).toEqual({
      action: 'leave-out',
      why: 'redis-server is not installed and there is no apt-get',
    });
  });

  it('says in one line which files it did not run and why', () => {
    expect(notRunLine(['test/redis/faults.test.ts'], 'no apt-get')).toBe(
      'Not run: 1 test file that needs redis-server (test/redis/faults.test.ts): no apt-get.',
    );
    const line = notRunLine(['a.test.ts', 'b.test.ts'], 'why');
    expect(line).toBe('Not run: 2 test files that need redis-server (a.test.ts, b.test.ts): why.');
    expect(line).not.toContain('\n');
  });

  it('fails for tests left out only under CI=true; a vitest failure always fails', () => {
    expect(exitStatus(0, 0, true)).toBe(0);
    expect(exitStatus(0, 3, false)).toBe(0);
    expect(exitStatus(0, 3, true)).toBe(1);
    expect(exitStatus(1, 0, false)).toBe(1);
    expect(exitStatus(2, 3, false)).toBe(2);
  });

  it('finds the files that start a redis-server by their import, and only those', () => {
    const files = filesNeedingRedis(ROOT);
    expect(files).toEqual(
      expect.arrayContaining([
        'examples/asterisk-fastagi/fastagi.test.ts',
        'examples/twilio/twilio.test.ts',
        'test/cli/redis-ledger.test.ts',
        'test/redis/faults.test.ts',
      ]),
    );
    expect(files.every((file) => file.endsWith('.test.ts'))).toBe(true);
    expect(files).not.toContain('test/redis/loading.test.ts');
    expect(files).not.toContain('test/tooling/test-command.test.ts');
  });
});
