#!/usr/bin/env node
// Seeded mutation testing of ingestion against /work/shared/spec/input-formats.md (see README.md here).
// Usage: DATABASE_URL=postgres://…/db node test/fuzz-ingest/harness.mjs [--seed N] [--rounds N] [--only substring] [--keep]
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const CLI = join(ROOT, 'apps/cli/bin/drawback.js');
const BASE = join(ROOT, 'examples/great-lakes-fabrication');
const arg = (name, fallback) => {
  const at = process.argv.indexOf(name);
  return at >= 0 ? process.argv[at + 1] : fallback;
};
const SEED = Number(arg('--seed', '1'));
const ROUNDS = Number(arg('--rounds', '3'));
const ONLY = arg('--only', '');
const KEEP = process.argv.includes('--keep');
if (!process.env.DATABASE_URL || !/\/fuzz_[a-z0-9_]+$/.test(process.env.DATABASE_URL)) {
  console.error('set DATABASE_URL to a scratch database named fuzz_… (e.g. postgres://postgres@127.0.0.1:5432/fuzz_ingest)');
  process.exit(2);
}

// ---------- seeded PRNG ----------
function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
let random = mulberry32(SEED);
const pick = (items) => items[Math.floor(random() * items.length)];

// ---------- a data set in memory ----------
function parseCsv(text) {
  const records = [];
  let fields = [];
  let field = '';
  let quoted = false;
  for (let i = 0; i < text.length; i += 1) {
    const c = text[i];
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') { field += '"'; i += 1; } else if (c === '"') quoted = false; else field += c;
    } else if (c === '"') quoted = true;
    else if (c === ',') { fields.push(field); field = ''; } else if (c === '\n') { fields.push(field); records.push(fields); fields = []; field = ''; } else if (c !== '\r') field += c;
  }
  if (field !== '' || fields.length > 0) { fields.push(field); records.push(fields); }
  return records;
}

function loadDataSet(folder) {
  const files = {};
  for (const name of readdirSync(folder).filter((n) => n.endsWith('.csv'))) {
    const [header, ...rows] = parseCsv(readFileSync(join(folder, name), 'utf8'));
    files[name] = { header, rows: rows.map((fields) => ({ fields })), eol: '\n', bom: false, trailing: '', raw: null };
  }
  return { files, extra: {} };
}

const clone = (ds) => ({
  files: Object.fromEntries(Object.entries(ds.files).map(([name, f]) => [name, { ...f, header: [...f.header], rows: f.rows.map((r) => ({ ...r, fields: [...r.fields] })) }])),
  extra: { ...ds.extra },
});

