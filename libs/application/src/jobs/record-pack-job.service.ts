import { basename } from 'node:path';
import { JOB_NAMES, QUEUES } from '@drawback/jobs';
import { ClaimStore, Job } from '@drawback/persistence';
import { DataSource } from 'typeorm';
import { ClaimNotFoundError } from '../claims/estimate.service';
import { RecordPackFiles } from '../record-pack/pack-files';
import { RecordPackService } from '../record-pack/record-pack.service';
import { actorOf, ClaimJobHooks, ClaimJobOutcome, runClaimJob } from './claim-job';
import { IngestAttempt } from './ingest-job.service';
import { Enqueue, JobRequester, JobService } from './job.service';

/**
 * The record pack of a claim as a job: the RecordPackService the command line runs, its zip written to
 * `<PACK_DIR>/<claimId>.zip` by temporary file and rename. The pack is reproducible, so a retried job
 * writes the same bytes again.
 */
export class RecordPackJobService {
  private readonly jobs: JobService;

  constructor(private readonly dataSource: DataSource, private readonly files: RecordPackFiles) {
    this.jobs = new JobService(dataSource);
  }

  /** A requester's job is on one of its claimants' claims only; another's claim is not found. */
  async submit(claimId: string, enqueue: Enqueue, requester?: JobRequester): Promise<Job> {
    if (!(await new ClaimStore(this.dataSource).get(claimId, requester?.claimants ?? null))) throw new ClaimNotFoundError(`no claim ${claimId}`);
    return this.jobs.submit(
      { queue: QUEUES.recordPack, name: JOB_NAMES.buildRecordPack, payload: { claimId }, apiKeyId: requester?.apiKeyId ?? null }, enqueue);
  }

  run(jobId: string, attempt: IngestAttempt, hooks: ClaimJobHooks = {}): Promise<ClaimJobOutcome> {
    return runClaimJob(this.jobs, jobId, attempt, hooks, async (claimId, job, onPhase) => {
      const claims = new ClaimStore(this.dataSource);
      const claim = await claims.get(claimId);
      if (!claim) throw new ClaimNotFoundError(`no claim ${claimId}`);
      const packs = new RecordPackService(this.dataSource, actorOf(job), job.id);
      const { path, written } = await this.files.write(claimId, (temporary) => packs.writeTo(claimId, temporary, onPhase));
      // Deleted (DELETE /claims/{id} removed its pack), or deleted and made again by the same request (the same
      // id), while the pack was made: a pack of a claim that is gone must not stay under the claim's name.
      const now = await claims.get(claimId);
      if (now?.createdAt !== claim.createdAt) {
        await this.files.remove(claimId);
        if (!now) throw new ClaimNotFoundError(`no claim ${claimId}`);
        throw new Error(`claim ${claimId} was deleted and made again while its record pack was made: it is made again`);
      }
      // The file's name only: the server's folders stay inside.
      return { claimId, file: basename(path), bytes: written.bytes, sha256: written.sha256 };
    });
  }
}
