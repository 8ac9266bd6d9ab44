import { DataSource } from 'typeorm';
import { ClaimantScope, inScope, scopeParam } from '../reads/claimant-scope';
import { isoOrNull, Page, PageRequest } from '../reads/page';

export interface ClaimSummary {
  id: string;
  claimant: string;
  provision: string;
  asOf: string;
  ruleVersion: string;
  policy: Record<string, string>;
  status: 'draft' | 'filed';
  createdAt: string;
  exportLineCount: number;
  designationCount: number;
  /** Export lines with quantity left unmatched. */
  unmatchedCount: number;
  /** Whether an estimate is stored (POST /claims/{id}/estimate computes it). */
  estimated: boolean;
}

export interface UnmatchedView {
  exportId: string;
  exportLine: number;
  /** In the export line's unit. */
  quantity: string;
  reason: string;
}

/** An export line as the claim views show it: what was exported, of which lot or heat, how much. */
export interface ExportLineFacts {
  exportId: string;
  lineNumber: number;
  exportDate: string;
  action: string;
  lotId: string | null;
  heatNumber: string | null;
  quantity: string;
  uom: string;
}

export interface ClaimExportLineView extends ExportLineFacts {
  designationCount: number;
  unmatched: { quantity: string; reason: string } | null;
}

export interface DesignationsSummary {
  count: number;
  byMethod: Array<{ method: string; count: number }>;
  /** What the claim took of each import line, in that line's unit. */
  importLines: Array<{ entryNumber: string; lineNumber: number; uom: string; quantity: string }>;
}

export interface ClaimDetail extends ClaimSummary {
  exportLines: ClaimExportLineView[];
  designations: DesignationsSummary;
  unmatched: UnmatchedView[];
}

type SummaryRow = Omit<ClaimSummary, 'createdAt'> & { createdAt: Date };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const SUMMARY = `
  SELECT c.id::text AS id, c.claimant, c.provision, c.as_of::text AS "asOf", c.rule_version AS "ruleVersion", c.policy, c.status,
         c.created_at AS "createdAt",
         (SELECT count(*)::int FROM claim_export_line x WHERE x.claim_id = c.id) AS "exportLineCount",
         (SELECT count(*)::int FROM designation d WHERE d.claim_id = c.id) AS "designationCount",
         (SELECT count(*)::int FROM claim_unmatched u WHERE u.claim_id = c.id) AS "unmatchedCount",
         EXISTS (SELECT 1 FROM estimate e WHERE e.claim_id = c.id) AS estimated
    FROM claim c`;

const toSummary = (row: SummaryRow): ClaimSummary => ({ ...row, createdAt: isoOrNull(row.createdAt) as string });

/**
 * Claims as stored: what each covers, what it designated and what it left unmatched. A scope sees only
 * its claimants' claims; another claimant's claim reads as absent.
 */
export class ClaimsRead {
  constructor(private readonly dataSource: DataSource) {}

  async list(page: PageRequest, scope: ClaimantScope = null): Promise<Page<ClaimSummary>> {
    const rows = await this.dataSource.query<SummaryRow[]>(
      `${SUMMARY} WHERE ${inScope('c.claimant', 3)} ORDER BY c.created_at, c.id LIMIT $1 OFFSET $2`, [page.limit, page.offset, scopeParam(scope)]);
    const [{ total }] = await this.dataSource.query<{ total: number }[]>(
      `SELECT count(*)::int AS total FROM claim c WHERE ${inScope('c.claimant', 1)}`, [scopeParam(scope)]);
    return { items: rows.map(toSummary), total, ...page };
  }

  async find(id: string, scope: ClaimantScope = null): Promise<ClaimDetail | null> {
    if (!UUID.test(id)) return null;
    const [row] = await this.dataSource.query<SummaryRow[]>(`${SUMMARY} WHERE c.id = $1 AND ${inScope('c.claimant', 2)}`, [id, scopeParam(scope)]);
    if (!row) return null;
    const exportLines = await this.dataSource.query<(Omit<ClaimExportLineView, 'unmatched'> & { unmatchedQuantity: string | null; reason: string | null })[]>(`
      SELECT x.export_id AS "exportId", x.line_number AS "lineNumber", x.export_date::text AS "exportDate", x.action,
             x.lot_id AS "lotId", x.heat_number AS "heatNumber", trim_scale(x.quantity)::text AS quantity, x.uom,
             (SELECT count(*)::int FROM designation d WHERE d.claim_id = c.claim_id AND d.export_line_id = x.id) AS "designationCount",
             trim_scale(u.quantity)::text AS "unmatchedQuantity", u.reason
        FROM claim_export_line c JOIN export_line x ON x.id = c.export_line_id
        LEFT JOIN claim_unmatched u ON u.claim_id = c.claim_id AND u.export_line_id = x.id
       WHERE c.claim_id = $1 ORDER BY x.export_date, x.export_id, x.line_number`, [id]);
    const byMethod = await this.dataSource.query<Array<{ method: string; count: number }>>(
      `SELECT method, count(*)::int AS count FROM designation WHERE claim_id = $1 GROUP BY method ORDER BY method`, [id]);
    const importLines = await this.dataSource.query<DesignationsSummary['importLines']>(`
      SELECT ie.entry_number AS "entryNumber", el.line_number AS "lineNumber", el.uom, trim_scale(sum(d.quantity))::text AS quantity
        FROM designation d JOIN entry_line el ON el.id = d.entry_line_id JOIN import_entry ie ON ie.id = el.entry_id
       WHERE d.claim_id = $1 GROUP BY ie.entry_number, el.line_number, el.uom ORDER BY 1, 2`, [id]);
    return {
      ...toSummary(row),
      exportLines: exportLines.map(({ unmatchedQuantity, reason, ...line }) => ({
        ...line, unmatched: unmatchedQuantity === null ? null : { quantity: unmatchedQuantity, reason: reason as string },
      })),
      designations: { count: row.designationCount, byMethod, importLines },
      unmatched: exportLines.filter((line) => line.unmatchedQuantity !== null).map((line) => ({
        exportId: line.exportId, exportLine: line.lineNumber, quantity: line.unmatchedQuantity as string, reason: line.reason as string,
      })),
    };
  }

  /**
   * The stored estimate of a claim as the exact JSON text that was written (its key order is part of what is
   * reproducible), by the claim's rule version.
   */
  async estimateJson(claimId: string, scope: ClaimantScope = null): Promise<{ ruleVersion: string; json: string; sha256: string } | null> {
    if (!UUID.test(claimId)) return null;
    const [row] = await this.dataSource.query<{ rule_version: string; document: string; sha256: string }[]>(
      `SELECT e.rule_version, e.document, e.sha256 FROM estimate e JOIN claim c ON c.id = e.claim_id AND c.rule_version = e.rule_version
        WHERE e.claim_id = $1 AND ${inScope('c.claimant', 2)}`, [claimId, scopeParam(scope)]);
    return row ? { ruleVersion: row.rule_version, json: row.document, sha256: row.sha256 } : null;
  }
}
