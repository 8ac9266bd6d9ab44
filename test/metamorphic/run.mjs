#!/usr/bin/env node
// Metamorphic testing of ingestion and estimates (see README.md here): each worked example written in
// ways input-formats.md says mean the same rows, and ingested in pieces or twice; every estimate must
// equal the original's (claim id aside), and the original's must match its expected.json.
// Usage: node test/metamorphic/run.mjs [--database postgres://…/NAME_scratch] [--only TEXT] [--example NAME] [--out DIR] [--keep]
//          [--designation-cases]     also every folder of test/fixtures/designation
//        node test/metamorphic/run.mjs --write-fixtures   (re)writes test/fixtures/examples-written-otherwise
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inflateRawSync } from 'node:zlib';
import pg from 'pg';
import { loadDataSet, variantOf, VARIANTS, writeDataSet } from './variants.mjs';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const CLI = join(ROOT, 'apps/cli/bin/drawback.js');
const EXAMPLES = [
  join(ROOT, 'test/fixtures/examples/ex1-j1-section301-mpf'),
  join(ROOT, 'test/fixtures/examples/ex2-j2-lesser-of'),
  join(ROOT, 'test/fixtures/examples/ex3-a-heat-trace-11021'),
  join(ROOT, 'examples/great-lakes-fabrication'),
];
const DESIGNATION_CASES = join(ROOT, 'test/fixtures/designation');
if (process.argv.includes('--designation-cases')) EXAMPLES.push(...readdirSync(DESIGNATION_CASES).sort().map((name) => join(DESIGNATION_CASES, name)));
/** The worked examples written as 'everything-at-once' says, for test/integration/examples.int-spec.ts. */
const WRITTEN_OTHERWISE = join(ROOT, 'test/fixtures/examples-written-otherwise');
/** The great-lakes example has no expected.json: its claim is the demo's (README, `npm run demo`). */
const DEFAULT_CLAIM = { provision: 'a', asOf: '2026-11-22', policy: {} };

const args = process.argv.slice(2);
const option = (name, fallback) => (args.includes(name) ? args[args.indexOf(name) + 1] : fallback);
const DATABASE = option('--database', process.env.METAMORPHIC_DATABASE_URL);
const ONLY = option('--only', '');
const EXAMPLE = option('--example', '');
const KEEP = args.includes('--keep');
const OUT = option('--out', mkdtempSync(join(tmpdir(), 'drawback-metamorphic-')));
if (DATABASE && !/_scratch$/.test(new URL(DATABASE).pathname)) {
  console.error('--database must name a scratch database (its name ending in _scratch): each sequence drops and re-creates it');
  process.exit(2);
}

// ---------- the command line ----------

