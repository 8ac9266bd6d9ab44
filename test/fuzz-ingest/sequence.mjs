#!/usr/bin/env node
// Ingest in sequence against one scratch database (see README.md here): valid → again (nothing new) →
// equivalent spellings (nothing new) → changed rows (an error naming both, nothing stored) → rejected data
// sets and rules across ingests (no table's row count changes); `check` must say what `ingest` says.
// Usage: DATABASE_URL=postgres://…/fuzz_… node test/fuzz-ingest/sequence.mjs   (drops and recreates that database)
import { execFileSync, spawnSync } from 'node:child_process';
import { rmSync } from 'node:fs';
import { BASE, CLI, ROOT, clone, loadDataSet, materialize, MUTATIONS, set } from './harness.mjs';

const url = new URL(process.env.DATABASE_URL);
const db = url.pathname.slice(1);
const pg = ['-h', url.hostname, '-p', url.port || '5432', '-U', url.username || 'postgres'];
const TABLES = ['import_entry', 'entry_line', 'duty_bucket', 'receipt', 'production_order', 'production_item', 'export_line', 'evidence_document', 'source_file'];

const cli = (...args) => spawnSync('node', [CLI, ...args], { encoding: 'utf8', env: process.env, cwd: ROOT });
const counts = () => execFileSync('psql', [...pg, db, '-Atc', TABLES.map((t) => `SELECT '${t}', count(*) FROM ${t}`).join(' UNION ALL ')], { encoding: 'utf8' }).trim();
const stderrErrors = (text) => text.split('\n').filter((l) => /^[^:\s]+:\d+: /.test(l)).sort();
const failures = [];
const fail = (name, message) => {
  failures.push(name);
  console.log(`FAIL ${name}: ${message}`);
};

/** Ingests a data set; checks exit code, stack traces, `check` agreeing, what is stored. */
function ingest(name, ds, { code, nothingNew = false, stores = code === 0, errorMatches = [] }) {
  const folder = materialize(ds);
  const failuresBefore = failures.length;
  const before = counts();
  const checked = cli('check', folder, '--json');
  const result = cli('ingest', folder);
  const after = counts();
  const output = `${result.stdout}\n${result.stderr}`;
  if (/\n\s+at .*:\d+:\d+|Unhandled|TypeError|ReferenceError/.test(output + checked.stderr)) fail(name, `stack trace: ${output.slice(0, 500)}`);
  if (result.status !== code) fail(name, `ingest exit ${result.status}, expected ${code}: ${output.slice(0, 600)} (${folder})`);
  if (checked.status !== code) fail(name, `check exit ${checked.status}, expected ${code}: ${checked.stdout.slice(0, 400)} (${folder})`);
  const fromCheck = (JSON.parse(checked.stdout || '{"errors":[]}').errors ?? []).map((e) => `${e.file}:${e.line}: ${e.column}: ${e.message}`).sort();
  const fromIngest = stderrErrors(result.stderr);
  if (JSON.stringify(fromCheck) !== JSON.stringify(fromIngest)) fail(name, `check and ingest disagree:\n  check  ${fromCheck.join('\n         ')}\n  ingest ${fromIngest.join('\n         ')}`);
  for (const pattern of errorMatches) if (!fromIngest.some((line) => pattern.test(line))) fail(name, `no error matching ${pattern}: ${fromIngest.join(' | ')}`);
  if (!stores && before !== after) fail(name, `row counts changed though nothing may be stored:\n${before}\n→\n${after}`);
  if (nothingNew && !/nothing new/.test(result.stdout)) fail(name, `expected "nothing new": ${result.stdout}`);
  if (nothingNew && before.replace(/source_file\|\d+/, '') !== after.replace(/source_file\|\d+/, '')) fail(name, `rows stored though nothing is new:\n${before}\n→\n${after}`);
  console.log(`${failures.length === failuresBefore ? 'ok  ' : 'FAIL'} ${name}: exit ${result.status}; ${result.stdout.trim().split('\n').pop()}`);
  if (failures.length === failuresBefore) rmSync(folder, { recursive: true, force: true });
  return result;
}

