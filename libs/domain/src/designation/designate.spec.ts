import { designatedAmount, exactCents } from '../estimate/refund';
import { Dec, exactText } from '../values/decimal';
import { designate, DesignationInput } from './designate';
import { ExportLineFacts, ImportLineStock, ProductionOrderStock, ReceiptStock } from './designation-types';

const line = (id: string, change: Partial<ImportLineStock> = {}): ImportLineStock => ({
  entryLineId: id, entryNumber: `E${id}-0000001-0`, lineNumber: 1, hts: '7208510030', uom: 'KG', quantity: '1000', available: '1000',
  importDate: '2026-05-10', enteredValue: '10000.00', ...change,
});
const receipt = (id: string, entryLineId: string, lotId: string, quantity: string, heatNumber: string | null = null): ReceiptStock => ({
  receiptId: id, entryLineId, lotId, heatNumber, quantity, available: quantity, sequence: Number.parseInt(id, 10),
});
const exportOf = (change: Partial<ExportLineFacts> = {}): ExportLineFacts => ({
  exportLineId: 'x1', exportId: 'EXP-1', lineNumber: 1, exportDate: '2026-10-15', action: 'exported', destinationCountry: 'GB',
  hts: '7208510030', lotId: 'LOT', heatNumber: null, quantity: '100', uom: 'KG', value: '1000.00', ...change,
});
const order = (orderId: string, output: [string, string, string], inputs: Array<[string, string | null, string, string]>, date = '2026-06-01'): ProductionOrderStock => ({
  orderId, productionDate: date, output: { lotId: output[0], quantity: output[1], uom: output[2] },
  inputs: inputs.map(([lotId, heatNumber, quantity, uom]) => ({ lotId, heatNumber, quantity, uom })), available: output[1],
});
function run(change: Partial<DesignationInput>) {
  return designate({ provision: 'j1', exports: [exportOf()], importLines: [], receipts: [], orders: [], otherSubheadings: [], ...change });
}
const brief = (result: ReturnType<typeof designate>) => ({
  designations: result.designations.map((d) => `${d.exportLineId}<-${d.entryLineId}/${d.receiptId ?? '-'} ${d.quantity} ${d.method} ${d.aceCode ?? '-'}`),
  unmatched: result.unmatched.map((u) => `${u.exportLineId} ${u.quantity} ${u.reason}`),
});

