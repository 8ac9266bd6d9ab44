import { Designation, ExportLineFacts } from '../designation/designation-types';
import { BucketRuling, buildEstimate, EstimateImportLine, LineBucket } from './estimate';

const exportLine = (id: string, exportId: string, lineNumber: number, quantity: string, value: string): ExportLineFacts => ({
  exportLineId: id, exportId, lineNumber, exportDate: '2026-06-01', action: 'exported', destinationCountry: 'DE',
  hts: '8481809050', lotId: null, heatNumber: null, quantity, uom: 'NO', value,
});

const designation = (exportLineId: string, exportId: string, exportLineNumber: number, entryLineId: string, quantity: string,
  method: Designation['method']): Designation => ({
  exportLineId, exportId, exportLine: exportLineNumber, entryLineId, receiptId: null, lotId: null, heatNumber: null, quantity, method,
  aceCode: null, trace: [],
});

const bucket = (dutyBucketId: string, program: string, heading: string | null, amount: string): LineBucket => ({ dutyBucketId, program, heading, amount });

const ruling = (status: BucketRuling['status']): BucketRuling => ({ status, reason: status.toUpperCase(), ruleId: 'R', citation: 'C', unverified: [] });

function estimateOf(importLines: EstimateImportLine[], exports: ExportLineFacts[], designations: Designation[],
  statusOf: (bucket: LineBucket) => BucketRuling['status'] = () => 'recoverable') {
  return buildEstimate({
    claim: { id: 'c', provision: 'j2', claimant: 'I', asOf: '2026-11-22' }, rulesVersion: 'v', policy: {},
    designations, unmatched: [],
    importLines: new Map(importLines.map((line, i) => [`i${i + 1}`, line])),
    exportLines: new Map(exports.map((line) => [line.exportLineId, line])),
    rule: (b) => ruling(statusOf(b)),
  });
}

describe(buildEstimate.name, () => {
  it('states the substitution base as the lesser-of at full precision, rounded once: 5.00 × 1/6 × 101 ÷ (1000/6) = 0.505 → 0.51, refund 0.49995 → 0.50', () => {
    const estimate = estimateOf(
      [{ entryNumber: 'AMT-0000004-0', lineNumber: 1, quantity: '6', enteredValue: '1000.00', buckets: [bucket('b1', 'ordinary', null, '5.00')] }],
      [exportLine('x1', 'X1', 1, '1', '101.00')],
      [designation('x1', 'X1', 1, 'i1', '1', 'substitution')]);
    expect(estimate.lines.map((l) => [l.designated, l.base, l.refund])).toEqual([['0.83', '0.51', '0.50']]);
  });

  it('rounds each (designation, bucket) to cents and totals the rounded figures, even where three thirds of 100.01 make 100.02', () => {
    const estimate = estimateOf(
      [{ entryNumber: 'AMT-0000001-6', lineNumber: 1, quantity: '3', enteredValue: '300.00', buckets: [bucket('b1', 'ordinary', null, '100.01')] }],
      [1, 2, 3].map((n) => exportLine(`x${n}`, 'E', n, '1', '100.00')),
      [1, 2, 3].map((n) => designation(`x${n}`, 'E', n, 'i1', '1', 'lot')));
    expect(estimate.lines.map((l) => [l.designated, l.base, l.refund])).toEqual(Array(3).fill(['33.34', null, '33.00']));
    expect(estimate.totals).toEqual({ designated: '100.02', refund: '99.00', possible: '0.00', excluded: '0.00' });
  });

  it('reports 99% of a conditional base as possible, an excluded one as neither, and totals the excluded designated amounts', () => {
    const statuses: Record<string, BucketRuling['status']> = { ordinary: 'recoverable', s301: 'conditional', s232: 'excluded' };
    const estimate = estimateOf(
      [{ entryNumber: 'AMT-0000002-4', lineNumber: 1, quantity: '4', enteredValue: '100.00', buckets: [
        bucket('b1', 'ordinary', null, '0.10'), bucket('b2', 's301', '99038803', '2.02'), bucket('b3', 's232', '99038191', '0.02')] }],
      [exportLine('x1', 'E', 1, '1', '100.00')], [designation('x1', 'E', 1, 'i1', '1', 'lot')], (b) => statuses[b.program]);
    expect(estimate.lines.map((l) => [l.program, l.heading, l.designated, l.refund, l.possible])).toEqual([
      ['ordinary', null, '0.03', '0.02', '0.00'],
      ['s232', '9903.81.91', '0.01', '0.00', '0.00'],
      ['s301', '9903.88.03', '0.51', '0.00', '0.50'],
    ]);
    expect(estimate.totals).toEqual({ designated: '0.55', refund: '0.02', possible: '0.50', excluded: '0.01' });
  });

  it('sorts lines by export id, export line (as a number), entry number, entry line, program, heading', () => {
    const estimate = estimateOf(
      [{ entryNumber: 'AMT-0000003-2', lineNumber: 2, quantity: '10', enteredValue: '10.00', buckets: [bucket('b1', 'ordinary', null, '1.00')] },
        { entryNumber: 'AMT-0000003-2', lineNumber: 10, quantity: '10', enteredValue: '10.00', buckets: [bucket('b2', 'mpf', null, '1.00')] }],
      [exportLine('x10', 'E', 10, '2', '1.00'), exportLine('x9', 'E', 9, '2', '1.00')],
      [designation('x10', 'E', 10, 'i2', '1', 'lot'), designation('x10', 'E', 10, 'i1', '1', 'lot'), designation('x9', 'E', 9, 'i1', '1', 'lot')]);
    expect(estimate.lines.map((l) => `${l.exportLine}/${l.entryLine}/${l.program}`)).toEqual(['9/2/ordinary', '10/2/ordinary', '10/10/mpf']);
  });
});
