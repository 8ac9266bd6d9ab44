import { ENTRY_LEVEL_FIELDS, FileKind, FILE_SPECS } from '@drawback/domain';
import { allRead, stagingTable } from './staging';
import { STORED_ROWS } from './stored-rows';

/**
 * The rules that join rows — of one file, of several files, and of this data set with what earlier
 * ingests stored — as set-based queries over the staging tables. Each yields rows of
 * (file, line, column_name, message). A row with an error elsewhere takes part by the fields it could read
 * (a field that could not be read is null in staging, named already, and listed in the row's `unread`; a blank
 * field is null too, but read), so that every error of every file is in one report (input-formats.md), not
 * found only once another is fixed.
 */
const same = (a: string, b: string, columns: readonly string[]) =>
  columns.map((c) => `${a}.${c} IS NOT DISTINCT FROM ${b}.${c}`).join(' AND ');
/**
 * Rows of one natural key. Its first column is required in every file (entry number, order, export id, document
 * id), so it is joined by `=`, which a hash join can take: joined by IS NOT DISTINCT FROM alone, the stored-row
 * check was a nested loop over staged × stored rows, minutes once much is stored. The other columns may be blank.
 */
const joinOnKey = (a: string, b: string, [first, ...rest]: readonly string[]) =>
  [`${a}.${first} = ${b}.${first}`, ...(rest.length > 0 ? [same(a, b, rest)] : [])].join(' AND ');
const shown = (expression: string) => `coalesce(${expression}::text, '(blank)')`;

/**
 * A natural key twice in one file. A row with an error elsewhere takes part when its whole key was read — a
 * blank key field where blank is allowed (a duty's heading or line number, a heat number) is read; one named as
 * unreadable is not (it may be anything) — so that the repeat is named in the same report rather than once the
 * other error is fixed.
 */
function duplicateKeyCheck(kind: FileKind, fileName: string, key: readonly string[]): string {
  return `
    SELECT '${fileName}' AS file, src_line AS line, '${key[key.length - 1]}' AS column_name,
           format('same %s as ${fileName}:%s', '${key.join(', ')}', first_line) AS message
      FROM (SELECT src_line, min(src_line) OVER (PARTITION BY ${key.join(', ')}) AS first_line
              FROM ${stagingTable(kind)} s WHERE ${allRead('s', key)}) s
     WHERE src_line <> first_line`;
}

/**
 * A natural key stored with other values. A row with an error elsewhere takes part when its whole key was read
 * (as for duplicates), and is compared by the fields it read, blank ones included; not by those it could not.
 */
function storedConflictCheck(kind: FileKind, fileName: string, key: readonly string[]): string {
  const { sql, compare } = STORED_ROWS[kind];
  const differs = (c: string) => `(${allRead('s', [c])} AND s.${c} IS DISTINCT FROM t.${c})`;
  const differences = compare
    .map((c) => `CASE WHEN ${differs(c)} THEN format('%s %s here, %s stored', '${c}', ${shown(`s.${c}`)}, ${shown(`t.${c}`)}) END`)
    .join(', ');
  const firstDifferent = `coalesce(${compare.map((c) => `CASE WHEN ${differs(c)} THEN '${c}' END`).join(', ')})`;
  return `
    SELECT '${fileName}', s.src_line, ${firstDifferent},
           format('%s already stored from %s:%s with different values: %s', '${key.join(', ')}', t.stored_file, t.stored_line,
                  concat_ws('; ', ${differences}))
      FROM ${stagingTable(kind)} s JOIN (${sql}) t ON ${joinOnKey('s', 't', key)}
     WHERE ${allRead('s', key)} AND (${compare.map(differs).join(' OR ')})`;
}

/**
 * Entry-level fields agree on every line of an entry, in the data set and with the stored entry. One pass
 * each over the staged lines (not one per field): every field is compared in a lateral list of
 * (field, value here, value there). A line with an error elsewhere (a bad country) still takes part with
 * the fields it could read, so that its entry-level conflict is named in the same report, not only after
 * the other error is fixed (input-formats.md: every error of every file); its unreadable fields (null)
 * are named already and compared with nothing.
 */
const fieldList = (here: (field: string) => string, there: (field: string) => string) =>
  ENTRY_LEVEL_FIELDS.map((field) => `('${field}', ${here(field)}::text, ${there(field)}::text)`).join(', ');

