import { Designation, ExportLineFacts } from '@drawback/domain';
import { traceGraph } from './trace-graph';

const exportLine = (exportId: string, lineNumber: number, quantity: string): ExportLineFacts => ({
  exportLineId: `${exportId}/${lineNumber}`, exportId, lineNumber, exportDate: '2026-06-01', action: 'exported', destinationCountry: 'GB',
  hts: '8479899599', lotId: 'FG', heatNumber: null, quantity, uom: 'NO', value: '1000.00',
});

const designation = (exportId: string, line: number, quantity: string, trace: string[]): Designation => ({
  exportLineId: `${exportId}/${line}`, exportId, exportLine: line, entryLineId: '1', receiptId: '1', lotId: 'COIL', heatNumber: null, quantity,
  method: 'lot', aceCode: '01', trace,
});

describe(traceGraph.name, () => {
  it('lists every export line of the claim with what was left unmatched and why, also one nothing was designated for (spec §7: the graph from each export line)', () => {
    const path = ['export:EXP-1/1', 'lot:FG', 'order:PO-3', 'lot:SUB-B', 'order:PO-2', 'lot:SUB-A', 'order:PO-1', 'lot:COIL', 'entry:AUD-0000001-5/1'];
    const graph = traceGraph(
      [designation('EXP-1', 1, '233.333333333333333333333333', path)],
      [exportLine('EXP-2', 1, '5'), exportLine('EXP-1', 1, '10')],
      [{ exportId: 'EXP-1', exportLine: 1, quantity: '2', reason: 'QUANTITY_EXHAUSTED' }, { exportId: 'EXP-2', exportLine: 1, quantity: '5', reason: 'LOT_NOT_FOUND' }],
    );
    expect(graph.exportLines).toEqual([
      {
        exportLine: 'EXP-1/1', quantity: '10', uom: 'NO', nodes: path, edges: path.slice(1).map((to, i) => ({ from: path[i], to })),
        paths: [{ steps: path, quantity: '233.333333333333333333333333', method: 'lot' }], unmatched: { quantity: '2', reason: 'QUANTITY_EXHAUSTED' },
      },
      { exportLine: 'EXP-2/1', quantity: '5', uom: 'NO', nodes: [], edges: [], paths: [], unmatched: { quantity: '5', reason: 'LOT_NOT_FOUND' } },
    ]);
  });

  it('merges the paths of one export line into one graph: a node or edge shared by two paths is listed once', () => {
    const viaX = ['export:E/1', 'lot:FG', 'order:PO-C', 'lot:X', 'order:PO-A', 'lot:R', 'heat:H9', 'entry:AUD-0000004-9/1'];
    const viaY = ['export:E/1', 'lot:FG', 'order:PO-C', 'lot:Y', 'order:PO-B', 'lot:R', 'heat:H9', 'entry:AUD-0000004-9/1'];
    const [line] = traceGraph([designation('E', 1, '300', viaX), designation('E', 1, '300', viaY)], [exportLine('E', 1, '10')], []).exportLines;
    expect(line.nodes).toEqual([...viaX, 'lot:Y', 'order:PO-B']);
    expect(line.edges).toHaveLength(7 + 3);
    expect(line.paths.map((p) => p.steps)).toEqual([viaX, viaY]);
    expect(line.unmatched).toBeNull();
  });
});
