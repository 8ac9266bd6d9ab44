import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { readZip, writeZip } from '@drawback/application';
import { lockEmbeddedDatabase } from '@drawback/persistence';
import { copyOfExample, example } from '../../../test/fixture-paths';

const BIN = resolve(__dirname, '..', 'bin', 'drawback.js');
const RULES_V1 = resolve(__dirname, '..', '..', '..', 'libs', 'rules', 'src', 'data', 'rules.v1.json');

/** Runs the built `drawback` command on the embedded database (DATABASE_URL unset), in its own folder. */
function drawback(cwd: string, ...args: string[]) {
  const env = { ...process.env };
  delete env.DATABASE_URL;
  const run = spawnSync(process.execPath, [BIN, ...args], { cwd, env, encoding: 'utf8', timeout: 120_000 });
  return { code: run.status, stdout: run.stdout, stderr: run.stderr };
}

describe('drawback command line on the embedded database', () => {
  const cwd = mkdtempSync(join(tmpdir(), 'drawback-cli-'));
  jest.setTimeout(120_000);

  it('waits while another command has the embedded database open, saying so, then runs (two would overwrite each other\'s writes)', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'drawback-cli-wait-'));
    mkdirSync(join(folder, '.drawback'));
    const release = await lockEmbeddedDatabase(join(folder, '.drawback'));
    const env = { ...process.env };
    delete env.DATABASE_URL;
    const child = spawn(process.execPath, [BIN, 'check', example('ex3-a-heat-trace-11021')], { cwd: folder, env });
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
    try {
      while (!stderr.includes('waiting')) await new Promise((resolve) => setTimeout(resolve, 50));
      expect(stderr).toBe(`waiting for another drawback command (process ${process.pid}) to finish with the embedded database in .drawback/\n`);
      expect(child.exitCode).toBeNull();
    } finally {
      release();
    }
    expect(await exited).toBe(0);
  });

  it('check exits 0 on a valid data set and stores nothing', () => {
    const checked = drawback(cwd, 'check', example('ex3-a-heat-trace-11021'));
    expect(checked.stderr).toBe('');
    expect(checked.code).toBe(0);
    const json = drawback(cwd, 'check', example('ex3-a-heat-trace-11021'), '--json');
    expect(JSON.parse(json.stdout)).toEqual({ errors: [], findings: [] });
    expect(json.code).toBe(0);
  });

  it('check exits 1 and prints every bad row of every file as file:line: column: message', () => {
    const folder = copyOfExample('ex1-j1-section301-mpf');
    writeFileSync(join(folder, 'lots.csv'), 'entry_number,line_number,lot_id,heat_number,quantity\nEX1-0000001-7,1,L-100,,1000\nEX1-0000001-7,x,L-101,,5\n');
    writeFileSync(join(folder, 'exports.csv'), 'export_id,line_number,export_date,action,exporter,destination_country,hts,description,quantity,uom,value\n' +
      'EXP-1,1,2026-06-15,shipped,Acme,DE,7326908688,article,1000,NO,1.00\nEXP-1,2,2026-06-15,exported,Acme,"D\nE",7326908688,article,1000,NO,1.00\n');
    const checked = drawback(cwd, 'check', folder);
    expect(checked.code).toBe(1);
    // stderr: one line per problem, and nothing else (interfaces.md); a quoted line break is shown escaped.
    expect(checked.stderr).toBe([
      'exports.csv:2: action: "shipped" is not one of exported, destroyed',
      'exports.csv:3: destination_country: "D\\nE" is not an ISO 3166-1 alpha-2 country code',
      'lots.csv:3: line_number: "x" is not a positive integer',
    ].join('\n') + '\n');
    expect(checked.stdout).toContain('rejected: 3 error(s); checked only, nothing stored');
    const json = JSON.parse(drawback(cwd, 'check', folder, '--json').stdout);
    expect(json.errors[0]).toEqual({ file: 'exports.csv', line: 2, column: 'action', message: '"shipped" is not one of exported, destroyed' });
  });

  it('check --json reports Section 232 basis findings without changing the exit code', () => {
    const checked = drawback(cwd, 'check', example('ex1-j1-section301-mpf'), '--json');
    expect(checked.code).toBe(0);
    expect(JSON.parse(checked.stdout).findings).toEqual([{
      code: 'S232_CONTENT_VALUE_UNSUPPORTED', entryNumber: 'EX1-0000001-7', lineNumber: 1, expected: null, declared: '18000.00',
      message: '9903.81.91: content-value basis with no content_value_worksheet in the evidence',
    }]);
  });

  it('run reports the Section 232 basis findings on stderr, never blocking: stdout names only the files it wrote', () => {
    const out = join(cwd, 'run-findings');
    const ran = drawback(cwd, 'run', example('ex1-j1-section301-mpf'), '--provision', 'j1', '--as-of', '2026-11-22', '--out', out);
    expect(ran.code).toBe(0);
    expect(ran.stderr).toContain('finding S232_CONTENT_VALUE_UNSUPPORTED EX1-0000001-7 line 1: 9903.81.91: content-value basis with no content_value_worksheet in the evidence\n');
    expect(ran.stdout).toBe(`${join(out, 'estimate.json')}\n${join(out, 'record-pack.zip')}\n`);
  });

  it('finishes its work, exit 0 and no stack trace, when the reader of its output has gone (drawback ingest … | head -1)', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'drawback-cli-pipe-'));
    const env = { ...process.env };
    delete env.DATABASE_URL;
    const child = spawn(process.execPath, [BIN, 'ingest', example('ex3-a-heat-trace-11021')], { cwd: folder, env });
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (chunk) => (stderr += chunk));
    const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
    expect({ code, stderr }).toEqual({ code: 0, stderr: '' });
    expect(drawback(folder, 'ingest', example('ex3-a-heat-trace-11021')).stdout).toContain('nothing new: every row was already stored');
  });

  it('finishes a run, exit 0, when the reader of its stdout and stderr has gone (drawback run … 2>&1 | head -1)', async () => {
    const folder = mkdtempSync(join(tmpdir(), 'drawback-cli-pipe-'));
    const env = { ...process.env };
    delete env.DATABASE_URL;
    const out = join(folder, 'out');
    const child = spawn(process.execPath, [BIN, 'run', example('ex1-j1-section301-mpf'), '--provision', 'j1', '--out', out], { cwd: folder, env });
    child.stdout.destroy();
    child.stderr.destroy();
    expect(await new Promise<number | null>((resolve) => child.on('exit', resolve))).toBe(0);
    expect(existsSync(join(out, 'record-pack.zip'))).toBe(true);
  });

  it('migrate says which migrations it applied to a new database, and that a database already up to date was', () => {
    const folder = mkdtempSync(join(tmpdir(), 'drawback-cli-migrate-'));
    const first = drawback(folder, 'migrate');
    expect(first.code).toBe(0);
    expect(first.stdout).toMatch(/^applied \d+ migrations \(FoundationSchema\d+, .*\); the database schema is up to date\n$/);
    expect(drawback(folder, 'migrate').stdout).toBe('the database schema was already up to date\n');
  });

  it('ingest stores a data set once: the second run reports nothing new', () => {
    const first = drawback(cwd, 'ingest', example('ex1-j1-section301-mpf'));
    expect(first.code).toBe(0);
    expect(first.stdout).toContain('duties: 3 rows, 3 new, 0 already stored');
    const second = drawback(cwd, 'ingest', example('ex1-j1-section301-mpf'));
    expect(second.code).toBe(0);
    expect(second.stdout).toContain('nothing new: every row was already stored');
  });

  it('ingest tags the new duties\' recoverability, as the API\'s ingest job does: the entry view has them at once', () => {
    const home = mkdtempSync(join(tmpdir(), 'drawback-cli-tagged-'));
    expect(drawback(home, 'ingest', example('ex1-j1-section301-mpf')).code).toBe(0);
    // Read in a process of its own: the embedded database does not load inside jest.
    const program = `require('@drawback/persistence').openDatabase({ embeddedDir: process.argv[1] }).then(async (db) => {
      const [row] = await db.query(\`SELECT (SELECT count(*)::int FROM duty_bucket b WHERE NOT EXISTS (SELECT 1 FROM bucket_tag t WHERE t.duty_bucket_id = b.id)) AS untagged,
                                            (SELECT count(DISTINCT duty_bucket_id)::int FROM bucket_tag) AS tagged\`);
      console.log(JSON.stringify(row));
      await db.destroy();
    })`;
    const read = spawnSync(process.execPath, ['-e', program, join(home, '.drawback')], { cwd: resolve(__dirname, '..', '..', '..'), encoding: 'utf8' });
    expect(JSON.parse(read.stdout)).toEqual({ untagged: 0, tagged: 3 });
  });

  it('claim delete releases a draft claim\'s designations; claim file marks a claim filed, which can then not be deleted (§1; 1313(v))', () => {
    const home = mkdtempSync(join(tmpdir(), 'drawback-cli-claim-life-'));
    expect(drawback(home, 'ingest', example('ex1-j1-section301-mpf')).code).toBe(0);
    const create = () => drawback(home, 'claim', 'create', '--provision', 'j1', '--as-of', '2026-11-22');
    const first = create().stdout.trim();
    expect(create().code).toBe(1); // every export line is in the first claim

    expect(drawback(home, 'claim', 'delete', first)).toMatchObject({ code: 0, stdout: `claim ${first} deleted; its designations are released\n` });
    const second = create();
    expect(second.code).toBe(0);
    const id = second.stdout.trim();
    expect(drawback(home, 'claim', 'file', id)).toMatchObject({ code: 0, stdout: `claim ${id} is filed: it can no longer be deleted\n` });
    expect(drawback(home, 'claim', 'file', id)).toMatchObject({ code: 0, stdout: `claim ${id} was filed already\n` });
    expect(drawback(home, 'claim', 'delete', id)).toMatchObject({ code: 1, stderr: `drawback: claim ${id} is filed: only a draft claim can be deleted\n` });
    expect(create().code).toBe(1);
    // The same request made the same claim again (the same id); an id of no claim is bad usage.
    expect(id).toBe(first);
    const none = '00000000-0000-4000-8000-000000000000';
    expect(drawback(home, 'claim', 'delete', none)).toMatchObject({ code: 2, stderr: `drawback: no claim ${none}\n` });
    expect(drawback(home, 'claim', 'file', none)).toMatchObject({ code: 2, stderr: `drawback: no claim ${none}\n` });
  });

  it('keys create prints an API key once; keys list shows it without its secret', () => {
    const created = drawback(cwd, 'keys', 'create', '--role', 'auditor', '--claimants', '12-3456789AB', '--name', 'audit desk');
    expect(created.code).toBe(0);
    const secret = created.stdout.trim();
    expect(secret).toMatch(/^dbk_[0-9a-f]{32}_\S+$/);
    // The secret is all after the id: base64url, which may itself hold an underscore.
    const secretPart = secret.slice('dbk_'.length + 32 + 1);
    const listed = drawback(cwd, 'keys', 'list');
    expect(listed.stdout).toContain('auditor');
    expect(listed.stdout).toContain('audit desk');
    expect(listed.stdout).not.toContain(secretPart);
    expect(drawback(cwd, 'keys', 'create', '--role', 'boss', '--claimants', 'x', '--name', 'y').code).toBe(2);
  });

  it('keys revoke exits 2 on a key id that names no key, as for a claim id that names no claim', () => {
    const revoked = drawback(cwd, 'keys', 'revoke', '00000000000000000000000000000000');
    // One line, as for a claim id: the usage would bury it.
    expect({ code: revoked.code, stderr: revoked.stderr }).toEqual({ code: 2, stderr: 'drawback: no key 00000000000000000000000000000000\n' });
    const estimated = drawback(cwd, 'estimate', '00000000-0000-0000-0000-000000000000');
    expect({ code: estimated.code, stderr: estimated.stderr }).toEqual({ code: 2, stderr: 'drawback: no claim 00000000-0000-0000-0000-000000000000\n' });
  });

  it('prints the usage and exits 0 on --help or -h after any command (that command\'s usage alone), running nothing', () => {
    const folder = mkdtempSync(join(tmpdir(), 'drawback-cli-help-'));
    for (const args of [['--help'], ['help'], ['estimate', '--help'], ['claim', 'create', '-h'], ['run', 'x', '--help']]) {
      const asked = drawback(folder, ...args);
      expect({ args, code: asked.code, usage: asked.stdout.startsWith('usage: drawback <command>') }).toEqual({ args, code: 0, usage: true });
    }
    // After a command, that command's usage alone.
    const estimate = drawback(folder, 'estimate', '--help').stdout;
    expect(estimate).toContain('  estimate <claim-id> [--out FILE]');
    expect(estimate).not.toContain('ingest <folder');
    expect(estimate).toContain('Exit codes:');
    expect(estimate).toContain('Policy settings (--policy k=v; by default the active rule data\'s): s232_identification=lot_or_heat|any_direct_id');
    // A command of two words: all of its forms.
    const claim = drawback(folder, 'claim', '--help').stdout;
    for (const form of ['  claim create --provision P', '  claim file <claim-id>', '  claim delete <claim-id>']) expect(claim).toContain(form);
    expect(claim).not.toContain('  estimate <claim-id>');
    expect(existsSync(join(folder, '.drawback'))).toBe(false);
  });

  it('exits 2 on bad usage', () => {
    expect(drawback(cwd, 'frobnicate').code).toBe(2);
    expect(drawback(cwd, 'ingest', '--json', 'x').code).toBe(2);
  });

  it('exits 2 on arguments past those a command takes, naming them, before any work (verify pa.zip t1.zip checked only pa.zip)', () => {
    for (const [args, message] of [
      [['verify', 'pa.zip', 't1.zip'], 'verify takes one argument, <pack.zip>: unexpected argument t1.zip'],
      [['run', 'd1', 'd2', '--provision', 'j1', '--out', join(cwd, 'never-made')], 'run takes one argument, <folder>: unexpected argument d2'],
      [['retag', 'extra'], 'retag takes no arguments: unexpected argument extra'],
    ] as const) {
      const result = drawback(cwd, ...args);
      expect({ args, code: result.code, first: result.stderr.split('\n')[0] }).toEqual({ args, code: 2, first: `drawback: ${message}` });
    }
    expect(existsSync(join(cwd, 'never-made'))).toBe(false);
  });

  it('exits 2 on an option given twice with different values, naming it (which one to follow would be a guess)', () => {
    const twice = drawback(cwd, 'estimate', 'C', '--out', join(cwd, 'a.json'), '--out', join(cwd, 'b.json'));
    expect({ code: twice.code, first: twice.stderr.split('\n')[0] })
      .toEqual({ code: 2, first: `drawback: --out is given more than once, with different values: ${join(cwd, 'a.json')} and ${join(cwd, 'b.json')}` });
  });

  it('names every usage problem found before any data is read, one line each, then the usage (exit 2)', () => {
    const result = drawback(cwd, 'claim', 'create', '--provision', 'x', '--policy', 'foo=bar', '--as-of', 'bad', '--exports', 'NOPE', '--exports', 'NOPE2');
    expect(result.code).toBe(2);
    expect(result.stderr.split('\n\n')[0].split('\n')).toEqual([
      'drawback: --exports is given more than once, with different values: NOPE and NOPE2',
      'drawback: --as-of: "bad" is not a date (YYYY-MM-DD)',
      'drawback: --policy foo=bar: foo is no policy setting; the settings are s232_identification, s232_substitution, lesser_of',
      'drawback: provision "x" is not one of a, b, c, j1, j2',
    ]);
    expect(result.stderr).toContain('usage: drawback <command>');
  });

  it('names an option no command has as one the command does not have, with the usage, in its own words', () => {
    for (const [args, message] of [
      [['claim', 'create', '--provision', 'a', '--bogus'], '--bogus is not an option of claim'],
      [['check', '-x', 'folder'], '-x is not an option of check'],
      [['verify', 'pack.zip', '--bogus'], '--bogus is not an option of verify'],
      [['run', 'folder', '--provision', 'a', '--out', 'x', '--bogus'], '--bogus is not an option of run'],
    ] as const) {
      const result = drawback(cwd, ...args);
      expect({ args, code: result.code, first: result.stderr.split('\n')[0], usage: result.stderr.includes('usage: drawback <command>') })
        .toEqual({ args, code: 2, first: `drawback: ${message}`, usage: true });
    }
    expect(drawback(cwd, 'frobnicate', '--bogus').stderr).toMatch(/^drawback: unknown command "frobnicate"\n/);
  });

  it('exits 2 when a data set path names nothing (a mistyped argument, not rejected data), naming it', () => {
    for (const command of [['check'], ['ingest'], ['run', '--provision', 'a', '--out', join(cwd, 'missing-out')]]) {
      const [name, ...options] = command;
      const result = drawback(cwd, name, join(cwd, 'no-such-folder'), ...options);
      expect({ command: name, code: result.code, stderr: result.stderr }).toEqual({
        command: name, code: 2, stderr: `drawback: no such file or folder: ${join(cwd, 'no-such-folder')}\n`,
      });
    }
  });

  it('verify exits 2 when its --data folder names nothing, naming it, as for any data set path', () => {
    const out = join(cwd, 'verify-data-missing');
    expect(drawback(cwd, 'run', example('ex1-j1-section301-mpf'), '--provision', 'j1', '--as-of', '2026-11-22', '--out', out).code).toBe(0);
    const missing = join(cwd, 'no-such-data-folder');
    const verified = drawback(cwd, 'verify', join(out, 'record-pack.zip'), '--data', missing);
    expect({ code: verified.code, stderr: verified.stderr }).toEqual({ code: 2, stderr: expect.stringContaining(`no such file or folder: ${missing}`) });
  });

  it('verify --data with another data set says the pack\'s claim cannot be made again from that folder (exit 1)', () => {
    const out = join(cwd, 'verify-other-data');
    expect(drawback(cwd, 'run', example('ex1-j1-section301-mpf'), '--provision', 'j1', '--as-of', '2026-11-22', '--out', out).code).toBe(0);
    const other = example('ex2-j2-lesser-of');
    const verified = drawback(cwd, 'verify', join(out, 'record-pack.zip'), '--data', other);
    expect(verified.code).toBe(1);
    const said = `the pack's claim cannot be made again from ${other}: export EXP-1/1`;
    expect(verified.stderr.split('\n')[0].slice(0, said.length)).toBe(said);
  });

  it('verify --data makes a claim made after earlier claims over the same imports again, by the prior use its pack records (rules §5)', () => {
    const home = mkdtempSync(join(tmpdir(), 'drawback-cli-prior-use-'));
    const data = join(home, 'data');
    mkdirSync(data);
    writeFileSync(join(data, 'entries.csv'), 'entry_number,entry_type,importer_number,import_date,entry_date,port_code,line_number,hts,description,country_of_origin,entered_value,quantity,uom\n'
      + 'EX1-0000001-7,01,12-3456789AB,2026-03-20,2026-03-20,3901,1,7326908688,article,CN,30000.00,1000,KG\n');
    writeFileSync(join(data, 'duties.csv'), 'entry_number,line_number,program,heading,amount\nEX1-0000001-7,1,s301,9903.88.03,7500.00\n');
    writeFileSync(join(data, 'lots.csv'), 'entry_number,line_number,lot_id,quantity\nEX1-0000001-7,1,L-1,1000\n');
    // Lot L-1 is made into F-1 one for one; the exports take 900 and then 600 of F-1.
    writeFileSync(join(data, 'production.csv'), 'production_order,production_date,role,lot_id,heat_number,quantity,uom,hts\n'
      + 'PO-1,2026-05-01,input,L-1,,1000,KG,\nPO-1,2026-05-01,output,F-1,,1000,KG,7326908688\n');
    writeFileSync(join(data, 'exports.csv'), 'export_id,line_number,export_date,action,exporter,destination_country,hts,description,lot_id,quantity,uom,value\n'
      + 'EXP-1,1,2026-06-15,exported,Acme,DE,7326908688,article,F-1,900,KG,27000.00\nEXP-2,1,2026-06-16,exported,Acme,DE,7326908688,article,F-1,600,KG,18000.00\n');
    expect(drawback(home, 'ingest', data).code).toBe(0);
    expect(drawback(home, 'claim', 'create', '--provision', 'a', '--exports', 'EXP-1/1', '--as-of', '2026-11-22').code).toBe(0);
    const second = drawback(home, 'claim', 'create', '--provision', 'a', '--exports', 'EXP-2/1', '--as-of', '2026-11-22').stdout.trim();
    expect(drawback(home, 'pack', second, '--out', join(home, 'second.zip')).code).toBe(0);
    const packed = new Map(readZip(readFileSync(join(home, 'second.zip'))).map((entry) => [entry.name, entry.data.toString('utf8')]));
    expect(packed.get('prior-use.csv')).toBe('kind,entry_number,line_number,lot_id,heat_number,order_id,quantity,quantity_exact\r\n'
      + 'import_line,EX1-0000001-7,1,,,,900,\r\nreceipt,EX1-0000001-7,1,L-1,,,900,\r\norder_output,,,,,PO-1,900,\r\n');

    // 100 KG were left for the second claim; made on the data alone it would designate 600: the prior use is replayed first.
    const verified = drawback(home, 'verify', join(home, 'second.zip'), '--data', data);
    expect({ code: verified.code, stdout: verified.stdout, stderr: verified.stderr }).toEqual({
      code: 0, stdout: `${join(home, 'second.zip')}: every hash matches and the pack made again from the data is the same\n`,
      stderr: 'replayed what claims made before this one had taken (prior-use.csv): 3 rows\n',
    });

    /** The pack with prior-use.csv edited, and its sha256 in the manifest with it (so the hashes still match). */
    const withPriorUse = (name: string, edit: (text: string) => string) => {
      const files = new Map(packed);
      const priorUse = edit(files.get('prior-use.csv')!);
      const manifest = JSON.parse(files.get('manifest.json')!);
      manifest.files['prior-use.csv'] = createHash('sha256').update(priorUse).digest('hex');
      files.set('prior-use.csv', priorUse).set('manifest.json', JSON.stringify(manifest, null, 2));
      writeFileSync(join(home, name), writeZip([...files].map(([file, text]) => ({ name: file, data: Buffer.from(text) }))));
      return join(home, name);
    };
    // A prior use the data cannot hold is named, not silently clipped.
    const refused = drawback(home, 'verify', withPriorUse('more.zip', (text) => text.replace('PO-1,900', 'PO-1,1900')), '--data', data);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('prior-use.csv: the prior use takes more than the data holds');
    // One naming what the data does not hold (a data set of part of the claimant's records) is noted.
    const partial = drawback(home, 'verify', withPriorUse('partial.zip', (text) => `${text}order_output,,,,,PO-9,5,\r\n`), '--data', data);
    expect(partial.code).toBe(0);
    expect(partial.stderr).toContain('1 row of prior-use.csv names what the data does not hold (order output PO-9)');
  });

  it('verify --data takes each data set the claim\'s data came in, in the order ingested: the pack names the files of both ingests', () => {
    const home = mkdtempSync(join(tmpdir(), 'drawback-cli-two-sets-'));
    const [first, second] = [join(home, 'march'), join(home, 'june')];
    const entryHeader = 'entry_number,entry_type,importer_number,import_date,entry_date,port_code,line_number,hts,description,country_of_origin,entered_value,quantity,uom';
    mkdirSync(first);
    writeFileSync(join(first, 'entries.csv'), `${entryHeader}\nEX1-0000001-7,01,12-3456789AB,2026-03-20,2026-03-20,3901,1,7326908688,article,CN,30000.00,1000,KG\n`);
    writeFileSync(join(first, 'duties.csv'), 'entry_number,line_number,program,heading,amount\nEX1-0000001-7,1,s301,9903.88.03,7500.00\n');
    writeFileSync(join(first, 'lots.csv'), 'entry_number,line_number,lot_id,quantity\nEX1-0000001-7,1,L-1,1000\n');
    // June's files: the same entry again (stored already) and a later duty on it, and the export of lot L-1.
    mkdirSync(second);
    writeFileSync(join(second, 'entries.csv'), `${entryHeader}\nEX1-0000001-7,01,12-3456789AB,2026-03-20,2026-03-20,3901,1,7326908688,article,CN,30000.00,1000,KG\n`);
    writeFileSync(join(second, 'duties.csv'), 'entry_number,line_number,program,heading,amount\nEX1-0000001-7,1,ordinary,,870.00\n');
    writeFileSync(join(second, 'exports.csv'), 'export_id,line_number,export_date,action,exporter,destination_country,hts,description,lot_id,quantity,uom,value\n'
      + 'EXP-1,1,2026-06-15,exported,Acme,DE,7326908688,article,L-1,400,KG,12000.00\n');
    expect(drawback(home, 'ingest', first).code).toBe(0);
    expect(drawback(home, 'ingest', second).code).toBe(0);
    const claim = drawback(home, 'claim', 'create', '--provision', 'j1', '--as-of', '2026-11-22').stdout.trim();
    expect(drawback(home, 'pack', claim, '--out', join(home, 'pack.zip')).code).toBe(0);

    const june = drawback(home, 'verify', join(home, 'pack.zip'), '--data', second);
    expect(june.code).toBe(1);
    const both = drawback(home, 'verify', join(home, 'pack.zip'), '--data', first, '--data', second);
    expect({ code: both.code, stdout: both.stdout }).toEqual({ code: 0, stdout: `${join(home, 'pack.zip')}: every hash matches and the pack made again from the data is the same\n` });
  });

  it('lets three claims use up a lot through orders whose shares do not terminate (4/7, 5/7, 5/7 of 2 KG), and verify --data makes the last again by its exact prior use', () => {
    const home = mkdtempSync(join(tmpdir(), 'drawback-cli-exact-'));
    const data = join(home, 'data');
    mkdirSync(data);
    writeFileSync(join(data, 'entries.csv'), 'entry_number,entry_type,importer_number,import_date,entry_date,port_code,line_number,hts,description,country_of_origin,entered_value,quantity,uom\n'
      + 'EX1-0000001-7,01,12-3456789AB,2026-01-01,2026-01-01,3901,1,7606125000,sheet,CN,700.00,2,KG\n');
    writeFileSync(join(data, 'duties.csv'), 'entry_number,line_number,program,heading,amount\nEX1-0000001-7,1,s301,9903.88.03,140.00\n');
    writeFileSync(join(data, 'lots.csv'), 'entry_number,line_number,lot_id,quantity\nEX1-0000001-7,1,LOT7,2\n');
    writeFileSync(join(data, 'production.csv'), 'production_order,production_date,role,lot_id,heat_number,quantity,uom,hts\n'
      + ['X,4', 'Y,5', 'Z,5'].map((order, day) => {
        const [name, kg] = order.split(',');
        return `PO-${name},2026-02-0${day + 1},input,LOT7,,${kg},KG,\nPO-${name},2026-02-0${day + 1},output,O${name},,7,NO,7615102000\n`;
      }).join(''));
    writeFileSync(join(data, 'exports.csv'), 'export_id,line_number,export_date,action,exporter,destination_country,hts,description,lot_id,quantity,uom,value\n'
      + ['X', 'Y', 'Z'].map((name) => `E${name},1,2026-03-01,exported,Acme,DE,7615102000,pan,O${name},1,NO,100.00\n`).join(''));
    expect(drawback(home, 'ingest', data).code).toBe(0);
    const claims = ['EX', 'EY', 'EZ'].map((exportId) => drawback(home, 'claim', 'create', '--provision', 'a', '--exports', exportId, '--as-of', '2026-11-22'));
    expect(claims.map((claim) => claim.stderr)).toEqual(claims.map(() => expect.stringContaining('0 export lines with unmatched quantity')));

    const last = claims[2].stdout.trim();
    expect(drawback(home, 'pack', last, '--out', join(home, 'last.zip')).code).toBe(0);
    const priorUse = readZip(readFileSync(join(home, 'last.zip'))).find((entry) => entry.name === 'prior-use.csv')!.data.toString('utf8');
    expect(priorUse).toContain('receipt,EX1-0000001-7,1,LOT7,,,1.285714285714285714285715,9/7\r\n');
    const verified = drawback(home, 'verify', join(home, 'last.zip'), '--data', data);
    expect({ code: verified.code, stdout: verified.stdout }).toEqual({ code: 0, stdout: `${join(home, 'last.zip')}: every hash matches and the pack made again from the data is the same\n` });

    // An exact prior use that takes more than the data holds is named, as its decimal would be.
    const files = new Map(readZip(readFileSync(join(home, 'last.zip'))).map((entry) => [entry.name, entry.data.toString('utf8')]));
    const edited = files.get('prior-use.csv')!.replace(',1.285714285714285714285715,9/7', ',1.285714285714285714285715,999/1');
    const manifest = JSON.parse(files.get('manifest.json')!);
    manifest.files['prior-use.csv'] = createHash('sha256').update(edited).digest('hex');
    files.set('prior-use.csv', edited).set('manifest.json', JSON.stringify(manifest, null, 2));
    writeFileSync(join(home, 'more.zip'), writeZip([...files].map(([name, text]) => ({ name, data: Buffer.from(text) }))));
    const refused = drawback(home, 'verify', join(home, 'more.zip'), '--data', data);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('the prior use takes more than the data holds: import line EX1-0000001-7/1 holds 2, its prior use takes 999/1 exactly');
  });

  it('exits 2 when the file a command reads names nothing (verify PACK, rules load FILE, portfolio --rules FILE), naming it', () => {
    const missing = join(cwd, 'no-such-file.json');
    for (const args of [['verify', missing], ['rules', 'load', missing], ['portfolio', '--rules', missing]]) {
      const result = drawback(cwd, ...args);
      expect({ args, code: result.code, stderr: result.stderr }).toEqual({ args, code: 2, stderr: expect.stringContaining(`no such file or folder: ${missing}`) });
    }
  });

  it('exits 2, before reading any data, on a bad provision, policy value or date range', () => {
    const out = join(cwd, 'bad-usage');
    for (const args of [['--provision', 'zz'], ['--provision', 'a', '--policy', 'lesser_of=sometimes']]) {
      const run = drawback(cwd, 'run', example('ex1-j1-section301-mpf'), ...args, '--out', out);
      expect({ args, code: run.code, ingested: /^ingested /m.test(run.stderr) }).toEqual({ args, code: 2, ingested: false });
    }
    const trailing = drawback(cwd, 'run', example('ex1-j1-section301-mpf'), '--provision', 'a', '--policy', 's232_identification=lot_or_heat=x', '--out', out);
    expect({ code: trailing.code, stderr: trailing.stderr }).toEqual({ code: 2, stderr: expect.stringContaining('policy s232_identification=lot_or_heat=x: supported values are') });
    const range = drawback(cwd, 'claim', 'create', '--provision', 'j1', '--from', '2026-12-01', '--to', '2026-01-01');
    expect(range.code).toBe(2);
    expect(range.stderr).toContain('the date range 2026-12-01 to 2026-01-01 is empty');
  });

  it('exits 2, before reading any data, on a policy setting given twice with different values (a setting is followed, never picked silently)', () => {
    const out = join(cwd, 'twice');
    const twice = ['--policy', 's232_substitution=allowed', '--policy', 's232_substitution=excluded'];
    const run = drawback(cwd, 'run', example('ex1-j1-section301-mpf'), '--provision', 'b', ...twice, '--out', out);
    expect({ code: run.code, ingested: /^ingested /m.test(run.stderr) }).toEqual({ code: 2, ingested: false });
    expect(run.stderr).toContain('--policy s232_substitution is given twice: allowed and excluded');
    const whatIf = drawback(cwd, 'portfolio', ...twice);
    expect({ code: whatIf.code, stderr: whatIf.stderr }).toEqual({ code: 2, stderr: expect.stringContaining('--policy s232_substitution is given twice') });
  });

  it('exits 2 on a --policy that names no setting or gives no value, saying which, before reading any data', () => {
    for (const [pair, message] of [
      ['s232_substitutoin=allowed', 's232_substitutoin is no policy setting; the settings are s232_identification, s232_substitution, lesser_of'],
      ['s232_substitution', 'give the setting a value, as s232_substitution=value'],
      ['=allowed', 'no setting named; the settings are s232_identification, s232_substitution, lesser_of'],
    ]) {
      const run = drawback(cwd, 'claim', 'create', '--provision', 'b', '--policy', pair);
      expect({ code: run.code, first: run.stderr.split('\n')[0] }).toEqual({ code: 2, first: `drawback: --policy ${pair}: ${message}` });
    }
  });

  it('portfolio exits 2, before reading any data, on a policy value the setting does not have', () => {
    const run = drawback(cwd, 'portfolio', '--policy', 's232_substitution=sometimes');
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('--policy s232_substitution=sometimes: the values are excluded, allowed');
  });

  it('rules load exits 1, one message and no stack trace, on a file that is not JSON and on a version stored with other content', () => {
    const notJson = join(cwd, 'not-json.json');
    writeFileSync(notJson, '{"version": "x",');
    const refused = drawback(cwd, 'rules', 'load', notJson);
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(new RegExp(`^drawback: ${notJson}: not JSON: .+\n$`));
    const shipped = JSON.parse(readFileSync(RULES_V1, 'utf8'));
    const ours = join(cwd, 'our-rules.json');
    writeFileSync(ours, JSON.stringify({ ...shipped, version: 'our-1' }));
    const edited = join(cwd, 'edited-rules.json');
    writeFileSync(edited, JSON.stringify({ ...shipped, version: 'our-1', rules: shipped.rules.slice(1) }));
    expect(drawback(cwd, 'rules', 'load', ours).code).toBe(0);
    const conflict = drawback(cwd, 'rules', 'load', edited);
    expect(conflict.code).toBe(1);
    expect(conflict.stderr).toBe('drawback: rule version our-1 is already stored with other content; give the new data a new version\n');
    expect(drawback(cwd, 'rules', 'load', RULES_V1).code).toBe(0);
  });

  it('rules load refuses other content under the shipped version\'s name before the shipped version is stored (it would pass for the shipped rules), and takes the shipped file itself', () => {
    const home = mkdtempSync(join(tmpdir(), 'drawback-cli-shipped-name-'));
    const shipped = JSON.parse(readFileSync(RULES_V1, 'utf8'));
    const edited = join(home, 'edited-rules.json');
    writeFileSync(edited, JSON.stringify({ ...shipped, rules: shipped.rules.slice(1) }));
    const refused = drawback(home, 'rules', 'load', edited);
    expect({ code: refused.code, stderr: refused.stderr }).toEqual({ code: 1,
      stderr: `drawback: rule version ${shipped.version} is the version of the rule data shipped with drawback, which has other content; give the new data a new version\n` });
    const reordered = join(home, 'reordered-rules.json');
    writeFileSync(reordered, JSON.stringify(Object.fromEntries(Object.entries(shipped).reverse())));
    expect(drawback(home, 'rules', 'load', reordered).code).toBe(0);
    expect(drawback(home, 'rules', 'load', RULES_V1).code).toBe(0);
  });

  it('rules load and portfolio --rules exit 1 on rule data defaulting to a policy the engine refuses (lesser_of=aggregate), loading nothing', () => {
    const home = mkdtempSync(join(tmpdir(), 'drawback-cli-aggregate-'));
    const shipped = JSON.parse(readFileSync(RULES_V1, 'utf8'));
    const aggregate = join(home, 'aggregate-rules.json');
    writeFileSync(aggregate, JSON.stringify({ ...shipped, version: 'aggregate-default', policyDefaults: { ...shipped.policyDefaults, lesser_of: 'aggregate' } }));
    const message = 'drawback: policyDefaults.lesser_of: "aggregate" is not supported; supported values are per_bucket\n';
    for (const args of [['rules', 'load', aggregate], ['portfolio', '--rules', aggregate]]) {
      const refused = drawback(home, ...args);
      expect({ args, code: refused.code, stderr: refused.stderr }).toEqual({ args, code: 1, stderr: message });
    }
    expect(drawback(home, 'portfolio').stdout).not.toContain('aggregate-default');
  });

  it('names an output folder it cannot write before any work, in plain words, without a stack trace', () => {
    const file = join(cwd, 'a-file');
    writeFileSync(file, '');
    for (const [out, message] of [
      [join(file, 'out'), `--out ${join(file, 'out')} cannot be made: ${file} is a file, not a folder`],
      [file, `--out ${file} is a file, not a folder`],
    ]) {
      const run = drawback(cwd, 'run', example('ex1-j1-section301-mpf'), '--provision', 'j1', '--as-of', '2026-11-22', '--out', out);
      // Nothing was ingested first: the message is the only line.
      expect({ code: run.code, stderr: run.stderr }).toEqual({ code: 3, stderr: `drawback: ${message}\n` });
    }
  });

  it('estimate --out names the file it wrote, as pack does, and a path it cannot write in plain words', () => {
    const home = mkdtempSync(join(tmpdir(), 'drawback-cli-estimate-out-'));
    expect(drawback(home, 'ingest', example('ex1-j1-section301-mpf')).code).toBe(0);
    const claimId = drawback(home, 'claim', 'create', '--provision', 'j1', '--as-of', '2026-11-22').stdout.trim();
    const written = drawback(home, 'estimate', claimId, '--out', join(home, 'estimate.json'));
    expect({ code: written.code, stdout: written.stdout }).toEqual({ code: 0, stdout: `${join(home, 'estimate.json')}\n` });
    expect(JSON.parse(readFileSync(join(home, 'estimate.json'), 'utf8')).claim.id).toBe(claimId);

    const refused = drawback(home, 'estimate', claimId, '--out', home);
    expect({ code: refused.code, stderr: refused.stderr }).toEqual({ code: 3, stderr: `drawback: ${home} is a folder, not a file\n` });
  });
});