// Each line is compared with the entry's first valid line (its first line when none is valid), named as file:line —
// "line 2" next to an entry number would read as the entry's line 2.
const ENTRY_FIELDS_WITHIN_DATA_SET = `
    SELECT 'entries.csv', s.src_line, f.field,
           format('entry %s has %s %s at entries.csv:%s but %s here; entry-level fields must agree on every line',
                  s.entry_number, f.field, ${shown('f.first_value')}, s.first_line, ${shown('f.value')})
      FROM (SELECT entry_number, src_line, ${ENTRY_LEVEL_FIELDS.join(', ')},
                   ${ENTRY_LEVEL_FIELDS.map((field) => `first_value(${field}) OVER w AS first_${field}`).join(', ')},
                   first_value(src_line) OVER w AS first_line
              FROM stg_entries WHERE entry_number IS NOT NULL WINDOW w AS (PARTITION BY entry_number ORDER BY valid DESC, src_line)) s
     CROSS JOIN LATERAL (VALUES ${fieldList((field) => `s.${field}`, (field) => `s.first_${field}`)}) AS f (field, value, first_value)
     WHERE f.value IS NOT NULL AND f.first_value IS NOT NULL AND f.value <> f.first_value`;

// The stored row named is the stored line of the same key, else the entry's first stored line (all agree).
const ENTRY_FIELDS_AGAINST_STORED = `
    SELECT 'entries.csv', m.src_line, m.field,
           format('entry %s is stored (from %s:%s) with %s %s, not %s', m.entry_number, st.name, st.source_line, m.field,
                  ${shown('m.stored')}, ${shown('m.value')})
      FROM (SELECT s.src_line, s.entry_number, s.line_number, ie.id AS entry_id, f.field, f.value, f.stored
              FROM stg_entries s JOIN import_entry ie ON ie.entry_number = s.entry_number
             CROSS JOIN LATERAL (VALUES ${fieldList((field) => `s.${field}`, (field) => `ie.${field}`)}) AS f (field, value, stored)
             WHERE f.value IS NOT NULL AND f.value IS DISTINCT FROM f.stored) m
     CROSS JOIN LATERAL (SELECT sf.name, el.source_line FROM entry_line el JOIN source_file sf ON sf.id = el.source_file_id
                          WHERE el.entry_id = m.entry_id
                          ORDER BY el.line_number IS NOT DISTINCT FROM m.line_number DESC, el.line_number LIMIT 1) st`;

/** Every line known to this data set (valid or not) or stored before. */
const KNOWN_ENTRY_LINES = `
  (SELECT entry_number, line_number FROM stg_entries WHERE entry_number IS NOT NULL AND line_number IS NOT NULL
   UNION SELECT ie.entry_number, el.line_number FROM entry_line el JOIN import_entry ie ON ie.id = el.entry_id)`;
const KNOWN_ENTRIES = `
  (SELECT entry_number FROM stg_entries WHERE entry_number IS NOT NULL UNION SELECT entry_number FROM import_entry)`;

/**
 * Entries whose entries.csv rows include one with a line number that could not be read (named already): any line
 * a duty or receipt names may be that one. "Has no line N" is then not said of such an entry — it may be false,
 * and the entries.csv error is what to fix; once it is, the next ingest names a line that is truly missing. The
 * same as an order whose row with an unreadable role may be the one missing (orderWithoutRole). Worded instead
 * as "no line N that could be read", it would still ask for a fix in duties.csv or lots.csv that may be none.
 */
const ENTRIES_WITH_AN_UNREAD_LINE = `
  (SELECT entry_number FROM stg_entries e WHERE ${allRead('e', ['entry_number'])} AND NOT ${allRead('e', ['line_number'])})`;

/**
 * Duties and receipts refer to an entry and line of this data set or stored. A row with an error elsewhere
 * (a bad amount) is checked too, by the entry number and line number it could read.
 */
function entryReferenceChecks(kind: 'duties' | 'lots', fileName: string): string[] {
  return [
    `SELECT '${fileName}', s.src_line, 'entry_number',
            format('entry %s is neither in entries.csv nor stored by an earlier ingest', s.entry_number)
       FROM ${stagingTable(kind)} s
      WHERE s.entry_number IS NOT NULL AND NOT EXISTS (SELECT 1 FROM ${KNOWN_ENTRIES} k WHERE k.entry_number = s.entry_number)`,
    // The entries with an unreadable line are left out of what was found, not joined in the search: the planner,
    // guessing few rows from that join, would look every line up by a nested loop (minutes for a large file).
    `WITH missing AS MATERIALIZED (
       SELECT s.src_line, s.entry_number, s.line_number FROM ${stagingTable(kind)} s
        WHERE s.line_number IS NOT NULL
          AND EXISTS (SELECT 1 FROM ${KNOWN_ENTRIES} k WHERE k.entry_number = s.entry_number)
          AND NOT EXISTS (SELECT 1 FROM ${KNOWN_ENTRY_LINES} k WHERE k.entry_number = s.entry_number AND k.line_number = s.line_number))
     SELECT '${fileName}', m.src_line, 'line_number', format('entry %s has no line %s', m.entry_number, m.line_number)
       FROM missing m
      WHERE NOT EXISTS (SELECT 1 FROM ${ENTRIES_WITH_AN_UNREAD_LINE} u WHERE u.entry_number = m.entry_number)`,
  ];
}

