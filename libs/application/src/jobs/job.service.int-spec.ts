import { randomUUID } from 'node:crypto';
import { openDatabase } from '@drawback/persistence';
import { Queue } from 'bullmq';
import { DataSource } from 'typeorm';
import { TEST_DATABASE_URL, TEST_REDIS_URL } from '../../../../test/test-database';
import { JobNotEnqueuedError, JobService } from './job.service';

describe(JobService.name, () => {
  // A queue name of this run's own: other suites' jobs in the shared database are never listed.
  const queueName = `int-${randomUUID()}`;
  const prefix = `int-${randomUUID()}`;
  let dataSource: DataSource;
  let jobs: JobService;
  let queue: Queue;

  const newJob = () => ({ queue: queueName, name: 'test-job', payload: { folder: '/nowhere' } });
  const noEnqueue = async () => undefined;

  beforeAll(async () => {
    dataSource = await openDatabase({ databaseUrl: TEST_DATABASE_URL });
    jobs = new JobService(dataSource);
    queue = new Queue(queueName, { connection: { url: TEST_REDIS_URL }, prefix });
  });
  afterAll(async () => {
    await queue.obliterate({ force: true });
    await queue.close();
    await dataSource.query(`DELETE FROM job WHERE queue = $1`, [queueName]);
    await dataSource.destroy();
  });

  it('records the job as queued before it is enqueued, so the queue never carries a job without its row', async () => {
    let seen: unknown;
    const job = await jobs.submit(newJob(), async (recorded) => {
      seen = await jobs.get(recorded.id);
    });
    expect(seen).toMatchObject({ id: job.id, state: 'queued', attempts: 0, payload: { folder: '/nowhere' } });
  });

  it('keeps the job queued when it cannot be enqueued, and says which job it was', async () => {
    const failure = jobs.submit(newJob(), async () => {
      throw new Error('Redis is down');
    });
    await expect(failure).rejects.toBeInstanceOf(JobNotEnqueuedError);
    const { jobId } = (await failure.catch((error: JobNotEnqueuedError) => error)) as JobNotEnqueuedError;
    expect(await jobs.get(jobId)).toMatchObject({ state: 'queued', attempts: 0 });
  });

  it('goes back to queued with the error after a failed attempt, and fails on the last one', async () => {
    const job = await jobs.submit(newJob(), noEnqueue);
    expect(await jobs.start(job.id, 1)).toMatchObject({ state: 'running', attempts: 1 });
    await jobs.attemptFailed(job.id, new Error('connection reset'), 1, 3);
    expect(await jobs.get(job.id)).toMatchObject({ state: 'queued', attempts: 1, error: 'attempt 1 of 3: connection reset' });
    await jobs.start(job.id, 3);
    await jobs.attemptFailed(job.id, new Error('connection reset'), 3, 3);
    expect(await jobs.get(job.id)).toMatchObject({ state: 'failed', attempts: 3, error: 'attempt 3 of 3: connection reset' });
  });

  it('shows a retried attempt\'s own progress, not the progress its failed attempt had made', async () => {
    const job = await jobs.submit(newJob(), noEnqueue);
    await jobs.start(job.id, 1);
    await jobs.progress(job.id, { phase: 'merging', bytesRead: 13_600_000 });
    await jobs.attemptFailed(job.id, new Error('worker killed'), 1, 3);
    expect(await jobs.start(job.id, 2)).toMatchObject({ state: 'running', attempts: 2, progress: null });
  });

  it('never moves a finished job back: a duplicate delivery finds nothing to start', async () => {
    const job = await jobs.submit(newJob(), noEnqueue);
    await jobs.start(job.id, 1);
    expect(await jobs.complete(job.id, { runId: '7' })).toBe(true);
    expect(await jobs.start(job.id, 2)).toBeNull();
    expect(await jobs.fail(job.id, 'late failure')).toBe(false);
    expect(await jobs.get(job.id)).toMatchObject({ state: 'completed', attempts: 1, result: { runId: '7' }, error: null });
  });

  it('answers null for a job id that does not exist or is not a uuid', async () => {
    expect(await jobs.get(randomUUID())).toBeNull();
    expect(await jobs.get('not-a-uuid')).toBeNull();
  });

  it('re-enqueues the unfinished jobs that the queue lost, and only those', async () => {
    const enqueue = async (job: { id: string; name: string }) => {
      await queue.add(job.name, { jobId: job.id }, { jobId: job.id });
    };
    const carried = await jobs.submit(newJob(), enqueue);
    const lost = await jobs.submit(newJob(), noEnqueue);
    const finished = await jobs.submit(newJob(), noEnqueue);
    await jobs.start(finished.id, 1);
    await jobs.complete(finished.id, {});

    const requeued = await jobs.requeueMissing([queueName], {
      has: async (job) => (await queue.getJob(job.id)) !== undefined,
      enqueue,
    });
    // Jobs of the earlier tests that were never enqueued and are still queued are lost too.
    expect(requeued.map((job) => job.id)).toContain(lost.id);
    expect(requeued.map((job) => job.id)).not.toContain(carried.id);
    expect(requeued.map((job) => job.id)).not.toContain(finished.id);
    expect(await queue.getJob(lost.id)).toMatchObject({ name: 'test-job', data: { jobId: lost.id } });
  });

  it('marks failed, with the transport\'s reason, an unfinished job the transport failed for good, and leaves the others', async () => {
    const givenUp = await jobs.submit(newJob(), noEnqueue);
    await jobs.start(givenUp.id, 3);
    const retrying = await jobs.submit(newJob(), noEnqueue);
    await jobs.start(retrying.id, 1);
    const { requeued, failed } = await jobs.sweep([queueName], {
      has: async (job) => job.id === givenUp.id || job.id === retrying.id,
      enqueue: noEnqueue,
      failure: async (job) => (job.id === givenUp.id ? 'failed by the queue after 3 start(s): connect ECONNREFUSED' : null),
    });
    expect(failed.map(({ job, error }) => [job.id, error])).toEqual([[givenUp.id, 'failed by the queue after 3 start(s): connect ECONNREFUSED']]);
    expect(requeued.map((job) => job.id)).not.toContain(givenUp.id);
    expect(await jobs.get(givenUp.id)).toMatchObject({ state: 'failed', attempts: 3, error: 'failed by the queue after 3 start(s): connect ECONNREFUSED' });
    expect(await jobs.get(retrying.id)).toMatchObject({ state: 'running', attempts: 1 });
  });
});
