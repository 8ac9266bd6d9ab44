import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Writable } from 'node:stream';
import { deflateRawSync } from 'node:zlib';
import { writeZip } from './zip';
import { readZip, ZipFileReader, ZipFormatError } from './zip-reader';

/** The one-entry zip `a.txt` = "hello" rewritten with its data deflated, as another zip tool would write it. */
function deflatedZip(): Buffer {
  const zip = writeZip([{ name: 'a.txt', data: Buffer.from('hello') }]);
  const deflated = deflateRawSync(Buffer.from('hello'));
  const local = Buffer.from(zip.subarray(0, 30 + 5));
  local.writeUInt16LE(8, 8);
  local.writeUInt32LE(deflated.length, 18);
  const central = Buffer.from(zip.subarray(30 + 5 + 5, zip.length - 22));
  central.writeUInt16LE(8, 10);
  central.writeUInt32LE(deflated.length, 20);
  const end = Buffer.from(zip.subarray(zip.length - 22));
  end.writeUInt32LE(30 + 5 + deflated.length, 16);
  return Buffer.concat([local, deflated, central, end]);
}

const onDisk = (zip: Buffer) => {
  const path = join(mkdtempSync(join(tmpdir(), 'zip-reader-')), 'pack.zip');
  writeFileSync(path, zip);
  return path;
};

async function readAll(path: string): Promise<Array<[string, string]>> {
  const reader = await ZipFileReader.open(path);
  const entries: Array<[string, string]> = [];
  for (const entry of reader.entries) entries.push([entry.name, (await reader.read(entry)).toString()]);
  return entries;
}

describe(readZip.name, () => {
  it('reads deflated entries too', () => {
    expect(readZip(deflatedZip())[0].data.toString()).toBe('hello');
  });

  it('names damaged compressed data as a format error, not a crash', () => {
    const zip = deflatedZip();
    zip.fill(0xff, 30 + 5, 30 + 5 + 4);
    expect(() => readZip(zip)).toThrow(new ZipFormatError('a.txt: its compressed data is damaged'));
  });
});

describe(ZipFileReader.name, () => {
  const entries = [{ name: 'b.csv', data: Buffer.from('x,y\n1,2\n') }, { name: 'a.json', data: Buffer.from('{"x":1}') }, { name: 'empty.txt', data: Buffer.alloc(0) }];

  it('reads from disk, one entry at a time, the same entries as the reader of a zip in memory', async () => {
    const zip = writeZip(entries);
    expect(await readAll(onDisk(zip))).toEqual(readZip(zip).map((entry) => [entry.name, entry.data.toString()]));
  });

  it('streams a deflated entry inflated', async () => {
    expect(await readAll(onDisk(deflatedZip()))).toEqual([['a.txt', 'hello']]);
  });

  it('streams an entry into a sink without holding it', async () => {
    const reader = await ZipFileReader.open(onDisk(writeZip(entries)));
    let bytes = 0;
    await reader.pipeTo(reader.entries.find((entry) => entry.name === 'b.csv')!, new Writable({
      write(chunk: Buffer, _encoding, done) {
        bytes += chunk.length;
        done();
      },
    }));
    expect(bytes).toBe(8);
  });

  it('refuses a file that is not a zip, or whose central directory was cut off', async () => {
    await expect(ZipFileReader.open(onDisk(Buffer.from('not a zip')))).rejects.toThrow(new ZipFormatError('not a zip file (no end of central directory)'));
    const zip = writeZip(entries);
    const cut = Buffer.concat([zip.subarray(0, 40), zip.subarray(zip.length - 22)]);
    await expect(ZipFileReader.open(onDisk(cut))).rejects.toThrow(ZipFormatError);
  });

  it('names damaged compressed data as a format error', async () => {
    const zip = deflatedZip();
    zip.fill(0xff, 30 + 5, 30 + 5 + 4);
    const reader = await ZipFileReader.open(onDisk(zip));
    await expect(reader.read(reader.entries[0])).rejects.toThrow(new ZipFormatError('a.txt: its compressed data is damaged'));
  });
});