/**
 * Receipts of one import line may not add up to more than its quantity (input-formats.md, lots.csv). Lines and
 * receipts with an error elsewhere take part by the entry, line, lot and quantity they could read. A line whose
 * quantity the data set gives is judged by that quantity (a stored line of another quantity is a stored
 * conflict, named apart); a line the data set names without a readable quantity, by the quantity stored for
 * it by an earlier ingest, if any — that is the quantity the line has, since the data set cannot change it.
 */
const RECEIPTS_WITHIN_LINE = `
  WITH line_quantity AS (
         -- One quantity per line, though the line is in entries.csv twice (named as a duplicate): each
         -- receipt is named once. A row valid on its own comes first.
         (SELECT DISTINCT ON (entry_number, line_number) entry_number, line_number, quantity
            FROM stg_entries WHERE entry_number IS NOT NULL AND line_number IS NOT NULL AND quantity IS NOT NULL
           ORDER BY entry_number, line_number, valid DESC, src_line)
         UNION ALL
         -- quantity is required: null in staging is a quantity that could not be read (named already).
         SELECT ie.entry_number, el.line_number, el.quantity FROM entry_line el JOIN import_entry ie ON ie.id = el.entry_id
          WHERE NOT EXISTS (SELECT 1 FROM stg_entries s WHERE s.entry_number = ie.entry_number AND s.line_number = el.line_number
                              AND s.quantity IS NOT NULL)),
       read_receipts AS (
         SELECT * FROM stg_lots
          WHERE entry_number IS NOT NULL AND line_number IS NOT NULL AND lot_id IS NOT NULL AND quantity IS NOT NULL),
       -- A receipt repeated in lots.csv (named as a duplicate) is one receipt: counted once, by its first row read;
       -- a stored receipt the data set repeats, by the data set's row. A row whose heat number could not be read
       -- (named already) is a receipt of its own: it repeats no other that can be told.
       all_receipts AS (
         (SELECT DISTINCT ON (entry_number, line_number, lot_id, heat_number, heat_unread)
                 entry_number, line_number, lot_id, heat_number, quantity
            FROM (SELECT *, CASE WHEN NOT ${allRead('r', ['heat_number'])} THEN src_line END AS heat_unread FROM read_receipts r) r
           ORDER BY entry_number, line_number, lot_id, heat_number, heat_unread, src_line)
         UNION ALL
         SELECT ie.entry_number, el.line_number, r.lot_id, r.heat_number, r.quantity
           FROM receipt r JOIN entry_line el ON el.id = r.entry_line_id JOIN import_entry ie ON ie.id = el.entry_id
          WHERE (ie.entry_number, el.line_number) IN (SELECT entry_number, line_number FROM stg_lots)
            AND NOT EXISTS (SELECT 1 FROM read_receipts s WHERE s.entry_number = ie.entry_number
                              AND s.line_number = el.line_number AND s.lot_id = r.lot_id
                              AND s.heat_number IS NOT DISTINCT FROM r.heat_number AND ${allRead('s', ['heat_number'])})),
       received AS (SELECT entry_number, line_number, sum(quantity) AS total FROM all_receipts GROUP BY 1, 2)
  SELECT 'lots.csv', s.src_line, 'quantity',
         format('receipts of entry %s line %s add up to %s, more than the line''s quantity %s',
                s.entry_number, s.line_number, trim_scale(r.total), trim_scale(q.quantity))
    FROM read_receipts s JOIN received r USING (entry_number, line_number) JOIN line_quantity q USING (entry_number, line_number)
   WHERE r.total > q.quantity`;

/**
 * An order with no row of this role, in this data set or stored: named once, at its first line. Here and
 * below, a row with an error elsewhere takes part by what it could read (its order, role, lot, date).
 */
