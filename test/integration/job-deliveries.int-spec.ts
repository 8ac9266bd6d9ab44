import { randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ClaimJobHooks, ClaimService, EstimateJobService, EstimateService, IngestJobService, IngestService, RecordPackFiles, RecordPackJobService, RecordPackService,
} from '@drawback/application';
import { AuditLog, digestOf, openDatabase } from '@drawback/persistence';
import { DataSource } from 'typeorm';
import { copyOfExample, example } from '../fixture-paths';
import { resetData } from '../reset-data';
import { TEST_DATABASE_URL } from '../test-database';

/** Hooks that hold every delivery before it writes until `count` deliveries have arrived: all run at once. */
function barrier(count: number): ClaimJobHooks {
  let arrived = 0;
  let open: () => void = () => undefined;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return {
    beforeWrite: async () => {
      arrived += 1;
      if (arrived === count) open();
      await opened;
    },
  };
}

/** Runs job `jobId` by two deliveries at once (attempts 1 and 2, held until both have arrived); their outcomes' kinds. */
async function deliveredTwiceAtOnce(service: Pick<EstimateJobService, 'run'>, jobId: string): Promise<string[]> {
  const hooks = barrier(2);
  const outcomes = await Promise.all([1, 2].map((attempt) => service.run(jobId, { attempt, maxAttempts: 3 }, hooks)));
  return outcomes.map((outcome) => outcome.kind);
}

/**
 * A job delivered twice while its first delivery still runs (a stalled-job check that misjudged a busy worker,
 * two workers): both deliveries start, both write, and the results must be as if it had run once
 * (interfaces.md, Jobs: "results are written idempotently, keyed by the job's inputs") — the audit trail
 * among them.
 */
describe('a job delivered twice at once (BullMQ redelivery while the first delivery runs)', () => {
  let dataSource: DataSource;
  let claimId: string;
  const packDir = mkdtempSync(join(tmpdir(), 'drawback-deliveries-'));
  const noEnqueue = async () => undefined;
  const events = async (action: string) =>
    (await new AuditLog(dataSource).list({ subject: `claim:${claimId}`, limit: 1000 })).filter((event) => event.action === action);

  beforeAll(async () => {
    dataSource = await openDatabase({ databaseUrl: TEST_DATABASE_URL });
    await resetData(dataSource);
    await new IngestService(dataSource).ingest([example('ex3-a-heat-trace-11021')]);
    claimId = (await new ClaimService(dataSource).create({ provision: 'a', asOf: '2026-11-22' })).id;
  });
  afterAll(async () => {
    await dataSource.query(`DELETE FROM job WHERE payload->>'claimId' = $1`, [claimId]);
    await dataSource.destroy();
    rmSync(packDir, { recursive: true, force: true });
  });

  it('writes one estimate row and one estimate.written audit event for the job, however many deliveries ran it', async () => {
    const estimates = new EstimateJobService(dataSource);
    const job = await estimates.submit(claimId, noEnqueue);
    expect(await deliveredTwiceAtOnce(estimates, job.id)).toEqual(['completed', 'completed']);
    const rows = await dataSource.query(`SELECT sha256 FROM estimate WHERE claim_id = $1`, [claimId]);
    expect(rows).toHaveLength(1);
    // Claim ids are deterministic (the same request, the same id): other suites' events of this claim may be there too.
    const ofJob = async () => (await events('estimate.written')).filter((event) => event.actor === `job:${job.id}`);
    const written = await ofJob();
    expect(written.map((event) => [event.after, event.detail])).toEqual([[rows[0].sha256, { job: job.id }]]);
    // Delivered once more after it completed: nothing to do, nothing recorded.
    expect(await estimates.run(job.id, { attempt: 3, maxAttempts: 3 })).toEqual({ kind: 'skipped' });
    expect(await ofJob()).toHaveLength(1);
  });

  it('writes one record pack and one record-pack.built audit event for the job, however many deliveries ran it', async () => {
    const packs = new RecordPackJobService(dataSource, new RecordPackFiles(packDir));
    const job = await packs.submit(claimId, noEnqueue);
    expect(await deliveredTwiceAtOnce(packs, job.id)).toEqual(['completed', 'completed']);
    expect(readdirSync(packDir)).toEqual([`${claimId}.zip`]);
    const bytes = readFileSync(join(packDir, `${claimId}.zip`));
    expect(bytes.equals((await new RecordPackService(dataSource).build(claimId)).zip)).toBe(true);
    const built = (await events('record-pack.built')).filter((event) => event.actor === `job:${job.id}`);
    expect(built.map((event) => [event.after, event.detail])).toEqual([[digestOf(bytes), { job: job.id }]]);
  });

  it('still records an event each time the command line (no job) estimates the claim', async () => {
    const before = (await events('estimate.written')).length;
    await new EstimateService(dataSource, 'test:cli').estimate(claimId);
    await new EstimateService(dataSource, 'test:cli').estimate(claimId);
    expect((await events('estimate.written')).length).toBe(before + 2);
  });
});

