import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { WorkerHost } from '@nestjs/bullmq';
import { IngestJobService, JobService } from '@drawback/application';
import { isJobPayload, QUEUES } from '@drawback/jobs';
import { Job } from 'bullmq';
import { PROCESSORS } from './processors';

/** The error a job's row records when the queue failed it for good. */
export function queueFailure(job: Pick<Job, 'attemptsStarted'>, reason: string): string {
  return `failed by the queue after ${job.attemptsStarted} start(s): ${reason}`;
}

/**
 * Keeps a job's row in step when BullMQ fails the job without our processors deciding it. A job whose
 * worker died mid-job more than `maxStalledCount` times (JOB_MAX_STALLED_COUNT) is failed by the next worker
 * that takes it — "job stalled more than allowable limit" — before any of our code runs; without this its row
 * would stay `running` for ever. Rows our processors already finished are left as they are (the state
 * change is guarded), and a failed attempt that BullMQ will retry changes nothing.
 */
@Injectable()
export class FailedJobRecorder implements OnApplicationBootstrap {
  private readonly logger = new Logger(FailedJobRecorder.name);

  constructor(
    @Inject(JobService) private readonly jobs: JobService,
    @Inject(IngestJobService) private readonly ingestJobs: IngestJobService,
    @Inject(PROCESSORS) private readonly processors: WorkerHost[],
  ) {}

  onApplicationBootstrap(): void {
    for (const processor of this.processors) {
      processor.worker.on('failed', (job, error) => void this.record(job, error));
    }
  }

  async record(job: Job | undefined, error: Error): Promise<void> {
    if (!job || !isJobPayload(job.data)) return;
    // BullMQ sets finishedOn only when it gives up on the job; an UnrecoverableError is never retried.
    const final = job.finishedOn !== undefined || error.name === 'UnrecoverableError';
    if (!final) return;
    const { jobId } = job.data;
    try {
      // An ingest whose dying attempt had committed its data set is done: its run is the result, not a failure.
      if (job.queueName === QUEUES.ingest) {
        const outcome = await this.ingestJobs.givenUp(jobId, queueFailure(job, error.message));
        if (outcome !== 'unchanged') this.logger.warn(`job ${jobId}: given up by the queue (${error.message}); its row is marked ${outcome}`);
      } else if (await this.jobs.fail(jobId, queueFailure(job, error.message))) {
        this.logger.warn(`job ${jobId}: failed by the queue (${error.message}); its row is marked failed`);
      }
    } catch (cause) {
      // PostgreSQL unreachable, most likely: the job requeuer's next sweep marks the row failed (JobService.sweep).
      this.logger.error(`job ${jobId}: could not mark its row failed: ${(cause as Error)?.message ?? cause}`);
    }
  }
}
