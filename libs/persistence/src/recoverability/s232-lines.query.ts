import { S232Bucket, S232LineFacts } from '@drawback/rules';

type Query = <T>(sql: string, parameters?: unknown[]) => Promise<T[]>;

// A rate is shown as written (no trailing zeros), whether it comes from staging or from duty_bucket.
const BUCKET_JSON = `json_agg(json_build_object('heading', d.heading, 'metal', d.metal, 'rate', trim_scale(d.rate)::text, 'basis', d.basis,
  'basisValue', d.basis_value::text, 'amount', d.amount::text) ORDER BY d.heading)`;

const LINE_COLUMNS = `l.entry_number, l.line_number, l.entry_date::text AS entry_date, l.hts::text AS hts, l.entered_value::text AS entered_value,
  l.country_of_origin::text AS country_of_origin, l.spi,
  l.melt_pour_country::text AS melt_pour_country, l.smelt_primary_country::text AS smelt_primary_country,
  l.smelt_secondary_country::text AS smelt_secondary_country, l.cast_country::text AS cast_country`;

const GROUP_BY = `l.entry_number, l.line_number, l.importer_number, l.entry_date, l.hts, l.entered_value, l.country_of_origin, l.spi, l.melt_pour_country,
  l.smelt_primary_country, l.smelt_secondary_country, l.cast_country`;

const STORED_LINES = `
  SELECT ie.entry_number, el.line_number, ie.importer_number, ie.entry_date, el.hts, el.entered_value, el.country_of_origin, el.spi, el.melt_pour_country,
         el.smelt_primary_country, el.smelt_secondary_country, el.cast_country, el.id AS entry_line_id, ie.id AS entry_id
    FROM entry_line el JOIN import_entry ie ON ie.id = el.entry_id`;

/**
 * The s232 buckets of the lines a data set brings s232 duty for, as the lines will stand once it is
 * stored: its own valid buckets, and those an earlier ingest stored on the same lines under other
 * headings. The basis check judges a line (rules §3.3: "do not add up to the entered value", "more than
 * one metal charged on one line"), and a line's buckets may come in several ingests (input-formats.md:
 * duties refer to entries "in this file or earlier ingests"): judged on the new buckets alone, a
 * 9903.82.20 added to a stored 9903.82.21 read as USMCA_SPLIT_INCOMPLETE, and an aluminum bucket added
 * to a stored steel one was not S232_STACKED.
 */
const LINE_BUCKETS = `
  staged_buckets AS (
    SELECT entry_number, line_number, heading, metal, rate, basis, basis_value, amount
      FROM stg_duties WHERE valid AND program = 's232'),
  line_buckets AS (
    SELECT * FROM staged_buckets
    UNION ALL
    SELECT s.entry_number, s.line_number, b.heading, b.metal, b.rate, b.basis, b.basis_value, b.amount
      FROM (SELECT DISTINCT entry_number, line_number FROM staged_buckets) s
      JOIN import_entry ie ON ie.entry_number = s.entry_number
      JOIN entry_line el ON el.entry_id = ie.id AND el.line_number = s.line_number
      JOIN duty_bucket b ON b.entry_line_id = el.id AND b.program = 's232'
     WHERE NOT EXISTS (SELECT 1 FROM staged_buckets n
                        WHERE n.entry_number = s.entry_number AND n.line_number = s.line_number AND n.heading = b.heading))`;

/**
 * A worksheet supports a line when it was brought for the line's importer, or for nobody (a command-line ingest of
 * several importers): another claimant's documents neither support nor show on a claimant's lines.
 */
const WORKSHEET_OWNER = `(w.claimant IS NULL OR w.claimant = l.importer_number)`;

/**
 * The Section 232 lines of a data set being checked (staged duties, on staged or stored lines), with
 * their s232 buckets (LINE_BUCKETS) and whether a content-value worksheet is in the evidence — made once,
 * set-wise, into a numbered temporary table that is then read page by page.
 */
const STAGED_LINES_TABLE_SQL = `
  CREATE TEMP TABLE s232_check_line ON COMMIT DROP AS
  WITH lines AS (
         SELECT entry_number, line_number, importer_number, entry_date, hts, entered_value, country_of_origin, spi, melt_pour_country,
                smelt_primary_country, smelt_secondary_country, cast_country FROM stg_entries WHERE valid
         UNION ALL
         SELECT entry_number, line_number, importer_number, entry_date, hts, entered_value, country_of_origin, spi, melt_pour_country,
                smelt_primary_country, smelt_secondary_country, cast_country FROM (${STORED_LINES}) s
          WHERE NOT EXISTS (SELECT 1 FROM stg_entries e WHERE e.entry_number = s.entry_number AND e.line_number = s.line_number)),
       worksheets AS (
         -- The data set's documents become its owner's ($1: its claimant or sole importer; null, nobody's).
         SELECT subject_id, $1::text AS claimant FROM stg_evidence WHERE valid AND kind = 'content_value_worksheet' AND subject = 'entry_line'
         UNION SELECT subject_id, claimant FROM evidence_document WHERE kind = 'content_value_worksheet' AND subject = 'entry_line'),
       ${LINE_BUCKETS}
  SELECT row_number() OVER (ORDER BY l.entry_number, l.line_number) AS n, ${LINE_COLUMNS}, ${BUCKET_JSON}::text AS buckets,
         EXISTS (SELECT 1 FROM worksheets w WHERE w.subject_id = l.entry_number || '/' || l.line_number AND ${WORKSHEET_OWNER}) AS has_worksheet
    FROM lines l JOIN line_buckets d ON d.entry_number = l.entry_number AND d.line_number = l.line_number
   GROUP BY ${GROUP_BY}`;

