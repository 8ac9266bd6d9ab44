import { AuditLog, openDatabase } from '@drawback/persistence';
import { defaultRuleData } from '@drawback/rules';
import { DataSource } from 'typeorm';
import { example } from '../../../../test/fixture-paths';
import { resetData } from '../../../../test/reset-data';
import { TEST_DATABASE_URL } from '../../../../test/test-database';
import { RecoverabilityService } from '../recoverability/recoverability.service';
import { IngestService } from '../ingest/ingest.service';
import { JobService } from './job.service';
import { RetagJobService } from './retag-job.service';

const ONE_ATTEMPT = { attempt: 1, maxAttempts: 3 };
const noEnqueue = async () => undefined;

describe(RetagJobService.name, () => {
  let dataSource: DataSource;
  let retagJobs: RetagJobService;
  const tagCount = async () => (await dataSource.query(`SELECT count(*)::int AS n FROM bucket_tag`))[0].n as number;

  beforeAll(async () => {
    dataSource = await openDatabase({ databaseUrl: TEST_DATABASE_URL });
    retagJobs = new RetagJobService(dataSource);
    await resetData(dataSource);
    // CASCADE reaches the tables that reference a rule version (claims).
    await dataSource.query(`TRUNCATE bucket_tag, rule_version CASCADE`);
    for (const name of ['ex1-j1-section301-mpf', 'ex3-a-heat-trace-11021']) await new IngestService(dataSource).ingest([example(name)]);
    // Ingest does not tag; the view of the shipped version is made here, as the ingest job does.
    await new RecoverabilityService(dataSource).tagUntagged();
  });
  afterAll(() => dataSource.destroy());

  it('retags with the active version and records the result on the job', async () => {
    const tags = await tagCount();
    const job = await retagJobs.submit(noEnqueue);
    expect(job).toMatchObject({ queue: 'retag', name: 'retag-all', state: 'queued', payload: {} });
    const outcome = await retagJobs.run(job.id, ONE_ATTEMPT);
    expect(outcome).toEqual({ kind: 'completed', result: { version: defaultRuleData().version, tags } });
    expect(await new JobService(dataSource).get(job.id)).toMatchObject({ state: 'completed', attempts: 1, result: { tags } });
    expect(await tagCount()).toBe(tags);
  });

  it('does nothing on a duplicate delivery of a finished job', async () => {
    const job = await retagJobs.submit(noEnqueue);
    await retagJobs.run(job.id, ONE_ATTEMPT);
    expect(await retagJobs.run(job.id, { attempt: 2, maxAttempts: 3 })).toEqual({ kind: 'skipped' });
  });

  it('lets retags of one version take turns: run at once, both complete and the tags are written once', async () => {
    const tags = await tagCount();
    const jobs = await Promise.all([retagJobs.submit(noEnqueue), retagJobs.submit(noEnqueue), retagJobs.submit(noEnqueue)]);
    const outcomes = await Promise.all(jobs.map((job) => retagJobs.run(job.id, ONE_ATTEMPT)));
    expect(outcomes.map((outcome) => outcome.kind)).toEqual(['completed', 'completed', 'completed']);
    expect(await tagCount()).toBe(tags);
  });

  it('records one rules.retagged audit event for a job delivered twice at once (a redelivery while the first still runs)', async () => {
    const job = await retagJobs.submit(noEnqueue);
    const outcomes = await Promise.all([retagJobs.run(job.id, ONE_ATTEMPT), retagJobs.run(job.id, { attempt: 2, maxAttempts: 3 })]);
    expect(outcomes.map((outcome) => outcome.kind)).toEqual(['completed', 'completed']);
    const events = (await new AuditLog(dataSource).list({ subject: `rule_version:${defaultRuleData().version}`, limit: 1000 }))
      .filter((event) => event.action === 'rules.retagged' && event.actor === `job:${job.id}`);
    expect(events.map((event) => event.detail)).toEqual([{ tags: await tagCount(), job: job.id }]);
  });
});

