import { Inject, Logger } from '@nestjs/common';
import { Processor, WorkerHost } from '@nestjs/bullmq';
import { RetagJobService } from '@drawback/application';
import { isJobPayload, JOB_NAMES, QUEUES } from '@drawback/jobs';
import { Job, UnrecoverableError } from 'bullmq';
import { attemptOf } from './job-attempt';

/** The `retag` queue: recomputes the recoverability view with the active rule version. */
@Processor(QUEUES.retag)
export class RetagProcessor extends WorkerHost {
  private readonly logger = new Logger(RetagProcessor.name);

  constructor(@Inject(RetagJobService) private readonly retagJobs: RetagJobService) {
    super();
  }

  async process(job: Job): Promise<Record<string, unknown>> {
    switch (job.name) {
      case JOB_NAMES.retagAll:
        return this.retagAll(job);
      default:
        throw new UnrecoverableError(`queue ${QUEUES.retag} has no job "${job.name}"`);
    }
  }

  private async retagAll(job: Job): Promise<Record<string, unknown>> {
    if (!isJobPayload(job.data)) throw new UnrecoverableError('the payload names no job');
    const { jobId } = job.data;
    const outcome = await this.retagJobs.run(jobId, attemptOf(job));
    switch (outcome.kind) {
      case 'completed':
        this.logger.log(`job ${jobId}: ${outcome.result.tags} tags written with rule version ${outcome.result.version}`);
        return outcome.result;
      case 'skipped':
        this.logger.warn(`job ${jobId}: unknown or finished already; nothing to do`);
        return { skipped: true };
      case 'rejected':
        // Retrying cannot fix the rule data: fail at once.
        throw new UnrecoverableError(outcome.reason);
    }
  }
}
