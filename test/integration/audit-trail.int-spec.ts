import { ClaimService, EstimateService, IngestService, RecordPackService, RecoverabilityService } from '@drawback/application';
import { AuditLog, openDatabase } from '@drawback/persistence';
import { defaultRuleData } from '@drawback/rules';
import { DataSource } from 'typeorm';
import { example } from '../fixture-paths';
import { resetData } from '../reset-data';
import { TEST_DATABASE_URL } from '../test-database';

describe('the audit trail', () => {
  let dataSource: DataSource;

  beforeAll(async () => {
    dataSource = await openDatabase({ databaseUrl: TEST_DATABASE_URL });
    await resetData(dataSource);
  });
  afterAll(async () => {
    // Leave the shipped rules active for the suites that follow.
    await new RecoverabilityService(dataSource).loadVersion(defaultRuleData());
    await dataSource.destroy();
  });

  it('records every ingest, claim change, estimate, record pack and rule version with actor, subject and digests', async () => {
    const since = (await dataSource.query(`SELECT coalesce(max(id), 0)::text AS id FROM audit_event`))[0].id;
    const actor = 'test:auditor-check';
    const ingest = await new IngestService(dataSource, actor).ingest([example('ex3-a-heat-trace-11021')]);
    const claim = await new ClaimService(dataSource, actor).create({ provision: 'a', asOf: '2026-11-22' });
    const estimate = await new EstimateService(dataSource, actor).estimate(claim.id);
    await new RecordPackService(dataSource, actor).build(claim.id);
    const changed = { ...defaultRuleData(), version: 'audit-test-version' };
    await new RecoverabilityService(dataSource, actor).loadVersion(changed);
    await new ClaimService(dataSource, actor).deleteDraft(claim.id);

    const events = (await new AuditLog(dataSource).list({ afterId: since })).filter((e) => e.actor === actor);
    expect(events.map((e) => [e.action, e.subject])).toEqual([
      ['ingest.accepted', `ingest_run:${ingest.runId}`],
      ['claim.created', `claim:${claim.id}`],
      ['estimate.written', `claim:${claim.id}`],
      ['record-pack.built', `claim:${claim.id}`],
      ['rules.loaded', 'rule_version:audit-test-version'],
      ['claim.deleted', `claim:${claim.id}`],
    ]);
    expect(events[2].after).toMatch(/^[0-9a-f]{64}$/);
    expect(events[5].before).toMatch(/^[0-9a-f]{64}$/);
    expect(estimate.totals.refund).toBe('59400.00');
  });

  it('refuses to update, delete or truncate what was recorded', async () => {
    await new AuditLog(dataSource).record({ actor: 'test', action: 'test.event', subject: 'test:1' });
    await expect(dataSource.query(`UPDATE audit_event SET actor = 'someone else'`)).rejects.toThrow(/append-only/);
    await expect(dataSource.query(`DELETE FROM audit_event`)).rejects.toThrow(/append-only/);
    await expect(dataSource.query(`TRUNCATE audit_event`)).rejects.toThrow(/append-only/);
  });
});
