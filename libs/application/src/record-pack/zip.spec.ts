import { writeZip } from './zip';
import { readZip } from './zip-reader';

describe(writeZip.name, () => {
  const entries = [{ name: 'b.txt', data: Buffer.from('second') }, { name: 'a.json', data: Buffer.from('{"x":1}') }];

  it('gives the same bytes for the same entries, whatever their order', () => {
    expect(writeZip(entries).equals(writeZip([...entries].reverse()))).toBe(true);
  });

  it('writes entries a zip reader gets back, sorted by name', () => {
    expect(readZip(writeZip(entries)).map((e) => [e.name, e.data.toString()])).toEqual([['a.json', '{"x":1}'], ['b.txt', 'second']]);
  });
});
