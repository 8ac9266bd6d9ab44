import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { InjectQueue } from '@nestjs/bullmq';
import { JobService } from '@drawback/application';
import { logConnectionErrorsQuietly, QUEUES, transportJob } from '@drawback/jobs';
import { Job } from '@drawback/persistence';
import { Queue } from 'bullmq';
import { WorkerConfig } from './config/worker-config';
import { queueFailure } from './failed-job-recorder';
import { WORKER_CONFIG } from './tokens';

/**
 * At start, and every JOB_REQUEUE_INTERVAL_MS while running, jobs queued or running in PostgreSQL but
 * missing from Redis (a Redis restart, an enqueue that failed while Redis was down) go back on their queue
 * (interfaces.md, Jobs). Deterministic ids make a race with the API or another worker harmless.
 */
@Injectable()
export class JobRequeuer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(JobRequeuer.name);
  private readonly queues: ReadonlyMap<string, Queue>;
  private timer: NodeJS.Timeout | null = null;
  private sweeping: Promise<void> | null = null;

  constructor(
    @Inject(WORKER_CONFIG) private readonly config: Readonly<WorkerConfig>,
    @Inject(JobService) private readonly jobs: JobService,
    @InjectQueue(QUEUES.ingest) ingest: Queue,
    @InjectQueue(QUEUES.retag) retag: Queue,
    @InjectQueue(QUEUES.estimate) estimate: Queue,
    @InjectQueue(QUEUES.recordPack) recordPack: Queue,
  ) {
    this.queues = new Map([[QUEUES.ingest, ingest], [QUEUES.retag, retag], [QUEUES.estimate, estimate], [QUEUES.recordPack, recordPack]]);
    for (const queue of this.queues.values()) logConnectionErrorsQuietly(queue, (line) => this.logger.warn(`queue ${queue.name}: ${line}`));
  }

  async onApplicationBootstrap(): Promise<void> {
    await this.requeueMissing();
    this.timer = setInterval(() => {
      // One sweep at a time; one that fails (Redis or PostgreSQL away) is logged and the next tries again.
      this.sweeping ??= this.requeueMissing()
        .catch((error: unknown) => this.logger.warn(`looking for jobs to re-enqueue failed: ${(error as Error).message}`))
        .finally(() => (this.sweeping = null));
    }, this.config.requeueIntervalMs);
    this.timer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.sweeping;
  }

  private async requeueMissing(): Promise<void> {
    const { requeued, failed } = await this.jobs.sweep([...this.queues.keys()], {
      has: async (job) => (await this.queueOf(job).getJob(transportJob(job).opts.jobId)) !== undefined,
      enqueue: async (job) => {
        const { name, data, opts } = transportJob(job);
        await this.queueOf(job).add(name, data, opts);
      },
      // Failed for good in Redis while the row is unfinished: the failure never reached PostgreSQL (it was
      // unreachable when BullMQ failed the job).
      failure: async (job) => {
        const carried = await this.queueOf(job).getJob(transportJob(job).opts.jobId);
        if (!carried || (await carried.getState()) !== 'failed') return null;
        return queueFailure(carried, carried.failedReason || 'no reason given');
      },
    });
    for (const job of requeued) this.logger.log(`re-enqueued job ${job.id} (${job.queue}/${job.name}, ${job.state} in PostgreSQL)`);
    for (const { job, error } of failed) this.logger.warn(`job ${job.id}: failed in the queue while its row said ${job.state}; its row is marked failed (${error})`);
  }

  private queueOf(job: Job): Queue {
    const queue = this.queues.get(job.queue);
    if (!queue) throw new Error(`no queue ${job.queue} in this worker`);
    return queue;
  }
}
