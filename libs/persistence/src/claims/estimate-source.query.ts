import { Designation, DUTY_PROGRAMS, EstimateImportLine, ExportLineFacts, UnmatchedQuantity } from '@drawback/domain';
import { BucketFacts } from '@drawback/rules';
import { DataSource } from 'typeorm';
import { exportLinesById } from './stock.query';

/** A bucket of a designated import line with what the rules need of it. */
export interface SourceBucket {
  dutyBucketId: string;
  program: string;
  heading: string | null;
  metal: string | null;
  s232Annex: string | null;
  amount: string;
}

export interface SourceImportLine extends EstimateImportLine {
  entryLineId: string;
  buckets: SourceBucket[];
  lineFacts: BucketFacts['line'];
  entry: BucketFacts['entry'];
}

export interface EstimateSource {
  designations: Designation[];
  unmatched: UnmatchedQuantity[];
  exportLines: ExportLineFacts[];
  importLines: SourceImportLine[];
}

/** Everything an estimate of a stored claim is computed from. */
export async function loadEstimateSource(dataSource: Pick<DataSource, 'query'>, claimId: string): Promise<EstimateSource> {
  const designationRows = await dataSource.query(`
    SELECT d.export_line_id::text AS export_line_id, x.export_id, x.line_number AS export_line, d.entry_line_id::text AS entry_line_id,
           d.receipt_id::text AS receipt_id, r.lot_id, r.heat_number, trim_scale(d.quantity)::text AS quantity, d.quantity_exact, d.method, d.ace_code, d.trace
      FROM designation d JOIN export_line x ON x.id = d.export_line_id LEFT JOIN receipt r ON r.id = d.receipt_id
     WHERE d.claim_id = $1 ORDER BY d.sequence`, [claimId]);
  const designations: Designation[] = designationRows.map((r: Record<string, never>) => ({
    exportLineId: r.export_line_id, exportId: r.export_id, exportLine: Number(r.export_line), entryLineId: r.entry_line_id,
    receiptId: r.receipt_id, lotId: r.lot_id, heatNumber: r.heat_number, quantity: r.quantity,
    ...(r.quantity_exact ? { exactQuantity: r.quantity_exact } : {}), method: r.method, aceCode: r.ace_code,
    trace: typeof r.trace === 'string' ? JSON.parse(r.trace) : r.trace,
  }));
  const unmatchedRows = await dataSource.query(`
    SELECT u.export_line_id::text AS export_line_id, x.export_id, x.line_number, trim_scale(u.quantity)::text AS quantity, u.reason
      FROM claim_unmatched u JOIN export_line x ON x.id = u.export_line_id
     WHERE u.claim_id = $1 ORDER BY x.export_date, x.export_id COLLATE "C", x.line_number`, [claimId]);
  const unmatched: UnmatchedQuantity[] = unmatchedRows.map((r: Record<string, never>) => ({
    exportLineId: r.export_line_id, exportId: r.export_id, exportLine: Number(r.line_number), quantity: r.quantity, reason: r.reason,
  }));
  const exportIds = (await dataSource.query(`SELECT export_line_id::text AS id FROM claim_export_line WHERE claim_id = $1`, [claimId]))
    .map((r: { id: string }) => r.id);
  const lineIds = [...new Set(designations.map((d) => d.entryLineId))];
  return { designations, unmatched, exportLines: await exportLinesById((sql, p) => dataSource.query(sql, p), exportIds), importLines: await importLinesWithBuckets(dataSource, lineIds) };
}

/**
 * The claim's import lines by entry number and line (COLLATE "C", as the code sorts). Ordered, not in the
 * table's physical order: designating from a line rewrites its row (the ledger counters), which moves it, so
 * the record pack's evidence checklist, listed in this order, changed when a later claim used the same line —
 * the same claim, data and rules must give the same pack bytes (matching-and-estimates.md §7).
 */