function drawback(argv, { cwd = ROOT, database = null } = {}) {
  const env = { ...process.env };
  delete env.DATABASE_URL;
  if (database) env.DATABASE_URL = database;
  const result = spawnSync(process.execPath, [CLI, ...argv], { cwd, env, encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

const claimArgs = (claim) => ['--provision', claim.provision, '--as-of', claim.asOf, ...Object.entries(claim.policy).flatMap(([k, v]) => ['--policy', `${k}=${v}`])];

/** `drawback run` on a fresh database (a fresh schema of --database, or embedded). */
function runOneShot(folder, claim, out) {
  const result = drawback(['run', folder, ...claimArgs(claim), '--out', out], { database: DATABASE });
  if (result.code !== 0) return { error: `drawback run exited ${result.code}: ${(result.stderr || result.stdout).trim().split('\n').slice(0, 6).join(' | ')}` };
  return { estimate: JSON.parse(readFileSync(join(out, 'estimate.json'), 'utf8')), pack: join(out, 'record-pack.zip') };
}

/** A fresh database for a sequence of commands: --database dropped and re-created, or an embedded one in a new folder. */
async function freshDatabase(folder) {
  if (!DATABASE) return { cwd: folder, database: null };
  const admin = new URL(DATABASE);
  const name = admin.pathname.slice(1);
  admin.pathname = '/postgres';
  const client = new pg.Client({ connectionString: admin.toString() });
  await client.connect();
  try {
    await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await client.query(`CREATE DATABASE "${name}"`);
  } finally {
    await client.end();
  }
  const migrated = drawback(['migrate'], { database: DATABASE });
  if (migrated.code !== 0) throw new Error(`migrate: ${migrated.stderr}`);
  return { cwd: folder, database: DATABASE };
}

// ---------- comparing ----------

const withoutClaimId = (estimate) => ({ ...estimate, claim: { ...estimate.claim, id: undefined } });

/** Paths where two JSON values differ (at most `limit`). */
function differences(a, b, path = '', found = [], limit = 8) {
  if (found.length >= limit) return found;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== 'object') {
    if (a !== b) found.push(`${path || '/'}: ${JSON.stringify(b)} instead of ${JSON.stringify(a)}`);
    return found;
  }
  if (Array.isArray(a) !== Array.isArray(b)) {
    found.push(`${path}: shape differs`);
    return found;
  }
  const keys = [...new Set([...Object.keys(a), ...Object.keys(b)])];
  if (Array.isArray(a) && a.length !== b.length) found.push(`${path}: ${b.length} items instead of ${a.length}`);
  for (const key of keys) differences(a[key], b[key], `${path}/${key}`, found, limit);
  return found;
}

/** The estimate against expected.json, as test/integration/examples.int-spec.ts compares them. */
function againstExpected(estimate, expected) {
  const problems = [];
  if (JSON.stringify(estimate.totals) !== JSON.stringify(expected.totals)) problems.push(`totals ${JSON.stringify(estimate.totals)}`);
  if (estimate.lines.length !== expected.lines.length) problems.push(`${estimate.lines.length} lines, expected ${expected.lines.length}`);
  for (const line of expected.lines) {
    const same = estimate.lines.filter((c) => c.exportId === line.exportId && c.exportLine === line.exportLine && c.entryNumber === line.entryNumber
      && c.entryLine === line.entryLine && c.program === line.program && c.heatNumber === line.heatNumber && (line.lotId === undefined || c.lotId === line.lotId));
    if (same.length !== 1) { problems.push(`${same.length} lines for ${JSON.stringify(line)}`); continue; }
    const figures = ['status', 'reason', 'designated', 'refund', 'possible', ...(line.base != null ? ['base'] : []), ...['lotId', 'method', 'quantity'].filter((k) => line[k] !== undefined)];
    for (const key of figures) if (same[0][key] !== line[key]) problems.push(`${line.exportId}/${line.program}/${line.heatNumber} ${key} ${same[0][key]} ≠ ${line[key]}`);
  }
  if (expected.unmatched && JSON.stringify(estimate.unmatched) !== JSON.stringify(expected.unmatched)) problems.push(`unmatched ${JSON.stringify(estimate.unmatched)}`);
  return problems;
}

/** The entries of a zip (the record pack writes stored or deflated entries). */
function zipEntries(path) {
  const zip = readFileSync(path);
  const end = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  const count = zip.readUInt16LE(end + 10);
  let at = zip.readUInt32LE(end + 16);
  const entries = new Map();
  for (let i = 0; i < count; i += 1) {
    const method = zip.readUInt16LE(at + 10);
    const size = zip.readUInt32LE(at + 20);
    const nameLength = zip.readUInt16LE(at + 28);
    const skip = nameLength + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
    const name = zip.toString('utf8', at + 46, at + 46 + nameLength);
    const local = zip.readUInt32LE(at + 42);
    const start = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
    const data = zip.subarray(start, start + size);
    entries.set(name, method === 8 ? inflateRawSync(data) : data);
    at += 46 + skip;
  }
  return entries;
}

/**
 * Record pack entries that differ from the original's. The manifest names the source files by digest
 * (a variant's bytes differ), so it is compared without them, and the summary without its table of them.
 */
function packDifferences(basePack, pack) {
  const a = zipEntries(basePack);
  const b = zipEntries(pack);
  const differing = [];
  for (const name of new Set([...a.keys(), ...b.keys()])) {
    if (!a.has(name) || !b.has(name)) { differing.push(`${name} (missing)`); continue; }
    if (name === 'manifest.json') {
      const strip = (text) => { const m = JSON.parse(text); delete m.sources; delete m.files; return m; };
      if (differences(strip(a.get(name)), strip(b.get(name))).length > 0) differing.push(name);
    } else if (name === 'summary.html') {
      const strip = (html) => html.toString('utf8').replace(/<h2>Source files<\/h2>[\s\S]*?<\/table>/, '');
      if (strip(a.get(name)) !== strip(b.get(name))) differing.push(name);
    } else if (!a.get(name).equals(b.get(name))) differing.push(name);
  }
  return differing;
}

// ---------- the cases ----------

const results = [];
function report(example, name, kind, problems, folder) {
  const ok = problems.length === 0;
  const status = ok ? 'pass' : kind === 'lenient' ? 'NOTE' : 'FAIL';
  results.push({ example, name, kind, status });
  console.log(`${status.padEnd(4)} ${example} ${name}${ok ? '' : ` (${folder})`}`);
  for (const problem of problems) console.log(`       ${problem}`);
  if (ok && !KEEP) rmSync(folder, { recursive: true, force: true });
}

const nothingNew = (stdout) => /nothing new: every row was already stored/.test(stdout);

/**
 * Sequences of ingests into one database, then `claim create` and `estimate`: each step's files (null:
 * the whole data set, or a variant of it) and whether it must store nothing new.
 */
const SEQUENCES = [
  { name: 'ingest-twice', steps: [{ files: null }, { files: null, nothingNew: true }] },
  { name: 'split-imports-then-the-rest', steps: [{ files: ['entries.csv', 'duties.csv'] }, { files: ['lots.csv', 'production.csv', 'exports.csv', 'evidence.csv'] }] },
  { name: 'split-exports-first', steps: [{ files: ['exports.csv'] }, { files: ['entries.csv', 'duties.csv', 'lots.csv', 'production.csv', 'evidence.csv'] }] },
  {
    name: 'one-file-per-ingest',
    steps: [{ files: ['entries.csv', 'duties.csv'] }, { files: ['lots.csv'] }, { files: ['production.csv'] }, { files: ['exports.csv'] }, { files: ['evidence.csv'] }],
  },
  { name: 'split-then-whole-again', steps: [{ files: ['entries.csv', 'duties.csv'] }, { files: ['lots.csv', 'production.csv', 'exports.csv', 'evidence.csv'] }, { files: null, nothingNew: true }] },
  { name: 'original-then-every-spelling', steps: [{ files: null }, { files: null, variant: 'everything-at-once', nothingNew: true }] },
  // An entry's lines over two ingests: its entry-level MPF/HMF is apportioned over all its lines in the end.
  { name: 'first-line-of-each-entry-then-the-rest', steps: [{ rows: (name, row, first) => first(row) }, { rows: (name, row, first) => !first(row) }] },
  { name: 'lines-then-entry-level-fees-and-the-rest', steps: [{ rows: (name, row) => name === 'entries.csv' || (name === 'duties.csv' && row.line_number !== '') }, { rows: (name, row) => !(name === 'entries.csv' || (name === 'duties.csv' && row.line_number !== '')) }] },
];

/**
 * The rows of one step: `first(row)` says whether an entries, duties or lots row belongs to the first line of
 * its entry (entry-level duties go with it); production, exports and evidence go with the second part.
 */
function rowsOf(ds, select) {
  const firstLine = new Map();
  for (const row of ds.files['entries.csv']?.rows ?? []) if (!firstLine.has(row.entry_number)) firstLine.set(row.entry_number, row.line_number);
  const first = (row) => row.entry_number !== undefined && (row.line_number === '' || row.line_number === undefined || firstLine.get(row.entry_number) === row.line_number);
  const files = Object.fromEntries(Object.entries(ds.files).map(([name, file]) => [name, { ...file, rows: file.rows.filter((row) => select(name, row, first)) }]));
  return { ...ds, files: Object.fromEntries(Object.entries(files).filter(([name, file]) => file.rows.length > 0 || (name === 'duties.csv' && files['entries.csv']?.rows.length > 0))) };
}

async function runSequence(sequence, ds, claim, base, folder) {
  const db = await freshDatabase(folder);
  const problems = [];
  for (const [index, step] of sequence.steps.entries()) {
    const stepFolder = join(folder, `step-${index + 1}`);
    let data = step.variant ? variantOf(ds, VARIANTS.find((v) => v.name === step.variant)) : ds;
    if (step.rows) data = rowsOf(data, step.rows);
    const only = step.files?.filter((name) => data.files[name]) ?? null;
    if (only && only.length === 0) continue;
    writeDataSet(data, stepFolder, only);
    const ingest = drawback(['ingest', stepFolder], db);
    if (ingest.code !== 0) {
      problems.push(`step ${index + 1} (${only?.join(' ') ?? Object.keys(data.files).join(' ')}${step.variant ? `, ${step.variant}` : ''}): ingest exited ${ingest.code}: ${ingest.stderr.trim().split('\n').slice(0, 4).join(' | ')}`);
      return problems;
    }
    if (step.nothingNew && !nothingNew(ingest.stdout)) problems.push(`step ${index + 1}: stored rows again: ${ingest.stdout.trim().replace(/\n/g, ' | ')}`);
  }
  const created = drawback(['claim', 'create', ...claimArgs(claim)], db);
  if (created.code !== 0) return [...problems, `claim create exited ${created.code}: ${created.stderr.trim()}`];
  const claimId = created.stdout.trim().split('\n').pop();
  const out = join(folder, 'estimate.json');
  const estimated = drawback(['estimate', claimId, '--out', out], db);
  if (estimated.code !== 0) return [...problems, `estimate exited ${estimated.code}: ${estimated.stderr.trim()}`];
  const estimate = JSON.parse(readFileSync(out, 'utf8'));
  problems.push(...differences(withoutClaimId(base.estimate), withoutClaimId(estimate)));
  return problems;
}

/** Each worked example with an expected.json, written every other way at once, beside a copy of its expected.json. */
function writeFixtures() {
  const variant = VARIANTS.find((v) => v.name === 'everything-at-once');
  for (const folder of EXAMPLES.filter((path) => existsSync(join(path, 'expected.json')) && path.includes('/fixtures/examples/'))) {
    const target = join(WRITTEN_OTHERWISE, folder.split('/').pop());
    rmSync(target, { recursive: true, force: true });
    writeDataSet(variantOf(loadDataSet(folder), variant), target);
    copyFileSync(join(folder, 'expected.json'), join(target, 'expected.json'));
    console.log(target);
  }
}

async function main() {
  if (args.includes('--write-fixtures')) return writeFixtures();
  mkdirSync(OUT, { recursive: true });
  console.log(`folders under ${OUT}; ${DATABASE ? `database ${DATABASE}` : 'embedded databases'}`);
  for (const folder of EXAMPLES.filter((path) => path.includes(EXAMPLE))) {
    const example = folder.split('/').pop();
    const expectedPath = join(folder, 'expected.json');
    const expected = existsSync(expectedPath) ? JSON.parse(readFileSync(expectedPath, 'utf8')) : null;
    const claim = expected ? { provision: expected.provision, asOf: expected.asOf, policy: expected.policy ?? {} } : DEFAULT_CLAIM;
    const ds = loadDataSet(folder);

    const baseOut = join(OUT, example, 'original');
    const base = runOneShot(folder, claim, baseOut);
    if (base.error) {
      report(example, 'original', 'same', [base.error], baseOut);
      continue;
    }
    if (expected) report(example, 'original matches expected.json', 'same', againstExpected(base.estimate, expected), join(OUT, example, 'expected'));

    for (const variant of VARIANTS.filter((v) => `${example} ${v.name}`.includes(ONLY))) {
      const variantFolder = join(OUT, example, variant.name);
      writeDataSet(variantOf(ds, variant), join(variantFolder, 'data'));
      const run = runOneShot(join(variantFolder, 'data'), claim, join(variantFolder, 'out'));
      const problems = run.error ? [run.error] : differences(withoutClaimId(base.estimate), withoutClaimId(run.estimate));
      if (!run.error && variant.kind !== 'text') problems.push(...packDifferences(base.pack, run.pack).map((name) => `record pack: ${name} differs`));
      report(example, variant.name, variant.kind, problems, variantFolder);
    }
    for (const sequence of SEQUENCES.filter((s) => `${example} ${s.name}`.includes(ONLY))) {
      const sequenceFolder = join(OUT, example, sequence.name);
      mkdirSync(sequenceFolder, { recursive: true });
      report(example, sequence.name, 'sequence', await runSequence(sequence, ds, claim, base, sequenceFolder), sequenceFolder);
    }
  }
  const failed = results.filter((r) => r.status === 'FAIL');
  const notes = results.filter((r) => r.status === 'NOTE');
  console.log(`\n${results.length} cases: ${results.length - failed.length - notes.length} passed, ${failed.length} failed, ${notes.length} notes (lenient spellings)`);
  process.exitCode = failed.length > 0 ? 1 : 0;
}

await main();
