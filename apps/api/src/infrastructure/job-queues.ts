import { Injectable, Logger } from '@nestjs/common';
import { InjectQueue } from '@nestjs/bullmq';
import { Enqueue } from '@drawback/application';
import { logConnectionErrorsQuietly, QUEUES, transportJob } from '@drawback/jobs';
import { Job } from '@drawback/persistence';
import { Queue } from 'bullmq';

/** How long a request waits for Redis before answering that the queue is unavailable. */
const ENQUEUE_TIMEOUT_MS = 5000;

/** Puts recorded jobs on BullMQ: the job id only, under a deterministic transport id. */
@Injectable()
export class JobQueues {
  private readonly logger = new Logger(JobQueues.name);

  constructor(
    @InjectQueue(QUEUES.ingest) private readonly ingest: Queue,
    @InjectQueue(QUEUES.retag) private readonly retag: Queue,
    @InjectQueue(QUEUES.estimate) private readonly estimate: Queue,
    @InjectQueue(QUEUES.recordPack) private readonly recordPack: Queue,
  ) {
    for (const queue of [ingest, retag, estimate, recordPack]) logConnectionErrorsQuietly(queue, (line) => this.logger.warn(`queue ${queue.name}: ${line}`));
  }

  readonly enqueueIngest: Enqueue = (job: Job) => enqueueWithin(this.ingest, job);

  readonly enqueueRetag: Enqueue = (job: Job) => enqueueWithin(this.retag, job);

  readonly enqueueEstimate: Enqueue = (job: Job) => enqueueWithin(this.estimate, job);

  readonly enqueueRecordPack: Enqueue = (job: Job) => enqueueWithin(this.recordPack, job);
}

async function enqueueWithin(queue: Queue, job: Job): Promise<void> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`Redis did not answer within ${ENQUEUE_TIMEOUT_MS} ms`)), ENQUEUE_TIMEOUT_MS);
  });
  try {
    // Should the add still land after the timeout, the deterministic id keeps it single.
    const { name, data, opts } = transportJob(job);
    await Promise.race([queue.add(name, data, opts), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

