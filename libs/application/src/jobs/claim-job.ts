import { Job } from '@drawback/persistence';
import { ClaimNotFoundError } from '../claims/estimate.service';
import { ClaimRequestError } from '../claims/claim-policy';
import { RecordPackTooLargeError } from '../record-pack/zip';
import { PhaseListener } from '../progress';
import { IngestAttempt } from './ingest-job.service';
import { JobService } from './job.service';

/**
 * Who the audit trail names for what a job writes: the API key that asked for it, else the job itself,
 * whose row says what was asked.
 */
export const actorOf = (job: Pick<Job, 'id' | 'apiKeyId'>) => (job.apiKeyId ? `key:${job.apiKeyId}` : `job:${job.id}`);

export type ClaimJobOutcome =
  | { kind: 'completed'; result: Record<string, unknown> }
  /** The claim is gone, its rule data cannot be read or its pack is too large: retrying cannot fix it. */
  | { kind: 'rejected'; reason: string }
  /** Unknown or already finished: a duplicate delivery, nothing to do. */
  | { kind: 'skipped' };

export interface ClaimJobHooks {
  /**
   * Called after the attempt is recorded and before anything is written. The worker passes a pause here
   * only when its test-only DRAWBACK_TEST_JOB_DELAY_MS is set, so a test can kill it mid-job.
   */
  beforeWrite?: () => Promise<void>;
}

/**
 * The step a job is on, written to its row (`progress: { phase }`, shown by GET /jobs/{id}) in order and
 * never holding the work up: a failed write only leaves the previous step showing.
 */
function phaseWriter(jobs: JobService, jobId: string): { write: PhaseListener; flush: () => Promise<void> } {
  let chain: Promise<void> = Promise.resolve();
  return {
    write: (phase) => {
      chain = chain.then(() => jobs.progress(jobId, { phase })).catch(() => undefined);
    },
    flush: () => chain,
  };
}

/**
 * One attempt of a job on a claim (estimate, record pack): the claim id comes from the job's row, never
 * from Redis. Data errors fail the row at once; any other error is recorded on the row and rethrown so the
 * transport retries with backoff. The work must be idempotent: a worker killed after writing and before
 * completing the row runs it again.
 */
export async function runClaimJob(
  jobs: JobService,
  jobId: string,
  { attempt, maxAttempts }: IngestAttempt,
  hooks: ClaimJobHooks,
  work: (claimId: string, job: Job, onPhase: PhaseListener) => Promise<Record<string, unknown>>,
): Promise<ClaimJobOutcome> {
  const job = await jobs.start(jobId, attempt);
  if (!job) return { kind: 'skipped' };
  const claimId = job.payload.claimId;
  if (typeof claimId !== 'string' || claimId === '') {
    const reason = 'the job names no claim';
    await jobs.fail(jobId, reason);
    return { kind: 'rejected', reason };
  }
  try {
    await hooks.beforeWrite?.();
    const phases = phaseWriter(jobs, jobId);
    const result = await work(claimId, job, phases.write);
    await phases.flush();
    await jobs.complete(jobId, result);
    return { kind: 'completed', result };
  } catch (error) {
    // Data errors: the claim is gone, its request or rule data is refused, its pack is too large for the zip
    // format. Retrying cannot fix them: fail at once with the reason (interfaces.md, Jobs).
    if (error instanceof ClaimNotFoundError || error instanceof ClaimRequestError || error instanceof RecordPackTooLargeError) {
      await jobs.fail(jobId, error.message, { claimId });
      return { kind: 'rejected', reason: error.message };
    }
    // When the database is what failed, the row cannot be updated either: the transport still retries.
    await jobs.attemptFailed(jobId, error, attempt, maxAttempts).catch(() => undefined);
    throw error;
  }
}
