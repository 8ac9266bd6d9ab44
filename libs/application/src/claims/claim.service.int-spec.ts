import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { claimTestContext } from '../../../../test/claim-test-context';
import { IngestService } from '../ingest/ingest.service';
import { RecordPackService } from '../record-pack/record-pack.service';
import { defaultRuleData } from '@drawback/rules';
import { RecoverabilityService } from '../recoverability/recoverability.service';
import { ClaimService } from './claim.service';
import { EstimateService } from './estimate.service';
import { ClaimRequestError } from './claim-policy';

/** One import line of 1,000 KG in lot L-1, and twelve export lines of 150 KG each from that lot. */
function dataSet(): string {
  const folder = mkdtempSync(join(tmpdir(), 'drawback-ledger-'));
  const files: Record<string, string[]> = {
    'entries.csv': ['entry_number,entry_type,importer_number,import_date,entry_date,port_code,line_number,hts,description,country_of_origin,entered_value,quantity,uom',
      'EX1-0000001-7,01,12-3456789AB,2026-03-20,2026-03-20,3901,1,7326908688,article,CN,30000.00,1000,KG'],
    'duties.csv': ['entry_number,line_number,program,heading,amount', 'EX1-0000001-7,1,s301,9903.88.03,7500.00'],
    'lots.csv': ['entry_number,line_number,lot_id,quantity', 'EX1-0000001-7,1,L-1,1000'],
    'exports.csv': ['export_id,line_number,export_date,action,exporter,destination_country,hts,description,lot_id,quantity,uom,value',
      ...Array.from({ length: 12 }, (_, i) => `EXP-${String(i + 1).padStart(2, '0')},1,2026-06-15,exported,Acme,DE,7326908688,article,L-1,150,KG,4500.00`)],
  };
  for (const [name, lines] of Object.entries(files)) writeFileSync(join(folder, name), `${lines.join('\n')}\n`);
  return folder;
}

/** A second importer's entry, 98-7654321CD's EX9-0000009-2: one line of 1,000 KG received into `lot`. */
function otherImporter(lot: string): string {
  const folder = mkdtempSync(join(tmpdir(), 'drawback-other-importer-'));
  writeFileSync(join(folder, 'entries.csv'), ['entry_number,entry_type,importer_number,import_date,entry_date,port_code,line_number,hts,description,country_of_origin,entered_value,quantity,uom',
    'EX9-0000009-2,01,98-7654321CD,2026-01-05,2026-01-05,3901,1,7326908688,article,CN,30000.00,1000,KG'].join('\n') + '\n');
  writeFileSync(join(folder, 'duties.csv'), 'entry_number,line_number,program,heading,amount\nEX9-0000009-2,1,s301,9903.88.03,7500.00\n');
  writeFileSync(join(folder, 'lots.csv'), `entry_number,line_number,lot_id,quantity\nEX9-0000009-2,1,${lot},1000\n`);
  return folder;
}

