import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { EstimateService, IngestService } from '@drawback/application';
import { openDatabase } from '@drawback/persistence';
import { resetData } from '../reset-data';
import { TEST_DATABASE_URL } from '../test-database';
import { ChildWorkerHarness, eventually, WorkerProcess } from './worker-process';

const CLAIMS = 8;
jest.setTimeout(120_000);

/** One import line of 10,000 KG in lot L-1 and CLAIMS export lines of 100 KG from it, one claim each. */
function dataSet(): string {
  const folder = mkdtempSync(join(tmpdir(), 'drawback-two-workers-'));
  const exportId = (i: number) => `EXP-${String(i + 1).padStart(2, '0')}`;
  const files: Record<string, string[]> = {
    'entries.csv': ['entry_number,entry_type,importer_number,import_date,entry_date,port_code,line_number,hts,description,country_of_origin,entered_value,quantity,uom',
      'EX1-0000001-7,01,12-3456789AB,2026-03-20,2026-03-20,3901,1,7326908688,article,CN,300000.00,10000,KG'],
    'duties.csv': ['entry_number,line_number,program,heading,amount', 'EX1-0000001-7,1,s301,9903.88.03,75000.00'],
    'lots.csv': ['entry_number,line_number,lot_id,quantity', 'EX1-0000001-7,1,L-1,10000'],
    'exports.csv': ['export_id,line_number,export_date,action,exporter,destination_country,hts,description,lot_id,quantity,uom,value',
      ...Array.from({ length: CLAIMS }, (_, i) => `${exportId(i)},1,2026-06-15,exported,Acme,DE,7326908688,article,L-1,100,KG,4500.00`)],
  };
  for (const [name, lines] of Object.entries(files)) writeFileSync(join(folder, name), `${lines.join('\n')}\n`);
  return folder;
}

describe('two worker processes on one Redis and one PostgreSQL', () => {
  const harness = new ChildWorkerHarness();
  let dataSource: DataSource;
  let folder: string;
  const claimIds: string[] = [];

  beforeAll(async () => {
    dataSource = await openDatabase({ databaseUrl: TEST_DATABASE_URL });
    await resetData(dataSource);
    await dataSource.query(`TRUNCATE job`);
    folder = dataSet();
    await new IngestService(dataSource).ingest([folder]);
    await harness.start();
    for (let i = 0; i < CLAIMS; i += 1) {
      const exportId = `EXP-${String(i + 1).padStart(2, '0')}`;
      claimIds.push((await harness.post('/claims').send({ provision: 'j1', exports: [exportId], asOf: '2026-11-22' }).expect(201)).body.id);
    }
  });

  afterAll(async () => {
    await harness.stop();
    await dataSource?.destroy();
    rmSync(folder, { recursive: true, force: true });
  });

  it('shares the estimate jobs between them: each runs once, on one worker, and every estimate is right', async () => {
    // A short pause in each job, so that one worker cannot drain the queue before the other takes a job; the
    // production lock timings, so that a lock renewal late under load never passes a live job for stalled.
    const slow = { DRAWBACK_TEST_JOB_DELAY_MS: '500', JOB_LOCK_DURATION_MS: '30000', JOB_STALLED_INTERVAL_MS: '30000' };
    const workers: WorkerProcess[] = await Promise.all([harness.startWorkerProcess(slow), harness.startWorkerProcess(slow)]);
    const jobIds: string[] = [];
    for (const claimId of claimIds) jobIds.push((await harness.post(`/claims/${claimId}/estimate`).expect(202)).body.jobId);

    const rows = await eventually('the job rows',
      async () => dataSource.query(`SELECT id::text AS id, state, attempts, result->>'claimId' AS "claimId" FROM job WHERE id = ANY ($1::uuid[]) ORDER BY id`, [jobIds]),
      (found: Array<{ state: string; attempts: number }>) => found.every((row) => row.state === 'completed' || row.state === 'failed'));

    // Each job's completion is logged by exactly one worker, and both workers completed some. A worker's
    // output reaches this process through a pipe, a moment after the row it wrote: wait for every line.
    const logged = (jobId: string) => workers.filter((worker) => worker.log.includes(`job ${jobId}: estimate written`)).length;
    await eventually('every job logged', async () => jobIds.map(logged), (counts) => counts.every((count) => count > 0), 10_000).catch(() => undefined);
    const ranOn = jobIds.map(logged);
    // The workers' job lines ride along, so that a failure shows what each worker did.
    const jobLines = workers.map((worker) => worker.log.split('\n').filter((line) => /job |stalled|error/i.test(line)));
    const states = rows.map((row: { state: string; attempts: number }) => [row.state, row.attempts]);
    const tookPart = workers.map((worker) => jobIds.some((jobId) => worker.log.includes(`job ${jobId}: estimate written`)));
    expect({ states, ranOn, tookPart, jobLines }).toEqual({
      states: jobIds.map(() => ['completed', 1]), ranOn: jobIds.map(() => 1), tookPart: [true, true], jobLines: expect.anything(),
    });

    const estimates = await dataSource.query(`SELECT claim_id::text AS "claimId", document FROM estimate ORDER BY claim_id`);
    expect(estimates.map((e: { claimId: string }) => e.claimId)).toEqual([...claimIds].sort());
    for (const estimate of estimates) {
      expect(estimate.document).toBe(JSON.stringify(await new EstimateService(dataSource).estimate(estimate.claimId)));
      // 100 of 10,000 KG: 1% of the 75,000.00 section 301 duty, 99% of it refunded.
      expect(JSON.parse(estimate.document).totals).toMatchObject({ designated: '750.00', refund: '742.50' });
    }
  });
});