describe(designate.name, () => {
  it('identifies a lot received from one import line by lot, ACE code 01', () => {
    const result = run({ importLines: [line('1')], receipts: [receipt('1', '1', 'LOT', '1000')] });
    expect(brief(result)).toEqual({ designations: ['x1<-1/1 100 lot 01'], unmatched: [] });
    expect(result.designations[0].trace).toEqual(['export:EXP-1/1', 'lot:LOT', 'entry:E1-0000001-0/1']);
  });

  it('uses FIFO (code 02) in a lot commingling several import lines, even when the first receipt would do, oldest import first', () => {
    const lines = [line('1', { importDate: '2026-05-12' }), line('2', { importDate: '2026-05-10' })];
    const result = run({ importLines: lines, receipts: [receipt('1', '1', 'LOT', '500'), receipt('2', '2', 'LOT', '50')] });
    expect(brief(result).designations).toEqual(['x1<-2/2 50 fifo 02', 'x1<-1/1 50 fifo 02']);
  });

  it('narrows a lot to the heat on the export line, and the method is heat even for a single import line', () => {
    const receipts = [receipt('1', '1', 'LOT', '500', 'H1'), receipt('2', '1', 'LOT', '500', 'H2')];
    expect(brief(run({ exports: [exportOf({ heatNumber: 'H2' })], importLines: [line('1')], receipts })).designations)
      .toEqual(['x1<-1/2 100 heat 01']);
  });

  it('reports LOT_NOT_FOUND for an unknown lot or a heat that matches no receipt, and NO_LOT_ON_EXPORT without a lot', () => {
    const receipts = [receipt('1', '1', 'LOT', '500', 'H1')];
    expect(brief(run({ exports: [exportOf({ lotId: 'OTHER' })], importLines: [line('1')], receipts })).unmatched).toEqual(['x1 100 LOT_NOT_FOUND']);
    expect(brief(run({ exports: [exportOf({ heatNumber: 'H9' })], importLines: [line('1')], receipts })).unmatched).toEqual(['x1 100 LOT_NOT_FOUND']);
    expect(brief(run({ exports: [exportOf({ lotId: null })], importLines: [line('1')], receipts })).unmatched).toEqual(['x1 100 NO_LOT_ON_EXPORT']);
  });

  it('reports what is left as QUANTITY_EXHAUSTED, in export order (date, then id, then line)', () => {
    const exports = [exportOf({ exportLineId: 'x2', exportId: 'EXP-2', exportDate: '2026-10-16', quantity: '80' }), exportOf({ quantity: '50' })];
    const result = run({ exports, importLines: [line('1')], receipts: [receipt('1', '1', 'LOT', '100')] });
    expect(brief(result)).toEqual({ designations: ['x1<-1/1 50 lot 01', 'x2<-1/1 50 lot 01'], unmatched: ['x2 30 QUANTITY_EXHAUSTED'] });
  });

  it('never designates more of an import line than the ledger leaves of it, across its receipts', () => {
    const lines = [line('1', { quantity: '100', available: '60' })];
    const result = run({ exports: [exportOf({ quantity: '100' })], importLines: lines, receipts: [receipt('1', '1', 'LOT', '100')] });
    expect(brief(result)).toEqual({ designations: ['x1<-1/1 60 lot 01'], unmatched: ['x1 40 QUANTITY_EXHAUSTED'] });
  });

  it('skips imports outside the time limits: exported more than five years after, or before, importation', () => {
    const late = run({ exports: [exportOf({ exportDate: '2031-05-11' })], importLines: [line('1')], receipts: [receipt('1', '1', 'LOT', '500')] });
    expect(brief(late).unmatched).toEqual(['x1 100 EXPORT_AFTER_5_YEARS']);
    const onAnniversary = run({ exports: [exportOf({ exportDate: '2031-05-10' })], importLines: [line('1')], receipts: [receipt('1', '1', 'LOT', '500')] });
    expect(brief(onAnniversary).unmatched).toEqual([]);
    const early = run({ exports: [exportOf({ exportDate: '2026-05-09' })], importLines: [line('1')], receipts: [receipt('1', '1', 'LOT', '500')] });
    expect(brief(early).unmatched).toEqual(['x1 100 EXPORT_BEFORE_IMPORT']);
  });

  it('keeps an export within five years of an import whose anniversary falls after the year 9999 (I + 5 years is later than any date)', () => {
    const lines = [line('1', { importDate: '9996-01-10' })];
    const direct = run({ exports: [exportOf({ exportDate: '9999-12-31' })], importLines: lines, receipts: [receipt('1', '1', 'LOT', '500')] });
    expect(brief(direct)).toEqual({ designations: ['x1<-1/1 100 lot 01'], unmatched: [] });
    const substituted = run({ provision: 'b', exports: [exportOf({ exportDate: '9999-12-31' })], importLines: lines });
    expect(brief(substituted)).toEqual({ designations: ['x1<-1/- 100 substitution -'], unmatched: [] });
  });

  it('reports UOM_MISMATCH when the export is not in the import line\'s unit', () => {
    expect(brief(run({ exports: [exportOf({ uom: 'NO' })], importLines: [line('1')], receipts: [receipt('1', '1', 'LOT', '500')] })).unmatched)
      .toEqual(['x1 100 UOM_MISMATCH']);
  });

  it('refuses a manufactured lot under j1 and c: the goods were used', () => {
    const orders = [order('PO-1', ['FG', '10', 'NO'], [['LOT', null, '100', 'KG']])];
    const result = run({ exports: [exportOf({ lotId: 'FG', uom: 'NO', quantity: '5' })], importLines: [line('1')], receipts: [receipt('1', '1', 'LOT', '500')], orders });
    expect(brief(result).unmatched).toEqual(['x1 5 MANUFACTURED_NOT_UNUSED']);
  });

  it('traces an article under a through two levels of manufacturing on the used-in basis, exactly', () => {
    const orders = [
      order('PO-1', ['SUB', '3', 'NO'], [['PLATE', 'H1', '100', 'KG']], '2026-06-01'),
      order('PO-2', ['FG', '2', 'NO'], [['SUB', null, '3', 'NO']], '2026-06-05'),
    ];
    const result = run({
      provision: 'a', exports: [exportOf({ lotId: 'FG', uom: 'NO', quantity: '1' })], importLines: [line('1')],
      receipts: [receipt('1', '1', 'PLATE', '500', 'H1')], orders,
    });
    // 1 of 2 FG takes 1.5 of 3 SUB, which takes 50 of 100 KG of heat H1.
    expect(brief(result)).toEqual({ designations: ['x1<-1/1 50 heat 01'], unmatched: [] });
    expect(result.designations[0].trace).toEqual(['export:EXP-1/1', 'lot:FG', 'order:PO-2', 'lot:SUB', 'order:PO-1', 'lot:PLATE', 'heat:H1', 'entry:E1-0000001-0/1']);
    expect(result.orderTakes).toEqual([{ orderId: 'PO-2', quantity: '1' }, { orderId: 'PO-1', quantity: '1.5' }]);
  });

  it('keeps quantities through manufacturing exact, never rounded to six decimals', () => {
    const orders = [order('PO-1', ['FG', '3', 'NO'], [['PLATE', null, '1', 'KG']])];
    const result = run({ provision: 'a', exports: [exportOf({ lotId: 'FG', uom: 'NO', quantity: '1' })], importLines: [line('1')], receipts: [receipt('1', '1', 'PLATE', '500')], orders });
    expect(result.designations[0].quantity).toBe('0.333333333333333333333333');
  });

  it('consumes exactly the whole input when takes add up to the whole output, though input / output does not terminate', () => {
    const exports = ['x1', 'x2', 'x3'].map((id, i) => exportOf({ exportLineId: id, exportId: `EXP-${i + 1}`, lotId: 'FG', quantity: '1', uom: 'NO' }));
    const result = designate({
      provision: 'a', exports, importLines: [line('1')], receipts: [receipt('1', '1', 'LOT', '2')],
      orders: [order('PO-1', ['FG', '3', 'NO'], [['LOT', null, '2', 'KG']])], otherSubheadings: [],
    });
    expect(result.unmatched).toEqual([]);
    expect(result.designations).toHaveLength(3);
    expect(exactText(result.designations.reduce((sum, d) => sum.plus(d.quantity), new Dec(0)))).toBe('2');
  });

  it('keeps beside the ledger\'s 24-place take the exact fraction of each take through manufacturing, so identical exports get the same cents', () => {
    // 1 KG makes 3 NO: each of three exports of 1 NO uses exactly 1/3 KG, which the ledger counts as 0.333…333;
    // 3.03 of duty on 2 KG × 1/3 ÷ 2 is 0.505 for each, where 24-place quantities gave 0.50 or 0.51.
    const exports = ['x1', 'x2', 'x3'].map((id, i) => exportOf({ exportLineId: id, exportId: `EXP-${i + 1}`, lotId: 'FG', quantity: '1', uom: 'NO' }));
    const result = designate({
      provision: 'a', exports, importLines: [line('1', { quantity: '2' })], receipts: [receipt('1', '1', 'LOT', '2')],
      orders: [order('PO-1', ['FG', '3', 'NO'], [['LOT', null, '1', 'KG']])], otherSubheadings: [],
    });
    expect(result.designations.map((d) => [d.quantity, d.exactQuantity])).toEqual([
      ['0.333333333333333333333333', '1/3'], ['0.333333333333333333333333', '1/3'], ['0.333333333333333333333333', '1/3'],
    ]);
    expect(result.designations.map((d) => exactCents(designatedAmount('3.03', d.exactQuantity ?? d.quantity, '2')))).toEqual(['0.51', '0.51', '0.51']);
  });

  it('gives no exact fraction where the ledger\'s quantity is exact, and the exact fraction through two levels (1 NO × 2/7 × 5/3 = 10/21)', () => {
    const direct = run({ importLines: [line('1')], receipts: [receipt('1', '1', 'LOT', '500')] });
    expect(direct.designations[0]).not.toHaveProperty('exactQuantity');
    const orders = [
      order('PO-1', ['SUB', '3', 'KG'], [['LOT', null, '5', 'KG']], '2026-06-01'),
      order('PO-2', ['FG', '7', 'NO'], [['SUB', null, '2', 'KG']], '2026-06-05'),
    ];
    const result = run({ provision: 'a', exports: [exportOf({ lotId: 'FG', quantity: '1', uom: 'NO' })], importLines: [line('1')], receipts: [receipt('1', '1', 'LOT', '500')], orders });
    expect(result.designations.map((d) => [d.quantity, d.exactQuantity])).toEqual([['0.47619047619047619047619', '10/21']]);
  });

  it('designates a quantity that is exactly whole through two non-terminating ratios (× 3/7, then × 7/3) as whole: rounded once, where it is designated', () => {
    // Each FG uses 3/7 KG of SUB, each KG of SUB 7/3 KG of the import: 1 KG exactly. Rounding the 3/7 to the
    // designation's 24 places before multiplying by 7/3 gave 0.999999999999999999999999 or 1.000000000000000000000001
    // (and 14.07 of duty on 14 KG × 0.999…9 / 14 = 1.00499… → 1.00 instead of 1.005 → 1.01).
    const orders = [
      order('PO-1', ['SUB', '3', 'KG'], [['LOT', null, '7', 'KG']], '2026-06-01'),
      order('PO-2', ['FG', '7', 'NO'], [['SUB', null, '3', 'KG']], '2026-06-05'),
    ];
    const exports = [1, 2, 3, 4, 5, 6, 7].map((n) => exportOf({ exportLineId: `x${n}`, exportId: `EXP-${n}`, lotId: 'FG', quantity: '1', uom: 'NO' }));
    const result = designate({ provision: 'a', exports, importLines: [line('1')], receipts: [receipt('1', '1', 'LOT', '7')], orders, otherSubheadings: [] });
    expect(result.unmatched).toEqual([]);
    expect(result.designations.map((d) => d.quantity)).toEqual(['1', '1', '1', '1', '1', '1', '1']);
    expect(exactCents(designatedAmount('14.07', result.designations[0].quantity, '14'))).toBe('1.01');
  });

  it('leaves the share of a take that the worst-covered input cannot trace unmatched, and does not seek it from later orders', () => {
    const orders = [
      order('PO-1', ['FG', '10', 'NO'], [['A', null, '100', 'KG'], ['B', null, '100', 'KG']], '2026-06-01'),
      order('PO-2', ['FG', '10', 'NO'], [['A', null, '100', 'KG']], '2026-06-02'),
    ];
    const lines = [line('1'), line('2')];
    const receipts = [receipt('1', '1', 'A', '1000'), receipt('2', '2', 'B', '40')];
    const result = run({ provision: 'a', exports: [exportOf({ lotId: 'FG', uom: 'NO', quantity: '10' })], importLines: lines, receipts, orders });
    expect(brief(result)).toEqual({ designations: ['x1<-1/1 100 lot 01', 'x1<-2/2 40 lot 01'], unmatched: ['x1 6 QUANTITY_EXHAUSTED'] });
  });

  it('traces the inputs of an order heat-narrowed first, then by lot and heat, whatever the order of their rows in production.csv', () => {
    // Lot X holds heat H1 (line 1) and H2 (line 2), 60 each; one order consumed 100 of X (no heat) and 50 of X heat H2.
    // Heat first: H2 gives its 50; FIFO then takes H1 60 and H2 10 — 70 of 100, the worst-covered share.
    // In file order with the unnarrowed row first, FIFO took H2's 40 and the heat input found 20 of its 50.
    const lines = [line('1', { lineNumber: 1 }), line('2', { lineNumber: 2 })];
    const receipts = [receipt('1', '1', 'X', '60', 'H1'), receipt('2', '2', 'X', '60', 'H2')];
    const rows: Array<[string, string | null, string, string]> = [['X', null, '100', 'KG'], ['X', 'H2', '50', 'KG']];
    const traced = (inputs: typeof rows) => brief(run({
      provision: 'a', exports: [exportOf({ lotId: 'FG', uom: 'NO', quantity: '1' })], importLines: lines, receipts,
      orders: [order('PO-1', ['FG', '1', 'NO'], inputs)],
    }));
    const expected = { designations: ['x1<-2/2 50 heat 01', 'x1<-1/1 60 fifo 02', 'x1<-2/2 10 fifo 02'], unmatched: ['x1 0.3 QUANTITY_EXHAUSTED'] };
    expect(traced(rows)).toEqual(expected);
    expect(traced([...rows].reverse())).toEqual(expected);
  });

  it('orders the inputs of an order by lot and heat where no heat decides, so that the rows\' order in the file changes nothing', () => {
    // Two produced lots drawing on one receipt lot: the first input in lot-id order is traced first.
    const orders = (inputs: Array<[string, string | null, string, string]>) => [
      order('PO-1', ['SUB-A', '1', 'NO'], [['X', null, '80', 'KG']], '2026-06-01'),
      order('PO-2', ['SUB-B', '1', 'NO'], [['X', null, '80', 'KG']], '2026-06-01'),
      order('PO-3', ['FG', '1', 'NO'], inputs, '2026-06-02'),
    ];
    const rows: Array<[string, string | null, string, string]> = [['SUB-B', null, '1', 'NO'], ['SUB-A', null, '1', 'NO']];
    const traced = (inputs: typeof rows) => run({
      provision: 'a', exports: [exportOf({ lotId: 'FG', uom: 'NO', quantity: '1' })], importLines: [line('1'), line('2', { importDate: '2026-05-11' })],
      receipts: [receipt('1', '1', 'X', '60'), receipt('2', '2', 'X', '60')], orders: orders(inputs),
    });
    const paths = (result: ReturnType<typeof run>) => result.designations.map((d) => `${d.quantity} ${d.trace.slice(1, 3).join(' > ')} > ${d.trace.at(-1)}`);
    expect(paths(traced(rows))).toEqual([
      '60 lot:FG > order:PO-3 > entry:E1-0000001-0/1', '20 lot:FG > order:PO-3 > entry:E2-0000001-0/1', '40 lot:FG > order:PO-3 > entry:E2-0000001-0/1',
    ]);
    expect(traced(rows).designations.map((d) => d.trace[3])).toEqual(['lot:SUB-A', 'lot:SUB-A', 'lot:SUB-B']);
    expect(traced([...rows].reverse())).toEqual(traced(rows));
    expect(brief(traced(rows)).unmatched).toEqual(['x1 0.5 QUANTITY_EXHAUSTED']);
  });

  it('uses up a receipt exactly through several orders whose shares do not terminate (4/7, 5/7 and 5/7 of 2 KG cover 2 KG, §2.1.4 kept exact)', () => {
    const orders = [
      order('PO-X', ['OX', '7', 'NO'], [['LOT7', null, '4', 'KG']], '2026-06-01'), order('PO-Y', ['OY', '7', 'NO'], [['LOT7', null, '5', 'KG']], '2026-06-02'),
      order('PO-Z', ['OZ', '7', 'NO'], [['LOT7', null, '5', 'KG']], '2026-06-03'),
    ];
    const exports = ['X', 'Y', 'Z'].map((name) => exportOf({ exportLineId: name, exportId: `EXP-${name}`, lotId: `O${name}`, uom: 'NO', quantity: '1' }));
    const result = run({ provision: 'a', exports, importLines: [line('1', { quantity: '2', available: '2' })], receipts: [receipt('1', '1', 'LOT7', '2')], orders });

    expect(result.unmatched).toEqual([]);
    expect(result.designations.map((d) => d.exactQuantity)).toEqual(['4/7', '5/7', '5/7']);
    expect(exactText(result.designations.reduce((sum, d) => sum.plus(d.quantity), new Dec(0)))).toBe('2');
  });

  it('reads what earlier claims left exactly where they took fractions (10/7 KG, counted 1.428571428571428571428571): 5/7 and 5/7 use it up', () => {
    const orders = [order('PO-Y', ['OY', '7', 'NO'], [['LOT7', null, '5', 'KG']]), order('PO-Z', ['OZ', '7', 'NO'], [['LOT7', null, '5', 'KG']])];
    const exports = ['Y', 'Z'].map((name) => exportOf({ exportLineId: name, exportId: `EXP-${name}`, lotId: `O${name}`, uom: 'NO', quantity: '1' }));
    const left = { quantity: '2', available: '1.428571428571428571428571', availableExact: '10/7' };
    const result = run({ provision: 'a', exports, importLines: [line('1', left)], receipts: [{ ...receipt('1', '1', 'LOT7', '2'), ...left }], orders });

    expect(result.unmatched).toEqual([]);
    expect(exactText(result.designations.reduce((sum, d) => sum.plus(d.quantity), new Dec(0)))).toBe('1.428571428571428571428571');
  });

  it('counts a substitution of 0.3 KG as 0.3 KG in the ledger, though manufacturing left the line a fraction counted in 24 places (6/7 KG)', () => {
    const left = { quantity: '2', available: '0.857142857142857142857142', availableExact: '6/7' };
    const result = run({ provision: 'b', exports: [exportOf({ lotId: null, quantity: '0.3' })], importLines: [line('1', left)] });

    expect(result.designations.map((d) => [d.quantity, d.exactQuantity])).toEqual([['0.3', undefined]]);
    const rest = run({ provision: 'b', exports: [exportOf({ lotId: null, quantity: '5' })], importLines: [line('1', left)] });
    expect(rest.designations.map((d) => [d.quantity, d.exactQuantity])).toEqual([['0.857142857142857142857142', '6/7']]);
  });

  it('takes the rest of a receipt exactly when a FIFO split of one take crosses it (5/3 KG left of line 1, then 5/3 KG of line 2)', () => {
    const orders = [order('PO-K', ['FG', '3', 'NO'], [['MIX', null, '10', 'KG']])];
    const exports = [exportOf({ exportLineId: 'a', exportId: 'EXP-A', lotId: 'FG', uom: 'NO', quantity: '1' }),
      exportOf({ exportLineId: 'b', exportId: 'EXP-B', lotId: 'FG', uom: 'NO', quantity: '1' })];
    const importLines = [line('1', { quantity: '5', available: '5' }), line('2', { quantity: '2', available: '2', importDate: '2026-05-11' })];
    const result = run({ provision: 'a', exports, importLines, receipts: [receipt('1', '1', 'MIX', '5'), receipt('2', '2', 'MIX', '2')], orders });

    expect(result.designations.map((d) => `${d.exportLineId}<-${d.entryLineId} ${d.exactQuantity}`)).toEqual(['a<-1 10/3', 'b<-1 5/3', 'b<-2 5/3']);
    expect(result.unmatched).toEqual([]);
  });

  it('counts a substitution that takes the rest of a line left as a fraction by manufacturing exactly, with the decimal the ledger holds', () => {
    const orders = [order('PO-X', ['OX', '7', 'NO'], [['LOT7', null, '4', 'KG']])];
    const importLines = [line('1', { quantity: '2', available: '2' })];
    const receipts = [receipt('1', '1', 'LOT7', '2')];
    const manufactured = run({ provision: 'a', exports: [exportOf({ lotId: 'OX', uom: 'NO', quantity: '1' })], importLines, receipts, orders });
    const taken = manufactured.designations[0].quantity;
    const result = run({
      provision: 'b', exports: [exportOf({ lotId: null, quantity: '5' })], receipts,
      importLines: [line('1', { quantity: '2', available: exactText(new Dec(2).minus(taken)) })],
    });

    expect(exactText(new Dec(taken).plus(result.designations[0].quantity))).toBe('2');
    expect(result.unmatched.map((u) => u.quantity)).toEqual([exactText(new Dec(3).plus(taken))]);
  });

  it('never loses an export line when an input\'s share of a take is nothing at the traced scale (a very large output of a tiny input)', () => {
    // 0.000004 NO of 10^17 NO made from 0.000001 KG uses 4 × 10^-29 KG: nothing at 24 decimals; the other input decides.
    const orders = [order('PO-1', ['FG', '100000000000000000', 'NO'], [['A', null, '0.000001', 'KG'], ['B', null, '100000000000000000', 'KG']])];
    const result = run({
      provision: 'a', exports: [exportOf({ lotId: 'FG', uom: 'NO', quantity: '0.000004' })], importLines: [line('1'), line('2')],
      receipts: [receipt('1', '1', 'A', '1000'), receipt('2', '2', 'B', '0.000001')], orders,
    });
    expect(brief(result)).toEqual({ designations: ['x1<-2/2 0.000001 lot 01'], unmatched: ['x1 0.000003 QUANTITY_EXHAUSTED'] });
  });

  it('reports a production after the export, or an input consumed before its import, as TRACE_DATES_INCONSISTENT', () => {
    const after = [order('PO-1', ['FG', '10', 'NO'], [['A', null, '100', 'KG']], '2026-10-16')];
    const input = { provision: 'a' as const, exports: [exportOf({ lotId: 'FG', uom: 'NO', quantity: '10' })], importLines: [line('1')], receipts: [receipt('1', '1', 'A', '1000')] };
    expect(brief(run({ ...input, orders: after })).unmatched).toEqual(['x1 10 TRACE_DATES_INCONSISTENT']);
    const before = [order('PO-1', ['FG', '10', 'NO'], [['A', null, '100', 'KG']], '2026-05-01')];
    expect(brief(run({ ...input, orders: before })).unmatched).toEqual(['x1 10 TRACE_DATES_INCONSISTENT']);
  });

  it('gives the unit or trace-date reason of a producing order whose output is all consumed, as a receipt with nothing left does (first reason met, not QUANTITY_EXHAUSTED)', () => {
    const consumed = (o: ProductionOrderStock): ProductionOrderStock => ({ ...o, available: '0' });
    const input = { provision: 'a' as const, exports: [exportOf({ lotId: 'FG', uom: 'NO', quantity: '15' })], importLines: [line('1')], receipts: [receipt('1', '1', 'A', '1000')] };
    const made = order('PO-1', ['FG', '10', 'NO'], [['A', null, '100', 'KG']], '2026-06-01');
    const inKilograms = consumed(order('PO-2', ['FG', '10', 'KG'], [['A', null, '100', 'KG']], '2026-06-02'));
    expect(brief(run({ ...input, orders: [made, inKilograms] })).unmatched).toEqual(['x1 5 UOM_MISMATCH']);
    const afterTheExport = consumed(order('PO-2', ['FG', '10', 'NO'], [['A', null, '100', 'KG']], '2026-10-16'));
    expect(brief(run({ ...input, orders: [made, afterTheExport] })).unmatched).toEqual(['x1 5 TRACE_DATES_INCONSISTENT']);
  });

  it('substitutes under j2 on the same 8 digits, oldest import first, as method substitution', () => {
    const lines = [line('1', { hts: '7208510060', importDate: '2026-05-12' }), line('2', { hts: '7208510030', importDate: '2026-05-10', available: '30' })];
    const result = run({ provision: 'j2', exports: [exportOf({ lotId: null })], importLines: lines });
    expect(brief(result)).toEqual({ designations: ['x1<-2/- 30 substitution -', 'x1<-1/- 70 substitution -'], unmatched: [] });
  });

  it('substitutes under j2 only on the same 10 digits when the 8-digit subheading begins with "Other"', () => {
    const lines = [line('1', { hts: '8414596595' })];
    const other = { provision: 'j2' as const, importLines: lines, otherSubheadings: ['84145965'] };
    expect(brief(run({ ...other, exports: [exportOf({ hts: '8414596590' })] })).unmatched).toEqual(['x1 100 NO_SUBSTITUTE_IMPORT']);
    expect(brief(run({ ...other, exports: [exportOf({ hts: '8414596595' })] })).unmatched).toEqual([]);
    expect(brief(run({ provision: 'b', importLines: lines, otherSubheadings: ['84145965'], exports: [exportOf({ hts: '8414596590' })] })).unmatched).toEqual([]);
  });

  it('refuses j2 on exports to Canada or Mexico', () => {
    const result = run({ provision: 'j2', exports: [exportOf({ destinationCountry: 'MX' })], importLines: [line('1')] });
    expect(brief(result).unmatched).toEqual(['x1 100 J2_USMCA_DESTINATION']);
  });

  it('gives the first reason met among substitution candidates, and NO_SUBSTITUTE_IMPORT only when no import shares the digits', () => {
    const lines = [line('1', { uom: 'NO' }), line('2', { importDate: '2026-11-01' })];
    expect(brief(run({ provision: 'b', importLines: lines })).unmatched).toEqual(['x1 100 UOM_MISMATCH']);
    expect(brief(run({ provision: 'b', importLines: [line('1', { hts: '7308909590' })] })).unmatched).toEqual(['x1 100 NO_SUBSTITUTE_IMPORT']);
  });
});
