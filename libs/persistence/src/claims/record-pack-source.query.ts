import { DataSource } from 'typeorm';

export interface EvidenceDocumentRow {
  documentId: string;
  kind: string;
  subject: string;
  subjectId: string;
  reference: string;
  sha256: string | null;
}

export interface SourceFileRow {
  name: string;
  sha256: string;
}

export interface DesignatedLineDetail {
  entryLineId: string;
  entryNumber: string;
  lineNumber: number;
  description: string;
  hts: string;
  uom: string;
  /** Special program indicator (`S` = USMCA), which the basis check reads. */
  spi: string | null;
  /** The Section 232 buckets of the line: metal, annex, and the declared computation (basis, rate, basis value, amount). */
  s232: Array<{
    heading: string; metal: string; annex: string | null; basis: string | null; rate: string | null; basisValue: string | null; amount: string;
  }>;
}

/** Production orders whose items one query reads: a claim of a hundred thousand exports may reach 200,000 orders. */
const ORDERS_PER_QUERY = 10_000;

/** What a record pack shows beyond the estimate: evidence, the source files used, line details. */
export interface RecordPackSource {
  evidence: EvidenceDocumentRow[];
  sources: SourceFileRow[];
  lines: DesignatedLineDetail[];
  /** Production orders on the claim's traces. */
  orders: string[];
  /**
   * The manufacturing records of those orders (rules §5: manufacturing records for `a`): each order's inputs and
   * output, by order id, inputs first, then by lot, heat and quantity (an order of the data alone, whichever ingest
   * stored them). Each item is the JSON text of its fields `[order, date, role, lot, heat, quantity, uom, hts]`: one
   * short string an item, not an object of eight, so that the 600,000 items of a large claim fit the pack's heap.
   */
  production: string[];
}

export interface RecordPackSourceOptions {
  /**
   * Whether the sources name the production records that left an unused-merchandise export MANUFACTURED_NOT_UNUSED:
   * packs made before generator 0.6.0 did not, and are verified against the sources they could name.
   */
  unmatchedProduction: boolean;
}

/**
 * Text keys are ordered COLLATE "C" (by character code, as the code sorts): a pack made on a server with
 * another collation, or verified on the embedded database, must list the same rows in the same order.
 */