function orderWithoutRole(role: 'input' | 'output', rule: string): string {
  return `
  SELECT 'production.csv', min(s.src_line), 'role', format('order %s has no ${role} row; an order has ${rule}', s.production_order)
     FROM stg_production s
    WHERE s.production_order IS NOT NULL
      AND NOT EXISTS (SELECT 1 FROM stg_production r WHERE r.role = '${role}' AND r.production_order = s.production_order)
      -- A row whose role could not be read (named already) may be the one missing.
      AND NOT EXISTS (SELECT 1 FROM stg_production r WHERE r.role IS NULL AND r.production_order = s.production_order)
      AND NOT EXISTS (SELECT 1 FROM production_item pi JOIN production_order po ON po.id = pi.production_order_id
                       WHERE po.order_id = s.production_order AND pi.role = '${role}')
    GROUP BY s.production_order`;
}

/** Each order has exactly one output row, one or more input rows, and one production date. */
const PRODUCTION_CHECKS = [
  `WITH outputs AS (
          SELECT production_order, lot_id, heat_number FROM stg_production
           WHERE role = 'output' AND production_order IS NOT NULL AND lot_id IS NOT NULL
          UNION
          SELECT po.order_id, pi.lot_id, pi.heat_number FROM production_item pi JOIN production_order po ON po.id = pi.production_order_id
           WHERE pi.role = 'output' AND po.order_id IN (SELECT production_order FROM stg_production)),
        counted AS (SELECT production_order, count(*) AS outputs FROM outputs GROUP BY 1)
   SELECT 'production.csv', s.src_line, 'role', format('order %s has %s output rows; an order has exactly one', s.production_order, c.outputs)
     FROM stg_production s JOIN counted c USING (production_order) WHERE s.role = 'output' AND s.lot_id IS NOT NULL AND c.outputs > 1`,
  orderWithoutRole('output', 'exactly one'),
  orderWithoutRole('input', 'one or more'),
  `SELECT 'production.csv', src_line, 'production_date',
          format('order %s has production_date %s at production.csv:%s but %s here', production_order, first_value, first_line, production_date)
     FROM (SELECT production_order, src_line, production_date,
                  first_value(production_date) OVER w AS first_value, first_value(src_line) OVER w AS first_line
             FROM stg_production WHERE production_order IS NOT NULL
           WINDOW w AS (PARTITION BY production_order ORDER BY valid DESC, src_line)) s
    WHERE production_date IS NOT NULL AND first_value IS NOT NULL AND production_date <> first_value`,
  // The stored row named is the stored item of the same key, else the order's first stored row.
  `SELECT 'production.csv', s.src_line, 'production_date',
          format('order %s is stored (from %s:%s) with production_date %s, not %s', s.production_order, st.name, st.source_line,
                 s.stored_date, s.production_date)
     FROM (SELECT s.*, po.id AS order_id, po.production_date AS stored_date
             FROM stg_production s JOIN production_order po ON po.order_id = s.production_order
            WHERE s.production_date IS NOT NULL AND s.production_date <> po.production_date) s
    CROSS JOIN LATERAL (SELECT sf.name, pi.source_line FROM production_item pi JOIN source_file sf ON sf.id = pi.source_file_id
                         WHERE pi.production_order_id = s.order_id
                         ORDER BY (pi.role = s.role AND pi.lot_id = s.lot_id AND pi.heat_number IS NOT DISTINCT FROM s.heat_number) DESC,
                                  sf.id, pi.source_line LIMIT 1) st`,
];

export function stagingChecks(): string[] {
  const checks = [
    ...FILE_SPECS.map((spec) => duplicateKeyCheck(spec.kind, spec.fileName, spec.naturalKey)),
    ...FILE_SPECS.map((spec) => storedConflictCheck(spec.kind, spec.fileName, spec.naturalKey)),
    ENTRY_FIELDS_WITHIN_DATA_SET,
    ENTRY_FIELDS_AGAINST_STORED,
    ...entryReferenceChecks('duties', 'duties.csv'),
    ...entryReferenceChecks('lots', 'lots.csv'),
    RECEIPTS_WITHIN_LINE,
    ...PRODUCTION_CHECKS,
  ];
  return checks.map((check) => `SELECT * FROM (${check}) AS found (file, line, column_name, message)`);
}

/**
 * A data set brought for one claimant ($1) holds only that importer's entries (access control). Its rows
 * that name another importer's stored entry are named by IngestStore, without what is stored.
 */
export const CLAIMANT_CHECKS = [
  `SELECT 'entries.csv' AS file, src_line AS line, 'importer_number' AS column_name,
          format('importer %s is not the claimant %s this data set is brought for', importer_number, $1::text) AS message
     FROM stg_entries WHERE valid AND importer_number <> $1::text`,
];