async function importLinesWithBuckets(dataSource: Pick<DataSource, 'query'>, lineIds: string[]): Promise<SourceImportLine[]> {
  const lines = await dataSource.query(`
    SELECT el.id::text AS entry_line_id, ie.entry_number, el.line_number, trim_scale(el.quantity)::text AS quantity,
           el.entered_value::text AS entered_value, ie.import_date::text AS import_date, ie.entry_date::text AS entry_date,
           el.country_of_origin::text AS country_of_origin, el.melt_pour_country::text AS melt_pour_country,
           el.smelt_primary_country::text AS smelt_primary_country, el.smelt_secondary_country::text AS smelt_secondary_country,
           el.cast_country::text AS cast_country, el.adcvd_case, el.ieepa_refund_claimed,
           EXISTS (SELECT 1 FROM duty_bucket a WHERE a.entry_line_id = el.id AND a.program = 'adcvd') AS has_adcvd_bucket
      FROM entry_line el JOIN import_entry ie ON ie.id = el.entry_id WHERE el.id = ANY ($1::bigint[])
     ORDER BY ie.entry_number COLLATE "C", el.line_number`, [lineIds]);
  // Buckets by program (the input formats' order: ordinary, s301, …, mpf, hmf), then heading (COLLATE "C"), then
  // the numeric id: an order of the data, not of its storing. By the id alone (duties.csv row order) a bucket
  // stored by an earlier ingest (a line's s232 before its s301 arrived in a fuller duties.csv) came first, so
  // the record pack's import-lines.csv (duties paid) differed from one made from the whole folder at once,
  // as `drawback verify --data` does (matching-and-estimates.md §7: reproducible from the same data). By the
  // id's text, buckets 7…10 came 10, 7, 8, 9.
  const buckets = await dataSource.query(`
    SELECT * FROM (
    SELECT array_position($2::text[], b.program::text) AS program_order, b.id AS bucket_order, b.id::text AS duty_bucket_id, b.entry_line_id::text AS entry_line_id, b.program, b.heading, b.metal, b.s232_annex,
           b.amount::text AS amount
      FROM duty_bucket b WHERE b.entry_line_id = ANY ($1::bigint[])
    UNION ALL
    SELECT array_position($2::text[], b.program::text), b.id, b.id::text, s.entry_line_id::text, b.program, b.heading, b.metal, b.s232_annex, s.amount::text
      FROM duty_bucket_share s JOIN duty_bucket b ON b.id = s.duty_bucket_id WHERE s.entry_line_id = ANY ($1::bigint[])) u
    ORDER BY program_order, heading COLLATE "C" NULLS FIRST, bucket_order`, [lineIds, DUTY_PROGRAMS]);
  const bucketsOf = new Map<string, SourceBucket[]>();
  for (const b of buckets) {
    bucketsOf.set(b.entry_line_id, [...(bucketsOf.get(b.entry_line_id) ?? []),
      { dutyBucketId: b.duty_bucket_id, program: b.program, heading: b.heading, metal: b.metal, s232Annex: b.s232_annex, amount: b.amount }]);
  }
  return lines.map((l: Record<string, never>) => ({
    entryLineId: l.entry_line_id, entryNumber: l.entry_number, lineNumber: Number(l.line_number), quantity: l.quantity, enteredValue: l.entered_value,
    buckets: bucketsOf.get(l.entry_line_id) ?? [],
    lineFacts: {
      countryOfOrigin: l.country_of_origin, meltPourCountry: l.melt_pour_country, smeltPrimaryCountry: l.smelt_primary_country,
      smeltSecondaryCountry: l.smelt_secondary_country, castCountry: l.cast_country, adcvdCase: l.adcvd_case,
      hasAdcvdBucket: l.has_adcvd_bucket, ieepaRefundClaimed: l.ieepa_refund_claimed,
    },
    entry: { importDate: l.import_date, entryDate: l.entry_date },
  }));
}
