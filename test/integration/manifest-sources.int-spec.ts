import { ClaimService } from '@drawback/application';
import { loadRecordPackSource } from '@drawback/persistence';
import { dataSet, example } from '../fixture-paths';
import { ingestTestContext } from '../ingest-test-context';

const OWNER = '12-3456789AB';
const OTHER = '47-1234567AB';
const PRODUCTION_HEADER = 'production_order,production_date,role,lot_id,heat_number,quantity,uom,hts';

/**
 * The manifest hashes "every ingested source file the claim used" (matching-and-estimates.md §7): an export line
 * left unmatched as MANUFACTURED_NOT_UNUSED was decided by the production records that made its lot, so the
 * file holding them is one the claim used, though nothing was designated through it.
 */
describe('the source files a record pack names', () => {
  const context = ingestTestContext();

  it('include the production records that made an unused-merchandise export\'s lot, which left it MANUFACTURED_NOT_UNUSED', async () => {
    await context.service.ingest([example('ex3-a-heat-trace-11021')], { claimant: OWNER });
    const claim = await new ClaimService(context.dataSource).create({ provision: 'j1', exports: ['EXP-3'], asOf: '2026-11-22' });

    const pack = await loadRecordPackSource(context.dataSource, claim.id);

    expect(pack.sources.map((source) => source.name)).toEqual(['exports.csv', 'production.csv']);
  });

  it('leave out another claimant\'s production records of a lot of the same name', async () => {
    await context.service.ingest([example('ex3-a-heat-trace-11021')], { claimant: OWNER });
    const strangers = dataSet({ 'production.csv': [PRODUCTION_HEADER, 'PO-X,2026-06-02,input,RAW-X,,5,KG,', 'PO-X,2026-06-02,output,FG-1,,5,NO,8431499095'] });
    expect((await context.service.ingest([strangers], { claimant: OTHER })).errors).toEqual([]);
    const claim = await new ClaimService(context.dataSource).create({ provision: 'j1', exports: ['EXP-3'], asOf: '2026-11-22' });

    const pack = await loadRecordPackSource(context.dataSource, claim.id);

    const production = pack.sources.filter((source) => source.name === 'production.csv');
    expect(production).toHaveLength(1);
    const [ownProduction] = await context.dataSource.query(
      `SELECT sf.sha256::text AS sha256 FROM source_file sf JOIN production_item pi ON pi.source_file_id = sf.id
         JOIN production_order po ON po.id = pi.production_order_id WHERE po.order_id = 'PO-1' LIMIT 1`);
    expect(production[0].sha256).toEqual(ownProduction.sha256);
  });
});
