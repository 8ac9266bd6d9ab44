import { FileKind } from '@drawback/domain';

/**
 * Every ingest that writes the data tables holds this lock while it writes: ingests store one after the
 * other, and a block of ids a direct load reserved is its own (DirectLoadStore.reserveIds).
 */
export const INGEST_LOCK_SQL = `SELECT pg_advisory_xact_lock(hashtext('drawback.ingest'))`;

/**
 * The set-based merge of a validated data set. Natural keys are unique constraints, so a row already
 * stored with the same values is skipped by the database (ON CONFLICT DO NOTHING): ingesting the same
 * rows again stores nothing. Statements run in order (a data-modifying CTE cannot see what an
 * earlier CTE of its statement inserted); the last yields the number of new rows, `new_rows`.
 * `$1` is this run's source file of the kind; `$2` the data set's claimant, where a statement records it.
 */
export const MERGE_SQL: Record<FileKind, string[]> = {
  entries: [`
    INSERT INTO import_entry (entry_number, entry_type, importer_number, import_date, entry_date, port_code, source_file_id)
    SELECT DISTINCT ON (entry_number) entry_number, entry_type, importer_number, import_date, entry_date, port_code, $1
      FROM stg_entries ORDER BY entry_number, src_line
    ON CONFLICT (entry_number) DO NOTHING`, `
    WITH new_lines AS (
           INSERT INTO entry_line (entry_id, line_number, hts, description, country_of_origin, entered_value, quantity, uom, spi,
                                   melt_pour_country, smelt_primary_country, smelt_secondary_country, cast_country, adcvd_case,
                                   ieepa_refund_claimed, source_file_id, source_line)
           SELECT ie.id, s.line_number, s.hts, s.description, s.country_of_origin, s.entered_value, s.quantity, s.uom, s.spi,
                  s.melt_pour_country, s.smelt_primary_country, s.smelt_secondary_country, s.cast_country, s.adcvd_case,
                  s.ieepa_refund_claimed, $1, s.src_line
             FROM stg_entries s JOIN import_entry ie ON ie.entry_number = s.entry_number
            ORDER BY s.src_line
           ON CONFLICT ON CONSTRAINT entry_line_natural_uq DO NOTHING RETURNING entry_id),
         touched AS (INSERT INTO touched_entry SELECT DISTINCT entry_id FROM new_lines ON CONFLICT DO NOTHING)
    SELECT count(*)::text AS new_rows FROM new_lines`],
  duties: [`
    WITH new_buckets AS (
      INSERT INTO duty_bucket (entry_id, entry_line_id, line_number, program, heading, metal, s232_annex, rate, basis,
                               basis_value, amount, source_file_id, source_line)
      SELECT ie.id, el.id, s.line_number, s.program, s.heading, s.metal, s.s232_annex, s.rate, s.basis, s.basis_value,
             s.amount, $1, s.src_line
        FROM stg_duties s JOIN import_entry ie ON ie.entry_number = s.entry_number
        LEFT JOIN entry_line el ON el.entry_id = ie.id AND el.line_number = s.line_number
       ORDER BY s.src_line
      ON CONFLICT ON CONSTRAINT duty_bucket_natural_uq DO NOTHING RETURNING entry_id, line_number),
         touched AS (INSERT INTO touched_entry SELECT DISTINCT entry_id FROM new_buckets WHERE line_number IS NULL
                     ON CONFLICT DO NOTHING)
    SELECT count(*)::text AS new_rows FROM new_buckets`],
  lots: [`
    WITH inserted AS (
    INSERT INTO receipt (entry_line_id, lot_id, heat_number, quantity, source_file_id, source_line)
    SELECT el.id, s.lot_id, s.heat_number, s.quantity, $1, s.src_line
      FROM stg_lots s JOIN import_entry ie ON ie.entry_number = s.entry_number
      JOIN entry_line el ON el.entry_id = ie.id AND el.line_number = s.line_number
     ORDER BY s.src_line
    ON CONFLICT ON CONSTRAINT receipt_natural_uq DO NOTHING RETURNING 1)
    SELECT count(*)::text AS new_rows FROM inserted`],
  production: [`
    INSERT INTO production_order (order_id, production_date, source_file_id, claimant)
    SELECT DISTINCT ON (production_order) production_order, production_date, $1, $2::text
      FROM stg_production ORDER BY production_order, src_line
    ON CONFLICT (order_id) DO NOTHING`, `
    WITH inserted AS (
    INSERT INTO production_item (production_order_id, role, lot_id, heat_number, quantity, uom, hts, source_file_id, source_line)
    SELECT po.id, s.role, s.lot_id, s.heat_number, s.quantity, s.uom, s.hts, $1, s.src_line
      FROM stg_production s JOIN production_order po ON po.order_id = s.production_order
     ORDER BY s.src_line
    ON CONFLICT ON CONSTRAINT production_item_natural_uq DO NOTHING RETURNING 1)
    SELECT count(*)::text AS new_rows FROM inserted`],
  exports: [`
    WITH inserted AS (
    INSERT INTO export_line (export_id, line_number, export_date, action, exporter, destination_country, hts, description,
                             lot_id, heat_number, quantity, uom, value, source_file_id, source_line, claimant)
    SELECT export_id, line_number, export_date, action, exporter, destination_country, hts, description, lot_id,
           heat_number, quantity, uom, value, $1, src_line, $2::text
      FROM stg_exports ORDER BY src_line
    ON CONFLICT ON CONSTRAINT export_line_natural_uq DO NOTHING RETURNING 1)
    SELECT count(*)::text AS new_rows FROM inserted`],
  evidence: [`
    WITH inserted AS (
    INSERT INTO evidence_document (document_id, kind, subject, subject_id, reference, sha256, source_file_id, source_line, claimant)
    SELECT document_id, kind, subject, subject_id, reference, sha256, $1, src_line, $2::text FROM stg_evidence ORDER BY src_line
    ON CONFLICT ON CONSTRAINT evidence_document_natural_uq DO NOTHING RETURNING 1)
    SELECT count(*)::text AS new_rows FROM inserted`],
};

