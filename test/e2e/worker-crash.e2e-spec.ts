import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { DataSource } from 'typeorm';
import { EstimateService } from '@drawback/application';
import { ChildWorkerHarness, eventually, startWithEx3Claim } from './worker-process';

/** Long enough that the kill always lands while the job is active, whatever the machine's load. */
const SLOW = { DRAWBACK_TEST_JOB_DELAY_MS: '60000' };
jest.setTimeout(120_000);

describe('a worker killed mid-job (SIGKILL): the job is taken again and completes once', () => {
  const harness = new ChildWorkerHarness();
  let dataSource: DataSource;
  let claimId: string;
  const estimateRows = async () => dataSource.query(`SELECT document FROM estimate WHERE claim_id = $1`, [claimId]);

  beforeAll(async () => {
    ({ dataSource, claimId } = await startWithEx3Claim(harness));
  });

  afterAll(async () => {
    await harness.stop();
    await dataSource?.destroy();
  });

  it('recovers a stalled estimate job: completed on a second attempt, one estimate row, the same JSON EstimateService computes', async () => {
    const first = await harness.startWorkerProcess(SLOW);
    const { jobId } = (await harness.post(`/claims/${claimId}/estimate`).expect(202)).body;
    await eventually('the job row', harness.jobRow(jobId), (job) => job.state === 'running');
    expect(await harness.transportState('estimate', jobId)).toBe('active');

    await first.kill();
    expect(await harness.jobRow(jobId)()).toMatchObject({ state: 'running', attempts: 1 });
    expect(await estimateRows()).toEqual([]);

    const second = await harness.startWorkerProcess();
    const done = await eventually('the job row', harness.jobRow(jobId), (job) => job.state === 'completed' || job.state === 'failed');
    expect(done).toMatchObject({ state: 'completed', error: null, result: { claimId } });
    expect(done.attempts).toBeGreaterThanOrEqual(2);
    expect(await second.logged(`job ${jobId}: estimate written`)).toContain(`job ${jobId}: estimate written`);
    expect(first.log).not.toContain(`job ${jobId}: estimate written`);

    const rows = await estimateRows();
    expect(rows).toHaveLength(1);
    expect(rows[0].document).toBe(JSON.stringify(await new EstimateService(dataSource).estimate(claimId)));
    expect(await estimateRows()).toHaveLength(1);
    expect(await harness.transportState('estimate', jobId)).toBe('completed');

    // SIGTERM: Nest runs the shutdown hooks (workers, then the pool), then lets the signal end the process.
    expect(await second.stop()).toEqual({ code: null, signal: 'SIGTERM' });
  });

  it('fails the job row when the job stalls more often than JOB_MAX_STALLED_COUNT allows, though none of our code ran', async () => {
    const first = await harness.startWorkerProcess({ ...SLOW, JOB_MAX_STALLED_COUNT: '0' });
    const { jobId } = (await harness.post(`/claims/${claimId}/record-pack`).expect(202)).body;
    await eventually('the job row', harness.jobRow(jobId), (job) => job.state === 'running');
    await first.kill();

    const second = await harness.startWorkerProcess({ JOB_MAX_STALLED_COUNT: '0' });
    const done = await eventually('the job row', harness.jobRow(jobId), (job) => job.state === 'completed' || job.state === 'failed');
    expect(done).toMatchObject({ state: 'failed', attempts: 1, error: expect.stringContaining('job stalled more than allowable limit') });
    expect(await harness.transportState('record-pack', jobId)).toBe('failed');
    expect(await second.logged(`job ${jobId}: failed by the queue`)).toContain(`job ${jobId}: failed by the queue`);
    expect(second.log).not.toContain(`job ${jobId}: record pack written`);
    expect(existsSync(join(harness.env.PACK_DIR, `${claimId}.zip`))).toBe(false);
  });
});
