import { exactText, Fraction, TRACED_QUANTITY_DECIMALS } from '@drawback/domain';
import { DataSource } from 'typeorm';
import { ClaimantScope, inScope, scopeParam } from '../reads/claimant-scope';
import { ExportLineFacts } from './claims.read';
import { takenBeyondDecimals } from './exact-available';

export interface TracedDesignation {
  claimId: string;
  entryNumber: string;
  entryLine: number;
  lotId: string | null;
  heatNumber: string | null;
  /** In the import line's unit. */
  quantity: string;
  /** The exact fraction (`1/3`) a quantity traced through manufacturing was rounded from, or null when exact. */
  quantityExact: string | null;
  method: string;
  aceCode: string | null;
  /** From the export line down to the import line: `export:…`, `lot:…`, `order:…`, `heat:…`, `entry:…`. */
  trace: string[];
}

export interface ExportLineTrace extends ExportLineFacts {
  /** The claim the line belongs to (at most one), or null. */
  claim: { id: string; provision: string; status: string; asOf: string } | null;
  designations: TracedDesignation[];
  /** What the claim could not designate, in the export line's unit, with the first reason met. */
  unmatched: { quantity: string; reason: string } | null;
}

export interface LedgerReceipt {
  lotId: string;
  heatNumber: string | null;
  quantity: string;
  designated: string;
  /** What is left of the receipt, never more than what is left of its import line (matching §2.4). */
  available: string;
}

export interface LedgerDesignation {
  claimId: string;
  claimStatus: string;
  exportId: string;
  exportLine: number;
  lotId: string | null;
  heatNumber: string | null;
  quantity: string;
  /** The exact fraction (`1/3`) a quantity traced through manufacturing was rounded from, or null when exact. */
  quantityExact: string | null;
  method: string;
  /** The import line's trace forward (interfaces.md: trace of an import line): the path from the export line to it. */
  trace: string[];
}

export interface ImportLineLedger {
  entryNumber: string;
  lineNumber: number;
  hts: string;
  uom: string;
  quantity: string;
  designated: string;
  available: string;
  receipts: LedgerReceipt[];
  designations: LedgerDesignation[];
}

/**
 * The trace of an export line through production orders and lots/heats to import lines, and the ledger of
 * an import line: what the designation rows took of it and what is left (the counters the ledger's
 * triggers keep). Quantities are exact decimal strings without trailing zeros. A scope reads only its
 * claimants' export lines and import lines, and in a ledger only its claimants' claims.
 */
export class TraceRead {
  constructor(private readonly dataSource: DataSource) {}

  async exportLine(exportId: string, lineNumber: number, scope: ClaimantScope = null): Promise<ExportLineTrace | null> {
    const [line] = await this.dataSource.query<(Omit<ExportLineTrace, 'claim' | 'designations' | 'unmatched'> & {
      id: string; claimId: string | null; provision: string | null; status: string | null; asOf: string | null;
      unmatchedQuantity: string | null; reason: string | null;
    })[]>(`
      SELECT x.id::text AS id, x.export_id AS "exportId", x.line_number AS "lineNumber", x.export_date::text AS "exportDate", x.action,
             x.lot_id AS "lotId", x.heat_number AS "heatNumber", trim_scale(x.quantity)::text AS quantity, x.uom,
             c.id::text AS "claimId", c.provision, c.status, c.as_of::text AS "asOf",
             trim_scale(u.quantity)::text AS "unmatchedQuantity", u.reason
        FROM export_line x
        LEFT JOIN claim_export_line ce ON ce.export_line_id = x.id LEFT JOIN claim c ON c.id = ce.claim_id
        LEFT JOIN claim_unmatched u ON u.claim_id = c.id AND u.export_line_id = x.id
       WHERE x.export_id = $1 AND x.line_number = $2 AND ${inScope('x.claimant', 3)}`, [exportId, lineNumber, scopeParam(scope)]);
    if (!line) return null;
    const designations = await this.dataSource.query<(TracedDesignation & { trace: string[] | string })[]>(`
      SELECT d.claim_id::text AS "claimId", ie.entry_number AS "entryNumber", el.line_number AS "entryLine", r.lot_id AS "lotId",
             r.heat_number AS "heatNumber", trim_scale(d.quantity)::text AS quantity, d.quantity_exact AS "quantityExact", d.method, d.ace_code AS "aceCode", d.trace
        FROM designation d JOIN entry_line el ON el.id = d.entry_line_id JOIN import_entry ie ON ie.id = el.entry_id
        LEFT JOIN receipt r ON r.id = d.receipt_id
       WHERE d.export_line_id = $1 ORDER BY d.claim_id, d.sequence`, [line.id]);
    const { id: _id, claimId, provision, status, asOf, unmatchedQuantity, reason, ...exportLine } = line;
    return {
      ...exportLine,
      claim: claimId === null ? null : { id: claimId, provision: provision as string, status: status as string, asOf: asOf as string },
      designations: designations.map((d) => ({ ...d, trace: typeof d.trace === 'string' ? JSON.parse(d.trace) : d.trace })),
      unmatched: unmatchedQuantity === null ? null : { quantity: unmatchedQuantity, reason: reason as string },
    };
  }

