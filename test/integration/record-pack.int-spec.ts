import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { GENERATOR, readZip, writeZip } from '@drawback/application';
import { parse } from 'csv-parse/sync';
import { EXAMPLES } from '../fixture-paths';
import { TEST_DATABASE_URL } from '../test-database';

const BIN = resolve(__dirname, '..', '..', 'apps', 'cli', 'bin', 'drawback.js');
const PACK_FILES = ['designations.csv', 'duty-buckets.csv', 'estimate.json', 'evidence-checklist.csv', 'evidence-documents.csv', 'export-lines.csv',
  'import-lines.csv', 'manifest.json', 'prior-use.csv', 'production-orders.csv', 'rules.json', 'summary.html', 'trace.json'];
const GREAT_LAKES = resolve(__dirname, '..', '..', 'examples', 'great-lakes-fabrication');

function drawback(...args: string[]) {
  return spawnSync(process.execPath, [BIN, ...args], { env: { ...process.env, DATABASE_URL: TEST_DATABASE_URL }, encoding: 'utf8' });
}

function run(name: string, out: string) {
  const expected = JSON.parse(readFileSync(join(EXAMPLES, name, 'expected.json'), 'utf8'));
  const result = drawback('run', join(EXAMPLES, name), '--provision', expected.provision, '--as-of', expected.asOf, '--out', out);
  expect(result.status).toBe(0);
  return readFileSync(join(out, 'record-pack.zip'));
}

/** `drawback` on the embedded database kept in `home` (DATABASE_URL unset), run from there. */
function drawbackIn(home: string) {
  return (...args: string[]) => {
    const env = { ...process.env };
    delete env.DATABASE_URL;
    return spawnSync(process.execPath, [BIN, ...args], { env, cwd: home, encoding: 'utf8' });
  };
}

