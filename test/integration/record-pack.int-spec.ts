import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { readZip } from '@drawback/application';
import { parse } from 'csv-parse/sync';
import { EXAMPLES } from '../fixture-paths';
import { TEST_DATABASE_URL } from '../test-database';

const BIN = resolve(__dirname, '..', '..', 'apps', 'cli', 'bin', 'drawback.js');
const PACK_FILES = ['designations.csv', 'duty-buckets.csv', 'estimate.json', 'evidence-checklist.csv', 'export-lines.csv', 'import-lines.csv', 'manifest.json',
  'summary.html', 'trace.json'];

function drawback(...args: string[]) {
  return spawnSync(process.execPath, [BIN, ...args], { env: { ...process.env, DATABASE_URL: TEST_DATABASE_URL }, encoding: 'utf8' });
}

function run(name: string, out: string) {
  const expected = JSON.parse(readFileSync(join(EXAMPLES, name, 'expected.json'), 'utf8'));
  const result = drawback('run', join(EXAMPLES, name), '--provision', expected.provision, '--as-of', expected.asOf, '--out', out);
  expect(result.status).toBe(0);
  return readFileSync(join(out, 'record-pack.zip'));
}

describe('record packs', () => {
  jest.setTimeout(120_000);
  const scratch = () => mkdtempSync(join(tmpdir(), 'drawback-pack-'));

  it('are byte-for-byte the same from two runs on the same folder and as-of date', () => {
    expect(run('ex3-a-heat-trace-11021', scratch()).equals(run('ex3-a-heat-trace-11021', scratch()))).toBe(true);
  });

  for (const name of readdirSync(EXAMPLES).sort()) {
    it(`${name}: the pack holds every file of §7, each with its sha256 in the manifest, and the source files`, () => {
      const files = new Map(readZip(run(name, scratch())).map((entry) => [entry.name, entry.data]));
      expect([...files.keys()].sort()).toEqual(PACK_FILES);
      const manifest = JSON.parse(files.get('manifest.json')!.toString());
      for (const file of PACK_FILES.filter((f) => f !== 'manifest.json')) {
        expect(manifest.files[file]).toBe(createHash('sha256').update(files.get(file)!).digest('hex'));
      }
      const sources = readdirSync(join(EXAMPLES, name)).filter((f) => f.endsWith('.csv')).sort();
      expect(manifest.sources.map((s: { name: string }) => s.name)).toEqual(sources);
      for (const source of manifest.sources) {
        expect(source.sha256).toBe(createHash('sha256').update(readFileSync(join(EXAMPLES, name, source.name))).digest('hex'));
      }
    });
  }

  it('shows what the claim file needs of each designated import and export line (rules §5)', () => {
    const files = new Map(readZip(run('ex3-a-heat-trace-11021', scratch())).map((entry) => [entry.name, entry.data.toString('utf8')]));
    const rows = (name: string): Array<Record<string, string>> => parse(files.get(name)!, { columns: true });
    expect(rows('import-lines.csv')).toEqual([expect.objectContaining({
      entry_number: 'EX3-0000001-5', line_number: '1', hts: '7208.51.0030', entered_value: '200000.00', quantity: '100000', uom: 'KG',
      chapter_99: '9903.82.02', duties_paid: 's232 9903.82.02 100000.00; mpf 634.62', s232_basis: '9903.82.02 full_value',
      s232_regime: 'B: Proclamation 11021, full customs value', s232_rules: 'S232-P11021-MFG', melt_pour_country: 'DE',
      lots: 'L-PLATE', heats: 'H1 H2 H3', designated_by_this_claim: '60000', designated_by_earlier_claims: '0',
    })]);
    expect(rows('export-lines.csv')).toEqual([{
      export_id: 'EXP-3', line_number: '1', export_date: '2026-10-15', action: 'exported', destination_country: 'GB', hts: '8431.49.9095',
      lot_id: 'FG-1', heat_number: '', quantity: '600', uom: 'NO', value: '450000.00',
    }]);
  });

  it('verify passes an intact pack and recomputes the same estimate from the data', () => {
    const out = scratch();
    run('ex1-j1-section301-mpf', out);
    const verified = drawback('verify', join(out, 'record-pack.zip'), '--data', join(EXAMPLES, 'ex1-j1-section301-mpf'));
    expect(verified.stderr).toBe('');
    expect(verified.status).toBe(0);
  });

  it('verify fails on a pack with one byte changed and names the file', () => {
    const out = scratch();
    const zip = run('ex1-j1-section301-mpf', out);
    const at = zip.indexOf('"refund": "7527.88"');
    expect(at).toBeGreaterThan(0);
    const tampered = Buffer.from(zip);
    tampered[at + '"refund": "7'.length] = '9'.charCodeAt(0);
    const file = join(out, 'tampered.zip');
    writeFileSync(file, tampered);
    const verified = drawback('verify', file);
    expect(verified.status).toBe(1);
    expect(verified.stderr).toContain('estimate.json: its sha256 differs from the manifest');
  });

  it('verify names what differs when the data behind the pack changed', () => {
    const out = scratch();
    run('ex1-j1-section301-mpf', out);
    const changed = scratch();
    for (const f of readdirSync(join(EXAMPLES, 'ex1-j1-section301-mpf'))) {
      writeFileSync(join(changed, f), readFileSync(join(EXAMPLES, 'ex1-j1-section301-mpf', f), 'utf8').replace('7500.00', '7400.00'));
    }
    const verified = drawback('verify', join(out, 'record-pack.zip'), '--data', changed);
    expect(verified.status).toBe(1);
    expect(verified.stderr).toMatch(/estimate\.json totals\.refund: pack "7527\.88", now "7428\.88"/);
    expect(verified.stderr).toMatch(/manifest\.json sources/);
  });
});
