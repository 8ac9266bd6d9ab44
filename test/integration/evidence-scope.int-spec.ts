import { BasisFindingsService, ClaimService } from '@drawback/application';
import { loadRecordPackSource } from '@drawback/persistence';
import { dataSet, example } from '../fixture-paths';
import { ingestTestContext } from '../ingest-test-context';

const OWNER = '12-3456789AB';
const OTHER = '47-1234567AB';
const EVIDENCE_HEADER = 'document_id,kind,subject,subject_id,reference,sha256';

/**
 * Evidence names its subject by a lot, heat, order or entry line, and another claimant's lots, heats and orders
 * may bear the same names: a document counts only for the claimant it was brought for (or, brought for nobody by
 * a command-line ingest of several importers, for every one). Interfaces.md: a key is limited to its claimants.
 */
describe('evidence brought for one claimant', () => {
  const context = ingestTestContext();

  it('does not support another claimant\'s Section 232 line: its content-value worksheet leaves the finding as it was', async () => {
    await context.service.ingest([example('ex1-j1-section301-mpf')], { claimant: OWNER });
    const findings = new BasisFindingsService(context.dataSource);
    const codes = async () => (await findings.ofEntry('EX1-0000001-7'))!.map((finding) => finding.code);
    expect(await codes()).toEqual(['S232_CONTENT_VALUE_UNSUPPORTED']);

    const strangers = dataSet({ 'evidence.csv': [EVIDENCE_HEADER, 'CVW-X,content_value_worksheet,entry_line,EX1-0000001-7/1,x.xlsx,'] });
    expect((await context.service.ingest([strangers], { claimant: OTHER })).errors).toEqual([]);
    expect(await codes()).toEqual(['S232_CONTENT_VALUE_UNSUPPORTED']);

    const owners = dataSet({ 'evidence.csv': [EVIDENCE_HEADER, 'CVW-1,content_value_worksheet,entry_line,EX1-0000001-7/1,cvw.xlsx,'] });
    const ownIngest = await context.service.ingest([owners], { claimant: OWNER });
    expect(ownIngest.findings).toEqual([]);
    expect(await codes()).toEqual([]);
  });

  it('is neither shown nor hashed in another claimant\'s record pack, though it names that claim\'s heats and orders', async () => {
    await context.service.ingest([example('ex3-a-heat-trace-11021')], { claimant: OWNER });
    const strangers = dataSet({
      'evidence.csv': [EVIDENCE_HEADER, 'X-H3,mill_certificate,heat,H3,x3.pdf,', 'X-PO,production_record,production_order,PO-1,xpo.pdf,'],
    });
    expect((await context.service.ingest([strangers], { claimant: OTHER })).errors).toEqual([]);

    const claim = await new ClaimService(context.dataSource).create({ provision: 'a', exports: ['EXP-3'], asOf: '2026-11-22' });
    const pack = await loadRecordPackSource(context.dataSource, claim.id);

    expect(pack.evidence.map((document) => document.documentId)).toEqual(['MTC-H1', 'MTC-H2']);
    expect(pack.sources.filter((source: { name: string }) => source.name === 'evidence.csv')).toHaveLength(1);
  });
});