export async function loadRecordPackSource(
  dataSource: Pick<DataSource, 'query'>, claimId: string, options: RecordPackSourceOptions = { unmatchedProduction: true },
): Promise<RecordPackSource> {
  const lines = await dataSource.query(`
    SELECT el.id::text AS entry_line_id, ie.entry_number, el.line_number, el.description, el.hts::text AS hts, el.uom, el.spi,
           coalesce((SELECT json_agg(json_build_object('heading', b.heading, 'metal', b.metal, 'annex', b.s232_annex, 'basis', b.basis,
                                                   'rate', trim_scale(b.rate)::text, 'basisValue', b.basis_value::text, 'amount', b.amount::text) ORDER BY b.heading COLLATE "C")
                       FROM duty_bucket b WHERE b.entry_line_id = el.id AND b.program = 's232'), '[]') AS s232
      FROM entry_line el JOIN import_entry ie ON ie.id = el.entry_id
     WHERE el.id IN (SELECT entry_line_id FROM designation WHERE claim_id = $1)
     ORDER BY ie.entry_number COLLATE "C", el.line_number`, [claimId]);
  const orders = await dataSource.query(`
    SELECT order_id FROM (SELECT DISTINCT substring(step FROM 7) AS order_id
      FROM designation d, jsonb_array_elements_text(d.trace) AS step
     WHERE d.claim_id = $1 AND step LIKE 'order:%') o ORDER BY order_id COLLATE "C"`, [claimId]);
  const evidence = await dataSource.query(`
    WITH subjects (subject, subject_id) AS (
           SELECT 'entry_line', ie.entry_number || '/' || el.line_number
             FROM designation d JOIN entry_line el ON el.id = d.entry_line_id JOIN import_entry ie ON ie.id = el.entry_id WHERE d.claim_id = $1
           UNION SELECT 'lot', r.lot_id FROM designation d JOIN receipt r ON r.id = d.receipt_id WHERE d.claim_id = $1
           UNION SELECT 'heat', r.heat_number FROM designation d JOIN receipt r ON r.id = d.receipt_id WHERE d.claim_id = $1 AND r.heat_number IS NOT NULL
           UNION SELECT 'production_order', unnest($2::text[])
           UNION SELECT 'export_line', x.export_id || '/' || x.line_number
             FROM claim_export_line c JOIN export_line x ON x.id = c.export_line_id WHERE c.claim_id = $1)
    SELECT e.id::text AS id, e.document_id, e.kind, e.subject, e.subject_id, e.reference, e.sha256::text AS sha256
      FROM evidence_document e JOIN subjects s ON s.subject = e.subject AND s.subject_id = e.subject_id
     -- The claimant's documents, or nobody's (a command-line ingest of several importers): another claimant's
     -- lots, heats and orders may bear the same names, and its documents are not this claim's to show.
     WHERE e.claimant IS NULL OR e.claimant = (SELECT claimant FROM claim WHERE id = $1)
     ORDER BY e.subject COLLATE "C", e.subject_id COLLATE "C", e.document_id COLLATE "C"`, [claimId, orders.map((o: { order_id: string }) => o.order_id)]);
  const production = await productionItems(dataSource, orders.map((o: { order_id: string }) => o.order_id));
  const sources = await dataSource.query(`
    WITH used AS (
           SELECT el.source_file_id FROM designation d JOIN entry_line el ON el.id = d.entry_line_id WHERE d.claim_id = $1
           UNION SELECT b.source_file_id FROM designation d JOIN duty_bucket b
                   ON b.entry_line_id = d.entry_line_id OR (b.entry_line_id IS NULL AND b.entry_id = (SELECT entry_id FROM entry_line WHERE id = d.entry_line_id))
                WHERE d.claim_id = $1
           UNION SELECT r.source_file_id FROM designation d JOIN receipt r ON r.id = d.receipt_id WHERE d.claim_id = $1
           UNION SELECT x.source_file_id FROM claim_export_line c JOIN export_line x ON x.id = c.export_line_id WHERE c.claim_id = $1
           UNION SELECT pi.source_file_id FROM production_item pi JOIN production_order po ON po.id = pi.production_order_id WHERE po.order_id = ANY ($2::text[])
           -- An unused-merchandise export of a produced lot was decided by the records that made the lot (§2.1 step 2):
           -- the claimant's, or nobody's, as for evidence.
           UNION SELECT pi.source_file_id FROM claim_unmatched u JOIN export_line x ON x.id = u.export_line_id
                   JOIN production_item o ON o.lot_id = x.lot_id AND o.role = 'output'
                   JOIN production_order po ON po.id = o.production_order_id JOIN production_item pi ON pi.production_order_id = po.id
                WHERE $4 AND u.claim_id = $1 AND u.reason = 'MANUFACTURED_NOT_UNUSED'
                  AND (po.claimant IS NULL OR po.claimant = (SELECT claimant FROM claim WHERE id = $1))
           UNION SELECT e.source_file_id FROM evidence_document e WHERE e.id = ANY ($3::bigint[]))
    SELECT name, sha256 FROM (SELECT DISTINCT sf.name, sf.sha256::text AS sha256 FROM source_file sf JOIN used u ON u.source_file_id = sf.id) f
     ORDER BY name COLLATE "C", sha256`,
    [claimId, orders.map((o: { order_id: string }) => o.order_id), evidence.map((e: { id: string }) => e.id), options.unmatchedProduction]);
  return {
    lines: lines.map((l: Record<string, never>) => ({
      entryLineId: l.entry_line_id, entryNumber: l.entry_number, lineNumber: Number(l.line_number), description: l.description, hts: l.hts, uom: l.uom, spi: l.spi,
      s232: typeof l.s232 === 'string' ? JSON.parse(l.s232) : l.s232,
    })),
    orders: orders.map((o: { order_id: string }) => o.order_id),
    production,
    evidence: evidence.map((e: Record<string, never>) => ({
      documentId: e.document_id, kind: e.kind, subject: e.subject, subjectId: e.subject_id, reference: e.reference, sha256: e.sha256,
    })),
    sources,
  };
}

/**
 * The items of the orders, in the order the pack lists them. `orderIds` are sorted as the query sorts (COLLATE "C"),
 * so the items of consecutive slices of them follow one another.
 */
async function productionItems(dataSource: Pick<DataSource, 'query'>, orderIds: readonly string[]): Promise<string[]> {
  const items: string[] = [];
  for (let start = 0; start < orderIds.length; start += ORDERS_PER_QUERY) {
    const rows: Array<{ item: string }> = await dataSource.query(`
      SELECT json_build_array(po.order_id, po.production_date::text, pi.role, pi.lot_id, pi.heat_number, trim_scale(pi.quantity)::text, pi.uom,
                              pi.hts::text)::text AS item
        FROM production_order po JOIN production_item pi ON pi.production_order_id = po.id
       WHERE po.order_id = ANY ($1::text[])
       ORDER BY po.order_id COLLATE "C", pi.role::text COLLATE "C", pi.lot_id COLLATE "C", pi.heat_number COLLATE "C" NULLS FIRST, pi.quantity`,
    [orderIds.slice(start, start + ORDERS_PER_QUERY)]);
    for (const row of rows) items.push(row.item);
  }
  return items;
}