function main() {
  if (!/^fuzz_[a-z0-9_]+$/.test(db)) throw new Error(`refusing to reset ${db}: use a scratch database named fuzz_…`);
  execFileSync('dropdb', [...pg, '--if-exists', db]);
  execFileSync('createdb', [...pg, db]);
  if (cli('migrate').status !== 0) throw new Error('migrate failed');
  const base = loadDataSet(BASE);

  ingest('valid data set', base, { code: 0 });
  ingest('same data set again', base, { code: 0, nothingNew: true });

  // Equivalent spellings of the same rows: nothing new.
  for (const name of ['duties entry_number without dashes', 'lots entry_number without dashes', 'entries hts without dots', 'exports hts without dots',
    'production hts without dots', 'duties heading without dots', 'duties line_number 01', 'ieepa_refund_claimed FALSE', 'entered_value whole',
    'header order shuffled', 'UTF-8 BOM', 'CRLF line endings', 'trailing empty line', 'entry number without dashes on one line only', 'basis_value blank']) {
    const ds = clone(base);
    const expected = MUTATIONS[name].apply(ds, new Set());
    if (name === 'basis_value blank') {
      // A blank where a value is stored is a different value: an error naming both.
      ingest(`changed: ${name}`, ds, { code: 1, errorMatches: [/already stored from duties\.csv:\d+ with different values/] });
      continue;
    }
    if (expected.length !== 0) throw new Error(name);
    ingest(`equivalent: ${name}`, ds, { code: 0, nothingNew: true });
  }
  // Same key, different values, one per file.
  const changes = [
    ['entries.csv', 0, 'description', 'changed'],
    ['entries.csv', 2, 'spi', ''],
    ['duties.csv', 0, 'amount', '60000.01'],
    ['duties.csv', 2, 'amount', '538.41'],
    ['lots.csv', 4, 'quantity', '1999'],
    ['production.csv', 0, 'quantity', '19999'],
    ['production.csv', 2, 'hts', '7308.90.9591'],
    ['exports.csv', 2, 'value', '25000.10'],
    ['evidence.csv', 0, 'reference', 'elsewhere'],
  ];
  for (const [file, index, column, value] of changes) {
    const ds = clone(base);
    set(ds, file, ds.files[file].rows[index], column, value);
    const line = index + 2;
    ingest(`changed ${file}:${line} ${column}`, ds, { code: 1, errorMatches: [new RegExp(`^${file.replace('.', '\\.')}:${line}: .*stored from ${file.replace('.', '\\.')}:${line}.*${column}`)] });
  }
  // Rejected data sets: new valid rows with one bad row; nothing of them stored.
  {
    const ds = clone(base);
    ds.files['exports.csv'].rows.push({ fields: ['X20260901003', '1', '2026-09-01', 'exported', 'GLF', 'DE', '7208.51.0030', 'plate', 'PL-2604', 'H-A2', '10', 'KG', '10.00'] });
    ds.files['evidence.csv'].rows.push({ fields: ['D-NEW', 'other', 'lot', 'PL-2604', 'x', 'nothex'] });
    ingest('new rows with one bad row', ds, { code: 1, stores: false });
  }
  // Rules across ingests.
  {
    const ds = { files: { 'lots.csv': clone(base).files['lots.csv'] }, extra: {} };
    ds.files['lots.csv'].rows = [{ fields: ['GLF-2603003-2', '1', 'FS-2603B', '', '1'] }];
    ingest('receipt over a stored line', ds, { code: 1, errorMatches: [/^lots\.csv:2: quantity: /] });
  }
  {
    const ds = { files: { 'production.csv': clone(base).files['production.csv'] }, extra: {} };
    ds.files['production.csv'].rows = [{ fields: ['PO-101', '2026-05-22', 'output', 'SUB-999', '', '1', 'NO', '7610.90.9080'] }];
    ingest('second output for a stored order', ds, { code: 1, errorMatches: [/^production\.csv:2: role: /] });
  }
  {
    const ds = { files: { 'production.csv': clone(base).files['production.csv'] }, extra: {} };
    ds.files['production.csv'].rows = [
      { fields: ['PO-900', '2026-07-01', 'input', 'FG-200', '', '1', 'NO', ''] },
      { fields: ['PO-900', '2026-07-01', 'output', 'PL-2604', '', '1', 'KG', '7208.51.0030'] },
    ];
    ingest('cycle through stored orders', ds, { code: 1, errorMatches: [/^production\.csv:2: lot_id: .*cycle/] });
  }
  {
    const ds = { files: { 'production.csv': clone(base).files['production.csv'] }, extra: {} };
    ds.files['production.csv'].rows = [{ fields: ['PO-100', '2026-05-21', 'input', 'PL-2604', 'H-A2', '1', 'KG', ''] }];
    ingest('production date differs from the stored order', ds, { code: 1, errorMatches: [/^production\.csv:2: production_date: /] });
  }
  {
    const ds = clone(base);
    ds.files = { 'entries.csv': ds.files['entries.csv'], 'duties.csv': ds.files['duties.csv'] };
    const row = { fields: [...ds.files['entries.csv'].rows[0].fields] };
    set(ds, 'entries.csv', row, 'line_number', '3');
    set(ds, 'entries.csv', row, 'port_code', '3902');
    ds.files['entries.csv'].rows = [row];
    ds.files['duties.csv'].rows = [];
    ingest('new line of a stored entry with another port', ds, { code: 1, errorMatches: [/^entries\.csv:2: port_code: .*stored/] });
  }
  {
    const ds = clone(base);
    ds.files = { 'duties.csv': ds.files['duties.csv'], 'entries.csv': ds.files['entries.csv'] };
    ds.files['entries.csv'].rows = [];
    ds.files['duties.csv'].rows = [{ fields: ['GLF-2603003-2', '1', 'adcvd', 'A-570-900', '', '', '', '', '', '1.00'] }];
    const result = ingest('a new duty of a stored line', ds, { code: 0 });
    if (!/duties: 1 rows, 1 new/.test(result.stdout)) fail('a new duty of a stored line', result.stdout);
    ingest('that duty again', ds, { code: 0, nothingNew: true });
  }
  {
    const ds = { files: { 'exports.csv': clone(base).files['exports.csv'] }, extra: {} };
    ds.files['exports.csv'].rows.push({ fields: ['X20260901003', '1', '2026-09-01', 'destroyed', 'GLF', '', '7208.51.0030', 'scrap', 'PL-2604', 'H-A2', '10', 'KG', '0'] });
    const result = ingest('stored exports plus one new', ds, { code: 0 });
    if (!/exports: 4 rows, 1 new, 3 already stored/.test(result.stdout)) fail('stored exports plus one new', result.stdout);
  }
  console.log(`${failures.length} failing`);
  process.exitCode = failures.length > 0 ? 1 : 0;
}

main();