describe('record packs', () => {
  jest.setTimeout(120_000);
  const scratches: string[] = [];
  const scratch = () => {
    scratches.push(mkdtempSync(join(tmpdir(), 'drawback-pack-test-')));
    return scratches[scratches.length - 1];
  };
  afterAll(() => scratches.forEach((folder) => rmSync(folder, { recursive: true, force: true })));

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
      // The rule data the claim was decided by travels with it.
      expect(JSON.parse(files.get('rules.json')!.toString()).version).toBe(manifest.rules.version);
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

  it('shows each duty line\'s rule and that rule\'s citation in summary.html, as duty-buckets.csv gives them (§7: every decision carries its rule and citation)', () => {
    const files = new Map(readZip(run('ex1-j1-section301-mpf', scratch())).map((entry) => [entry.name, entry.data.toString('utf8')]));
    const buckets = parse(files.get('duty-buckets.csv')!, { columns: true }) as Array<Record<string, string>>;
    expect(buckets.length).toBeGreaterThan(1);
    const html = (text: string) => text.replace(/[&<>"']/g, (c) => `&${{ '&': 'amp', '<': 'lt', '>': 'gt', '"': 'quot', "'": '#39' }[c]};`);
    const dutyLines = files.get('summary.html')!.split('<h2>Duty lines</h2>')[1].split('<h2>')[0];
    expect(dutyLines).toContain('<th class="wrap">rule and citation</th>');
    for (const bucket of buckets) {
      expect(bucket.citation).not.toBe('');
      expect(dutyLines).toContain(`<td>${html(bucket.reason)}</td><td class="wrap">${html(`${bucket.rule} — ${bucket.citation}`)}</td>`);
    }
  });

  it('shows each Section 232 line\'s basis worksheet — rate × basis value = amount — and the basis check\'s findings on it, as drawback check reports them (rules §5: the basis used and its worksheet; §3.3)', () => {
    const files = new Map(readZip(run('ex2-j2-lesser-of', scratch())).map((entry) => [entry.name, entry.data.toString('utf8')]));
    const [line] = parse(files.get('import-lines.csv')!, { columns: true }) as Array<Record<string, string>>;
    expect(line).toEqual(expect.objectContaining({
      entry_number: 'EX2-0000001-6', s232_basis: '9903.81.91 content_value', s232_worksheet: '9903.81.91 steel 50% × 10000.00 content_value = 5000.00',
      s232_basis_findings: 'S232_CONTENT_VALUE_UNSUPPORTED: 9903.81.91: content-value basis with no content_value_worksheet in the evidence',
    }));
    const check = drawback('check', join(EXAMPLES, 'ex2-j2-lesser-of'));
    expect(check.stdout + check.stderr).toContain('finding S232_CONTENT_VALUE_UNSUPPORTED EX2-0000001-6 line 1: 9903.81.91: content-value basis with no content_value_worksheet in the evidence');
    expect(files.get('summary.html')).toContain('9903.81.91 steel 50% × 10000.00 content_value = 5000.00');
  });

  it('ties each duty-buckets.csv row to its designation\'s trace: one heat reached through two orders gives two designations of the same ITIN, lot, heat and quantity (spec §7: one row per designation and bucket)', () => {
    const data = scratch();
    const files: Record<string, string[]> = {
      'entries.csv': ['entry_number,entry_type,importer_number,import_date,entry_date,port_code,line_number,hts,description,country_of_origin,entered_value,quantity,uom,spi,melt_pour_country,smelt_primary_country,smelt_secondary_country,cast_country,adcvd_case,ieepa_refund_claimed',
        'AUD-0000004-9,01,12-3456789AB,2026-04-20,2026-04-20,3901,1,7208.51.0030,Steel plate,DE,10000.00,1000,KG,,DE,,,,,'],
      'duties.csv': ['entry_number,line_number,program,heading,metal,s232_annex,rate,basis,basis_value,amount', 'AUD-0000004-9,1,ordinary,,,,1,full_value,10000.00,100.00'],
      'lots.csv': ['entry_number,line_number,lot_id,heat_number,quantity', 'AUD-0000004-9,1,R,H9,1000'],
      'production.csv': ['production_order,production_date,role,lot_id,heat_number,quantity,uom,hts',
        'PO-A,2026-05-01,input,R,H9,300,KG,', 'PO-A,2026-05-01,output,X,,30,NO,7308.90.9590', 'PO-B,2026-05-02,input,R,H9,300,KG,',
        'PO-B,2026-05-02,output,Y,,30,NO,7308.90.9590', 'PO-C,2026-05-03,input,X,,30,NO,', 'PO-C,2026-05-03,input,Y,,30,NO,', 'PO-C,2026-05-03,output,FG,,10,NO,8479.89.9599'],
      'exports.csv': ['export_id,line_number,export_date,action,exporter,destination_country,hts,description,lot_id,heat_number,quantity,uom,value',
        'EXP-9,1,2026-06-01,exported,Audit Co,GB,8479.89.9599,Machines,FG,,10,NO,100000.00'],
    };
    for (const [name, rows] of Object.entries(files)) writeFileSync(join(data, name), `${rows.join('\n')}\n`);
    const out = scratch();
    expect(drawback('run', data, '--provision', 'a', '--as-of', '2026-11-22', '--out', out).status).toBe(0);
    const pack = new Map(readZip(readFileSync(join(out, 'record-pack.zip'))).map((entry) => [entry.name, entry.data.toString('utf8')]));
    const rows = (name: string): Array<Record<string, string>> => parse(pack.get(name)!, { columns: true });
    const viaX = 'export:EXP-9/1 > lot:FG > order:PO-C > lot:X > order:PO-A > lot:R > heat:H9 > entry:AUD-0000004-9/1';
    const viaY = 'export:EXP-9/1 > lot:FG > order:PO-C > lot:Y > order:PO-B > lot:R > heat:H9 > entry:AUD-0000004-9/1';
    expect(rows('designations.csv').map((d) => [d.itin, d.heat_number, d.quantity, d.trace])).toEqual([
      ['AUD-0000004-9-1-R', 'H9', '300', viaX], ['AUD-0000004-9-1-R', 'H9', '300', viaY],
    ]);
    expect(rows('duty-buckets.csv').map((b) => [b.itin, b.program, b.designated, b.trace])).toEqual([
      ['AUD-0000004-9-1-R', 'ordinary', '30.00', viaX], ['AUD-0000004-9-1-R', 'ordinary', '30.00', viaY],
    ]);
  });

  it('shows the manufacturing records of every production order on a trace, and where each evidence document is kept (rules §5: manufacturing records for a)', () => {
    const files = new Map(readZip(run('ex3-a-heat-trace-11021', scratch())).map((entry) => [entry.name, entry.data.toString('utf8')]));
    const rows = (name: string): Array<Record<string, string>> => parse(files.get(name) ?? '', { columns: true });
    // PO-1 took 60,000 KG of L-PLATE for 600 FG-1: the used-in ratio behind each designated heat (spec §2.1).
    expect(rows('production-orders.csv')).toEqual([
      { order_id: 'PO-1', production_date: '2026-06-01', role: 'input', lot_id: 'L-PLATE', heat_number: 'H1', quantity: '25000', uom: 'KG', hts: '' },
      { order_id: 'PO-1', production_date: '2026-06-01', role: 'input', lot_id: 'L-PLATE', heat_number: 'H2', quantity: '25000', uom: 'KG', hts: '' },
      { order_id: 'PO-1', production_date: '2026-06-01', role: 'input', lot_id: 'L-PLATE', heat_number: 'H3', quantity: '10000', uom: 'KG', hts: '' },
      { order_id: 'PO-1', production_date: '2026-06-01', role: 'output', lot_id: 'FG-1', heat_number: '', quantity: '600', uom: 'NO', hts: '8431.49.9095' },
    ]);
    // The checklist names MTC-H1 and MTC-H2; the pack says where they are kept.
    expect(rows('evidence-documents.csv')).toEqual([
      { document_id: 'MTC-H1', kind: 'mill_certificate', subject: 'heat', subject_id: 'H1', reference: 'certs/H1.pdf', sha256: '' },
      { document_id: 'MTC-H2', kind: 'mill_certificate', subject: 'heat', subject_id: 'H2', reference: 'certs/H2.pdf', sha256: '' },
    ]);
    expect(files.get('summary.html')).toContain('<td class="wrap">certs/H1.pdf</td>');
    expect(files.get('summary.html')).toMatch(/<td>PO-1<\/td><td>2026-06-01<\/td><td>output<\/td><td>FG-1<\/td>/);
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
    expect(verified.stderr).toMatch(/estimate\.json: its sha256 is [0-9a-f]{64}, manifest\.json says [0-9a-f]{64} — the file or the manifest was changed/);
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
    expect(verified.stderr).toMatch(/manifest\.json sources: duties\.csv \(sha256 [0-9a-f]{64}\) is not among the source files the claim uses now/);
  });

  it('is bad usage (exit 2) to ask for the estimate or pack of a claim id that names no claim', () => {
    const estimate = drawback('estimate', '00000000-0000-0000-0000-000000000000');
    expect({ status: estimate.status, stderr: estimate.stderr }).toEqual({ status: 2, stderr: 'drawback: no claim 00000000-0000-0000-0000-000000000000\n' });
    expect(drawback('pack', '00000000-0000-0000-0000-000000000000', '--out', join(scratch(), 'x.zip')).status).toBe(2);
  });

  it('names a database that does not exist and how to create it, without a stack trace (exit 3)', () => {
    const url = new URL(TEST_DATABASE_URL);
    url.pathname = '/drawback_no_such_database';
    const migrated = spawnSync(process.execPath, [BIN, 'migrate'], { env: { ...process.env, DATABASE_URL: url.toString() }, encoding: 'utf8' });
    expect(migrated.status).toBe(3);
    expect(migrated.stderr).toBe('drawback: database "drawback_no_such_database" does not exist: create it (for example `createdb -h HOST -U USER NAME`), then `npx drawback migrate`\n');
  });

  it('verify names a manifest field edited alone, which no hash covers', () => {
    const out = scratch();
    const entries = readZip(run('ex1-j1-section301-mpf', out)).map((entry) => {
      if (entry.name !== 'manifest.json') return entry;
      const manifest = JSON.parse(entry.data.toString());
      return { name: entry.name, data: Buffer.from(JSON.stringify({ ...manifest, asOf: '2026-11-23', claim: { ...manifest.claim, claimant: '99-9999999ZZ' } })) };
    });
    const file = join(out, 'edited.zip');
    writeFileSync(file, writeZip(entries));
    const verified = drawback('verify', file);
    expect(verified.status).toBe(1);
    expect(verified.stderr).toContain('manifest.json asOf: estimate.json says "2026-11-22", the manifest "2026-11-23"');
    expect(verified.stderr).toMatch(/manifest\.json claim\.claimant: estimate\.json says "[^"]+", the manifest "99-9999999ZZ"/);
  });

  /** The pack of ex1 with `edit` applied to its entries (name, text), written beside it; its path. */
  function editedPack(edit: (name: string, text: string) => string): string {
    const out = scratch();
    const entries = readZip(run('ex1-j1-section301-mpf', out)).map((entry) => ({ name: entry.name, data: Buffer.from(edit(entry.name, entry.data.toString())) }));
    const file = join(out, 'edited.zip');
    writeFileSync(file, writeZip(entries));
    return file;
  }

  it('verify names a file changed together with its sha256 in the manifest: the pack made again from the data differs (§7: reproducible byte for byte)', () => {
    const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
    let designations = '';
    const file = editedPack((name, text) => {
      if (name === 'designations.csv') designations = text.replace(',lot,', ',heat,');
      return name === 'designations.csv' ? designations : text;
    });
    const consistent = editedPack((name, text) => {
      if (name !== 'manifest.json') return name === 'designations.csv' ? designations : text;
      const manifest = JSON.parse(text);
      return JSON.stringify({ ...manifest, files: { ...manifest.files, 'designations.csv': sha256(designations) } });
    });
    expect(designations).toContain(',heat,');
    expect(drawback('verify', file).stderr).toContain('designations.csv: its sha256 is');

    const verified = drawback('verify', consistent, '--data', join(EXAMPLES, 'ex1-j1-section301-mpf'));
    expect(verified.status).toBe(1);
    expect(verified.stderr).toMatch(/^designations\.csv: differs from the same file made again \(sha256 [0-9a-f]{64}\)$/m);
  });

  it('verify says a pack made by another version of drawback was compared by its estimate alone', () => {
    const file = editedPack((name, text) => (name === 'manifest.json' ? text.replace(`"version": "${GENERATOR.version}"`, '"version": "0.0.9"') : text));
    const verified = drawback('verify', file, '--data', join(EXAMPLES, 'ex1-j1-section301-mpf'));
    expect(verified.stderr).toMatch(/manifest\.json generator: the pack says it was made by \{"name":"drawback","version":"0\.0\.9"\}, this is .*only its estimate and sources were compared/);
    expect(verified.status).toBe(0);
  });

  it('verify holds a pack of generator 0.5.0 to the sources it named: not the production file that left a j1 export MANUFACTURED_NOT_UNUSED (named from 0.6.0)', () => {
    const data = join(EXAMPLES, 'ex3-a-heat-trace-11021');
    const out = scratch();
    expect(drawback('run', data, '--provision', 'j1', '--as-of', '2026-11-22', '--out', out).status).toBe(0);
    const entries = readZip(readFileSync(join(out, 'record-pack.zip')));
    const manifest = JSON.parse(entries.find((entry) => entry.name === 'manifest.json')!.data.toString());
    expect(manifest.sources.map((source: { name: string }) => source.name)).toEqual(['exports.csv', 'production.csv']);
    const withManifest = (edited: object) => {
      const file = join(out, `edited-${scratches.length}.zip`);
      writeFileSync(file, writeZip(entries.map((entry) => (entry.name === 'manifest.json' ? { name: entry.name, data: Buffer.from(JSON.stringify(edited)) } : entry))));
      return file;
    };
    const exportsOnly = manifest.sources.filter((source: { name: string }) => source.name === 'exports.csv');

    const older = drawback('verify', withManifest({ ...manifest, generator: { name: 'drawback', version: '0.5.0' }, sources: exportsOnly }), '--data', data);
    expect(older.stderr).not.toContain('manifest.json sources');
    expect(older.status).toBe(0);
    const current = drawback('verify', withManifest({ ...manifest, sources: exportsOnly }), '--data', data);
    expect(current.stderr).toMatch(/manifest\.json sources: production\.csv \(sha256 [0-9a-f]{64}\) is used now and not listed in the pack/);
    expect(current.status).toBe(1);
  });

  it('verify --data recomputes a claim over some of the export lines, made on another database, with the rule data in its pack', () => {
    // The embedded database of a scratch folder: a claim made there, verified on a fresh database from the data.
    const home = scratch();
    const local = drawbackIn(home);
    expect(local('ingest', GREAT_LAKES).status).toBe(0);
    const created = local('claim', 'create', '--provision', 'a', '--exports', 'X20260715001/1', '--as-of', '2026-11-22');
    expect(created.stderr).toContain('claimant');
    expect(created.status).toBe(0);
    const pack = join(home, 'claim.zip');
    expect(local('pack', created.stdout.trim(), '--out', pack).status).toBe(0);

    const verified = local('verify', pack, '--data', GREAT_LAKES);
    expect(verified.stderr).toBe('');
    expect(verified.stdout).toContain('every hash matches and the pack made again from the data is the same');
    expect(verified.status).toBe(0);
  });

  it('are the same bytes when a later claim designates from the same import lines (spec §7: reproducible from the same data)', () => {
    const home = scratch();
    const local = drawbackIn(home);
    expect(local('ingest', GREAT_LAKES).status).toBe(0);
    const claim = local('claim', 'create', '--provision', 'a', '--exports', 'X20260715001/1', '--as-of', '2026-11-22').stdout.trim();
    expect(local('pack', claim, '--out', join(home, 'before.zip')).status).toBe(0);
    // X20260801002/1 takes heat H-A2 of GLF-2604001-5/1, an import line the first claim designated too.
    expect(local('claim', 'create', '--provision', 'a', '--exports', 'X20260801002/1', '--as-of', '2026-11-22').status).toBe(0);
    expect(local('pack', claim, '--out', join(home, 'after.zip')).status).toBe(0);
    expect(readFileSync(join(home, 'after.zip')).equals(readFileSync(join(home, 'before.zip')))).toBe(true);
  });

  it('are the same bytes on a database that held other data first, whose ids are offset (spec §7: reproducible from the same data)', () => {
    const packOn = (earlier: string[]) => {
      const home = scratch();
      const local = drawbackIn(home);
      for (const folder of [...earlier, GREAT_LAKES]) expect(local('ingest', folder).status).toBe(0);
      const claim = local('claim', 'create', '--provision', 'a', '--exports', 'X20260715001/1', '--as-of', '2026-11-22').stdout.trim();
      expect(local('pack', claim, '--out', join(home, 'claim.zip')).status).toBe(0);
      return readFileSync(join(home, 'claim.zip'));
    };
    // GLF-2603003-2/1's four buckets are ids 7…10 on a fresh database, 10…13 after ex1's three.
    expect(packOn([join(EXAMPLES, 'ex1-j1-section301-mpf')]).equals(packOn([]))).toBe(true);
  });

  it('list a line\'s duties paid by program and heading, not by which ingest stored them (spec §7: reproducible from the same data)', () => {
    const importLinesOn = (earlier: string[]) => {
      const home = scratch();
      const local = (...args: string[]) => {
        const env = { ...process.env };
        delete env.DATABASE_URL;
        return spawnSync(process.execPath, [BIN, ...args], { env, cwd: home, encoding: 'utf8' });
      };
      for (const folder of [...earlier, GREAT_LAKES]) expect(local('ingest', folder).status).toBe(0);
      const claim = local('claim', 'create', '--provision', 'a', '--exports', 'X20260715001/1', '--as-of', '2026-11-22').stdout.trim();
      expect(local('pack', claim, '--out', join(home, 'claim.zip')).status).toBe(0);
      return readZip(readFileSync(join(home, 'claim.zip'))).find((entry) => entry.name === 'import-lines.csv')!.data.toString('utf8');
    };
    // An earlier duties.csv without GLF-2603003-2/1's Section 301 bucket: stored later, its id follows the s232's and the MPF's.
    const partial = scratch();
    writeFileSync(join(partial, 'entries.csv'), readFileSync(join(GREAT_LAKES, 'entries.csv')));
    writeFileSync(join(partial, 'duties.csv'), readFileSync(join(GREAT_LAKES, 'duties.csv'), 'utf8').split('\n').filter((row) => !row.includes(',s301,')).join('\n'));
    const whole = importLinesOn([]);
    expect(whole).toContain('ordinary 620.00; s301 9903.88.01 2500.00; s232 9903.81.91 5000.00; mpf 34.64');
    expect(importLinesOn([partial])).toBe(whole);
  });
});
