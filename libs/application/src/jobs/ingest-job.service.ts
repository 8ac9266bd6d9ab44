import { rm } from 'node:fs/promises';
import { DataError, formatDataError } from '@drawback/domain';
import { JOB_NAMES, QUEUES } from '@drawback/jobs';
import { IngestRunsRead, Job } from '@drawback/persistence';
import { DataSource } from 'typeorm';
import { IngestProgress, IngestService } from '../ingest/ingest.service';
import { RecoverabilityService } from '../recoverability/recoverability.service';
import { actorOf } from './claim-job';
import { Enqueue, JobRequester, JobService } from './job.service';

/** A data set uploaded into its own folder; the job row keeps it, Redis only the job id. */
export interface IngestUpload {
  uploadId: string;
  folder: string;
  files: string[];
  /** The claimant the data set is brought for (IngestOptions.claimant); absent: as the data set tells. */
  claimant?: string;
}

export type IngestJobOutcome =
  | { kind: 'completed'; result: Record<string, unknown> }
  | { kind: 'rejected'; runId: string | null; errors: DataError[] }
  /** Unknown or already finished: a duplicate delivery, nothing to do. */
  | { kind: 'skipped' };

export interface IngestAttempt {
  attempt: number;
  maxAttempts: number;
}

/** How many errors the job's `error` text lists; the ingest run keeps every one. */
const ERRORS_IN_JOB = 50;
const PROGRESS_INTERVAL_MS = 1000;

/**
 * Ingest as a job: the API submits an upload, the worker runs it with the same IngestService the command
 * line uses. A rejected data set is an outcome, not an exception: retrying cannot fix data.
 */
export class IngestJobService {
  private readonly jobs: JobService;

  constructor(private readonly dataSource: DataSource) {
    this.jobs = new JobService(dataSource);
  }

  submit(upload: IngestUpload, enqueue: Enqueue, requester?: JobRequester): Promise<Job> {
    return this.jobs.submit(
      { queue: QUEUES.ingest, name: JOB_NAMES.ingestDataSet, payload: { ...upload }, apiKeyId: requester?.apiKeyId ?? null }, enqueue);
  }

  /**
   * One delivery at a time: two deliveries of one ingest job at once would make two ingest runs, the later
   * reporting every row unchanged in the job's result. The later waits, and finds the job done.
   */
  run(jobId: string, attempt: IngestAttempt): Promise<IngestJobOutcome> {
    return this.jobs.oneDeliveryAtATime(jobId, () => this.runDelivery(jobId, attempt));
  }

  private async runDelivery(jobId: string, { attempt, maxAttempts }: IngestAttempt): Promise<IngestJobOutcome> {
    const job = await this.jobs.start(jobId, attempt);
    if (!job) return { kind: 'skipped' };
    const upload = job.payload as Partial<IngestUpload>;
    if (typeof upload.folder !== 'string' || typeof upload.uploadId !== 'string') {
      const error: DataError = { file: '-', line: 0, column: '-', message: 'the job names no upload folder' };
      await this.jobs.fail(jobId, formatDataError(error), { runId: null, errorCount: 1, errors: [error] });
      return { kind: 'rejected', runId: null, errors: [error] };
    }
    const source = `upload ${upload.uploadId}`;
    try {
      // An earlier attempt committed the data set and died after (tagging its rows takes most of a large job): its
      // run is the job's result, and the upload is not ingested again (interfaces.md: results written idempotently).
      const stored = await new IngestRunsRead(this.dataSource).acceptedRunOf(source);
      if (stored) return await this.completeStored(jobId, upload.folder, stored);
      const progress = this.progressWriter(jobId);
      const report = await new IngestService(this.dataSource, actorOf(job)).ingest([upload.folder], {
        source,
        ...(typeof upload.claimant === 'string' ? { claimant: upload.claimant } : {}),
        onProgress: progress.write,
      });
      await progress.flush();
      if (!report.accepted) {
        await this.jobs.fail(jobId, describeErrors(report.errors, report.runId), {
          runId: report.runId, errorCount: report.errors.length, errors: report.errors.slice(0, ERRORS_IN_JOB),
        });
        await discardUpload(upload.folder);
        return { kind: 'rejected', runId: report.runId, errors: report.errors };
      }
      return await this.completeStored(jobId, upload.folder, { runId: report.runId, counts: report.counts, loadedBy: report.loadedBy });
    } catch (error) {
      // When the database is what failed, the row cannot be updated either: the transport still retries.
      await this.jobs.attemptFailed(jobId, error, attempt, maxAttempts).catch(() => undefined);
      if (attempt >= maxAttempts) await discardUpload(upload.folder);
      throw error;
    }
  }

  /**
   * The transport gave the job up without our code deciding it (its worker died more often than it may, or would not
   * retry): an attempt that had committed the data set makes the job completed with that run — its data is stored,
   * and the next ingest or portfolio tags whatever the dying attempt had not — else the job fails with `error`. The
   * upload is not needed either way. Returns whether the row changed (a job finished already is left as it is).
   */
  async givenUp(jobId: string, error: string): Promise<'completed' | 'failed' | 'unchanged'> {
    const job = await this.jobs.get(jobId);
    const upload = (job?.payload ?? {}) as Partial<IngestUpload>;
    const stored = typeof upload.uploadId === 'string' ? await new IngestRunsRead(this.dataSource).acceptedRunOf(`upload ${upload.uploadId}`) : null;
    const changed = stored ? await this.jobs.complete(jobId, stored) : await this.jobs.fail(jobId, error);
    if (typeof upload.folder === 'string') await discardUpload(upload.folder);
    if (!changed) return 'unchanged';
    return stored ? 'completed' : 'failed';
  }

  /** A data set stored: its new rows tagged (the API's entry views read the recoverability view), then the job done. */
  private async completeStored(jobId: string, folder: string, result: Record<string, unknown>): Promise<IngestJobOutcome> {
    await new RecoverabilityService(this.dataSource).tagUntagged();
    await this.jobs.complete(jobId, result);
    await discardUpload(folder);
    return { kind: 'completed', result };
  }

  /** Progress goes to the job row at most once a second (and at each phase), in order, never blocking ingest. */
  private progressWriter(jobId: string) {
    let chain: Promise<void> = Promise.resolve();
    let lastPhase: string | undefined;
    let lastWrite = 0;
    return {
      write: (progress: IngestProgress) => {
        const now = Date.now();
        if (progress.phase === lastPhase && now - lastWrite < PROGRESS_INTERVAL_MS) return;
        lastPhase = progress.phase;
        lastWrite = now;
        const snapshot = { ...progress };
        chain = chain.then(() => this.jobs.progress(jobId, snapshot)).catch(() => undefined);
      },
      flush: () => chain,
    };
  }
}

/**
 * Once its job has ended for good (stored, rejected, or its last attempt failed) an upload's folder is removed:
 * what was accepted is in the database with each file's sha256, and the client still has its files. Until then
 * it is kept, so that a retried attempt reads it again.
 */
async function discardUpload(folder: string): Promise<void> {
  await rm(folder, { recursive: true, force: true, maxRetries: 3, retryDelay: 50 }).catch(() => undefined);
}

function describeErrors(errors: readonly DataError[], runId: string | null): string {
  const shown = errors.slice(0, ERRORS_IN_JOB).map(formatDataError);
  const more = errors.length - shown.length;
  const tail = more > 0 ? [`… and ${more} more${runId ? ` (ingest run ${runId} lists them all)` : ''}`] : [];
  return [`the data set was rejected with ${errors.length} error(s):`, ...shown, ...tail].join('\n');
}
