import { S232Bucket, S232LineFacts } from '@drawback/rules';
import { s232LineFacts, S232LineRow } from '../recoverability/s232-lines.query';

type Query = <T>(sql: string, parameters?: unknown[]) => Promise<T[]>;

/**
 * The s232 buckets a direct load wrote (ids $1 to $2) with their stored lines, one row per bucket, a
 * line's buckets together and in the order the basis check reads them (heading) — the rows the staged
 * ingest's query aggregates, read through a cursor instead of a numbered temporary table. Lines come in
 * the order of their ids, which the bucket index gives without sorting a million rows by entry number;
 * the caller puts the findings in entry and line order.
 */
const BUCKET_ROWS_SQL = `
  DECLARE loaded_s232_bucket NO SCROLL CURSOR FOR
  SELECT ie.entry_number, el.line_number, ie.entry_date::text AS entry_date, el.hts::text AS hts, el.entered_value::text AS entered_value,
         el.country_of_origin::text AS country_of_origin, el.spi,
         el.melt_pour_country::text AS melt_pour_country, el.smelt_primary_country::text AS smelt_primary_country,
         el.smelt_secondary_country::text AS smelt_secondary_country, el.cast_country::text AS cast_country,
         d.heading, d.metal, trim_scale(d.rate)::text AS rate, d.basis, d.basis_value::text AS basis_value, d.amount::text AS amount
    FROM duty_bucket d JOIN entry_line el ON el.id = d.entry_line_id JOIN import_entry ie ON ie.id = el.entry_id
   WHERE d.id BETWEEN $1 AND $2 AND d.program = 's232'
   ORDER BY d.entry_line_id, d.heading`;

// A worksheet supports a line when brought for the line's importer or for nobody (s232-lines.query.ts).
const WORKSHEETS_SQL = `
  SELECT e.subject_id FROM evidence_document e
   WHERE e.kind = 'content_value_worksheet' AND e.subject = 'entry_line'
     AND (e.claimant IS NULL OR e.claimant = (SELECT ie.importer_number FROM import_entry ie WHERE ie.entry_number = split_part(e.subject_id, '/', 1)))`;

/** The entry lines (`entry number/line number`) a stored content_value_worksheet of the line's importer (or nobody's) supports. */
export async function contentValueWorksheets(query: Query): Promise<Set<string>> {
  return new Set((await query<{ subject_id: string }>(WORKSHEETS_SQL)).map((row) => row.subject_id));
}

interface BucketRow extends S232LineRow {
  heading: string;
  metal: S232Bucket['metal'];
  rate: string | null;
  basis: S232Bucket['basis'];
  basis_value: string | null;
  amount: string;
}

const PAGE = 5000;

const lineOf = (row: BucketRow, worksheets: ReadonlySet<string>): S232LineFacts =>
  s232LineFacts(row, [], worksheets.has(`${row.entry_number}/${Number(row.line_number)}`));

/**
 * Section 232 lines of a direct load's duty buckets (inside its transaction), a page of lines at a time:
 * bucket rows fetched from a cursor and gathered into their lines, in no particular order of lines.
 */
export async function* loadedS232Lines(query: Query, firstBucketId: number, lastBucketId: number): AsyncGenerator<S232LineFacts[]> {
  const worksheets = await contentValueWorksheets(query);
  await query(BUCKET_ROWS_SQL, [firstBucketId, lastBucketId]);
  const fetchPage = () => {
    const rows = query<BucketRow>(`FETCH ${PAGE} FROM loaded_s232_bucket`);
    // Awaited below; a caller that stops early must not leave it an unhandled rejection.
    rows.catch(() => undefined);
    return rows;
  };
  let line: S232LineFacts | null = null;
  let fetching = fetchPage();
  for (;;) {
    const rows = await fetching;
    if (rows.length === 0) break;
    // The next page is on its way while the caller checks this one.
    fetching = fetchPage();
    const page: S232LineFacts[] = [];
    for (const row of rows) {
      if (!line || line.entryNumber !== row.entry_number || line.lineNumber !== Number(row.line_number)) {
        if (line) page.push(line);
        line = lineOf(row, worksheets);
      }
      line.buckets.push({ heading: row.heading, metal: row.metal, rate: row.rate, basis: row.basis, basisValue: row.basis_value, amount: row.amount });
    }
    if (page.length > 0) yield page;
  }
  await query(`CLOSE loaded_s232_bucket`);
  if (line) yield [line];
}