/**
 * An ingest job delivered twice at once: unlike an estimate, two ingest runs cannot both be "the" result —
 * the later would report every row unchanged in the job's result. So a job has one delivery under way at a time.
 */
describe('an ingest job delivered twice at once (BullMQ redelivery while the first delivery runs)', () => {
  let dataSource: DataSource;
  const folder = copyOfExample('ex3-a-heat-trace-11021');

  beforeAll(async () => {
    dataSource = await openDatabase({ databaseUrl: TEST_DATABASE_URL });
    await resetData(dataSource);
  });
  afterAll(async () => {
    await dataSource.destroy();
    rmSync(folder, { recursive: true, force: true });
  });

  it('runs the ingest once: the later delivery waits for the first, finds the job done and does nothing', async () => {
    const ingestJobs = new IngestJobService(dataSource);
    const uploadId = randomUUID();
    const job = await ingestJobs.submit({ uploadId, folder, files: readdirSync(folder) }, async () => undefined);
    const outcomes = await Promise.all([1, 2].map((attempt) => ingestJobs.run(job.id, { attempt, maxAttempts: 3 })));
    expect(outcomes.map((outcome) => outcome.kind).sort()).toEqual(['completed', 'skipped']);

    const runs = await dataSource.query(`SELECT id::text, counts FROM ingest_run WHERE source = $1`, [`upload ${uploadId}`]);
    expect(runs).toHaveLength(1);
    const [row] = await dataSource.query(`SELECT state, result FROM job WHERE id = $1`, [job.id]);
    expect(row.state).toBe('completed');
    expect(row.result.runId).toBe(runs[0].id);
    expect(row.result.counts.entries.new).toBeGreaterThan(0);
    expect(row.result.counts).toEqual(runs[0].counts);
    // Stored: the upload's folder is not kept.
    expect(existsSync(folder)).toBe(false);
  });

  it('reports the run an earlier attempt committed when retried after it (the worker died while tagging), and does not ingest again', async () => {
    const retried = copyOfExample('ex1-j1-section301-mpf');
    const ingestJobs = new IngestJobService(dataSource);
    const uploadId = randomUUID();
    const job = await ingestJobs.submit({ uploadId, folder: retried, files: readdirSync(retried) }, async () => undefined);
    // What attempt 1 committed before it died: the data set stored under the upload's source.
    const first = await new IngestService(dataSource).ingest([retried], { source: `upload ${uploadId}` });
    expect(first.accepted).toBe(true);

    expect((await ingestJobs.run(job.id, { attempt: 2, maxAttempts: 3 })).kind).toBe('completed');

    const runs = await dataSource.query(`SELECT id::text, counts, loaded_by FROM ingest_run WHERE source = $1`, [`upload ${uploadId}`]);
    expect(runs).toEqual([{ id: first.runId, counts: first.counts, loaded_by: first.loadedBy }]);
    const [row] = await dataSource.query(`SELECT state, result FROM job WHERE id = $1`, [job.id]);
    expect(row).toEqual({ state: 'completed', result: { runId: first.runId, counts: first.counts, loadedBy: first.loadedBy } });
    expect(existsSync(retried)).toBe(false);
  });

  it('completes a job the queue gave up on (its worker died too often) with the run a dying attempt had committed; fails one with none', async () => {
    const ingestJobs = new IngestJobService(dataSource);
    const committed = { folder: copyOfExample('ex2-j2-lesser-of'), uploadId: randomUUID() };
    const never = { folder: copyOfExample('ex2-j2-lesser-of'), uploadId: randomUUID() };
    const jobs = await Promise.all([committed, never].map((upload) =>
      ingestJobs.submit({ ...upload, files: readdirSync(upload.folder) }, async () => undefined)));
    for (const job of jobs) await dataSource.query(`UPDATE job SET state = 'running', attempts = 1 WHERE id = $1`, [job.id]);
    const stored = await new IngestService(dataSource).ingest([committed.folder], { source: `upload ${committed.uploadId}` });

    const given = 'failed by the queue after 2 start(s): job stalled more than allowable limit';
    expect(await ingestJobs.givenUp(jobs[0].id, given)).toBe('completed');
    expect(await ingestJobs.givenUp(jobs[1].id, given)).toBe('failed');
    expect(await ingestJobs.givenUp(jobs[1].id, given)).toBe('unchanged');

    const rows = await dataSource.query(`SELECT state, result, error FROM job WHERE id = ANY ($1::uuid[]) ORDER BY array_position($1::uuid[], id)`, [jobs.map((job) => job.id)]);
    expect(rows).toEqual([
      { state: 'completed', result: { runId: stored.runId, counts: stored.counts, loadedBy: stored.loadedBy }, error: null },
      { state: 'failed', result: null, error: given },
    ]);
    expect([existsSync(committed.folder), existsSync(never.folder)]).toEqual([false, false]);
  });
});
