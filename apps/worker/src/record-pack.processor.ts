import { Inject, Logger } from '@nestjs/common';
import { Processor, WorkerHost } from '@nestjs/bullmq';
import { RecordPackJobService } from '@drawback/application';
import { isJobPayload, JOB_NAMES, QUEUES } from '@drawback/jobs';
import { Job, UnrecoverableError } from 'bullmq';
import { settle } from './claim-job-outcome';
import { WorkerConfig } from './config/worker-config';
import { attemptOf, testDelay } from './job-attempt';
import { WORKER_CONFIG } from './tokens';

/** The `record-pack` queue: a claim's record pack, written to PACK_DIR by temporary file and rename. */
@Processor(QUEUES.recordPack)
export class RecordPackProcessor extends WorkerHost {
  private readonly logger = new Logger(RecordPackProcessor.name);

  constructor(
    @Inject(RecordPackJobService) private readonly recordPackJobs: RecordPackJobService,
    @Inject(WORKER_CONFIG) private readonly config: WorkerConfig,
  ) {
    super();
  }

  async process(job: Job): Promise<Record<string, unknown>> {
    switch (job.name) {
      case JOB_NAMES.buildRecordPack:
        return this.buildRecordPack(job);
      default:
        throw new UnrecoverableError(`queue ${QUEUES.recordPack} has no job "${job.name}"`);
    }
  }

  private async buildRecordPack(job: Job): Promise<Record<string, unknown>> {
    if (!isJobPayload(job.data)) throw new UnrecoverableError('the payload names no job');
    const { jobId } = job.data;
    const outcome = await this.recordPackJobs.run(jobId, attemptOf(job), testDelay(this.config.testJobDelayMs));
    return settle(outcome, jobId, this.logger, 'record pack written');
  }
}
