import { existsSync, mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { EstimateStore, loadPriorUse, SqlSession } from '@drawback/persistence';
import { DataSource } from 'typeorm';
import { checkPackIntegrity } from '../record-pack/verify-pack';
import { RecordPackFiles } from '../record-pack/pack-files';
import { RecordPackService } from '../record-pack/record-pack.service';
import { RecordPackJobService } from '../jobs/record-pack-job.service';
import { dataSet } from '../../../../test/fixture-paths';
import { claimTestContext } from '../../../../test/claim-test-context';
import { IngestService } from '../ingest/ingest.service';
import { EstimateService } from './estimate.service';

/**
 * One import line of 1,000 KG received into lot L-1, made one for one into lot F-1 by PO-1, and two exports
 * of 600 KG of F-1 that compete for it (manufacturing, provision `a`).
 */
function competingExports(): string {
  return dataSet({
    'entries.csv': ['entry_number,entry_type,importer_number,import_date,entry_date,port_code,line_number,hts,description,country_of_origin,entered_value,quantity,uom',
      'EX1-0000001-7,01,12-3456789AB,2026-03-20,2026-03-20,3901,1,7326908688,article,CN,30000.00,1000,KG'],
    'duties.csv': ['entry_number,line_number,program,heading,amount', 'EX1-0000001-7,1,s301,9903.88.03,7500.00'],
    'lots.csv': ['entry_number,line_number,lot_id,quantity', 'EX1-0000001-7,1,L-1,1000'],
    'production.csv': ['production_order,production_date,role,lot_id,quantity,uom,hts',
      'PO-1,2026-05-01,input,L-1,1000,KG,', 'PO-1,2026-05-01,output,F-1,1000,KG,7326908688'],
    'exports.csv': ['export_id,line_number,export_date,action,exporter,destination_country,hts,description,lot_id,quantity,uom,value',
      'EXP-A,1,2026-06-15,exported,Acme,DE,7326908688,article,F-1,600,KG,4500.00',
      'EXP-B,1,2026-06-16,exported,Acme,DE,7326908688,article,F-1,600,KG,4500.00'],
  });
}

/** A second import line, received into lot L-2, that PO-0 — earlier than PO-1 — made into F-1 as well. */
function anotherOrderOfF1(): string {
  return dataSet({
    'entries.csv': ['entry_number,entry_type,importer_number,import_date,entry_date,port_code,line_number,hts,description,country_of_origin,entered_value,quantity,uom',
      'EX2-0000002-4,01,12-3456789AB,2026-02-10,2026-02-10,3901,1,7326908688,article,CN,30000.00,1000,KG'],
    'duties.csv': ['entry_number,line_number,program,heading,amount', 'EX2-0000002-4,1,s301,9903.88.03,7500.00'],
    'lots.csv': ['entry_number,line_number,lot_id,quantity', 'EX2-0000002-4,1,L-2,1000'],
    'production.csv': ['production_order,production_date,role,lot_id,quantity,uom,hts',
      'PO-0,2026-04-01,input,L-2,1000,KG,', 'PO-0,2026-04-01,output,F-1,1000,KG,7326908688'],
  });
}

const pause = (ms: number) => new Promise<'paused'>((resolve) => setTimeout(() => resolve('paused'), ms));

/**
 * Runs `interleave` once, just before the first statement of a claim's designation session that matches
 * `statement` — the window between two of its reads — then lets the statement run.
 */
function interleaveBefore(statement: RegExp, interleave: () => Promise<unknown>): jest.SpyInstance {
  const query = SqlSession.prototype.query;
  let armed = true;
  return jest.spyOn(SqlSession.prototype, 'query').mockImplementation(async function (this: SqlSession, sql: string, parameters?: unknown[]) {
    if (armed && statement.test(sql)) {
      armed = false;
      await interleave();
    }
    return query.call(this, sql, parameters) as never;
  });
}

describe('claims created while the ledger changes', () => {
  const context = claimTestContext(competingExports);
  afterEach(() => jest.restoreAllMocks());

  const takenAndDesignated = async (claimId: string) => (await context.dataSource.query(
    `SELECT (SELECT trim_scale(sum(quantity))::text FROM production_take WHERE claim_id = $1) AS taken,
            (SELECT trim_scale(sum(quantity))::text FROM designation WHERE claim_id = $1) AS designated`, [claimId]))[0];

  it('designates on one state of the ledger: a draft deleted meanwhile releases its imports before or after, never between two reads (§2.4)', async () => {
    const first = await context.service.create({ provision: 'a', exports: ['EXP-A'], asOf: '2026-11-22' });
    let deleting: Promise<unknown> = Promise.resolve();
    // The delete comes after the claim read the receipts (600 of 1,000 KG designated) and before it reads PO-1's output.
    interleaveBefore(/pi\.quantity - pi\.consumed/, async () => {
      deleting = context.service.deleteDraft(first.id);
      await Promise.race([deleting, pause(1000)]);
    });
    const second = await context.service.create({ provision: 'a', exports: ['EXP-B'], asOf: '2026-11-22' });
    await deleting;

    // PO-1 makes F-1 one for one from L-1: what the claim took of its output, it designated of L-1 — an output
    // consumed without the import it was made from would be lost to every later claim.
    const { taken, designated } = await takenAndDesignated(second.id);
    expect(designated).toBe(taken);
  });

  it('deletes a draft claim once when two deletes race: the second finds no claim', async () => {
    const claim = await context.service.create({ provision: 'a', exports: ['EXP-A'], asOf: '2026-11-22' });
    const deletions = () => context.dataSource.query(`SELECT count(*)::int AS n FROM audit_event WHERE action = 'claim.deleted'`);
    const [before] = await deletions();
    const outcomes = await Promise.all([context.service.deleteDraft(claim.id), context.service.deleteDraft(claim.id)]);
    expect(outcomes.sort()).toEqual(['deleted', 'not-found']);
    expect(await deletions()).toEqual([{ n: before.n + 1 }]);
  });

  it('refuses to delete a claim filed while the delete began, as filed (not as no claim): a filed claim is never released (§1)', async () => {
    const claim = await context.service.create({ provision: 'a', exports: ['EXP-A'], asOf: '2026-11-22' });
    // The claim is filed after the delete read it as a draft and before its DELETE runs.
    interleaveBefore(/DELETE FROM claim/, () => context.service.markFiled(claim.id));
    expect(await context.service.deleteDraft(claim.id)).toBe('not-draft');
    expect((await context.service.get(claim.id))?.status).toBe('filed');
    expect(await takenAndDesignated(claim.id)).toEqual({ taken: '600', designated: '600' });
  });

  it('counts as earlier claims, in a record pack\'s prior-use ledger, the claims that designated before it (rules §5)', async () => {
    let second: Promise<{ id: string }> = Promise.resolve({ id: '' });
    // The first claim has begun its transaction but not yet asked for the designation lock when the second
    // claim is made, whole: the second designates first.
    interleaveBefore(/pg_advisory_xact_lock/, async () => {
      second = context.service.create({ provision: 'a', exports: ['EXP-B'], asOf: '2026-11-22' });
      await second;
    });
    const first = await context.service.create({ provision: 'a', exports: ['EXP-A'], asOf: '2026-11-22' });
    const secondId = (await second).id;
    expect(await takenAndDesignated(secondId)).toEqual({ taken: '600', designated: '600' });
    expect(await takenAndDesignated(first.id)).toEqual({ taken: '400', designated: '400' });

    const earlier = async (claimId: string) => (await loadPriorUse(context.dataSource, claimId)).filter((use) => use.kind === 'import_line')
      .map((use) => use.quantity);
    expect(await earlier(secondId)).toEqual([]);
    expect(await earlier(first.id)).toEqual(['600']);
  });

  it('keeps the prior use a claim was designated on: an earlier draft deleted since still counts, and its record pack is the same bytes (rules §5, §7)', async () => {
    const first = await context.service.create({ provision: 'a', exports: ['EXP-A'], asOf: '2026-11-22' });
    const second = await context.service.create({ provision: 'a', exports: ['EXP-B'], asOf: '2026-11-22' });
    expect(await takenAndDesignated(second.id)).toEqual({ taken: '400', designated: '400' });
    const packs = new RecordPackService(context.dataSource);
    const before = (await packs.build(second.id)).zip;
    const priorUseIn = async (zip: Buffer) => (await checkPackIntegrity(zip)).files.get('prior-use.csv')?.toString('utf8');
    expect(await priorUseIn(before)).toBe('kind,entry_number,line_number,lot_id,heat_number,order_id,quantity,quantity_exact\r\n'
      + 'import_line,EX1-0000001-7,1,,,,600,\r\nreceipt,EX1-0000001-7,1,L-1,,,600,\r\norder_output,,,,,PO-1,600,\r\n');

    // 600 KG are free again, but the second claim took its 400 when they were not: made again from the data, it
    // designates 400 only with the first claim's 600 replayed — which its pack must still list.
    expect(await context.service.deleteDraft(first.id)).toBe('deleted');
    expect((await packs.build(second.id)).zip.equals(before)).toBe(true);
  });

  it('reads the prior use of a claim made before it was recorded from the claims that exist (migration 1732421100000)', async () => {
    await context.service.create({ provision: 'a', exports: ['EXP-A'], asOf: '2026-11-22' });
    const second = await context.service.create({ provision: 'a', exports: ['EXP-B'], asOf: '2026-11-22' });
    await context.dataSource.query(`DELETE FROM claim_prior_use WHERE claim_id = $1`, [second.id]);
    await context.dataSource.query(`UPDATE claim SET prior_use_recorded = false WHERE id = $1`, [second.id]);
    expect((await loadPriorUse(context.dataSource, second.id)).map((use) => `${use.kind} ${use.quantity}`))
      .toEqual(['import_line 600', 'receipt 600', 'order_output 600']);
  });

  it.each([['direct', 'auto'], ['staged', 'staged']] as const)('designates on one state of the data: a data set stored meanwhile (%s) is seen by all of the claim\'s reads or by none (§2.1, §2.4)', async (loadedBy, loader) => {
    let ingesting: Promise<unknown> = Promise.resolve();
    // The data set is stored after the claim read the lots it reaches and their receipts, before it reads the orders.
    interleaveBefore(/pi\.quantity - pi\.consumed/, async () => {
      ingesting = new IngestService(context.dataSource).ingest([anotherOrderOfF1()], { loader });
      await Promise.race([ingesting, pause(1000)]);
    });
    const claim = await context.service.create({ provision: 'a', exports: ['EXP-A'], asOf: '2026-11-22' });
    expect(await ingesting).toMatchObject({ errors: [], loadedBy });

    // Either PO-1 only (the data set not seen) or PO-0 with L-2's receipt (seen whole): what the claim took of
    // an order's output, made one for one, it designated of the order's input.
    const { taken, designated } = await takenAndDesignated(claim.id);
    expect(designated).toBe(taken);
  });

  it('makes a record pack of the claim as it was when the pack began, or none: a claim deleted meanwhile is not packed half (§7)', async () => {
    const claim = await context.service.create({ provision: 'a', exports: ['EXP-A'], asOf: '2026-11-22' });
    const packs = new RecordPackService(context.dataSource);
    const estimateIn = async (zip: Buffer) => (await checkPackIntegrity(zip)).files.get('estimate.json')?.toString('utf8');
    const whole = await estimateIn((await packs.build(claim.id)).zip);

    // The claim is deleted after the pack read it and before it reads its designations.
    const query = DataSource.prototype.query;
    let armed = true;
    jest.spyOn(DataSource.prototype, 'query').mockImplementation(async function (this: DataSource, ...args: Parameters<DataSource['query']>) {
      if (armed && /FROM designation d/.test(args[0])) {
        armed = false;
        await context.service.deleteDraft(claim.id);
      }
      return query.apply(this, args);
    });
    const during = await packs.build(claim.id).then((pack) => estimateIn(pack.zip), (error: Error) => error.constructor.name);
    expect(armed).toBe(false);
    expect([whole, 'ClaimNotFoundError']).toContain(during);
  });

  it('stores a claim\'s creation and deletion with their audit events or not at all: a process that dies between them leaves no change unrecorded', async () => {
    // The audit event cannot be written (as when the process dies right after the claim is stored).
    const refuse = (action: string) => context.dataSource.query(`
      CREATE OR REPLACE FUNCTION refuse_audit() RETURNS trigger LANGUAGE plpgsql AS $$ BEGIN RAISE EXCEPTION 'audit refused'; END $$;
      CREATE TRIGGER refuse_audit BEFORE INSERT ON audit_event FOR EACH ROW WHEN (NEW.action = '${action}') EXECUTE FUNCTION refuse_audit()`);
    const allow = () => context.dataSource.query(`DROP TRIGGER IF EXISTS refuse_audit ON audit_event; DROP FUNCTION IF EXISTS refuse_audit()`);
    const claims = async () => (await context.dataSource.query(`SELECT id::text AS id FROM claim`)).map((row: { id: string }) => row.id);
    try {
      await refuse('claim.created');
      await expect(context.service.create({ provision: 'a', exports: ['EXP-A'], asOf: '2026-11-22' })).rejects.toThrow(/audit refused/);
      expect(await claims()).toEqual([]);
      await allow();
      const claim = await context.service.create({ provision: 'a', exports: ['EXP-A'], asOf: '2026-11-22' });
      await refuse('claim.deleted');
      await expect(context.service.deleteDraft(claim.id)).rejects.toThrow(/audit refused/);
      expect(await claims()).toEqual([claim.id]);
    } finally {
      await allow();
    }
  });

  it('stores an estimate only for the claim it was computed from: not for a claim deleted and made again meanwhile (§6)', async () => {
    const first = await context.service.create({ provision: 'a', exports: ['EXP-A'], asOf: '2026-11-22' });
    const estimates = new EstimateService(context.dataSource);

    // Computed from the claim as it was (600 KG designated); before it is stored, the claim is deleted, another
    // claim takes 600 KG of F-1 and the same request makes the claim again, with the same id and 400 KG.
    const query = DataSource.prototype.query;
    let armed = true;
    jest.spyOn(DataSource.prototype, 'query').mockImplementation(async function (this: DataSource, ...args: Parameters<DataSource['query']>) {
      if (armed && /INSERT INTO estimate/.test(args[0])) {
        armed = false;
        await context.service.deleteDraft(first.id);
        await context.service.create({ provision: 'a', exports: ['EXP-B'], asOf: '2026-11-22' });
        expect((await context.service.create({ provision: 'a', exports: ['EXP-A'], asOf: '2026-11-22' })).id).toBe(first.id);
      }
      return query.apply(this, args);
    });
    await estimates.estimate(first.id).catch(() => undefined);
    expect(armed).toBe(false);
    jest.restoreAllMocks();

    const stored = await new EstimateStore(context.dataSource).get(first.id);
    if (stored) expect(stored.document).toEqual(JSON.parse(JSON.stringify(await estimates.compute(first.id))));
  });

  it('keeps no record pack file of a claim deleted, or deleted and made again, while its pack job ran (§7)', async () => {
    const first = await context.service.create({ provision: 'a', exports: ['EXP-A'], asOf: '2026-11-22' });
    const files = new RecordPackFiles(mkdtempSync(join(tmpdir(), 'drawback-races-packs-')));
    const packJobs = new RecordPackJobService(context.dataSource, files);
    const job = await packJobs.submit(first.id, async () => undefined);

    // The pack is made of the claim as it was (600 KG); before it is renamed into place, the claim is deleted,
    // another claim takes 600 KG of F-1 and the same request makes the claim again, with the same id and 400 KG.
    const query = DataSource.prototype.query;
    let armed = true;
    jest.spyOn(DataSource.prototype, 'query').mockImplementation(async function (this: DataSource, ...args: Parameters<DataSource['query']>) {
      if (armed && /INSERT INTO audit_event/.test(args[0]) && JSON.stringify(args[1]).includes('record-pack.built')) {
        armed = false;
        await context.service.deleteDraft(first.id);
        await files.remove(first.id); // as DELETE /claims/{id} does
        await context.service.create({ provision: 'a', exports: ['EXP-B'], asOf: '2026-11-22' });
        expect((await context.service.create({ provision: 'a', exports: ['EXP-A'], asOf: '2026-11-22' })).id).toBe(first.id);
      }
      return query.apply(this, args);
    });
    await packJobs.run(job.id, { attempt: 1, maxAttempts: 3 }).catch(() => undefined);
    expect(armed).toBe(false);
    jest.restoreAllMocks();

    const estimateIn = async (zip: Buffer) => (await checkPackIntegrity(zip)).files.get('estimate.json')?.toString('utf8');
    const kept = files.pathOf(first.id)!;
    if (existsSync(kept)) expect(await estimateIn(readFileSync(kept))).toBe(await estimateIn((await new RecordPackService(context.dataSource).build(first.id)).zip));
  });
});
