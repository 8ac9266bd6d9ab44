import { spawn } from 'node:child_process';
import { randomUUID } from 'node:crypto';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { openDatabase } from '@drawback/persistence';
import { TEST_DATABASE_URL } from '../test-database';

const REPO = join(__dirname, '..', '..');
const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * A worker or command killed in the middle of a statement must not leave its backend running it, holding its
 * locks, while the job's retry waits for them: each connection asks PostgreSQL to check for its client as a
 * statement runs (client_connection_check_interval, 5 s).
 */
describe('a process killed in the middle of a statement', () => {
  jest.setTimeout(90_000);
  let dataSource: DataSource;
  beforeAll(async () => {
    dataSource = await openDatabase({ databaseUrl: TEST_DATABASE_URL });
  });
  afterAll(() => dataSource.destroy());

  const backendsRunning = async (tag: string) => (await dataSource.query(
    `SELECT count(*)::int AS n FROM pg_stat_activity WHERE query LIKE $1 AND pid <> pg_backend_pid()`, [`%${tag}%`]))[0].n as number;

  it('leaves no backend running its statement: the server notices the client is gone and ends it', async () => {
    const tag = `killed-${randomUUID()}`;
    const program = `require('@drawback/persistence').openDatabase({ databaseUrl: process.env.URL })
      .then((db) => db.query("SELECT pg_sleep(300) /* ${tag} */"))`;
    const child = spawn(process.execPath, ['-e', program], { cwd: REPO, env: { ...process.env, URL: TEST_DATABASE_URL }, stdio: 'ignore' });
    const exited = new Promise((resolve) => child.on('exit', resolve));
    while ((await backendsRunning(tag)) === 0) {
      expect(child.exitCode).toBeNull();
      await pause(100);
    }
    child.kill('SIGKILL');
    await exited;

    // Checked every 5 s: within 30 s the statement is over (without the check it would run its 300 s).
    for (let waited = 0; waited < 30_000 && (await backendsRunning(tag)) > 0; waited += 250) await pause(250);
    expect(await backendsRunning(tag)).toBe(0);
  });
});