const quote = (value) => (/[",\r\n]/.test(value) ? `"${value.replace(/"/g, '""')}"` : value);

/** Writes the data set, noting each row's physical line (the line its record starts on; header = 1). */
function writeDataSet(ds, folder) {
  for (const [name, f] of Object.entries(ds.files)) {
    if (f.raw !== null) { writeFileSync(join(folder, name), f.raw); continue; }
    let text = (f.bom ? '\uFEFF' : '') + f.eol.repeat(f.leadingBlankLines ?? 0);
    let line = 1 + (f.leadingBlankLines ?? 0);
    const emit = (record) => {
      const start = line;
      text += record + f.eol;
      line += 1 + (record.match(/\r\n|\r|\n/g) ?? []).length;
      return start;
    };
    emit(f.header.map(quote).join(','));
    for (const row of f.rows) {
      if (row.blankBefore) {
        text += f.eol;
        line += 1;
      }
      row.line = emit(row.rawText ?? row.fields.map(quote).join(','));
    }
    text += f.trailing;
    writeFileSync(join(folder, name), text);
  }
  for (const [name, content] of Object.entries(ds.extra)) writeFileSync(join(folder, name), content);
}

const col = (ds, file, name) => {
  const index = ds.files[file].header.indexOf(name);
  if (index < 0) throw new Error(`${file} has no column ${name}`);
  return index;
};
const get = (ds, file, row, name) => row.fields[col(ds, file, name)];
const set = (ds, file, row, name, value) => { row.fields[col(ds, file, name)] = value; };
const rowsWhere = (ds, file, predicate = () => true) => ds.files[file].rows.filter((row) => predicate(row));

// ---------- mutations ----------
// Each returns the errors it must cause: [{ file, row (object, its line read after writing) | line, column }].
// `combinable` mutations touch one field of one row that nothing else refers to, and may be applied together.
const field = (file, column, value, valid, where = () => true) => ({
  combinable: true,
  apply(ds, used) {
    const candidates = rowsWhere(ds, file, (row) => !used.has(row) && where(row, ds));
    if (candidates.length === 0) return null;
    const row = pick(candidates);
    used.add(row);
    set(ds, file, row, column, typeof value === 'function' ? value(get(ds, file, row, column), row, ds) : value);
    return valid ? [] : [{ file, row, column }];
  },
});
const is = (column, value) => (row, ds) => get(ds, Object.keys(ds.files).find((f) => ds.files[f].rows.includes(row)), row, column) === value;
const inFile = (file, column, test) => (row, ds) => test(get(ds, file, row, column));

// Entries whose entry number is on one line only (a field there conflicts with no other line).
const singleLineEntry = (row, ds) => rowsWhere(ds, 'entries.csv', (r) => r.fields[0] === row.fields[0]).length === 1;

const withCheckDigit = (number) => {
  // Computes the mod-10 check digit of XXX-NNNNNNN per input-formats.md.
  const chars = number.replace(/-/g, '').slice(0, 10).split('');
  const value = (c) => {
    if (/\d/.test(c)) return Number(c);
    const code = c.charCodeAt(0) - 65;
    if (code < 9) return code + 1;
    if (code < 18) return code - 8;
    return code - 16;
  };
  let sum = 0;
  chars.forEach((c, i) => {
    let v = value(c);
    if (i % 2 === 1) { v *= 2; v = Math.floor(v / 10) + (v % 10); }
    sum += v;
  });
  const check = (10 - (sum % 10)) % 10;
  return `${chars.slice(0, 3).join('')}-${chars.slice(3).join('')}-${check}`;
};
const wrongCheckDigit = (number) => number.slice(0, -1) + ((Number(number.slice(-1)) + 3) % 10);

const MUTATIONS = {
  // entry numbers
  'duties entry_number bad check digit': field('duties.csv', 'entry_number', wrongCheckDigit, false),
  'lots entry_number bad check digit': field('lots.csv', 'entry_number', wrongCheckDigit, false),
  'duties entry_number without dashes': field('duties.csv', 'entry_number', (v) => v.replace(/-/g, ''), true),
  'lots entry_number without dashes': field('lots.csv', 'entry_number', (v) => v.replace(/-/g, ''), true),
  'duties entry_number 6 digits': field('duties.csv', 'entry_number', (v) => v.slice(0, 4) + v.slice(5), false),
  'duties entry_number 2-char filer': field('duties.csv', 'entry_number', (v) => v.slice(1), false),
  'evidence entry_line subject bad check digit': {
    combinable: true,
    apply(ds, used) {
      const row = ds.files['evidence.csv'].rows[0];
      if (used.has(row)) return null;
      used.add(row);
      set(ds, 'evidence.csv', row, 'subject', 'entry_line');
      set(ds, 'evidence.csv', row, 'subject_id', 'GLF-2604001-4/1');
      return [{ file: 'evidence.csv', row, column: 'subject_id' }];
    },
  },
  // dates
  'export_date 2026-02-29': field('exports.csv', 'export_date', '2026-02-29', false),
  'export_date 2026-13-01': field('exports.csv', 'export_date', '2026-13-01', false),
  'export_date 2026-1-01': field('exports.csv', 'export_date', '2026-1-01', false),
  'export_date 2026/07/15': field('exports.csv', 'export_date', '2026/07/15', false),
  'export_date 2026-07-15T00:00': field('exports.csv', 'export_date', '2026-07-15T00:00', false),
  'export_date 2028-02-29 (leap)': field('exports.csv', 'export_date', '2028-02-29', true),
  'import_date 2026-04-31 single-line entry': field('entries.csv', 'import_date', '2026-04-31', false, singleLineEntry),
  'export_date blank': field('exports.csv', 'export_date', '', false),
  // countries
  'country_of_origin XY': field('entries.csv', 'country_of_origin', 'XY', false),
  'country_of_origin UN': field('entries.csv', 'country_of_origin', 'UN', false),
  'country_of_origin DEU': field('entries.csv', 'country_of_origin', 'DEU', false),
  'country_of_origin blank': field('entries.csv', 'country_of_origin', '', false),
  'destination_country UN': field('exports.csv', 'destination_country', 'UN', false),
  'destination_country N': field('exports.csv', 'destination_country', 'N', false),
  'melt_pour_country UN': field('entries.csv', 'melt_pour_country', 'UN', true),
  'melt_pour_country N': field('entries.csv', 'melt_pour_country', 'N', false),
  'melt_pour_country XY': field('entries.csv', 'melt_pour_country', 'XY', false),
  'smelt_primary_country UN': field('entries.csv', 'smelt_primary_country', 'UN', true),
  'smelt_primary_country N': field('entries.csv', 'smelt_primary_country', 'N', false),
  'smelt_secondary_country N': field('entries.csv', 'smelt_secondary_country', 'N', true),
  'smelt_secondary_country UN': field('entries.csv', 'smelt_secondary_country', 'UN', true),
  'cast_country UN': field('entries.csv', 'cast_country', 'UN', true),
  'cast_country N': field('entries.csv', 'cast_country', 'N', false),
  // HTS
  'entries hts without dots': field('entries.csv', 'hts', (v) => v.replace(/\./g, ''), true),
  'exports hts without dots': field('exports.csv', 'hts', (v) => v.replace(/\./g, ''), true),
  'production hts without dots': field('production.csv', 'hts', (v) => v.replace(/\./g, ''), true, inFile('production.csv', 'role', (r) => r === 'output')),
  'entries hts 9 digits': field('entries.csv', 'hts', (v) => v.replace(/\./g, '').slice(0, 9), false),
  'entries hts 11 digits': field('entries.csv', 'hts', (v) => `${v.replace(/\./g, '')}1`, false),
  'entries hts 8 digits dotted': field('entries.csv', 'hts', (v) => v.replace(/\./g, '').replace(/^(\d{4})(\d{2})(\d{2}).*/, '$1.$2.$3'), false),
  // Ambiguous (input-formats.md shows only 7308.90.9590 and 7308909590; the engine drops every dot): run with --ambiguous.
  'entries hts dots misplaced': { ...field('entries.csv', 'hts', (v) => v.replace(/\./g, '').replace(/^(\d{3})(\d{3})(\d{4})/, '$1.$2.$3'), false), ambiguous: true },
  'entries hts chapter 99': field('entries.csv', 'hts', '9903.82.0200', false),
  'entries hts chapter 00': field('entries.csv', 'hts', '0001.00.0000', false),
  'exports hts letters': field('exports.csv', 'hts', '7308.90.95AB', false),
  // money
  'entered_value 3 decimals': field('entries.csv', 'entered_value', '120000.001', false),
  'entered_value exponent': field('entries.csv', 'entered_value', '1.2e5', false),
  'entered_value negative': field('entries.csv', 'entered_value', '-5.00', false),
  'entered_value 0': field('entries.csv', 'entered_value', '0', false),
  'entered_value 0.00': field('entries.csv', 'entered_value', '0.00', false),
  'entered_value thousands comma': field('entries.csv', 'entered_value', '1,000.00', false),
  'entered_value blank': field('entries.csv', 'entered_value', '', false),
  'entered_value $': field('entries.csv', 'entered_value', '$1000.00', false),
  'entered_value whole': field('entries.csv', 'entered_value', (v) => v.replace(/\.00$/, ''), true),
  'amount 0': field('duties.csv', 'amount', '0', true),
  'amount negative': field('duties.csv', 'amount', '-1.00', false),
  'amount 3 decimals': field('duties.csv', 'amount', '1.005', false),
  'amount exponent': field('duties.csv', 'amount', '1E3', false),
  'amount blank': field('duties.csv', 'amount', '', false),
  'amount NaN': field('duties.csv', 'amount', 'NaN', false),
  'amount Infinity': field('duties.csv', 'amount', 'Infinity', false),
  'basis_value 3 decimals': field('duties.csv', 'basis_value', '10.123', false, inFile('duties.csv', 'basis_value', (v) => v !== '')),
  'basis_value blank': field('duties.csv', 'basis_value', '', true),
  'export value 1,000.00': field('exports.csv', 'value', '1,000.00', false),
  'export value negative': field('exports.csv', 'value', '-1', false),
  'export value exponent': field('exports.csv', 'value', '9e5', false),
  'rate letters': field('duties.csv', 'rate', '25%', false, inFile('duties.csv', 'rate', (v) => v !== '')),
  'rate blank': field('duties.csv', 'rate', '', true),
  // input-formats.md sets no bound on a rate's decimals (money 2, quantities 6).
  'rate 5 decimals': field('duties.csv', 'rate', '0.34640', true, inFile('duties.csv', 'rate', (v) => v !== '')),
  'rate 7 significant decimals': field('duties.csv', 'rate', '0.3464123', true, inFile('duties.csv', 'rate', (v) => v !== '')),
  // quantities
  'export quantity 7 decimals': field('exports.csv', 'quantity', '1.1234567', false),
  'export quantity 6 decimals': field('exports.csv', 'quantity', '1.123456', true),
  'export quantity 0': field('exports.csv', 'quantity', '0', false),
  'export quantity 0.000000': field('exports.csv', 'quantity', '0.000000', false),
  'export quantity negative': field('exports.csv', 'quantity', '-3', false),
  'export quantity exponent': field('exports.csv', 'quantity', '1e2', false),
  'lots quantity 0': field('lots.csv', 'quantity', '0', false),
  'production quantity negative': field('production.csv', 'quantity', '-1', false),
  'production quantity 7 decimals': field('production.csv', 'quantity', '0.0000001', false),
  'entries quantity 0': field('entries.csv', 'quantity', '0', false),
  // enums and small formats
  'program S301': field('duties.csv', 'program', 'S301', false),
  'program unknown': field('duties.csv', 'program', 'section301', false),
  'role Input': field('production.csv', 'role', 'Input', false, inFile('production.csv', 'role', (r) => r === 'input')),
  'action shipped': field('exports.csv', 'action', 'shipped', false),
  'action destroyed (no destination needed)': field('exports.csv', 'action', 'destroyed', true),
  'evidence kind bad': field('evidence.csv', 'kind', 'certificate', false),
  'evidence subject bad': field('evidence.csv', 'subject', 'order', false),
  'evidence sha256 bad': field('evidence.csv', 'sha256', 'abc', false),
  'evidence sha256 good': field('evidence.csv', 'sha256', 'a'.repeat(64), true),
  'basis bad': field('duties.csv', 'basis', 'full', false, inFile('duties.csv', 'basis', (v) => v !== '')),
  'metal bad': field('duties.csv', 'metal', 'iron', false, inFile('duties.csv', 'metal', (v) => v !== '')),
  'metal missing on s232': field('duties.csv', 'metal', '', false, inFile('duties.csv', 'program', (v) => v === 's232')),
  's232_annex bad': field('duties.csv', 's232_annex', 'II', false, inFile('duties.csv', 'program', (v) => v === 's232')),
  'port_code 3 digits': field('entries.csv', 'port_code', '390', false, singleLineEntry),
  'entry_type 1 digit': field('entries.csv', 'entry_type', '1', false, singleLineEntry),
  'ieepa_refund_claimed yes': field('entries.csv', 'ieepa_refund_claimed', 'yes', false),
  'ieepa_refund_claimed TRUE': field('entries.csv', 'ieepa_refund_claimed', 'TRUE', true),
  'ieepa_refund_claimed FALSE': field('entries.csv', 'ieepa_refund_claimed', 'FALSE', true),
  'description blank': field('entries.csv', 'description', '', false),
  'exporter blank': field('exports.csv', 'exporter', '', false),
  'uom blank': field('exports.csv', 'uom', '', false),
  'lot_id blank in lots': field('lots.csv', 'lot_id', '', false),
  'destination_country blank on exported': field('exports.csv', 'destination_country', '', false),
  'production output hts blank': field('production.csv', 'hts', '', false, inFile('production.csv', 'role', (r) => r === 'output')),
  'production output hts bad': field('production.csv', 'hts', '7308.90', false, inFile('production.csv', 'role', (r) => r === 'output')),
  // line numbers and headings in duties
  'duties line_number blank on s232': field('duties.csv', 'line_number', '', false, inFile('duties.csv', 'program', (v) => v === 's232')),
  'duties line_number blank on ordinary': field('duties.csv', 'line_number', '', false, inFile('duties.csv', 'program', (v) => v === 'ordinary')),
  'duties line_number 0': field('duties.csv', 'line_number', '0', false, inFile('duties.csv', 'line_number', (v) => v !== '')),
  'duties line_number 1.0': field('duties.csv', 'line_number', '1.0', false, inFile('duties.csv', 'line_number', (v) => v !== '')),
  'duties line_number 01': field('duties.csv', 'line_number', (v) => `0${v}`, true, inFile('duties.csv', 'line_number', (v) => v !== '')),
  'duties heading blank on s301': field('duties.csv', 'heading', '', false, inFile('duties.csv', 'program', (v) => v === 's301')),
  'duties heading blank on s232': field('duties.csv', 'heading', '', false, inFile('duties.csv', 'program', (v) => v === 's232')),
  'duties heading without dots': field('duties.csv', 'heading', (v) => v.replace(/\./g, ''), true, inFile('duties.csv', 'heading', (v) => v !== '')),
  'duties heading 7 digits': field('duties.csv', 'heading', '9903.88.0', false, inFile('duties.csv', 'program', (v) => v === 's301')),
  'duties heading chapter 98': field('duties.csv', 'heading', '9802.00.80', false, inFile('duties.csv', 'program', (v) => v === 's301')),
  'duties heading chapter 00': field('duties.csv', 'heading', '0000.00.00', false, inFile('duties.csv', 'heading', (v) => v !== '')),
  'duties heading chapter 1-97 on ordinary': field('duties.csv', 'heading', '7318.15.2095', true, inFile('duties.csv', 'program', (v) => v === 'ordinary')),
  'duties metal on s301 (kept as declared)': field('duties.csv', 'metal', 'steel', true, inFile('duties.csv', 'program', (v) => v === 's301')),
  // structure of files
  'missing required column': {
    apply(ds) {
      const file = pick(['entries.csv', 'duties.csv', 'exports.csv', 'lots.csv', 'production.csv', 'evidence.csv']);
      const required = { 'entries.csv': 'uom', 'duties.csv': 'amount', 'exports.csv': 'exporter', 'lots.csv': 'quantity', 'production.csv': 'uom', 'evidence.csv': 'reference' }[file];
      dropColumn(ds, file, required);
      return [{ file, line: 1, column: required }];
    },
  },
  'optional column left out': {
    apply(ds) {
      dropColumn(ds, 'entries.csv', 'ieepa_refund_claimed');
      dropColumn(ds, 'duties.csv', 's232_annex');
      dropColumn(ds, 'exports.csv', 'heat_number');
      return [];
    },
  },
  'unknown column': {
    apply(ds) {
      const file = pick(Object.keys(ds.files));
      ds.files[file].header.push('colour');
      for (const row of ds.files[file].rows) row.fields.push('red');
      return [{ file, line: 1, column: 'colour' }];
    },
  },
  'column name with capital': {
    apply(ds) {
      const f = ds.files['exports.csv'];
      f.header[f.header.indexOf('value')] = 'Value';
      return [{ file: 'exports.csv', line: 1, column: 'Value' }, { file: 'exports.csv', line: 1, column: 'value' }];
    },
  },
  'column twice': {
    apply(ds) {
      const f = ds.files['lots.csv'];
      f.header.push('heat_number');
      for (const row of f.rows) row.fields.push('');
      return [{ file: 'lots.csv', line: 1, column: 'heat_number' }];
    },
  },
  'unknown csv file': {
    apply(ds) {
      ds.extra['entry.csv'] = 'entry_number\n';
      return [{ file: 'entry.csv', column: '-' }];
    },
  },
  'other non-csv file ignored': {
    apply(ds) {
      ds.extra['notes.txt'] = 'hello';
      ds.extra['README'] = 'x,y\n';
      return [];
    },
  },
  'header after blank lines': {
    apply(ds) {
      const file = pick(Object.keys(ds.files));
      const f = ds.files[file];
      f.leadingBlankLines = 1 + Math.floor(random() * 3);
      f.header.push('colour');
      for (const row of f.rows) row.fields.push('');
      const row = pick(f.rows);
      row.fields[row.fields.length - 1] = 'x';
      return [{ file, line: 1 + f.leadingBlankLines, column: 'colour' }];
    },
  },
  'header cell without a name': {
    apply(ds) {
      const file = pick(Object.keys(ds.files));
      const f = ds.files[file];
      f.header.push('');
      for (const row of f.rows) row.fields.push('');
      return [{ file, line: 1, column: '(blank)' }];
    },
  },
  'header order shuffled': {
    apply(ds) {
      for (const file of Object.keys(ds.files)) {
        const f = ds.files[file];
        const order = f.header.map((_, i) => i).sort(() => random() - 0.5);
        f.header = order.map((i) => f.header[i]);
        for (const row of f.rows) row.fields = order.map((i) => row.fields[i]);
      }
      return [];
    },
  },
  'header only (exports, evidence)': {
    apply(ds) {
      ds.files['evidence.csv'].rows = [];
      ds.files['exports.csv'].rows = [];
      return [];
    },
  },
  'empty file (0 bytes)': {
    apply(ds) {
      ds.files['evidence.csv'].raw = '';
      return [{ file: 'evidence.csv', line: 1, column: '-' }];
    },
  },
  'UTF-8 BOM': {
    apply(ds) {
      for (const f of Object.values(ds.files)) f.bom = true;
      return [];
    },
  },
  'trailing empty line': {
    apply(ds) {
      for (const f of Object.values(ds.files)) f.trailing = f.eol;
      return [];
    },
  },
  'no final newline': {
    apply(ds) {
      for (const f of Object.values(ds.files)) f.noFinalEol = true;
      return [];
    },
  },
  'CRLF line endings': {
    apply(ds) {
      for (const f of Object.values(ds.files)) f.eol = '\r\n';
      return [];
    },
  },
  'too many fields': {
    combinable: true,
    apply(ds, used) {
      const file = pick(['exports.csv', 'evidence.csv', 'duties.csv']);
      const row = pick(rowsWhere(ds, file, (r) => !used.has(r)));
      used.add(row);
      row.fields.push('extra');
      return [{ file, row, column: '-' }];
    },
  },
  'too few fields': {
    combinable: true,
    apply(ds, used) {
      const file = pick(['exports.csv', 'evidence.csv', 'duties.csv']);
      const row = pick(rowsWhere(ds, file, (r) => !used.has(r)));
      used.add(row);
      row.fields.pop();
      return [{ file, row, column: '-' }];
    },
  },
  'embedded newline in description, later error': {
    apply(ds) {
      const f = ds.files['entries.csv'];
      const eol = pick(['\n', '\r\n', '\n\n']);
      set(ds, 'entries.csv', f.rows[0], 'description', `Hot-rolled${eol}steel "plate"`);
      set(ds, 'entries.csv', f.rows[1], 'description', `tube${eol}`);
      const row = f.rows[3];
      set(ds, 'entries.csv', row, 'country_of_origin', 'XY');
      if (random() < 0.5) f.eol = '\r\n';
      return [{ file: 'entries.csv', row, column: 'country_of_origin' }];
    },
  },
  'embedded newline in exports, error on same row': {
    apply(ds) {
      const f = ds.files['exports.csv'];
      const row = f.rows[1];
      set(ds, 'exports.csv', row, 'description', 'two\r\nlines\nthree');
      set(ds, 'exports.csv', row, 'value', '1.001');
      const later = f.rows[2];
      set(ds, 'exports.csv', later, 'quantity', '0');
      return [{ file: 'exports.csv', row, column: 'value' }, { file: 'exports.csv', row: later, column: 'quantity' }];
    },
  },
  'blank line in the middle': {
    apply(ds) {
      const f = ds.files['exports.csv'];
      f.rows[1].blankBefore = true;
      set(ds, 'exports.csv', f.rows[2], 'quantity', '0');
      return [{ file: 'exports.csv', row: f.rows[2], column: 'quantity' }];
    },
  },
  'unterminated quote': {
    apply(ds) {
      const f = ds.files['evidence.csv'];
      const row = f.rows[2];
      row.rawText = `${row.fields.slice(0, 4).join(',')},"dms://x,`;
      const later = f.rows[5];
      set(ds, 'evidence.csv', later, 'kind', 'bad');
      return [{ file: 'evidence.csv', row, column: f.header[4] }];
      // Everything after an unterminated quote is inside the field: the later error cannot be seen.
    },
  },
  'stray quote in a field': {
    apply(ds) {
      const f = ds.files['evidence.csv'];
      const row = f.rows[2];
      row.rawText = `${row.fields.slice(0, 4).join(',')},dms://x"y,`;
      const later = f.rows[5];
      set(ds, 'evidence.csv', later, 'kind', 'bad');
      // The stray quote is in the fifth field: the header names its column.
      return [{ file: 'evidence.csv', row, column: f.header[4] }, { file: 'evidence.csv', row: later, column: 'kind' }];
    },
  },
  'invalid UTF-8': {
    apply(ds) {
      const f = ds.files['exports.csv'];
      const row = f.rows[1];
      set(ds, 'exports.csv', row, 'description', 'caf\uDC80');
      f.latin1Row = row;
      return [{ file: 'exports.csv', row, column: 'description' }];
    },
  },
  'diagnostic reader line numbers': {
    apply(ds) {
      // evidence.csv rebuilt: rows that span lines (LF or CRLF inside quotes), malformed records (a stray
      // quote, text after a closing quote, too few fields) and field errors, in random order.
      const f = ds.files['evidence.csv'];
      f.eol = pick(['\n', '\r\n']);
      const expected = [];
      const rows = [];
      let hasMalformed = false;
      for (let i = 0; i < 12; i += 1) {
        const fields = [`D-${i}`, 'other', 'lot', `L-${i}`, `ref-${i}`, ''];
        const row = { fields };
        const kind = pick(['plain', 'multiline', 'multiline', 'stray', 'afterquote', 'short', 'bad kind', 'multiline bad']);
        if (kind === 'multiline') fields[4] = pick(['a\nb', 'a\r\nb', 'a\n\nb', 'a\r\n\r\nb, "c"']);
        if (kind === 'multiline bad') { fields[4] = 'x\r\ny'; fields[1] = 'nope'; expected.push({ file: 'evidence.csv', row, column: 'kind' }); }
        if (kind === 'bad kind') { fields[1] = 'nope'; expected.push({ file: 'evidence.csv', row, column: 'kind' }); }
        if (kind === 'stray') { row.rawText = `D-${i},other,lot,L-${i},re"f,`; hasMalformed = true; expected.push({ file: 'evidence.csv', row, column: f.header[4] }); }
        if (kind === 'afterquote') { row.rawText = `D-${i},other,lot,L-${i},"ref" x,`; hasMalformed = true; expected.push({ file: 'evidence.csv', row, column: f.header[4] }); }
        if (kind === 'short') { fields.pop(); expected.push({ file: 'evidence.csv', row, column: '-' }); }
        rows.push(row);
      }
      f.rows = rows;
      return expected;
    },
  },
  // keys, references and rules across rows
  'duplicate row (same values)': {
    apply(ds) {
      const file = pick(['exports.csv', 'duties.csv', 'evidence.csv', 'production.csv', 'entries.csv']);
      const f = ds.files[file];
      const copy = { fields: [...f.rows[1].fields] };
      f.rows.push(copy);
      return [{ file, row: copy, column: null }];
    },
  },
  'same key different values in one file': {
    apply(ds) {
      const f = ds.files['exports.csv'];
      const copy = { fields: [...f.rows[0].fields] };
      set(ds, 'exports.csv', copy, 'value', '1.00');
      f.rows.push(copy);
      return [{ file: 'exports.csv', row: copy, column: null }];
    },
  },
  'duplicate receipt (same values)': {
    apply(ds) {
      const f = ds.files['lots.csv'];
      set(ds, 'lots.csv', f.rows[4], 'quantity', '1000');
      const copy = { fields: [...f.rows[4].fields] };
      f.rows.push(copy);
      return [{ file: 'lots.csv', row: copy, column: null }];
    },
  },
  'duplicate entry line': {
    apply(ds) {
      const f = ds.files['entries.csv'];
      const copy = { fields: [...f.rows[1].fields] };
      set(ds, 'entries.csv', copy, 'description', 'other');
      f.rows.splice(2, 0, copy);
      return [{ file: 'entries.csv', row: copy, column: null }];
    },
  },
  'duties refer to a missing entry': {
    apply(ds) {
      const row = ds.files['duties.csv'].rows[6];
      set(ds, 'duties.csv', row, 'entry_number', withCheckDigit('GLF-2603009'));
      return [{ file: 'duties.csv', row, column: 'entry_number' }];
    },
  },
  'lots refer to a missing line': {
    apply(ds) {
      const row = ds.files['lots.csv'].rows[3];
      set(ds, 'lots.csv', row, 'line_number', '7');
      return [{ file: 'lots.csv', row, column: 'line_number' }];
    },
  },
  'duties refer to a missing line': {
    apply(ds) {
      const row = ds.files['duties.csv'].rows[4];
      set(ds, 'duties.csv', row, 'line_number', '2');
      return [{ file: 'duties.csv', row, column: 'line_number' }];
    },
  },
  'receipts over their line': {
    apply(ds) {
      const rows = ds.files['lots.csv'].rows;
      set(ds, 'lots.csv', rows[1], 'quantity', '30000.000001');
      return [{ file: 'lots.csv', row: rows[0], column: 'quantity' }, { file: 'lots.csv', row: rows[1], column: 'quantity' }];
    },
  },
  'receipts exactly their line (decimal)': {
    apply(ds) {
      const rows = ds.files['lots.csv'].rows;
      set(ds, 'lots.csv', rows[0], 'quantity', '29999.999999');
      set(ds, 'lots.csv', rows[1], 'quantity', '30000.000001');
      return [];
    },
  },
  'receipt distinct by heat only': {
    apply(ds) {
      const f = ds.files['lots.csv'];
      set(ds, 'lots.csv', f.rows[4], 'quantity', '1000');
      f.rows.push({ fields: ['GLF-2603003-2', '1', 'FS-2603', 'H-Z', '1000'] });
      return [];
    },
  },
  'two outputs for an order': {
    apply(ds) {
      const f = ds.files['production.csv'];
      const extra = { fields: ['PO-101', '2026-05-22', 'output', 'SUB-102', '', '10', 'NO', '7610.90.9080'] };
      f.rows.splice(5, 0, extra);
      return [{ file: 'production.csv', row: f.rows[4], column: 'role' }, { file: 'production.csv', row: extra, column: 'role' }];
    },
  },
  'order with no output': {
    apply(ds) {
      const f = ds.files['production.csv'];
      f.rows.splice(4, 1);
      return [{ file: 'production.csv', row: f.rows[3], column: 'role' }];
    },
  },
  'order with no input': {
    apply(ds) {
      const f = ds.files['production.csv'];
      f.rows.splice(3, 1);
      return [{ file: 'production.csv', row: f.rows[3], column: 'role' }];
    },
  },
  'production cycle': {
    apply(ds) {
      const f = ds.files['production.csv'];
      f.rows.push({ fields: ['PO-300', '2026-06-10', 'input', 'FG-200', '', '1', 'NO', ''] });
      f.rows.push({ fields: ['PO-300', '2026-06-10', 'output', 'PL-2604', '', '1', 'KG', '7208.51.0030'] });
      return [
        { file: 'production.csv', row: f.rows[0], column: 'lot_id' },
        { file: 'production.csv', row: f.rows[5], column: 'lot_id' },
        { file: 'production.csv', row: f.rows[9], column: 'lot_id' },
      ];
    },
  },
  'self cycle': {
    apply(ds) {
      const f = ds.files['production.csv'];
      f.rows.push({ fields: ['PO-301', '2026-06-10', 'input', 'LOOP', '', '1', 'NO', ''] });
      f.rows.push({ fields: ['PO-301', '2026-06-10', 'output', 'LOOP', '', '1', 'NO', '7208.51.0030'] });
      return [{ file: 'production.csv', row: f.rows[9], column: 'lot_id' }];
    },
  },
  'order production_date differs': {
    apply(ds) {
      const f = ds.files['production.csv'];
      set(ds, 'production.csv', f.rows[1], 'production_date', '2026-05-21');
      return [{ file: 'production.csv', row: f.rows[1], column: 'production_date' }];
    },
  },
  'entry-level field conflict': {
    apply(ds) {
      const column = pick(['entry_type', 'importer_number', 'import_date', 'entry_date', 'port_code']);
      const value = { entry_type: '03', importer_number: '47-7654321AB', import_date: '2026-04-21', entry_date: '2026-04-21', port_code: '3902' }[column];
      const row = ds.files['entries.csv'].rows[1];
      set(ds, 'entries.csv', row, column, value);
      return [{ file: 'entries.csv', row, column }];
    },
  },
  'line-level fields may differ': {
    apply(ds) {
      const row = ds.files['entries.csv'].rows[1];
      set(ds, 'entries.csv', row, 'spi', 'S');
      set(ds, 'entries.csv', row, 'adcvd_case', 'A-580-881');
      set(ds, 'entries.csv', row, 'country_of_origin', 'JP');
      return [];
    },
  },
  'entry number without dashes on one line only': {
    apply(ds) {
      const row = ds.files['entries.csv'].rows[1];
      set(ds, 'entries.csv', row, 'entry_number', 'GLF26040015');
      return [];
    },
  },
};

function singleLineEntryWithoutReferences() {
  return (row, ds) => singleLineEntry(row, ds) && false;
}

function dropColumn(ds, file, name) {
  const f = ds.files[file];
  const index = f.header.indexOf(name);
  f.header.splice(index, 1);
  for (const row of f.rows) row.fields.splice(index, 1);
}

// ---------- running ----------
function runCheck(folder) {
  const result = spawnSync('node', [CLI, 'check', folder, '--json'], { encoding: 'utf8', env: process.env, cwd: ROOT });
  let json = null;
  try { json = JSON.parse(result.stdout); } catch { /* reported below */ }
  return { code: result.status, stdout: result.stdout, stderr: result.stderr, json };
}

function materialize(ds) {
  const folder = mkdtempSync(join(tmpdir(), 'fuzz-ingest-'));
  writeDataSet(ds, folder);
  for (const [name, f] of Object.entries(ds.files)) {
    if (f.noFinalEol) writeFileSync(join(folder, name), readFileSync(join(folder, name), 'utf8').replace(/\r?\n$/, ''));
    if (f.latin1Row) {
      // Replace the lone surrogate (written as U+FFFD by Node) with a bare 0xE9 byte: invalid UTF-8.
      const bytes = readFileSync(join(folder, name));
      const at = bytes.indexOf(Buffer.from('caf\uFFFD'));
      writeFileSync(join(folder, name), Buffer.concat([bytes.subarray(0, at + 3), Buffer.from([0xe9]), bytes.subarray(at + 6)]));
    }
  }
  return folder;
}

const keyOf = (e) => `${e.file}:${e.line}:${e.column}`;

function judge(name, expected, outcome, folder) {
  const problems = [];
  if (/\n\s+at .*\(.*:\d+:\d+\)|UnhandledPromiseRejection|TypeError|ReferenceError/.test(outcome.stderr)) problems.push(`stack trace on stderr: ${outcome.stderr.slice(0, 400)}`);
  if (!outcome.json) problems.push(`stdout is not JSON: ${outcome.stdout.slice(0, 300)} / ${outcome.stderr.slice(0, 300)}`);
  const wantCode = expected.length === 0 ? 0 : 1;
  if (outcome.code !== wantCode) problems.push(`exit ${outcome.code}, expected ${wantCode}`);
  const errors = outcome.json?.errors ?? [];
  const want = expected.map((e) => ({ file: e.file, line: e.row ? e.row.line : e.line, column: e.column }));
  const matched = new Set();
  for (const w of want) {
    const at = errors.findIndex((e, i) => !matched.has(i) && e.file === w.file && (w.line === undefined || e.line === w.line) && (w.column === null || e.column === w.column));
    if (at < 0) problems.push(`missing error ${keyOf(w)}`);
    else matched.add(at);
  }
  errors.forEach((e, i) => {
    if (!matched.has(i)) problems.push(`unexpected error ${keyOf(e)}: ${e.message}`);
    if (typeof e.line !== 'number' || !e.column || !e.message) problems.push(`malformed error ${JSON.stringify(e)}`);
  });
  return problems.length === 0 ? null : { name, problems, folder };
}

function main() {
  const base = loadDataSet(BASE);
  const names = Object.keys(MUTATIONS).filter((n) => n.includes(ONLY) && (process.argv.includes('--ambiguous') || !MUTATIONS[n].ambiguous));
  const combinable = names.filter((n) => MUTATIONS[n].combinable);
  const failures = [];
  let runs = 0;
  const attempt = (label, mutationNames) => {
    const ds = clone(base);
    const used = new Set();
    const expected = [];
    for (const n of mutationNames) {
      const errors = MUTATIONS[n].apply(ds, used);
      if (errors === null) return;
      expected.push(...errors);
    }
    const folder = materialize(ds);
    const outcome = runCheck(folder);
    runs += 1;
    const failure = judge(label, expected, outcome, folder);
    if (failure) {
      failures.push(failure);
      console.log(`FAIL ${label}  (${folder})\n  ${failure.problems.join('\n  ')}`);
    } else if (!KEEP) rmSync(folder, { recursive: true, force: true });
  };
  for (const n of names) attempt(n, [n]);
  for (let round = 0; round < ROUNDS && combinable.length > 0; round += 1) {
    const count = 2 + Math.floor(random() * 2);
    const chosen = Array.from({ length: count }, () => pick(combinable));
    attempt(`combined[${round}]: ${chosen.join(' + ')}`, chosen);
  }
  console.log(`seed ${SEED}: ${runs} runs, ${failures.length} failing`);
  process.exitCode = failures.length > 0 ? 1 : 0;
}

if (import.meta.url === pathToFileURL(process.argv[1]).href) main();

export { BASE, CLI, ROOT, clone, get, judge, loadDataSet, materialize, MUTATIONS, parseCsv, set, withCheckDigit };
