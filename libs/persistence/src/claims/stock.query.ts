import { ExportLineFacts, ImportLineStock, ProductionOrderStock, ReceiptStock } from '@drawback/domain';
import { withExactAvailable } from './exact-available';
import { ClaimantScope, inScope, scopeParam } from '../reads/claimant-scope';
import { SqlSession } from '../sql-session';

type Query = SqlSession['query'];

const EXPORT_COLUMNS = `x.id::text AS export_line_id, x.export_id, x.line_number, x.export_date::text AS export_date, x.action,
  x.destination_country::text AS destination_country, x.hts::text AS hts, x.lot_id, x.heat_number,
  trim_scale(x.quantity)::text AS quantity, x.uom, x.value::text AS value`;

interface ExportRow {
  export_line_id: string; export_id: string; line_number: number; export_date: string; action: 'exported' | 'destroyed';
  destination_country: string | null; hts: string; lot_id: string | null; heat_number: string | null; quantity: string; uom: string; value: string;
}

const toExport = (r: ExportRow): ExportLineFacts => ({
  exportLineId: r.export_line_id, exportId: r.export_id, lineNumber: Number(r.line_number), exportDate: r.export_date, action: r.action,
  destinationCountry: r.destination_country, hts: r.hts, lotId: r.lot_id, heatNumber: r.heat_number, quantity: r.quantity, uom: r.uom, value: r.value,
});

/** Export lines by id. */
export async function exportLinesById(query: Query, ids: readonly string[]): Promise<ExportLineFacts[]> {
  const rows = await query<ExportRow>(`SELECT ${EXPORT_COLUMNS} FROM export_line x WHERE x.id = ANY ($1::bigint[]) ORDER BY x.id`, [ids]);
  return rows.map(toExport);
}

/**
 * Export lines a claim asks for: by export id (all its lines) or `ID/LINE`, or by export-date range, each
 * with the claim it is in already. With an owner, only that claimant's lines, and lines that record no
 * claimant when `unowned` (the command line and keys for every claimant may claim those).
 */
export async function selectExportLines(
  query: Query, selection: { exports?: string[]; from?: string; to?: string; owner?: { claimant: string; unowned: boolean } },
): Promise<Array<ExportLineFacts & { claimId: string | null; claimant: string | null }>> {
  const rows = await query<ExportRow & { claim_id: string | null; claimant: string | null }>(`
    SELECT ${EXPORT_COLUMNS}, c.claim_id::text AS claim_id, x.claimant
      FROM export_line x LEFT JOIN claim_export_line c ON c.export_line_id = x.id
     WHERE ($1::text[] IS NULL OR x.export_id = ANY ($1::text[]) OR (x.export_id || '/' || x.line_number) = ANY ($1::text[]))
       AND ($2::date IS NULL OR x.export_date >= $2::date) AND ($3::date IS NULL OR x.export_date <= $3::date)
       AND ($4::text IS NULL OR x.claimant = $4::text OR ($5::boolean AND x.claimant IS NULL))
     ORDER BY x.export_date, x.export_id COLLATE "C", x.line_number`,
    [selection.exports ?? null, selection.from ?? null, selection.to ?? null, selection.owner?.claimant ?? null, selection.owner?.unowned ?? true]);
  return rows.map((row) => ({ ...toExport(row), claimId: row.claim_id, claimant: row.claimant }));
}

const IMPORT_LINE_COLUMNS = `el.id::text AS entry_line_id, ie.entry_number, el.line_number, el.hts::text AS hts, el.uom,
  trim_scale(el.quantity)::text AS quantity, trim_scale(el.quantity - el.designated)::text AS available,
  ie.import_date::text AS import_date, el.entered_value::text AS entered_value`;

interface ImportLineRow {
  entry_line_id: string; entry_number: string; line_number: number; hts: string; uom: string; quantity: string; available: string;
  import_date: string; entered_value: string;
}
const toImportLine = (r: ImportLineRow): ImportLineStock => ({
  entryLineId: r.entry_line_id, entryNumber: r.entry_number, lineNumber: Number(r.line_number), hts: r.hts, uom: r.uom,
  quantity: r.quantity, available: r.available, importDate: r.import_date, enteredValue: r.entered_value,
});

/**
 * Import lines that may substitute for these exports: those of the same first 8 HTS digits (§2.2). The
 * spec limits candidates by lot, heat, HTS, unit and time, not by importer: unscoped (the command line, a
 * `*` key) every stored import is a candidate; a key limited to some claimants draws only on their
 * importers' entries, the only ones it may see. Direct identification below takes the same scope.
 */
export async function substitutionStock(query: Query, exportLineIds: readonly string[], importers: ClaimantScope): Promise<ImportLineStock[]> {
  const rows = await query<ImportLineRow>(`
    SELECT ${IMPORT_LINE_COLUMNS} FROM entry_line el JOIN import_entry ie ON ie.id = el.entry_id
     WHERE left(el.hts, 8) IN (SELECT left(hts, 8) FROM export_line WHERE id = ANY ($1::bigint[])) AND ${inScope('ie.importer_number', 2)}`,
    [exportLineIds, scopeParam(importers)]);
  return withExactAvailable(query, 'entry_line', rows.map(toImportLine), (line) => line.entryLineId);
}

