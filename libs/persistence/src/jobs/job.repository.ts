import { DataSource, In, QueryDeepPartialEntity, Repository } from 'typeorm';
import { ClaimantScope, inScope, scopeParam } from '../reads/claimant-scope';
import { JobRecord } from '../records';
import { Job, JobState, NewJob } from './job';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const UNFINISHED: JobState[] = ['queued', 'running'];

/**
 * First key of the advisory lock a delivery of a job holds while it runs (second key: hashtext of the job id).
 * Distinct from the designation, tag and rule-version locks; two jobs whose ids hash alike merely take turns.
 */
const JOB_DELIVERY_LOCK = 1_313_003;

/** Held by the delivery that runs a job; released when that delivery is done, or with its connection if it dies. */
export interface JobDeliveryLease {
  release(): Promise<void>;
}

type JobChanges = Partial<Pick<JobRecord, 'state' | 'attempts' | 'progress' | 'result' | 'error'>>;

function toJob(record: JobRecord): Job {
  return {
    id: record.id,
    queue: record.queue,
    name: record.name,
    payload: record.payload,
    state: record.state,
    attempts: record.attempts,
    progress: record.progress,
    result: record.result,
    error: record.error,
    apiKeyId: record.apiKeyId,
    createdAt: record.createdAt.toISOString(),
    updatedAt: record.updatedAt.toISOString(),
  };
}

/**
 * The `job` table, the record of every job. State changes are guarded by the state they leave, so a
 * duplicate delivery from Redis can never move a finished job backwards.
 */
export class JobRepository {
  private readonly records: Repository<JobRecord>;

  constructor(dataSource: DataSource) {
    this.records = dataSource.getRepository(JobRecord);
  }

  async create(job: NewJob): Promise<Job> {
    const record = this.records.create({ ...job, apiKeyId: job.apiKeyId ?? null, state: 'queued', attempts: 0, progress: null, result: null, error: null });
    return toJob(await this.records.save(record));
  }

  async findById(id: string): Promise<Job | null> {
    if (!UUID.test(id)) return null;
    const record = await this.records.findOneBy({ id });
    return record ? toJob(record) : null;
  }

  /**
   * A job as a key may see it: one it asked for, or one that works on its claimants' data (an ingest brought
   * for one of them: named at upload or, once it has run, its ingest run's claimant, as for a data set a key
   * for every claimant uploaded; an estimate or record pack of one of their claims); any job with a null scope.
   */
  async findVisible(id: string, apiKeyId: string | null, scope: ClaimantScope): Promise<Job | null> {
    if (!UUID.test(id)) return null;
    const [visible] = await this.records.manager.query<unknown[]>(
      `SELECT 1 FROM job j
        WHERE j.id = $1 AND ($2::text[] IS NULL OR j.api_key_id = $3::uuid OR ${inScope(`j.payload->>'claimant'`, 2)}
              OR EXISTS (SELECT 1 FROM claim c WHERE c.id::text = j.payload->>'claimId' AND ${inScope('c.claimant', 2)})
              OR (j.queue = 'ingest'
                  AND EXISTS (SELECT 1 FROM ingest_run r WHERE r.id::text = j.result->>'runId' AND ${inScope('r.claimant', 2)})))`,
      [id, scopeParam(scope), apiKeyId]);
    return visible ? this.findById(id) : null;
  }

  /** Jobs queued or running, oldest first: what Redis must still carry. */
  async listUnfinished(queues: readonly string[]): Promise<Job[]> {
    if (queues.length === 0) return [];
    const records = await this.records.find({
      where: { state: In(UNFINISHED), queue: In([...queues]) },
      order: { createdAt: 'ASC' },
    });
    return records.map(toJob);
  }

  /**
   * Waits until no other delivery of job `id` runs, then holds the job for this one: a session advisory lock on
   * a connection of its own, so that a worker that dies mid-job gives the job up with its connection.
   */
  async leaseDelivery(id: string): Promise<JobDeliveryLease> {
    const runner = this.records.manager.connection.createQueryRunner();
    await runner.connect();
    try {
      await runner.query(`SELECT pg_advisory_lock($1, hashtext($2))`, [JOB_DELIVERY_LOCK, id]);
    } catch (error) {
      await runner.release();
      throw error;
    }
    return {
      release: async () => {
        try {
          await runner.query(`SELECT pg_advisory_unlock($1, hashtext($2))`, [JOB_DELIVERY_LOCK, id]);
        } finally {
          await runner.release();
        }
      },
    };
  }

  /**
   * Starts attempt `attempt`; false when the job is finished already (or unknown). An earlier attempt's progress is
   * not this one's: it is cleared.
   */
  async markRunning(id: string, attempt: number): Promise<boolean> {
    return this.transition(id, UNFINISHED, { state: 'running', attempts: attempt, progress: null });
  }

  async recordProgress(id: string, progress: Record<string, unknown>): Promise<void> {
    await this.transition(id, ['running'], { progress });
  }

  async markCompleted(id: string, result: Record<string, unknown>): Promise<boolean> {
    return this.transition(id, UNFINISHED, { state: 'completed', result, error: null });
  }

  async markFailed(id: string, error: string, result: Record<string, unknown> | null = null): Promise<boolean> {
    return this.transition(id, UNFINISHED, { state: 'failed', error, result });
  }

  /** Back to queued after an attempt that will be retried, keeping its error for whoever looks. */
  async markWaitingForRetry(id: string, error: string): Promise<boolean> {
    return this.transition(id, ['running'], { state: 'queued', error });
  }

  private async transition(id: string, from: JobState[], changes: JobChanges): Promise<boolean> {
    if (!UUID.test(id)) return false;
    // TypeORM's deep-partial type cannot express jsonb columns holding arbitrary objects.
    const outcome = await this.records.update({ id, state: In(from) }, changes as QueryDeepPartialEntity<JobRecord>);
    return (outcome.affected ?? 0) > 0;
  }
}
