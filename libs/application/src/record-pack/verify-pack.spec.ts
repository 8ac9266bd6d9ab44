import { createHash } from 'node:crypto';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { checkPackFile, checkPackIntegrity } from './verify-pack';
import { writeZip } from './zip';

const sha256 = (text: string) => createHash('sha256').update(text).digest('hex');
const claim = { id: 'c-1', provision: 'j1', claimant: '12-3456789AB', asOf: '2026-11-22' };
const rules = { version: 'v1', unverified: [] };
const estimate = JSON.stringify({ claim, rules, policy: {}, totals: { refund: '10.00' } });

describe(checkPackIntegrity.name, () => {
  const manifest = JSON.stringify({ claim, rules, policy: {}, asOf: claim.asOf, files: { 'estimate.json': sha256(estimate) }, sources: [] });

  it('passes a pack whose every file matches the manifest', async () => {
    const zip = writeZip([{ name: 'manifest.json', data: Buffer.from(manifest) }, { name: 'estimate.json', data: Buffer.from(estimate) }]);
    expect((await checkPackIntegrity(zip)).problems).toEqual([]);
  });

  it('refuses a pack that holds a file twice, one copy changed: the manifest vouches for one file per name (spec §7)', async () => {
    const changed = estimate.replace('10.00', '99.00');
    const zip = writeZip([
      { name: 'manifest.json', data: Buffer.from(manifest) },
      { name: 'estimate.json', data: Buffer.from(changed) },
      { name: 'estimate.json', data: Buffer.from(estimate) },
    ]);
    expect((await checkPackIntegrity(zip)).problems).toEqual([
      'estimate.json: in the pack more than once — an unzip tool may show a copy the hashes do not vouch for',
    ]);
  });
});

describe(checkPackFile.name, () => {
  const lines = 'export_id,line_number\nX1,1\n';
  const manifest = JSON.stringify({
    claim, rules, policy: {}, asOf: claim.asOf, files: { 'estimate.json': sha256(estimate), 'export-lines.csv': sha256(lines) }, sources: [],
  });
  const onDisk = (zip: Buffer) => {
    const path = join(mkdtempSync(join(tmpdir(), 'verify-pack-')), 'pack.zip');
    writeFileSync(path, zip);
    return path;
  };

  it('checks a pack on disk as it checks the same pack in memory, keeping only the files the checks read', async () => {
    const zip = writeZip([
      { name: 'manifest.json', data: Buffer.from(manifest) },
      { name: 'estimate.json', data: Buffer.from(estimate) },
      { name: 'export-lines.csv', data: Buffer.from(lines) },
    ]);
    const fromDisk = await checkPackFile(onDisk(zip));
    expect(fromDisk.problems).toEqual([]);
    expect(fromDisk).toEqual(await checkPackIntegrity(zip));
    expect([...fromDisk.files.keys()].sort()).toEqual(['estimate.json', 'export-lines.csv', 'manifest.json']);
  });

  it('names a changed file and a file the manifest does not list, reading the pack one file at a time', async () => {
    const zip = writeZip([
      { name: 'manifest.json', data: Buffer.from(manifest) },
      { name: 'estimate.json', data: Buffer.from(estimate.replace('10.00', '99.00')) },
      { name: 'export-lines.csv', data: Buffer.from(lines) },
      { name: 'extra.txt', data: Buffer.from('added') },
    ]);
    const changed = sha256(estimate.replace('10.00', '99.00'));
    expect((await checkPackFile(onDisk(zip))).problems).toEqual([
      `estimate.json: its sha256 is ${changed}, manifest.json says ${sha256(estimate)} — the file or the manifest was changed`,
      'extra.txt: in the pack but not listed in the manifest',
    ]);
  });

  it('names a file that is not a zip as a problem of the pack', async () => {
    expect((await checkPackFile(onDisk(Buffer.from('{"not":"a zip"}')))).problems).toEqual(['the pack: not a zip file (no end of central directory)']);
  });
});
