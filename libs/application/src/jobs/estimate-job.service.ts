import { JOB_NAMES, QUEUES } from '@drawback/jobs';
import { ClaimStore, Job } from '@drawback/persistence';
import { DataSource } from 'typeorm';
import { ClaimNotFoundError, EstimateService } from '../claims/estimate.service';
import { actorOf, ClaimJobHooks, ClaimJobOutcome, runClaimJob } from './claim-job';
import { IngestAttempt } from './ingest-job.service';
import { Enqueue, JobRequester, JobService } from './job.service';

/**
 * The estimate of a claim as a job: the API asks for it, the worker runs the EstimateService the command
 * line runs. The estimate row is keyed by claim and rule version and rewritten only when it differs, so a
 * retried or repeated job leaves one row with the same text.
 */
export class EstimateJobService {
  private readonly jobs: JobService;

  constructor(private readonly dataSource: DataSource) {
    this.jobs = new JobService(dataSource);
  }

  /** A requester's job is on one of its claimants' claims only; another's claim is not found. */
  async submit(claimId: string, enqueue: Enqueue, requester?: JobRequester): Promise<Job> {
    if (!(await new ClaimStore(this.dataSource).get(claimId, requester?.claimants ?? null))) throw new ClaimNotFoundError(`no claim ${claimId}`);
    return this.jobs.submit(
      { queue: QUEUES.estimate, name: JOB_NAMES.estimateClaim, payload: { claimId }, apiKeyId: requester?.apiKeyId ?? null }, enqueue);
  }

  run(jobId: string, attempt: IngestAttempt, hooks: ClaimJobHooks = {}): Promise<ClaimJobOutcome> {
    return runClaimJob(this.jobs, jobId, attempt, hooks, async (claimId, job, onPhase) => {
      const estimate = await new EstimateService(this.dataSource, actorOf(job), job.id).estimate(claimId, onPhase);
      return { claimId, ruleVersion: estimate.rules.version, totals: estimate.totals };
    });
  }
}