/** The same, over what is stored, optionally for one entry. */
const STORED_PAGE_SQL = `
  SELECT ${LINE_COLUMNS}, ${BUCKET_JSON} AS buckets,
         EXISTS (SELECT 1 FROM evidence_document w WHERE w.kind = 'content_value_worksheet' AND w.subject = 'entry_line'
                  AND w.subject_id = l.entry_number || '/' || l.line_number AND ${WORKSHEET_OWNER}) AS has_worksheet
    FROM (${STORED_LINES}) l JOIN duty_bucket d ON d.entry_line_id = l.entry_line_id AND d.program = 's232'
   WHERE (l.entry_number, l.line_number) > ($1::text, $2::int) AND ($4::text IS NULL OR l.entry_number = $4)
   GROUP BY ${GROUP_BY}
   ORDER BY l.entry_number, l.line_number LIMIT $3`;

/** A line's columns as LINE_COLUMNS reads them. */
export interface S232LineRow {
  entry_number: string;
  line_number: number;
  entry_date: string;
  hts: string;
  entered_value: string;
  country_of_origin: string;
  spi: string | null;
  melt_pour_country: string | null;
  smelt_primary_country: string | null;
  smelt_secondary_country: string | null;
  cast_country: string | null;
}

interface Row extends S232LineRow {
  buckets: S232LineFacts['buckets'] | string;
  has_worksheet: boolean;
}

/** The basis check's view of a line, from its columns, its s232 buckets and whether a worksheet is in evidence. */
export function s232LineFacts(row: S232LineRow, buckets: S232Bucket[], hasContentValueWorksheet: boolean): S232LineFacts {
  return {
    entryNumber: row.entry_number,
    lineNumber: Number(row.line_number),
    entryDate: row.entry_date,
    hts: row.hts,
    enteredValue: row.entered_value,
    countryOfOrigin: row.country_of_origin,
    spi: row.spi,
    meltPourCountry: row.melt_pour_country,
    smeltPrimaryCountry: row.smelt_primary_country,
    smeltSecondaryCountry: row.smelt_secondary_country,
    castCountry: row.cast_country,
    buckets,
    hasContentValueWorksheet,
  };
}

const toFacts = (row: Row): S232LineFacts =>
  s232LineFacts(row, typeof row.buckets === 'string' ? JSON.parse(row.buckets) : row.buckets, row.has_worksheet);

const PAGE = 2000;

async function* pages(query: Query, sql: string, extra: unknown[]): AsyncGenerator<S232LineFacts[]> {
  let after: [string, number] = ['', 0];
  for (;;) {
    const rows = await query<Row>(sql, [...after, PAGE, ...extra]);
    if (rows.length === 0) return;
    yield rows.map(toFacts);
    const last = rows[rows.length - 1];
    after = [last.entry_number, Number(last.line_number)];
  }
}

/**
 * Section 232 lines of the staged data set (inside an ingest's transaction), page by page; `owner` is whose the data
 * set's documents become (its claimant, else its sole importer, else nobody).
 */
export const stagedS232Lines = (query: Query, owner: string | null) => numberedPages(query, STAGED_LINES_TABLE_SQL, [owner]);

async function* numberedPages(query: Query, createTable: string, parameters: unknown[]): AsyncGenerator<S232LineFacts[]> {
  await query(`DROP TABLE IF EXISTS s232_check_line`);
  await query(createTable, parameters);
  await query(`CREATE INDEX ON s232_check_line (n)`);
  for (let after = 0; ; after += PAGE) {
    const rows = await query<Row>(`SELECT * FROM s232_check_line WHERE n > $1 ORDER BY n LIMIT $2`, [after, PAGE]);
    if (rows.length === 0) return;
    yield rows.map(toFacts);
  }
}

/** Section 232 lines as stored, all or of one entry. */
export const storedS232Lines = (query: Query, entryNumber: string | null = null) => pages(query, STORED_PAGE_SQL, [entryNumber]);
