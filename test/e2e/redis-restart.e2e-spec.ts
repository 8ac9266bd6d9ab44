import { ChildProcess, spawn } from 'node:child_process';
import { once } from 'node:events';
import { createServer } from 'node:net';
import { JobNotEnqueuedError, JobService, RecordPackFiles, RecordPackJobService } from '@drawback/application';
import { transportJob } from '@drawback/jobs';
import { Queue } from 'bullmq';
import { Redis } from 'ioredis';
import { DataSource } from 'typeorm';
import { TEST_REDIS_URL } from '../test-database';
import { ChildWorkerHarness, eventually, startWithEx3Claim } from './worker-process';

jest.setTimeout(120_000);

/** A port nobody listens on now, for a Redis server of this test's own. */
async function freePort(): Promise<number> {
  const server = createServer();
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as { port: number };
  server.close();
  await once(server, 'close');
  return port;
}

/** A redis-server of the test's own, without persistence: stopping it loses every key, as a crash would. */
async function startRedis(port: number): Promise<ChildProcess> {
  const server = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  await eventually('the test redis-server', async () => {
    const client = new Redis(port, '127.0.0.1', { lazyConnect: true, maxRetriesPerRequest: 0, retryStrategy: () => null });
    client.on('error', () => undefined);
    try {
      await client.connect();
      return await client.ping();
    } catch {
      return 'down';
    } finally {
      client.disconnect();
    }
  }, (answer) => answer === 'PONG', 10_000);
  return server;
}

async function stopRedis(server: ChildProcess): Promise<void> {
  if (server.exitCode !== null || server.signalCode !== null) return;
  const exited = once(server, 'exit');
  server.kill('SIGKILL');
  await exited;
}

describe('a job recorded in PostgreSQL but lost by Redis is re-enqueued at worker start and completes', () => {
  const harness = new ChildWorkerHarness();
  let dataSource: DataSource;
  let claimId: string;
  const jobRow = (jobId: string) => async () => (await harness.get(`/jobs/${jobId}`).expect(200)).body;
  const finished = (job: { state: string }) => job.state === 'completed' || job.state === 'failed';

  beforeAll(async () => {
    ({ dataSource, claimId } = await startWithEx3Claim(harness));
  });

  afterAll(async () => {
    await harness.stop();
    await dataSource?.destroy();
  });

  it('after the queue keys are gone (what a restart without persistence does), a new worker re-enqueues the job', async () => {
    const { jobId } = (await harness.post(`/claims/${claimId}/estimate`).expect(202)).body;
    // Only this test's keys: its own prefix on the test database, never anyone else's data.
    const redis = new Redis(TEST_REDIS_URL);
    try {
      const keys = await redis.keys(`${harness.queuePrefix}:*`);
      expect(keys.length).toBeGreaterThan(0);
      await redis.del(...keys);
    } finally {
      await redis.quit();
    }
    const queue = new Queue('estimate', { connection: { url: TEST_REDIS_URL }, prefix: harness.queuePrefix });
    expect(await queue.getJob(`estimate-${jobId}`)).toBeUndefined();
    await queue.close();
    expect(await jobRow(jobId)()).toMatchObject({ state: 'queued', attempts: 0 });

    const worker = await harness.startWorkerProcess();
    expect(await eventually('the job row', jobRow(jobId), finished)).toMatchObject({ state: 'completed', attempts: 1, result: { claimId } });
    expect(await worker.logged(`re-enqueued job ${jobId} (estimate/estimate-claim, queued in PostgreSQL)`)).toContain('re-enqueued');
    const [{ rows }] = await dataSource.query(`SELECT count(*)::int AS rows FROM estimate WHERE claim_id = $1`, [claimId]);
    expect(rows).toBe(1);
    await worker.kill();
  });

  it('after a real restart of a Redis server of its own, a new worker re-enqueues the job', async () => {
    const port = await freePort();
    const redisUrl = `redis://127.0.0.1:${port}/0`;
    let redis = await startRedis(port);
    try {
      const queue = new Queue('record-pack', { connection: { url: redisUrl }, prefix: harness.queuePrefix });
      const packJobs = new RecordPackJobService(dataSource, new RecordPackFiles(harness.env.PACK_DIR));
      const job = await packJobs.submit(claimId, async (recorded) => {
        const { name, data, opts } = transportJob(recorded);
        await queue.add(name, data, opts);
      });
      expect(await queue.getJob(`record-pack-${job.id}`)).toBeDefined();
      await queue.close();

      await stopRedis(redis);
      redis = await startRedis(port);

      const worker = await harness.startWorkerProcess({ REDIS_URL: redisUrl });
      const done = await eventually('the job row', async () => new JobService(dataSource).get(job.id), (row) => row !== null && finished(row));
      expect(done).toMatchObject({ state: 'completed', attempts: 1, result: { claimId, file: `${claimId}.zip` } });
      expect(await worker.logged(`re-enqueued job ${job.id} (record-pack/build-record-pack, queued in PostgreSQL)`)).toContain('re-enqueued');
      await worker.kill();
    } finally {
      await stopRedis(redis);
    }
  });

  it('a worker already running puts back on its queue a job recorded while Redis could not take it', async () => {
    const worker = await harness.startWorkerProcess({ JOB_REQUEUE_INTERVAL_MS: '500' });
    const packJobs = new RecordPackJobService(dataSource, new RecordPackFiles(harness.env.PACK_DIR));
    // What the API answers 503 QUEUE_UNAVAILABLE for: recorded in PostgreSQL, refused by the queue.
    const refused = await packJobs.submit(claimId, async () => {
      throw new Error('connect ECONNREFUSED 127.0.0.1:6379');
    }).catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(JobNotEnqueuedError);
    const jobId = (refused as JobNotEnqueuedError).jobId;

    const done = await eventually('the job row', async () => new JobService(dataSource).get(jobId), (row) => row !== null && finished(row));
    expect(done).toMatchObject({ state: 'completed', attempts: 1, result: { claimId } });
    expect(await worker.logged(`re-enqueued job ${jobId} (record-pack/build-record-pack, queued in PostgreSQL)`)).toContain('re-enqueued');
    await worker.kill();
  });
});
