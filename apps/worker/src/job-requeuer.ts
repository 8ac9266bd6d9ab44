import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { InjectQueue } from '@nestjs/bullmq';
import { JobService } from '@drawback/application';
import { QUEUES, transportJob } from '@drawback/jobs';
import { Job } from '@drawback/persistence';
import { Queue } from 'bullmq';

/**
 * At start, jobs queued or running in PostgreSQL but missing from Redis (a Redis restart, an enqueue that
 * failed) go back on their queue (interfaces.md, Jobs). Deterministic ids make a race with the API harmless.
 */
@Injectable()
export class JobRequeuer implements OnApplicationBootstrap {
  private readonly logger = new Logger(JobRequeuer.name);
  private readonly queues: ReadonlyMap<string, Queue>;

  constructor(
    @Inject(JobService) private readonly jobs: JobService,
    @InjectQueue(QUEUES.ingest) ingest: Queue,
    @InjectQueue(QUEUES.retag) retag: Queue,
    @InjectQueue(QUEUES.estimate) estimate: Queue,
    @InjectQueue(QUEUES.recordPack) recordPack: Queue,
  ) {
    this.queues = new Map([[QUEUES.ingest, ingest], [QUEUES.retag, retag], [QUEUES.estimate, estimate], [QUEUES.recordPack, recordPack]]);
  }

  async onApplicationBootstrap(): Promise<void> {
    const requeued = await this.jobs.requeueMissing([...this.queues.keys()], {
      has: async (job) => (await this.queueOf(job).getJob(transportJob(job).opts.jobId)) !== undefined,
      enqueue: async (job) => {
        const { name, data, opts } = transportJob(job);
        await this.queueOf(job).add(name, data, opts);
      },
    });
    for (const job of requeued) this.logger.log(`re-enqueued job ${job.id} (${job.queue}/${job.name}, ${job.state} in PostgreSQL)`);
  }

  private queueOf(job: Job): Queue {
    const queue = this.queues.get(job.queue);
    if (!queue) throw new Error(`no queue ${job.queue} in this worker`);
    return queue;
  }
}
