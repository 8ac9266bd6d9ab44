import { Inject, Logger } from '@nestjs/common';
import { Processor, WorkerHost } from '@nestjs/bullmq';
import { IngestJobService } from '@drawback/application';
import { formatDataError } from '@drawback/domain';
import { isJobPayload, JOB_NAMES, QUEUES } from '@drawback/jobs';
import { Job, UnrecoverableError } from 'bullmq';
import { attemptOf } from './job-attempt';

/** Shown in Redis's failed reason; the job row and the ingest run keep every error. */
const ERRORS_IN_REASON = 5;

/** The `ingest` queue: one job name now, each delegated to the application service the CLI also uses. */
@Processor(QUEUES.ingest)
export class IngestProcessor extends WorkerHost {
  private readonly logger = new Logger(IngestProcessor.name);

  constructor(@Inject(IngestJobService) private readonly ingestJobs: IngestJobService) {
    super();
  }

  async process(job: Job): Promise<Record<string, unknown>> {
    switch (job.name) {
      case JOB_NAMES.ingestDataSet:
        return this.ingestDataSet(job);
      default:
        throw new UnrecoverableError(`queue ${QUEUES.ingest} has no job "${job.name}"`);
    }
  }

  private async ingestDataSet(job: Job): Promise<Record<string, unknown>> {
    if (!isJobPayload(job.data)) throw new UnrecoverableError('the payload names no job');
    const { jobId } = job.data;
    const outcome = await this.ingestJobs.run(jobId, attemptOf(job));
    switch (outcome.kind) {
      case 'completed':
        this.logger.log(`job ${jobId}: data set stored (ingest run ${String(outcome.result.runId)})`);
        return outcome.result;
      case 'skipped':
        this.logger.warn(`job ${jobId}: unknown or finished already; nothing to do`);
        return { skipped: true };
      case 'rejected': {
        // Retrying cannot fix data: fail at once.
        const shown = outcome.errors.slice(0, ERRORS_IN_REASON).map(formatDataError);
        const more = outcome.errors.length > shown.length ? [`… ${outcome.errors.length - shown.length} more`] : [];
        this.logger.log(`job ${jobId}: data set rejected with ${outcome.errors.length} error(s)`);
        throw new UnrecoverableError([`data set rejected (ingest run ${outcome.runId ?? '-'})`, ...shown, ...more].join('\n'));
      }
    }
  }
}
