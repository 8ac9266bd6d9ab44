import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { crc32 } from 'node:zlib';
import { PackFileWriter } from './pack-file-writer';
import { writeZip, writeZipFile } from './zip';
import { readZip } from './zip-reader';

describe(PackFileWriter.name, () => {
  let folder: string;
  beforeEach(() => (folder = mkdtempSync(join(tmpdir(), 'drawback-pack-writer-'))));
  afterEach(() => rmSync(folder, { recursive: true, force: true }));

  /** More than one batch of text, with characters of several UTF-8 lengths. */
  const pieces = () => Array.from({ length: 30_000 }, (_, i) => `row ${i}, café ≈ ${'x'.repeat(i % 70)}\r\n`);

  it('writes the text given piece by piece, with its sha256, CRC-32 and size in bytes', async () => {
    const bytes = Buffer.from(pieces().join(''), 'utf8');
    const file = await new PackFileWriter(folder).write('summary.html', pieces());
    expect(readFileSync(file.path).equals(bytes)).toBe(true);
    expect(file).toMatchObject({ name: 'summary.html', size: bytes.length, crc: crc32(bytes), sha256: createHash('sha256').update(bytes).digest('hex') });
  });

  it('makes, from the files written, the same zip bytes as the zip made in memory', async () => {
    const writer = new PackFileWriter(folder);
    await writer.write('b.csv', pieces());
    await writer.write('a.json', ['{}', '\n']);
    const target = join(folder, 'pack.zip');
    const written = await writeZipFile(writer.written, target);
    const inMemory = writeZip([{ name: 'b.csv', data: Buffer.from(pieces().join('')) }, { name: 'a.json', data: Buffer.from('{}\n') }]);
    expect(readFileSync(target).equals(inMemory)).toBe(true);
    expect(written).toEqual({ bytes: inMemory.length, sha256: createHash('sha256').update(inMemory).digest('hex') });
    expect(readZip(inMemory).map((entry) => entry.name)).toEqual(['a.json', 'b.csv']);
  });
});
