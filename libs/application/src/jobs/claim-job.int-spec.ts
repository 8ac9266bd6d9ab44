import { randomUUID } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { openDatabase } from '@drawback/persistence';
import { DataSource } from 'typeorm';
import { TEST_DATABASE_URL } from '../../../../test/test-database';
import { writeZipFile } from '../record-pack/zip';
import { runClaimJob } from './claim-job';
import { JobService } from './job.service';

describe(runClaimJob.name, () => {
  const queueName = `int-${randomUUID()}`;
  const folder = mkdtempSync(join(tmpdir(), 'drawback-claim-job-'));
  let dataSource: DataSource;
  let jobs: JobService;

  beforeAll(async () => {
    dataSource = await openDatabase({ databaseUrl: TEST_DATABASE_URL });
    jobs = new JobService(dataSource);
  });
  afterAll(async () => {
    await dataSource.query(`DELETE FROM job WHERE queue = $1`, [queueName]);
    await dataSource.destroy();
    rmSync(folder, { recursive: true, force: true });
  });

  it('fails a record pack that would pass 4 GiB at once, with the reason: making it again cannot make it smaller', async () => {
    const job = await jobs.submit({ queue: queueName, name: 'build-record-pack', payload: { claimId: randomUUID() } }, async () => undefined);
    // A file of the pack as large as the zip format allows, and the zip made of it (its data is never read).
    const huge = { name: 'designations.csv', path: join(folder, 'never-read.csv'), crc: 0, size: 2 ** 32 };
    const outcome = await runClaimJob(jobs, job.id, { attempt: 1, maxAttempts: 3 }, {}, () => writeZipFile([huge], join(folder, 'pack.zip')).then(() => ({})));
    const reason = 'the record pack would pass 4 GiB at designations.csv, beyond the zip format used';
    expect(outcome).toEqual({ kind: 'rejected', reason });
    expect(await jobs.get(job.id)).toMatchObject({ state: 'failed', attempts: 1, error: reason });
  });
});