  async importLine(entryNumber: string, lineNumber: number, scope: ClaimantScope = null): Promise<ImportLineLedger | null> {
    const [line] = await this.dataSource.query<(Omit<ImportLineLedger, 'receipts' | 'designations'> & { id: string })[]>(`
      SELECT el.id::text AS id, ie.entry_number AS "entryNumber", el.line_number AS "lineNumber", el.hts::text AS hts, el.uom,
             trim_scale(el.quantity)::text AS quantity, trim_scale(el.designated)::text AS designated,
             trim_scale(el.quantity - el.designated)::text AS available
        FROM entry_line el JOIN import_entry ie ON ie.id = el.entry_id
       WHERE ie.entry_number = $1 AND el.line_number = $2 AND ${inScope('ie.importer_number', 3)}`, [entryNumber, lineNumber, scopeParam(scope)]);
    if (!line) return null;
    const receiptRows = await this.dataSource.query<(Omit<LedgerReceipt, 'available'> & { id: string })[]>(`
      SELECT r.id::text AS id, r.lot_id AS "lotId", r.heat_number AS "heatNumber", trim_scale(r.quantity)::text AS quantity,
             trim_scale(r.designated)::text AS designated
        FROM receipt r WHERE r.entry_line_id = $1 ORDER BY r.lot_id, r.heat_number NULLS FIRST`, [line.id]);
    const designations = await this.dataSource.query<(LedgerDesignation & { trace: string[] | string })[]>(`
      SELECT d.claim_id::text AS "claimId", c.status AS "claimStatus", x.export_id AS "exportId", x.line_number AS "exportLine",
             r.lot_id AS "lotId", r.heat_number AS "heatNumber", trim_scale(d.quantity)::text AS quantity, d.quantity_exact AS "quantityExact", d.method, d.trace
        FROM designation d JOIN claim c ON c.id = d.claim_id JOIN export_line x ON x.id = d.export_line_id
        LEFT JOIN receipt r ON r.id = d.receipt_id
       WHERE d.entry_line_id = $1 AND ${inScope('c.claimant', 2)} ORDER BY c.created_at, d.claim_id, d.sequence`, [line.id, scopeParam(scope)]);
    // What was taken, exactly: the counters add up decimals of takes traced through manufacturing (1/3 KG three
    // times counts 0.999…999 KG); the exact takes behind them say 1 KG.
    const query = this.dataSource.query.bind(this.dataSource);
    const lineBeyond = await takenBeyondDecimals(query, 'entry_line', [line.id]);
    const receiptBeyond = await takenBeyondDecimals(query, 'receipt', receiptRows.map((r) => r.id));
    const taken = (designated: string, beyond: Fraction | undefined) => Fraction.fromDecimal(designated).plus(beyond ?? Fraction.ZERO);
    const shown = (value: Fraction) => exactText(value.toDecimal(TRACED_QUANTITY_DECIMALS));
    const lineTaken = taken(line.designated, lineBeyond.get(line.id));
    const lineLeft = Fraction.fromDecimal(line.quantity).minus(lineTaken);
    const receipts = receiptRows.map(({ id, ...receipt }) => {
      const receiptTaken = taken(receipt.designated, receiptBeyond.get(id));
      const left = Fraction.min(Fraction.fromDecimal(receipt.quantity).minus(receiptTaken), lineLeft);
      return { ...receipt, designated: shown(receiptTaken), available: shown(left) };
    });
    const { id: _id, ...ledger } = line;
    return {
      ...ledger, designated: shown(lineTaken), available: shown(lineLeft), receipts,
      designations: designations.map((d) => ({ ...d, trace: typeof d.trace === 'string' ? JSON.parse(d.trace) : d.trace })),
    };
  }
}
