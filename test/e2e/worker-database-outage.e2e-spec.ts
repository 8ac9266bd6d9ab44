import { DataSource } from 'typeorm';
import { Relay } from './pg-relay';
import { ChildWorkerHarness, eventually, startWithEx3Claim } from './worker-process';

jest.setTimeout(120_000);

/**
 * PostgreSQL is the record of every job (state, attempts, result, error; interfaces.md, Jobs). A worker whose
 * database goes away mid-job cannot write what happens to the job while it is away; once the database is back,
 * the job's row must tell the truth.
 */
describe('a worker that loses PostgreSQL while BullMQ fails its job', () => {
  const harness = new ChildWorkerHarness();
  const relay = new Relay();
  let dataSource: DataSource;
  let claimId: string;

  beforeAll(async () => {
    await relay.up();
    // The API on the database itself (to submit and read jobs); the worker through the relay.
    ({ dataSource, claimId } = await startWithEx3Claim(harness));
  });

  afterAll(async () => {
    await relay.up();
    await harness.stop();
    await relay.down();
    await dataSource?.destroy();
  });

  it('marks the row failed with the queue\'s reason once PostgreSQL is back, rather than leaving it running for ever', async () => {
    const worker = await harness.startWorkerProcess({
      DATABASE_URL: relay.databaseUrl, DRAWBACK_TEST_JOB_DELAY_MS: '5000', JOB_REQUEUE_INTERVAL_MS: '300',
    });
    const { jobId } = (await harness.post(`/claims/${claimId}/estimate`).expect(202)).body;
    await eventually('the job row', harness.jobRow(jobId), (job) => job.state === 'running');

    // Down while the attempt is paused (long enough that this always lands first, whatever the load): it fails,
    // and so do its retries (2 s, then 4 s of backoff), each before it can write a thing; BullMQ then fails the
    // job for good, and the worker cannot tell PostgreSQL.
    await relay.down();
    await eventually('the BullMQ state', () => harness.transportState('estimate', jobId), (state) => state === 'failed', 60_000);
    await worker.logged(`job ${jobId}: could not mark its row failed`);
    expect(await harness.jobRow(jobId)()).toMatchObject({ state: 'running' });

    await relay.up();
    const settled = await eventually('the job row', harness.jobRow(jobId), (job) => job.state !== 'running', 15_000);
    expect(settled).toMatchObject({ state: 'failed', error: expect.stringMatching(/^failed by the queue after 3 start\(s\): .+/) });
    expect(await worker.logged(`job ${jobId}: failed in the queue while its row said running; its row is marked failed`)).toBeTruthy();
  });
});
