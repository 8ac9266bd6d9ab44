// Variants of a valid data set that input-formats.md says mean the same rows (see README.md here).
// Pure and deterministic: a variant is a function of the data set and a seeded random source.
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'csv-parse/sync';
import { rng } from '../seeded-random.mjs';

// ---------- the data set in memory: per file a header (column order) and rows keyed by column ----------

/** Reads every data file of a folder (the six names of input-formats.md). */
export function loadDataSet(folder) {
  const files = {};
  for (const name of readdirSync(folder).filter((n) => SPEC[n]).sort()) {
    const [header, ...records] = parse(readFileSync(join(folder, name)), { bom: true, relax_column_count: false });
    files[name] = { header, rows: records.map((fields) => Object.fromEntries(header.map((c, i) => [c, fields[i]]))) };
  }
  return { files, format: { quoteAll: false, quoteEmpty: false, eol: '\n', bom: false, finalNewline: true, mixedEol: false } };
}

export const clone = (ds) => ({
  files: Object.fromEntries(Object.entries(ds.files).map(([n, f]) => [n, { header: [...f.header], rows: f.rows.map((r) => ({ ...r })) }])),
  format: { ...ds.format },
});

const needsQuotes = (value) => /[",\r\n]/.test(value);
const quote = (value) => `"${value.replace(/"/g, '""')}"`;

/** The text of one file as the variant's format says (quoting, line ends, BOM, final newline). */
export function fileText(file, format) {
  const cell = (value) => (format.quoteAll || needsQuotes(value) || (format.quoteEmpty && value === '') ? quote(value) : value);
  const lines = [file.header.map(cell).join(','), ...file.rows.map((row) => file.header.map((c) => cell(row[c] ?? '')).join(','))];
  let text = '';
  lines.forEach((line, index) => {
    const last = index === lines.length - 1;
    const eol = format.mixedEol ? (index % 2 === 0 ? '\r\n' : '\n') : format.eol;
    text += line + (last && !format.finalNewline ? '' : eol);
  });
  return (format.bom ? '\uFEFF' : '') + text;
}

export function writeDataSet(ds, folder, only = null) {
  mkdirSync(folder, { recursive: true });
  for (const [name, file] of Object.entries(ds.files)) {
    if (only && !only.includes(name)) continue;
    writeFileSync(join(folder, name), fileText(file, ds.format));
  }
}

// ---------- what each column is (input-formats.md) ----------

/** Per file: its optional columns, and the columns of each value kind. */
export const SPEC = {
  'entries.csv': {
    optional: ['spi', 'melt_pour_country', 'smelt_primary_country', 'smelt_secondary_country', 'cast_country', 'adcvd_case', 'ieepa_refund_claimed'],
    hts: ['hts'], entry: ['entry_number'], money: ['entered_value'], quantity: ['quantity'], integer: ['line_number'],
    country: ['country_of_origin', 'melt_pour_country', 'smelt_primary_country', 'smelt_secondary_country', 'cast_country'],
    unit: ['uom'], text: ['description'], adcvd: ['adcvd_case'],
  },
  'duties.csv': {
    optional: ['line_number', 'heading', 'metal', 's232_annex', 'rate', 'basis', 'basis_value'],
    heading: ['heading'], entry: ['entry_number'], money: ['basis_value', 'amount'], rate: ['rate'], integer: ['line_number'],
    enum: ['program', 'metal', 's232_annex', 'basis'],
  },
  'lots.csv': { optional: ['heat_number'], entry: ['entry_number'], quantity: ['quantity'], integer: ['line_number'] },
  'production.csv': { optional: ['heat_number', 'hts'], hts: ['hts'], quantity: ['quantity'], unit: ['uom'], enum: ['role'] },
  'exports.csv': {
    optional: ['destination_country', 'lot_id', 'heat_number'],
    hts: ['hts'], money: ['value'], quantity: ['quantity'], integer: ['line_number'], country: ['destination_country'], unit: ['uom'],
    text: ['description', 'exporter'], enum: ['action'],
  },
  'evidence.csv': { optional: ['sha256'], text: ['reference'], enum: ['kind', 'subject'] },
};

/** Applies `change` to every non-blank value of the columns of `kind` in every file. */
function eachValue(ds, kind, change) {
  for (const [name, file] of Object.entries(ds.files)) {
    for (const column of SPEC[name][kind] ?? []) {
      for (const row of file.rows) if (row[column] !== undefined && row[column].trim() !== '') row[column] = change(row[column], row, name);
    }
  }
}

/** Evidence subject ids that name an entry line (ENTRY/LINE) or an export line (EXPORT/LINE): parts changed. */
function eachSubjectId(ds, change) {
  for (const row of ds.files['evidence.csv']?.rows ?? []) {
    if (row.subject !== 'entry_line' && row.subject !== 'export_line') continue;
    const match = /^(.+)\/(\d+)$/.exec(row.subject_id);
    if (match) row.subject_id = change(row.subject, match[1], match[2]);
  }
}

// ---------- spellings ----------

const digitsOf = (hts) => hts.replace(/\./g, '');
const dotted = (hts) => {
  const d = digitsOf(hts);
  return /^\d{8}(\d{2})?$/.test(d) ? `${d.slice(0, 4)}.${d.slice(4, 6)}.${d.slice(6)}` : hts;
};
const isHeadingNumber = (row) => row.program !== 'adcvd';
const noDashes = (entry) => entry.replace(/-/g, '');
const withDashes = (entry) => {
  const e = noDashes(entry);
  return e.length === 11 ? `${e.slice(0, 3)}-${e.slice(3, 10)}-${e.slice(10)}` : entry;
};
/** "30000.00" → "30000", "12.50" → "12.5" (the same amount). */
const fewestDecimals = (value) => (value.includes('.') ? value.replace(/0+$/, '').replace(/\.$/, '') : value);
/** Leading zeros and the fraction padded to `places` ("12.5", 2 → "0012.50"). */
const padded = (value, places) => {
  const [whole, fraction = ''] = value.split('.');
  return `00${whole}.${fraction.padEnd(places, '0')}`;
};

// ---------- the variants ----------

/**
 * `same`: input-formats.md says the variant means exactly the rows of the original; the estimate must be
 * identical (claim id aside) and the engine must accept it.
 * `lenient`: not written in the spec but a spelling a user will send (lower-case codes, mixed line ends);
 * a difference is reported, and whether it is a defect is judged from the message.
 * `text`: free text changed (quotes, commas, line breaks inside quoted fields): the estimate must not change.
 */
export const VARIANTS = [
  { name: 'columns-reversed', kind: 'same', apply: (ds) => each(ds, (f) => f.header.reverse()) },
  { name: 'columns-shuffled', kind: 'same', apply: (ds, r) => each(ds, (f) => shuffle(f.header, r)) },
  {
    name: 'blank-optional-columns-omitted', kind: 'same',
    apply: (ds) => each(ds, (f, name) => {
      f.header = f.header.filter((c) => !(SPEC[name].optional.includes(c) && f.rows.every((row) => (row[c] ?? '').trim() === '')));
    }),
  },
  {
    name: 'blank-optional-columns-omitted-and-shuffled', kind: 'same',
    apply: (ds, r) => each(ds, (f, name) => {
      f.header = shuffle(f.header.filter((c) => !(SPEC[name].optional.includes(c) && f.rows.every((row) => (row[c] ?? '').trim() === ''))), r);
    }),
  },
  { name: 'all-fields-quoted', kind: 'same', apply: (ds) => { ds.format.quoteAll = true; } },
  { name: 'crlf', kind: 'same', apply: (ds) => { ds.format.eol = '\r\n'; } },
  { name: 'no-final-newline', kind: 'same', apply: (ds) => { ds.format.finalNewline = false; } },
  { name: 'crlf-no-final-newline', kind: 'same', apply: (ds) => { ds.format.eol = '\r\n'; ds.format.finalNewline = false; } },
  { name: 'utf8-bom', kind: 'same', apply: (ds) => { ds.format.bom = true; } },
  {
    name: 'bom-crlf-quoted-no-final-newline', kind: 'same',
    apply: (ds) => Object.assign(ds.format, { bom: true, eol: '\r\n', quoteAll: true, finalNewline: false }),
  },
  { name: 'hts-without-dots', kind: 'same', apply: (ds) => { eachValue(ds, 'hts', digitsOf); eachValue(ds, 'heading', (v, row) => (isHeadingNumber(row) ? digitsOf(v) : v)); } },
  { name: 'hts-with-dots', kind: 'same', apply: (ds) => { eachValue(ds, 'hts', dotted); eachValue(ds, 'heading', (v, row) => (isHeadingNumber(row) ? dotted(v) : v)); } },
  {
    name: 'hts-dots-mixed', kind: 'same',
    apply: (ds, r) => {
      const flip = (v) => (r.chance(0.5) ? digitsOf(v) : dotted(v));
      eachValue(ds, 'hts', flip);
      eachValue(ds, 'heading', (v, row) => (isHeadingNumber(row) ? flip(v) : v));
    },
  },
  {
    name: 'entry-numbers-without-dashes', kind: 'same',
    apply: (ds) => { eachValue(ds, 'entry', noDashes); eachSubjectId(ds, (s, id, line) => (s === 'entry_line' ? `${noDashes(id)}/${line}` : `${id}/${line}`)); },
  },
  {
    name: 'entry-numbers-dashes-mixed', kind: 'same',
    apply: (ds, r) => eachValue(ds, 'entry', (v) => (r.chance(0.5) ? noDashes(v) : withDashes(v))),
  },
  { name: 'money-fewest-decimals', kind: 'same', apply: (ds) => eachValue(ds, 'money', fewestDecimals) },
  { name: 'money-leading-zeros-two-decimals', kind: 'same', apply: (ds) => eachValue(ds, 'money', (v) => padded(v, 2)) },
  { name: 'quantities-six-decimals-leading-zeros', kind: 'same', apply: (ds) => eachValue(ds, 'quantity', (v) => padded(v, 6)) },
  { name: 'rates-four-decimals-leading-zeros', kind: 'same', apply: (ds) => eachValue(ds, 'rate', (v) => padded(v, 4)) },
  // input-formats.md sets no limit on a rate's decimals (money: 2, quantities: 6): trailing zeros change nothing.
  { name: 'rates-six-decimals', kind: 'same', apply: (ds) => eachValue(ds, 'rate', (v) => padded(v, 6).replace(/^00/, '')) },
  {
    name: 'line-numbers-leading-zero', kind: 'same',
    apply: (ds) => { eachValue(ds, 'integer', (v) => `0${v}`); eachSubjectId(ds, (s, id, line) => `${id}/0${line}`); },
  },
  {
    name: 'ieepa-flag-false-left-blank', kind: 'same',
    apply: (ds) => ds.files['entries.csv']?.rows.forEach((row) => { if (row.ieepa_refund_claimed === 'false') row.ieepa_refund_claimed = ''; }),
  },
  { name: 'quoted-empty-fields', kind: 'same', apply: (ds) => { ds.format.quoteEmpty = true; } },
  { name: 'rows-reversed', kind: 'same', apply: (ds) => reorderRows(ds, (rows) => rows.reverse()) },
  { name: 'rows-shuffled', kind: 'same', apply: (ds, r) => reorderRows(ds, (rows) => shuffle(rows, r)) },
  {
    name: 'free-text-quotes-commas-line-breaks', kind: 'text',
    apply: (ds) => eachValue(ds, 'text', (v) => `${v}, "quoted", and\na second line`),
  },
  {
    name: 'everything-at-once', kind: 'same',
    apply: (ds, r) => {
      for (const name of ['blank-optional-columns-omitted-and-shuffled', 'hts-dots-mixed', 'entry-numbers-without-dashes', 'money-fewest-decimals',
        'quantities-six-decimals-leading-zeros', 'rates-six-decimals', 'line-numbers-leading-zero', 'rows-shuffled',
        'bom-crlf-quoted-no-final-newline']) {
        VARIANTS.find((v) => v.name === name).apply(ds, r);
      }
    },
  },
  // Not written in the spec; spellings a user will send.
  {
    name: 'codes-lower-case', kind: 'lenient',
    apply: (ds) => {
      eachValue(ds, 'country', (v) => v.toLowerCase());
      eachValue(ds, 'unit', (v) => v.toLowerCase());
      eachValue(ds, 'entry', (v) => v.toLowerCase());
      eachValue(ds, 'adcvd', (v) => v.toLowerCase());
      ds.files['entries.csv']?.rows.forEach((row) => { if (row.ieepa_refund_claimed) row.ieepa_refund_claimed = row.ieepa_refund_claimed.toUpperCase(); });
    },
  },
  { name: 'vocabulary-upper-case', kind: 'lenient', apply: (ds) => eachValue(ds, 'enum', (v) => v.toUpperCase()) },
  { name: 'line-ends-mixed', kind: 'lenient', apply: (ds) => { ds.format.mixedEol = true; } },
];

function each(ds, change) {
  for (const [name, file] of Object.entries(ds.files)) change(file, name);
}

function shuffle(items, r) {
  for (let i = items.length - 1; i > 0; i -= 1) {
    const j = r.int(0, i);
    [items[i], items[j]] = [items[j], items[i]];
  }
  return items;
}

/**
 * Reorders the rows of every file, except that receipts of one import line keep their order in lots.csv
 * (matching-and-estimates.md §2.3: import date, entry, line, then their order in lots.csv) and the
 * entry that comes first in entries.csv stays first (§2.3: `drawback run`'s claimant is its importer).
 */
function reorderRows(ds, reorder) {
  for (const [name, file] of Object.entries(ds.files)) {
    if (name === 'lots.csv') {
      const key = (row) => `${noDashes(row.entry_number).toUpperCase()}/${Number(row.line_number)}`;
      const groups = new Map();
      for (const row of file.rows) groups.set(key(row), [...(groups.get(key(row)) ?? []), row]);
      // Groups in the new order; within a group, lots.csv order.
      file.rows = reorder([...groups.keys()]).flatMap((k) => groups.get(k));
    } else if (name === 'entries.csv') {
      const [first, ...rest] = file.rows;
      file.rows = [first, ...reorder(rest)];
    } else {
      file.rows = reorder(file.rows);
    }
  }
}

/** The variant applied to a copy of the data set, with a random source seeded by the variant's name. */
export function variantOf(ds, variant, seed = 1) {
  const copy = clone(ds);
  let hash = seed;
  for (const c of variant.name) hash = (Math.imul(hash, 31) + c.charCodeAt(0)) >>> 0;
  variant.apply(copy, rng(hash));
  return copy;
}