describe(ClaimService.name, () => {
  const context = claimTestContext(() => dataSet());

  const designated = async () => (await context.dataSource.query(
    `SELECT trim_scale(el.designated)::text AS line, (SELECT trim_scale(sum(quantity))::text FROM designation) AS rows FROM entry_line el`))[0];

  it('never over-designates an import line when claims over the same imports are created concurrently', async () => {
    const exports = Array.from({ length: 12 }, (_, i) => `EXP-${String(i + 1).padStart(2, '0')}`);
    const claims = await Promise.allSettled(exports.map((id) => context.service.create({ provision: 'j1', exports: [id], asOf: '2026-11-22' })));
    expect(claims.filter((claim) => claim.status === 'rejected').map((claim) => String((claim as PromiseRejectedResult).reason))).toEqual([]);
    expect(await designated()).toEqual({ line: '1000', rows: '1000' });
    const unmatched = await context.dataSource.query(`SELECT trim_scale(sum(quantity))::text AS quantity, min(reason) AS reason FROM claim_unmatched`);
    expect(unmatched).toEqual([{ quantity: '800', reason: 'QUANTITY_EXHAUSTED' }]);
  });

  it('refuses, in the database itself, a designation beyond what is left of an import line', async () => {
    await context.service.create({ provision: 'j1', exports: ['EXP-01'], asOf: '2026-11-22' });
    const [claim] = await context.dataSource.query(`SELECT id FROM claim`);
    await expect(context.dataSource.query(
      `INSERT INTO designation (claim_id, sequence, export_line_id, entry_line_id, quantity, method, trace)
       SELECT $1, 99, x.id, el.id, 900, 'lot', '[]' FROM export_line x, entry_line el WHERE x.export_id = 'EXP-02'`, [claim.id]))
      .rejects.toThrow(/entry_line_not_over_designated/);
  });

  it('says what it is doing as it makes a claim, its estimate and its record pack (the command line shows it on a terminal)', async () => {
    const phases: string[] = [];
    const claim = await context.service.create({ provision: 'j1', exports: ['EXP-01', 'EXP-02'], asOf: '2026-11-22' }, null, (phase) => phases.push(phase));
    await new EstimateService(context.dataSource).estimate(claim.id, (phase) => phases.push(phase));
    const folder = mkdtempSync(join(tmpdir(), 'drawback-phases-'));
    await new RecordPackService(context.dataSource).writeTo(claim.id, join(folder, 'pack.zip'), (phase) => phases.push(phase));
    rmSync(folder, { recursive: true, force: true });
    expect(phases).toEqual([
      'selecting the export lines', 'reading the imports available to 2 export lines', 'designating imports for 2 export lines',
      'storing 2 designations in the ledger',
      'reading the claim\'s designations', 'deciding the duty buckets of 2 designations', 'storing the estimate',
      'reading the claim', 'deciding the duty buckets of 2 designations', 'writing estimate.json', 'writing designations.csv',
      'writing duty-buckets.csv', 'writing import-lines.csv', 'writing export-lines.csv', 'writing prior-use.csv', 'writing trace.json', 'writing evidence-checklist.csv',
      'writing evidence-documents.csv', 'writing production-orders.csv',
      'writing rules.json', 'writing summary.html', 'writing manifest.json', 'writing the zip',
    ]);
  });

  it('puts an export line in one claim only', async () => {
    await context.service.create({ provision: 'j1', exports: ['EXP-01'], asOf: '2026-11-22' });
    await expect(context.service.create({ provision: 'j1', exports: ['EXP-01'], asOf: '2026-11-22' })).rejects.toBeInstanceOf(ClaimRequestError);
  });

  it('says why a request leaves nothing to claim: every export line taken, or a claimant the data does not know', async () => {
    await context.service.create({ provision: 'j1', asOf: '2026-11-22' });
    await expect(context.service.create({ provision: 'j1', asOf: '2026-11-22' }))
      .rejects.toEqual(new ClaimRequestError(['every export line that matches the request is already in a claim']));
    await expect(context.service.create({ provision: 'j1', asOf: '2026-11-22', claimant: 'bogus' }))
      .rejects.toEqual(new ClaimRequestError(['claimant bogus is the importer of no stored entry and the claimant of no stored export line']));
  });

  it('releases the designations of a deleted draft claim', async () => {
    const claim = await context.service.create({ provision: 'j1', exports: ['EXP-01', 'EXP-02'], asOf: '2026-11-22' });
    expect(await designated()).toEqual({ line: '300', rows: '300' });
    expect(await context.service.deleteDraft(claim.id)).toBe('deleted');
    expect(await designated()).toEqual({ line: '0', rows: null });
    const again = await context.service.create({ provision: 'j1', exports: ['EXP-01'], asOf: '2026-11-22' });
    expect(again.result.designations.map((d) => d.quantity)).toEqual(['150']);
  });

  it('lists the "Other" subheadings among the unverified rules of a j2 estimate when the active version marks that list unverified', async () => {
    const recoverability = new RecoverabilityService(context.dataSource);
    const shipped = defaultRuleData();
    try {
      await recoverability.loadVersion({ ...shipped, version: 'test-other-unverified', otherSubheadings: { ...shipped.otherSubheadings, verified: false } });
      const j2 = await context.service.create({ provision: 'j2', exports: ['EXP-01'], asOf: '2026-11-22' });
      const j1 = await context.service.create({ provision: 'j1', exports: ['EXP-02'], asOf: '2026-11-22' });
      const estimates = new EstimateService(context.dataSource);
      expect((await estimates.compute(j2.id)).rules.unverified).toContain('J2-OTHER-SUBHEADINGS');
      expect((await estimates.compute(j1.id)).rules.unverified).not.toContain('J2-OTHER-SUBHEADINGS');
    } finally {
      await recoverability.loadVersion(shipped); // the suites that follow expect the shipped rules active
    }
  });

  it('refuses a policy setting it does not know or support, naming it', async () => {
    await expect(context.service.create({ provision: 'j1', exports: ['EXP-01'], asOf: '2026-11-22', policy: { lesser_of: 'aggregate' } }))
      .rejects.toThrow(/lesser_of=aggregate/);
  });

  it('designates any stored import when unscoped, and only the scope\'s importers\' imports for a scoped key', async () => {
    expect((await new IngestService(context.dataSource).ingest([otherImporter('L-1')])).errors).toEqual([]);
    const designatedImports = async (claimId: string) => context.dataSource.query(
      `SELECT ie.importer_number, d.method, trim_scale(d.quantity)::text AS quantity FROM designation d
         JOIN entry_line el ON el.id = d.entry_line_id JOIN import_entry ie ON ie.id = el.entry_id
        WHERE d.claim_id = $1 ORDER BY d.sequence`, [claimId]);

    // §2.1: the lot's candidates are its receipts, whoever imported them; two import lines make it FIFO,
    // and the other importer's receipt, imported first, is taken first.
    const unscoped = await context.service.create({ provision: 'j1', exports: ['EXP-01'], asOf: '2026-11-22', claimant: '12-3456789AB' });
    expect(await designatedImports(unscoped.id)).toEqual([{ importer_number: '98-7654321CD', method: 'fifo', quantity: '150' }]);
    expect(await context.service.deleteDraft(unscoped.id)).toBe('deleted');

    // A key limited to the claimant cannot see the other importer's entry, so its claim cannot designate it.
    const scoped = await context.service.create({ provision: 'j1', exports: ['EXP-01'], asOf: '2026-11-22', claimant: '12-3456789AB' }, ['12-3456789AB']);
    expect(await designatedImports(scoped.id)).toEqual([{ importer_number: '12-3456789AB', method: 'lot', quantity: '150' }]);
  });

  it('traces a scoped key\'s claim only through its claimants\' production orders: another claimant\'s order output is neither used nor consumed', async () => {
    // 98-7654321CD made lot F-9 (PO-90) from its lot L-1; 12-3456789AB has a lot L-1 too and exports a lot named F-9.
    const other = otherImporter('L-1');
    writeFileSync(join(other, 'production.csv'), 'production_order,production_date,role,lot_id,heat_number,quantity,uom,hts\n'
      + 'PO-90,2026-04-01,input,L-1,,1000,KG,\nPO-90,2026-04-01,output,F-9,,1000,KG,7326908688\n');
    expect((await new IngestService(context.dataSource).ingest([other])).errors).toEqual([]);
    const mine = mkdtempSync(join(tmpdir(), 'drawback-same-lot-name-'));
    writeFileSync(join(mine, 'exports.csv'), 'export_id,line_number,export_date,action,exporter,destination_country,hts,description,lot_id,quantity,uom,value\n'
      + 'EXP-F9,1,2026-06-15,exported,Acme,DE,7326908688,article,F-9,400,KG,12000.00\n');
    expect((await new IngestService(context.dataSource).ingest([mine], { claimant: '12-3456789AB' })).errors).toEqual([]);

    const scoped = await context.service.create({ provision: 'a', exports: ['EXP-F9'], asOf: '2026-11-22', claimant: '12-3456789AB' }, ['12-3456789AB']);
    expect(scoped.result.designations).toEqual([]);
    expect(await context.dataSource.query(`SELECT count(*)::int AS takes FROM production_take`)).toEqual([{ takes: 0 }]);
    expect(await context.dataSource.query(`SELECT trim_scale(consumed)::text AS consumed FROM production_item WHERE role = 'output'`)).toEqual([{ consumed: '0' }]);
  });

  it('is the claim of the claimant its export lines belong to when it names none, and asks whose when they belong to several', async () => {
    const other = otherImporter('L-9');
    writeFileSync(join(other, 'exports.csv'), 'export_id,line_number,export_date,action,exporter,destination_country,hts,description,lot_id,quantity,uom,value\n'
      + 'EXP-90,1,2026-06-15,exported,Other,DE,7326908688,article,L-9,100,KG,3000.00\n');
    expect((await new IngestService(context.dataSource).ingest([other])).errors).toEqual([]);

    // The first entry row is 12-3456789AB's: the export line's claimant decides, not the first row.
    const second = await context.service.create({ provision: 'j1', exports: ['EXP-90'], asOf: '2026-11-22' });
    expect(second.claimant).toBe('98-7654321CD');
    const first = await context.service.create({ provision: 'j1', exports: ['EXP-01'], asOf: '2026-11-22' });
    expect(first.claimant).toBe('12-3456789AB');
    await context.service.deleteDraft(first.id);
    await context.service.deleteDraft(second.id);

    await expect(context.service.create({ provision: 'j1', asOf: '2026-11-22' })).rejects.toEqual(new ClaimRequestError([
      'the export lines chosen belong to 2 claimants (12-3456789AB, 98-7654321CD): say which claimant the claim is for (--claimant on the command line, "claimant" in the API request)']));
    expect((await context.service.create({ provision: 'j1', asOf: '2026-11-22', claimant: '98-7654321CD' })).claimant).toBe('98-7654321CD');
  });

  it('names an export id of another claimant as theirs, not as no such export line, to a caller who may see it', async () => {
    const other = otherImporter('L-9');
    writeFileSync(join(other, 'exports.csv'), 'export_id,line_number,export_date,action,exporter,destination_country,hts,description,lot_id,quantity,uom,value\n'
      + 'EXP-90,1,2026-06-15,exported,Other,DE,7326908688,article,L-9,100,KG,3000.00\n');
    expect((await new IngestService(context.dataSource).ingest([other])).errors).toEqual([]);
    const request = { provision: 'j1', exports: ['EXP-90', 'EXP-99'], asOf: '2026-11-22', claimant: '12-3456789AB' };
    // The command line (unscoped) and a key for both claimants see EXP-90 as 98-7654321CD's.
    const named = new ClaimRequestError([
      'export EXP-90 belongs to claimant 98-7654321CD, not to 12-3456789AB, whose claim this is', 'export EXP-99: no such export line']);
    await expect(context.service.create(request)).rejects.toEqual(named);
    await expect(context.service.create(request, ['12-3456789AB', '98-7654321CD'])).rejects.toEqual(named);
    // A key for 12-3456789AB alone may not see it: to that key it does not exist.
    await expect(context.service.create(request, ['12-3456789AB'])).rejects.toEqual(new ClaimRequestError([
      'export EXP-90: no such export line', 'export EXP-99: no such export line']));
  });
});