/**
 * value / total rounded half-up to 6 decimals, exactly: floor((2·value·10⁶ + total) / (2·total)) / 10⁶ in integer
 * arithmetic (both positive). round(value / total, 6) would round twice — PostgreSQL's division stops at about 20
 * significant digits first — and could go the wrong way on a quotient that is a hair under a half millionth.
 */
const HALF_UP_SHARE_SQL = 'round(div(2 * el.entered_value * 1000000 + totals.entered_value, 2 * totals.entered_value) / 1000000, 6)';

/**
 * Entry-level MPF/HMF apportioned to lines by relative entered value (rules §2; ruling H332753; CBP's
 * MPF instructions): share = line entered value / the entry's total entered value, rounded to 6 decimals
 * half-up; line amount = fee × share, rounded half-up to cents (PostgreSQL's round() of a positive numeric
 * is half-up). Recomputed only for entries that gained lines or entry-level fees in this run.
 */
export const APPORTION_ENTRY_FEES_SQL = `
  DELETE FROM duty_bucket_share WHERE duty_bucket_id IN
    (SELECT id FROM duty_bucket WHERE entry_line_id IS NULL AND entry_id IN (SELECT entry_id FROM touched_entry));
  INSERT INTO duty_bucket_share (duty_bucket_id, entry_line_id, share, amount)
  SELECT b.id, el.id, shares.share, round(b.amount * shares.share, 2)
    FROM duty_bucket b
    JOIN entry_line el ON el.entry_id = b.entry_id
    JOIN (SELECT entry_id, sum(entered_value) AS entered_value FROM entry_line
           WHERE entry_id IN (SELECT entry_id FROM touched_entry) GROUP BY entry_id) totals ON totals.entry_id = b.entry_id
    CROSS JOIN LATERAL (SELECT ${HALF_UP_SHARE_SQL} AS share) shares
   WHERE b.entry_line_id IS NULL AND b.entry_id IN (SELECT entry_id FROM touched_entry);`;
