import { FileKind } from '@drawback/domain';

/**
 * What is already stored, in the shape of each input file, with the file and line it came from: the
 * other side of "a row with the same natural key but different values is an error naming both".
 * `compare` lists the columns checked there (entry-level fields of entries are checked per entry).
 * Quantities are shown without trailing zeros, as they were written.
 */
export const STORED_ROWS: Record<FileKind, { sql: string; compare: string[] }> = {
  entries: {
    sql: `SELECT ie.entry_number, el.line_number, el.hts, el.description, el.country_of_origin, el.entered_value,
                 trim_scale(el.quantity) AS quantity, el.uom, el.spi, el.melt_pour_country, el.smelt_primary_country, el.smelt_secondary_country,
                 el.cast_country, el.adcvd_case, el.ieepa_refund_claimed, sf.name AS stored_file, el.source_line AS stored_line
            FROM entry_line el JOIN import_entry ie ON ie.id = el.entry_id JOIN source_file sf ON sf.id = el.source_file_id`,
    compare: ['hts', 'description', 'country_of_origin', 'entered_value', 'quantity', 'uom', 'spi', 'melt_pour_country',
      'smelt_primary_country', 'smelt_secondary_country', 'cast_country', 'adcvd_case', 'ieepa_refund_claimed'],
  },
  duties: {
    sql: `SELECT ie.entry_number, b.line_number, b.program, b.heading, b.metal, b.s232_annex, b.rate, b.basis,
                 b.basis_value, b.amount, sf.name AS stored_file, b.source_line AS stored_line
            FROM duty_bucket b JOIN import_entry ie ON ie.id = b.entry_id JOIN source_file sf ON sf.id = b.source_file_id`,
    compare: ['metal', 's232_annex', 'rate', 'basis', 'basis_value', 'amount'],
  },
  lots: {
    sql: `SELECT ie.entry_number, el.line_number, r.lot_id, r.heat_number, trim_scale(r.quantity) AS quantity, sf.name AS stored_file,
                 r.source_line AS stored_line
            FROM receipt r JOIN entry_line el ON el.id = r.entry_line_id JOIN import_entry ie ON ie.id = el.entry_id
            JOIN source_file sf ON sf.id = r.source_file_id`,
    compare: ['quantity'],
  },
  production: {
    sql: `SELECT po.order_id AS production_order, po.production_date, pi.role, pi.lot_id, pi.heat_number, trim_scale(pi.quantity) AS quantity,
                 pi.uom, pi.hts, sf.name AS stored_file, pi.source_line AS stored_line
            FROM production_item pi JOIN production_order po ON po.id = pi.production_order_id
            JOIN source_file sf ON sf.id = pi.source_file_id`,
    compare: ['quantity', 'uom', 'hts'],
  },
  exports: {
    sql: `SELECT x.export_id, x.line_number, x.export_date, x.action, x.exporter, x.destination_country, x.hts,
                 x.description, x.lot_id, x.heat_number, trim_scale(x.quantity) AS quantity, x.uom, x.value,
                 sf.name AS stored_file, x.source_line AS stored_line
            FROM export_line x JOIN source_file sf ON sf.id = x.source_file_id`,
    compare: ['export_date', 'action', 'exporter', 'destination_country', 'hts', 'description', 'lot_id', 'heat_number',
      'quantity', 'uom', 'value'],
  },
  evidence: {
    sql: `SELECT d.*, sf.name AS stored_file, d.source_line AS stored_line
            FROM evidence_document d JOIN source_file sf ON sf.id = d.source_file_id`,
    compare: ['kind', 'reference', 'sha256'],
  },
};
