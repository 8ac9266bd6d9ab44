import { DataSource } from 'typeorm';
import { ClaimantScope, inScope, scopeParam } from './claimant-scope';
import { Page, PageRequest } from './page';

export interface ExportSummary {
  exportId: string;
  /** The earliest line's date: an export's lines may leave on different days. */
  exportDate: string;
  exporters: string[];
  lineCount: number;
  /** Sum of the lines' values, a decimal string. */
  value: string;
}

export interface ExportLineView {
  lineNumber: number;
  exportDate: string;
  action: string;
  exporter: string;
  destinationCountry: string | null;
  hts: string;
  description: string;
  lotId: string | null;
  heatNumber: string | null;
  quantity: string;
  uom: string;
  value: string;
}

export interface ExportDetail extends ExportSummary {
  lines: ExportLineView[];
}

const SUMMARY = `
  SELECT export_id AS "exportId", min(export_date)::text AS "exportDate",
         array_agg(DISTINCT exporter ORDER BY exporter) AS exporters, count(*)::int AS "lineCount",
         sum(value)::numeric(18,2)::text AS value
    FROM export_line`;

/**
 * Export (and destruction) lines as stored, grouped by export id. Each line is its claimant's (the claimant
 * of the data set that brought it): a scope sees only its claimants' lines of an export.
 */
export class ExportsRead {
  constructor(private readonly dataSource: DataSource) {}

  async list(page: PageRequest, scope: ClaimantScope = null): Promise<Page<ExportSummary>> {
    const items = await this.dataSource.query<ExportSummary[]>(
      `${SUMMARY} WHERE ${inScope('claimant', 3)} GROUP BY export_id ORDER BY export_id LIMIT $1 OFFSET $2`,
      [page.limit, page.offset, scopeParam(scope)]);
    const [{ total }] = await this.dataSource.query<{ total: number }[]>(
      `SELECT count(DISTINCT export_id)::int AS total FROM export_line WHERE ${inScope('claimant', 1)}`, [scopeParam(scope)]);
    return { items, total, ...page };
  }

  /** One export's lines in the scope; null when it has none there. */
  async find(exportId: string, scope: ClaimantScope = null): Promise<ExportDetail | null> {
    const [summary] = await this.dataSource.query<ExportSummary[]>(
      `${SUMMARY} WHERE export_id = $1 AND ${inScope('claimant', 2)} GROUP BY export_id`, [exportId, scopeParam(scope)]);
    if (!summary) return null;
    const lines = await this.dataSource.query<ExportLineView[]>(
      `SELECT line_number AS "lineNumber", export_date AS "exportDate", action, exporter,
              destination_country AS "destinationCountry", hts, description, lot_id AS "lotId",
              heat_number AS "heatNumber", quantity, uom, value
         FROM export_line WHERE export_id = $1 AND ${inScope('claimant', 2)} ORDER BY line_number`, [exportId, scopeParam(scope)]);
    return { ...summary, lines };
  }
}
