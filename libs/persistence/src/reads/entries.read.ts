import { DataSource } from 'typeorm';
import { ClaimantScope, inScope, scopeParam } from './claimant-scope';
import { Page, PageRequest } from './page';

export interface EntrySummary {
  entryNumber: string;
  entryType: string;
  importerNumber: string;
  importDate: string;
  entryDate: string;
  portCode: string;
  lineCount: number;
  /** Sum of the lines' entered values, a decimal string. */
  enteredValue: string;
}

/**
 * A duty bucket as it bears on one line. An entry-level MPF/HMF appears on each line with the line's
 * apportioned share (rules §2; ruling H332753): `amount` is the line's part, `entryAmount` the whole fee.
 */
export interface DutyBucketView {
  program: string;
  heading: string | null;
  metal: string | null;
  s232Annex: string | null;
  rate: string | null;
  basis: string | null;
  basisValue: string | null;
  amount: string;
  level: 'line' | 'entry';
  share: string | null;
  entryAmount: string | null;
}

export interface ReceiptView {
  lotId: string;
  heatNumber: string | null;
  quantity: string;
}

export interface EntryLineView {
  lineNumber: number;
  hts: string;
  description: string;
  countryOfOrigin: string;
  enteredValue: string;
  quantity: string;
  uom: string;
  spi: string | null;
  meltPourCountry: string | null;
  smeltPrimaryCountry: string | null;
  smeltSecondaryCountry: string | null;
  castCountry: string | null;
  adcvdCase: string | null;
  ieepaRefundClaimed: boolean;
  dutyBuckets: DutyBucketView[];
  receipts: ReceiptView[];
}

export interface EntryDetail extends EntrySummary {
  lines: EntryLineView[];
}

const SUMMARY_COLUMNS = `
  e.entry_number AS "entryNumber", e.entry_type AS "entryType", e.importer_number AS "importerNumber",
  e.import_date AS "importDate", e.entry_date AS "entryDate", e.port_code AS "portCode",
  (SELECT count(*)::int FROM entry_line l WHERE l.entry_id = e.id) AS "lineCount",
  (SELECT coalesce(sum(l.entered_value), 0)::numeric(18,2)::text FROM entry_line l WHERE l.entry_id = e.id) AS "enteredValue"`;

const BUCKET_COLUMNS = `
  b.program, b.heading, b.metal, b.s232_annex AS "s232Annex", b.rate, b.basis, b.basis_value AS "basisValue"`;

type LineRow = Omit<EntryLineView, 'dutyBuckets' | 'receipts'> & { id: string };
type BucketRow = DutyBucketView & { lineId: string };
type ReceiptRow = ReceiptView & { lineId: string };

/** Import entries as stored, with each line's duty buckets and receipts. */
export class EntriesRead {
  constructor(private readonly dataSource: DataSource) {}

  /** The entries of the scope's importers, by entry number. */
  async list(page: PageRequest, scope: ClaimantScope = null): Promise<Page<EntrySummary>> {
    const items = await this.dataSource.query<EntrySummary[]>(
      `SELECT ${SUMMARY_COLUMNS} FROM import_entry e WHERE ${inScope('e.importer_number', 3)} ORDER BY e.entry_number LIMIT $1 OFFSET $2`,
      [page.limit, page.offset, scopeParam(scope)]);
    const [{ total }] = await this.dataSource.query<{ total: number }[]>(
      `SELECT count(*)::int AS total FROM import_entry e WHERE ${inScope('e.importer_number', 1)}`, [scopeParam(scope)]);
    return { items, total, ...page };
  }

  /** One entry; null when it is not stored or not the scope's importer's. */
  async find(entryNumber: string, scope: ClaimantScope = null): Promise<EntryDetail | null> {
    const [entry] = await this.dataSource.query<(EntrySummary & { id: string })[]>(
      `SELECT e.id, ${SUMMARY_COLUMNS} FROM import_entry e WHERE e.entry_number = $1 AND ${inScope('e.importer_number', 2)}`,
      [entryNumber, scopeParam(scope)]);
    if (!entry) return null;
    const lines = await this.dataSource.query<LineRow[]>(
      `SELECT id, line_number AS "lineNumber", hts, description, country_of_origin AS "countryOfOrigin",
              entered_value AS "enteredValue", quantity, uom, spi, melt_pour_country AS "meltPourCountry",
              smelt_primary_country AS "smeltPrimaryCountry", smelt_secondary_country AS "smeltSecondaryCountry",
              cast_country AS "castCountry", adcvd_case AS "adcvdCase", ieepa_refund_claimed AS "ieepaRefundClaimed"
         FROM entry_line WHERE entry_id = $1 ORDER BY line_number`, [entry.id]);
    const lineIds = lines.map((line) => line.id);
    const buckets = await this.dataSource.query<BucketRow[]>(
      `SELECT b.entry_line_id AS "lineId", ${BUCKET_COLUMNS}, b.amount, 'line' AS level,
              NULL::text AS share, NULL::text AS "entryAmount"
         FROM duty_bucket b WHERE b.entry_line_id = ANY($1::bigint[])
       UNION ALL
       SELECT s.entry_line_id, ${BUCKET_COLUMNS}, s.amount, 'entry', s.share::text, b.amount::text
         FROM duty_bucket_share s JOIN duty_bucket b ON b.id = s.duty_bucket_id
        WHERE s.entry_line_id = ANY($1::bigint[])
       ORDER BY 1, 2, 3 NULLS FIRST`, [lineIds]);
    const receipts = await this.dataSource.query<ReceiptRow[]>(
      `SELECT entry_line_id AS "lineId", lot_id AS "lotId", heat_number AS "heatNumber", quantity
         FROM receipt WHERE entry_line_id = ANY($1::bigint[]) ORDER BY lot_id, heat_number NULLS FIRST`, [lineIds]);
    const { id: _entryId, ...summary } = entry;
    return {
      ...summary,
      lines: lines.map(({ id, ...line }) => ({
        ...line,
        dutyBuckets: buckets.filter((b) => b.lineId === id).map(({ lineId: _line, ...bucket }) => bucket),
        receipts: receipts.filter((r) => r.lineId === id).map(({ lineId: _line, ...receipt }) => receipt),
      })),
    };
  }
}
