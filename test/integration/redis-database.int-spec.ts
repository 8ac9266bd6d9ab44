import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { redisDatabaseProblem } from '@drawback/jobs';
import { TEST_DATABASE_URL, TEST_REDIS_URL } from '../test-database';

const REPO = join(__dirname, '..', '..');
const withDatabase = (database: number) => {
  const url = new URL(TEST_REDIS_URL);
  url.pathname = `/${database}`;
  return url.toString();
};

/**
 * A Redis database the server refuses (SELECT 99 of 16) leaves ioredis on database 0: the apps would put their jobs
 * where nobody configured them. Configuration is validated at start with a clear message (interfaces.md).
 */
describe('the Redis database REDIS_URL names', () => {
  jest.setTimeout(60_000);

  it('is a problem when the server refuses it, and not when it keeps it or cannot be reached now', async () => {
    expect(await redisDatabaseProblem(withDatabase(99))).toMatch(/^REDIS_URL names Redis database 99, which the server refuses \(ERR DB index is out of range\)/);
    expect(await redisDatabaseProblem(TEST_REDIS_URL)).toBeNull();
    expect(await redisDatabaseProblem('redis://127.0.0.1:1/3', 500)).toBeNull();
  });

  it.each(['api', 'worker'])('stops the %s at start, naming it (exit 1)', (app) => {
    const env = {
      PATH: process.env.PATH ?? '', DATABASE_URL: TEST_DATABASE_URL, REDIS_URL: withDatabase(99), PORT: '3987', PACK_DIR: join(REPO, 'out', 'packs'),
    };
    const run = spawnSync(process.execPath, [join(REPO, 'apps', app, 'dist', 'main.js')], { cwd: REPO, env, encoding: 'utf8', timeout: 30_000 });
    expect(run.status).toBe(1);
    expect(run.stderr).toContain(`drawback ${app}: invalid configuration:\n  - REDIS_URL names Redis database 99, which the server refuses`);
  });
});
