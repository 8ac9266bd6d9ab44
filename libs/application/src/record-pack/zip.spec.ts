import { deflateRawSync } from 'node:zlib';
import { readZip, writeZip } from './zip';

describe(writeZip.name, () => {
  const entries = [{ name: 'b.txt', data: Buffer.from('second') }, { name: 'a.json', data: Buffer.from('{"x":1}') }];

  it('gives the same bytes for the same entries, whatever their order', () => {
    expect(writeZip(entries).equals(writeZip([...entries].reverse()))).toBe(true);
  });

  it('writes entries a zip reader gets back, sorted by name', () => {
    expect(readZip(writeZip(entries)).map((e) => [e.name, e.data.toString()])).toEqual([['a.json', '{"x":1}'], ['b.txt', 'second']]);
  });
});

describe(readZip.name, () => {
  it('reads deflated entries too', () => {
    const zip = writeZip([{ name: 'a.txt', data: Buffer.from('hello') }]);
    // Rewrite the one entry as deflated, as another zip tool would.
    const deflated = deflateRawSync(Buffer.from('hello'));
    const local = Buffer.from(zip.subarray(0, 30 + 5));
    local.writeUInt16LE(8, 8);
    local.writeUInt32LE(deflated.length, 18);
    const central = Buffer.from(zip.subarray(30 + 5 + 5, zip.length - 22));
    central.writeUInt16LE(8, 10);
    central.writeUInt32LE(deflated.length, 20);
    const end = Buffer.from(zip.subarray(zip.length - 22));
    end.writeUInt32LE(30 + 5 + deflated.length, 16);
    expect(readZip(Buffer.concat([local, deflated, central, end]))[0].data.toString()).toBe('hello');
  });
});
