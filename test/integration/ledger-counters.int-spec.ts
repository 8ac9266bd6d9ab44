import { join } from 'node:path';
import { ClaimService } from '@drawback/application';
import { example } from '../fixture-paths';
import { ingestTestContext } from '../ingest-test-context';

const GREAT_LAKES = join(__dirname, '../../examples/great-lakes-fabrication');

/**
 * Each counter of the ledger against the rows it sums (matching-and-estimates.md §2.4): what an import line
 * and a receipt gave to designations, what an order's output gave to takes. Empty when they all agree.
 */
const COUNTERS_OFF = `
  SELECT 'entry_line ' || el.id AS counter, el.designated::text AS kept, coalesce(d.total, 0)::text AS rows
    FROM entry_line el LEFT JOIN (SELECT entry_line_id, sum(quantity) AS total FROM designation GROUP BY 1) d ON d.entry_line_id = el.id
   WHERE el.designated <> coalesce(d.total, 0)
  UNION ALL
  SELECT 'receipt ' || r.id, r.designated::text, coalesce(d.total, 0)::text
    FROM receipt r LEFT JOIN (SELECT receipt_id, sum(quantity) AS total FROM designation GROUP BY 1) d ON d.receipt_id = r.id
   WHERE r.designated <> coalesce(d.total, 0)
  UNION ALL
  SELECT 'production_item ' || pi.id, pi.consumed::text, coalesce(t.total, 0)::text
    FROM production_item pi LEFT JOIN (SELECT production_item_id, sum(quantity) AS total FROM production_take GROUP BY 1) t ON t.production_item_id = pi.id
   WHERE pi.consumed <> coalesce(t.total, 0)`;

describe('the ledger\'s counters', () => {
  const context = ingestTestContext();

  it('follow the designations and order takes of every claim, as claims are created and deleted', async () => {
    await context.service.ingest([GREAT_LAKES]);
    await context.service.ingest([example('ex3-a-heat-trace-11021')]);
    const claims = new ClaimService(context.dataSource);
    const first = await claims.create({ provision: 'a', asOf: '2026-11-22', claimant: '47-1234567AB' });
    const second = await claims.create({ provision: 'a', asOf: '2026-11-22', claimant: '12-3456789AB' });
    const counters = () => context.dataSource.query(`SELECT
      (SELECT trim_scale(sum(designated))::text FROM entry_line) AS lines, (SELECT trim_scale(sum(designated))::text FROM receipt) AS receipts,
      (SELECT trim_scale(sum(consumed))::text FROM production_item) AS outputs`);

    const [both] = await counters();
    expect(Object.values(both).every((total) => total !== null && Number(total) > 0)).toBe(true);
    expect(await context.dataSource.query(COUNTERS_OFF)).toEqual([]);

    await claims.deleteDraft(first.id);
    expect(await context.dataSource.query(COUNTERS_OFF)).toEqual([]);
    await claims.deleteDraft(second.id);
    expect(await counters()).toEqual([{ lines: '0', receipts: '0', outputs: '0' }]);
  });
});
