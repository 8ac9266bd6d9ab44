import { EstimateDocument } from '@drawback/domain';
import { DesignatedLineDetail, SourceImportLine } from '@drawback/persistence';
import { importLinesTable } from './claim-file';

function steelLine(entryDate: string): { line: SourceImportLine; detail: DesignatedLineDetail } {
  const line: SourceImportLine = {
    entryLineId: '1', entryNumber: 'EX3-0000001-5', lineNumber: 1, quantity: '100', enteredValue: '200000.00',
    buckets: [{ dutyBucketId: '1', program: 's232', heading: '99038202', metal: 'steel', s232Annex: 'I-A', amount: '100000.00' }],
    lineFacts: {
      countryOfOrigin: 'DE', meltPourCountry: 'DE', smeltPrimaryCountry: null, smeltSecondaryCountry: null, castCountry: null,
      adcvdCase: null, hasAdcvdBucket: false, ieepaRefundClaimed: false,
    },
    entry: { importDate: entryDate, entryDate },
  };
  const detail: DesignatedLineDetail = {
    entryLineId: '1', entryNumber: 'EX3-0000001-5', lineNumber: 1, description: 'plate', hts: '7208510030', uom: 'KG', spi: null,
    s232: [{ heading: '99038202', metal: 'steel', annex: 'I-A', basis: 'full_value', rate: '50', basisValue: '200000.00', amount: '100000.00' }],
  };
  return { line, detail };
}

const NO_ESTIMATE = { lines: [] } as unknown as EstimateDocument;

/** The s232_regime column of import-lines.csv for one steel line entered on the date. */
function regimeOn(entryDate: string): unknown {
  const { line, detail } = steelLine(entryDate);
  const table = importLinesTable([line], new Map([['1', detail]]), new Map(), NO_ESTIMATE, []);
  return table.rows[0][table.header.indexOf('s232_regime')];
}

describe(importLinesTable.name, () => {
  it('names the Section 232 proclamation in force on the entry date (rules §5; §3.1, §3.3: 11021 from 2026-04-06, as amended by 11032 from 2026-06-08)', () => {
    expect(regimeOn('2026-04-05')).toBe('A: Proclamations 9704/9705 as amended by 9739/9740 and later actions (9980, 10522, 10895/10896, 10947, copper 2025-07-30)');
    expect(regimeOn('2026-04-06')).toBe('B: Proclamation 11021, full customs value');
    expect(regimeOn('2026-06-07')).toBe('B: Proclamation 11021, full customs value');
    expect(regimeOn('2026-06-08')).toBe('B: Proclamation 11021 as amended by Proclamation 11032, full customs value');
  });

  it('shows what claims made before this one had designated of each line (rules §5: the prior-use ledger), 0 where none had', () => {
    const { line, detail } = steelLine('2026-05-01');
    const other = { ...line, entryLineId: '2', lineNumber: 2 };
    const priorUse = [
      { kind: 'import_line' as const, entryNumber: 'EX3-0000001-5', lineNumber: 1, lotId: null, heatNumber: null, orderId: null, quantity: '40.5', quantityExact: null },
      { kind: 'receipt' as const, entryNumber: 'EX3-0000001-5', lineNumber: 2, lotId: 'L-1', heatNumber: null, orderId: null, quantity: '7', quantityExact: null },
    ];
    const table = importLinesTable([other, line], new Map([['1', detail], ['2', { ...detail, entryLineId: '2', lineNumber: 2 }]]), new Map(), NO_ESTIMATE, priorUse);
    expect(table.rows.map((row) => [row[1], row[table.header.indexOf('designated_by_earlier_claims')]])).toEqual([[1, '40.5'], [2, '0']]);
  });

  it('shows a Section 232 line\'s worksheet (rate × basis value = amount) and the basis check\'s findings on it (rules §5: the basis used and its worksheet; §3.3)', () => {
    const { line, detail } = steelLine('2026-05-01');
    const cell = (table: ReturnType<typeof importLinesTable>, column: string) => table.rows[0][table.header.indexOf(column)];
    const sound = importLinesTable([line], new Map([['1', detail]]), new Map(), NO_ESTIMATE, []);
    expect(cell(sound, 's232_worksheet')).toBe('9903.82.02 steel 50% × 200000.00 full_value = 100000.00');
    expect(cell(sound, 's232_basis_findings')).toBe('');
    const short = { ...detail, s232: [{ ...detail.s232[0], amount: '90000.00' }] };
    const mismatched = importLinesTable([line], new Map([['1', short]]), new Map(), NO_ESTIMATE, []);
    expect(cell(mismatched, 's232_worksheet')).toBe('9903.82.02 steel 50% × 200000.00 full_value = 90000.00');
    expect(cell(mismatched, 's232_basis_findings')).toBe('S232_AMOUNT_MISMATCH: 9903.82.02: 50% of 200000.00 is 100000.00, not 90000.00');
  });
});