/**
 * What direct identification can reach from these exports: the lots they name and, through production
 * orders, every lot those were made from; the orders making them; the receipts of those lots and their
 * import lines — never the whole inventory; only receipts, import lines and production orders of the
 * claimants in scope (another claimant's order making a lot of the same name is its manufacturing, not theirs).
 */
export async function directStock(query: Query, exportLineIds: readonly string[], importers: ClaimantScope): Promise<{
  importLines: ImportLineStock[]; receipts: ReceiptStock[]; orders: ProductionOrderStock[];
}> {
  await query(`DROP TABLE IF EXISTS reachable_lot`);
  await query(`
    CREATE TEMP TABLE reachable_lot ON COMMIT DROP AS
    WITH RECURSIVE reach (lot_id) AS (
      SELECT lot_id FROM export_line WHERE id = ANY ($1::bigint[]) AND lot_id IS NOT NULL
      UNION
      SELECT i.lot_id FROM reach r
        JOIN production_item o ON o.lot_id = r.lot_id AND o.role = 'output'
        JOIN production_order po ON po.id = o.production_order_id AND ${inScope('po.claimant', 2)}
        JOIN production_item i ON i.production_order_id = o.production_order_id AND i.role = 'input')
    SELECT lot_id FROM reach`, [exportLineIds, scopeParam(importers)]);
  // A temporary table has no statistics: planned as a couple of hundred lots, a claim reaching 300,000 took an
  // index probe per lot (8.5 s) where a hash join takes 3.7 s.
  await query(`ANALYZE reachable_lot`);
  const receipts = await query<{ receipt_id: string; entry_line_id: string; lot_id: string; heat_number: string | null; quantity: string; available: string; sequence: string }>(`
    SELECT r.id::text AS receipt_id, r.entry_line_id::text AS entry_line_id, r.lot_id, r.heat_number,
           trim_scale(r.quantity)::text AS quantity, trim_scale(r.quantity - r.designated)::text AS available, r.id::text AS sequence
      FROM receipt r JOIN entry_line el ON el.id = r.entry_line_id JOIN import_entry ie ON ie.id = el.entry_id
     WHERE r.lot_id IN (SELECT lot_id FROM reachable_lot) AND ${inScope('ie.importer_number', 1)}`, [scopeParam(importers)]);
  const importLines = await query<ImportLineRow>(`
    SELECT ${IMPORT_LINE_COLUMNS} FROM entry_line el JOIN import_entry ie ON ie.id = el.entry_id
     WHERE el.id IN (SELECT entry_line_id FROM receipt WHERE lot_id IN (SELECT lot_id FROM reachable_lot)) AND ${inScope('ie.importer_number', 1)}`, [scopeParam(importers)]);
  const items = await query<{ item_id: string; order_id: string; production_date: string; role: string; lot_id: string; heat_number: string | null; quantity: string; uom: string; available: string }>(`
    SELECT pi.id::text AS item_id, po.order_id, po.production_date::text AS production_date, pi.role, pi.lot_id, pi.heat_number,
           trim_scale(pi.quantity)::text AS quantity, pi.uom, trim_scale(pi.quantity - pi.consumed)::text AS available
      FROM production_item pi JOIN production_order po ON po.id = pi.production_order_id
     WHERE pi.production_order_id IN (SELECT production_order_id FROM production_item WHERE role = 'output' AND lot_id IN (SELECT lot_id FROM reachable_lot))
       AND ${inScope('po.claimant', 1)}
     ORDER BY po.order_id COLLATE "C", pi.id`, [scopeParam(importers)]);
  const orders = new Map<string, ProductionOrderStock>();
  const outputItems = new Map<string, string>();
  for (const item of items) {
    const order = orders.get(item.order_id) ?? { orderId: item.order_id, productionDate: item.production_date, output: { lotId: '', quantity: '0', uom: '' }, inputs: [], available: '0' };
    if (item.role === 'output') {
      order.output = { lotId: item.lot_id, quantity: item.quantity, uom: item.uom };
      order.available = item.available;
      outputItems.set(item.order_id, item.item_id);
    } else order.inputs.push({ lotId: item.lot_id, heatNumber: item.heat_number, quantity: item.quantity, uom: item.uom });
    orders.set(item.order_id, order);
  }
  return {
    importLines: await withExactAvailable(query, 'entry_line', importLines.map(toImportLine), (line) => line.entryLineId),
    receipts: await withExactAvailable(query, 'receipt', receipts.map((r) => ({
      receiptId: r.receipt_id, entryLineId: r.entry_line_id, lotId: r.lot_id, heatNumber: r.heat_number, quantity: r.quantity, available: r.available,
      sequence: Number(r.sequence),
    })), (receipt) => receipt.receiptId),
    orders: await withExactAvailable(query, 'production_item', [...orders.values()], (order) => outputItems.get(order.orderId)!),
  };
}
