import { Inject, Logger } from '@nestjs/common';
import { Processor, WorkerHost } from '@nestjs/bullmq';
import { EstimateJobService } from '@drawback/application';
import { isJobPayload, JOB_NAMES, QUEUES } from '@drawback/jobs';
import { Job, UnrecoverableError } from 'bullmq';
import { settle } from './claim-job-outcome';
import { WorkerConfig } from './config/worker-config';
import { attemptOf, testDelay } from './job-attempt';
import { WORKER_CONFIG } from './tokens';

/** The `estimate` queue: a claim's estimate, written idempotently by claim and rule version. */
@Processor(QUEUES.estimate)
export class EstimateProcessor extends WorkerHost {
  private readonly logger = new Logger(EstimateProcessor.name);

  constructor(
    @Inject(EstimateJobService) private readonly estimateJobs: EstimateJobService,
    @Inject(WORKER_CONFIG) private readonly config: WorkerConfig,
  ) {
    super();
  }

  async process(job: Job): Promise<Record<string, unknown>> {
    switch (job.name) {
      case JOB_NAMES.estimateClaim:
        return this.estimateClaim(job);
      default:
        throw new UnrecoverableError(`queue ${QUEUES.estimate} has no job "${job.name}"`);
    }
  }

  private async estimateClaim(job: Job): Promise<Record<string, unknown>> {
    if (!isJobPayload(job.data)) throw new UnrecoverableError('the payload names no job');
    const { jobId } = job.data;
    const outcome = await this.estimateJobs.run(jobId, attemptOf(job), testDelay(this.config.testJobDelayMs));
    return settle(outcome, jobId, this.logger, 'estimate written');
  }
}
