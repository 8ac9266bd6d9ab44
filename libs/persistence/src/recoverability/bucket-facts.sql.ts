/**
 * The last duty bucket id of the next page: pages are cut on duty_bucket's primary key, an index scan,
 * so reading a million buckets page by page stays linear.
 */
export const NEXT_BUCKET_PAGE_END_SQL = `
  SELECT max(id)::text AS last FROM (
    SELECT id FROM duty_bucket WHERE id > $1::bigint AND ($3::bigint[] IS NULL OR entry_id = ANY ($3::bigint[]))
     ORDER BY id LIMIT $2) page`;

/**
 * Every duty amount that belongs to an entry line, with what the rules look at: line-level buckets as
 * declared, entry-level MPF/HMF as their apportioned shares — for the buckets of one page (ids in
 * ($1, $2]).
 */
export const BUCKET_FACTS_PAGE_SQL = `
  WITH amounts AS (
    SELECT b.id AS duty_bucket_id, b.entry_line_id, b.amount FROM duty_bucket b
     WHERE b.id > $1::bigint AND b.id <= $2::bigint AND b.entry_line_id IS NOT NULL
    UNION ALL
    SELECT s.duty_bucket_id, s.entry_line_id, s.amount FROM duty_bucket_share s
     WHERE s.duty_bucket_id > $1::bigint AND s.duty_bucket_id <= $2::bigint)
  SELECT a.duty_bucket_id::text AS duty_bucket_id, a.entry_line_id::text AS entry_line_id, a.amount::text AS amount,
         b.program, b.heading, b.metal, b.s232_annex,
         el.country_of_origin::text AS country_of_origin, el.melt_pour_country::text AS melt_pour_country,
         el.smelt_primary_country::text AS smelt_primary_country, el.smelt_secondary_country::text AS smelt_secondary_country,
         el.cast_country::text AS cast_country, el.adcvd_case, el.ieepa_refund_claimed,
         EXISTS (SELECT 1 FROM duty_bucket ad WHERE ad.entry_line_id = el.id AND ad.program = 'adcvd') AS has_adcvd_bucket,
         ie.import_date::text AS import_date, ie.entry_date::text AS entry_date
    FROM amounts a
    JOIN duty_bucket b ON b.id = a.duty_bucket_id
    JOIN entry_line el ON el.id = a.entry_line_id
    JOIN import_entry ie ON ie.id = el.entry_id
   WHERE ($3::bigint[] IS NULL OR b.entry_id = ANY ($3::bigint[]))
   ORDER BY a.duty_bucket_id, a.entry_line_id`;

export interface BucketFactsRow {
  duty_bucket_id: string;
  entry_line_id: string;
  amount: string;
  program: string;
  heading: string | null;
  metal: string | null;
  s232_annex: string | null;
  country_of_origin: string;
  melt_pour_country: string | null;
  smelt_primary_country: string | null;
  smelt_secondary_country: string | null;
  cast_country: string | null;
  adcvd_case: string | null;
  ieepa_refund_claimed: boolean;
  has_adcvd_bucket: boolean;
  import_date: string;
  entry_date: string;
}
