import { ClaimantScope, Job, JobRepository, NewJob } from '@drawback/persistence';
import { DataSource } from 'typeorm';

/** Puts a job on its transport (BullMQ); given by the app, so this library stays free of Redis. */
export type Enqueue = (job: Job) => Promise<void>;

/**
 * Who asks for a job over the API: the key, recorded on the job row (the job acts in its name in the audit
 * trail), and the claimants it may see.
 */
export interface JobRequester {
  apiKeyId: string;
  claimants: ClaimantScope;
}

/** What the worker start needs to know of the transport: whether it still carries a job. */
export interface JobTransport {
  has(job: Job): Promise<boolean>;
  enqueue: Enqueue;
  /**
   * Why the transport gave up on a job it still carries (failed for good: attempts exhausted, stalled too
   * often, unrecoverable), or null while it still runs or retries it.
   */
  failure?(job: Job): Promise<string | null>;
}

/** What a sweep of the unfinished jobs did: jobs put back on the transport, rows marked failed. */
export interface JobSweep {
  requeued: Job[];
  failed: Array<{ job: Job; error: string }>;
}

/** The job was recorded but could not be put on the queue; it stays queued and is re-enqueued at worker start. */
export class JobNotEnqueuedError extends Error {
  constructor(readonly jobId: string, cause: unknown) {
    super(`job ${jobId} is recorded but could not be queued: ${(cause as Error)?.message ?? String(cause)}`, { cause });
    this.name = 'JobNotEnqueuedError';
  }
}

/**
 * The life of a job in PostgreSQL, which is its record (interfaces.md, Jobs): recorded first, then
 * enqueued, so that a job can never be on Redis without its row.
 */
export class JobService {
  private readonly jobs: JobRepository;

  constructor(dataSource: DataSource) {
    this.jobs = new JobRepository(dataSource);
  }

  async submit(job: NewJob, enqueue: Enqueue): Promise<Job> {
    const recorded = await this.jobs.create(job);
    try {
      await enqueue(recorded);
    } catch (error) {
      throw new JobNotEnqueuedError(recorded.id, error);
    }
    return recorded;
  }

  get(id: string): Promise<Job | null> {
    return this.jobs.findById(id);
  }

  /** A job as a requester may see it: one it asked for, or one working on its claimants' data. */
  getVisible(id: string, requester: JobRequester): Promise<Job | null> {
    return this.jobs.findVisible(id, requester.apiKeyId, requester.claimants);
  }

  /**
   * Runs `delivery` as the only delivery of job `id` under way: another delivery of the same job (BullMQ
   * redelivering a job whose worker it judged stalled, a requeue racing the first run) waits until this one
   * ends, and then finds the job finished (`start` gives null) unless this one handed it back for a retry.
   */
  async oneDeliveryAtATime<T>(id: string, delivery: () => Promise<T>): Promise<T> {
    const lease = await this.jobs.leaseDelivery(id);
    try {
      return await delivery();
    } finally {
      // Unlocking fails only with the connection, and the lock goes with it: nothing is left held.
      await lease.release().catch(() => undefined);
    }
  }

  /** Starts an attempt; null when the job is unknown or finished (a duplicate delivery does nothing). */
  async start(id: string, attempt: number): Promise<Job | null> {
    return (await this.jobs.markRunning(id, attempt)) ? this.jobs.findById(id) : null;
  }

  progress(id: string, progress: Record<string, unknown>): Promise<void> {
    return this.jobs.recordProgress(id, progress);
  }

  complete(id: string, result: Record<string, unknown>): Promise<boolean> {
    return this.jobs.markCompleted(id, result);
  }

  fail(id: string, error: string, result: Record<string, unknown> | null = null): Promise<boolean> {
    return this.jobs.markFailed(id, error, result);
  }

  /**
   * An attempt failed for a reason retrying may fix: the last attempt fails the job, an earlier one puts
   * it back to queued with the error, while the transport waits out its backoff.
   */
  async attemptFailed(id: string, error: unknown, attempt: number, maxAttempts: number): Promise<void> {
    const message = (error as Error)?.message ?? String(error);
    if (attempt >= maxAttempts) await this.jobs.markFailed(id, `attempt ${attempt} of ${maxAttempts}: ${message}`);
    else await this.jobs.markWaitingForRetry(id, `attempt ${attempt} of ${maxAttempts}: ${message}`);
  }

  /**
   * Jobs queued or running in PostgreSQL that the transport lost (a Redis restart, an enqueue that
   * failed) go back on it. Returns the jobs re-enqueued.
   */
  async requeueMissing(queues: readonly string[], transport: JobTransport): Promise<Job[]> {
    return (await this.sweep(queues, transport)).requeued;
  }

  /**
   * Brings the rows of unfinished jobs in step with the transport: a job it lost goes back on it; a job it
   * failed for good is marked failed with its reason. The transport's failure normally reaches the row at
   * once (the worker's failed-job listener), but not when PostgreSQL was unreachable just then: without
   * this the row would say `running` for ever, though PostgreSQL is the record of every job (interfaces.md, Jobs).
   */
  async sweep(queues: readonly string[], transport: JobTransport): Promise<JobSweep> {
    const done: JobSweep = { requeued: [], failed: [] };
    for (const job of await this.jobs.listUnfinished(queues)) {
      if (await transport.has(job)) {
        const error = (await transport.failure?.(job)) ?? null;
        if (error !== null && (await this.jobs.markFailed(job.id, error))) done.failed.push({ job, error });
        continue;
      }
      await transport.enqueue(job);
      done.requeued.push(job);
    }
    return done;
  }
}
