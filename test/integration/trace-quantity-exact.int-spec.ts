import { join } from 'node:path';
import { TraceRead } from '@drawback/persistence';
import { claimTestContext } from '../claim-test-context';
import { DESIGNATION_CASES } from '../fixture-paths';

/** Three exports of 1 NO, each a third of an order's output of 3 NO made from 1 KG of the import line. */
const A_THIRD_OF_AN_OUTPUT = join(DESIGNATION_CASES, 'a-a-third-of-an-output-is-designated-exactly');
const ONE_THIRD_TO_24_PLACES = '0.333333333333333333333333';

describe('the trace and the ledger give the exact fraction a traced quantity was rounded from (§2.1.4)', () => {
  const context = claimTestContext(() => A_THIRD_OF_AN_OUTPUT);

  it('the ledger of the import line gives each designation its quantity to 24 places and its exact fraction 1/3', async () => {
    await context.service.create({ provision: 'a', asOf: '2026-11-22', claimant: '12-3456789AB' });
    const ledger = await new TraceRead(context.dataSource).importLine('RVA-0000031-4', 1);

    expect(ledger?.designations.map((d) => [d.exportLine, d.quantityExact])).toEqual([[1, '1/3'], [2, '1/3'], [3, '1/3']]);
    expect(ledger?.designations[0].quantity).toBe(ONE_THIRD_TO_24_PLACES);
  });

  it('the trace of an export line gives the same exact fraction, and the ledger\'s rounded takes still add up to the 1 KG used', async () => {
    await context.service.create({ provision: 'a', asOf: '2026-11-22', claimant: '12-3456789AB' });
    const trace = await new TraceRead(context.dataSource).exportLine('K', 2);

    expect(trace?.designations.map((d) => d.quantityExact)).toEqual(['1/3']);
    const ledger = await new TraceRead(context.dataSource).importLine('RVA-0000031-4', 1);
    expect(ledger?.designated).toBe('1');
  });
});
