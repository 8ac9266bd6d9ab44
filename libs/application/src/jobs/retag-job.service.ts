import { JOB_NAMES, QUEUES } from '@drawback/jobs';
import { Job } from '@drawback/persistence';
import { DataSource } from 'typeorm';
import { RecoverabilityService, RuleDataError } from '../recoverability/recoverability.service';
import { IngestAttempt } from './ingest-job.service';
import { actorOf } from './claim-job';
import { Enqueue, JobRequester, JobService } from './job.service';

export type RetagJobOutcome =
  | { kind: 'completed'; result: { version: string; tags: number } }
  /** The active rule data cannot be read: retrying cannot fix it. */
  | { kind: 'rejected'; reason: string }
  /** Unknown or already finished: a duplicate delivery, nothing to do. */
  | { kind: 'skipped' };

/**
 * Retag as a job: the API asks for it after loading a rule version, the worker runs the same
 * RecoverabilityService.retag the command line runs. Tags are replaced per version in one transaction,
 * so a retried or repeated retag writes the same rows once.
 */
export class RetagJobService {
  private readonly jobs: JobService;

  constructor(private readonly dataSource: DataSource) {
    this.jobs = new JobService(dataSource);
  }

  submit(enqueue: Enqueue, requester?: JobRequester): Promise<Job> {
    return this.jobs.submit({ queue: QUEUES.retag, name: JOB_NAMES.retagAll, payload: {}, apiKeyId: requester?.apiKeyId ?? null }, enqueue);
  }

  async run(jobId: string, { attempt, maxAttempts }: IngestAttempt): Promise<RetagJobOutcome> {
    const job = await this.jobs.start(jobId, attempt);
    if (!job) return { kind: 'skipped' };
    try {
      const result = await new RecoverabilityService(this.dataSource, actorOf(job), job.id).retag();
      await this.jobs.complete(jobId, result);
      return { kind: 'completed', result };
    } catch (error) {
      if (error instanceof RuleDataError) {
        await this.jobs.fail(jobId, error.message, { problems: error.problems });
        return { kind: 'rejected', reason: error.message };
      }
      // When the database is what failed, the row cannot be updated either: the transport still retries.
      await this.jobs.attemptFailed(jobId, error, attempt, maxAttempts).catch(() => undefined);
      throw error;
    }
  }
}
