import { MAX_RECORD_BYTES } from './quick-csv';
import { Utf8LineCheck } from './utf8-lines';

describe(Utf8LineCheck.name, () => {
  it('names the line of a byte that is not UTF-8 when its line comes in many chunks, and a character split between chunks is no error', () => {
    const text = Buffer.concat([Buffer.from('ok\nStahlträger '.repeat(3)), Buffer.from([0xff]), Buffer.from(' end\nØ 20 mm\nlast')]);
    const check = new Utf8LineCheck();
    for (let at = 0; at < text.length; at += 1) check.push(text.subarray(at, at + 1));
    check.end();
    expect(check.badLines).toEqual([4]);
  });

  it('checks the last line though the file does not end with a line break', () => {
    const check = new Utf8LineCheck();
    check.push(Buffer.from('a\nb'));
    check.push(Buffer.from([0xc3]));
    check.end();
    expect(check.badLines).toEqual([2]);
  });

  it('does not hold or check a line longer than MAX_RECORD_BYTES (a record over the size limit, named as that), and counts the lines after it', () => {
    const check = new Utf8LineCheck();
    const chunk = Buffer.alloc(64 * 1024, 0xff);
    check.push(Buffer.from('ok\n'));
    for (let fed = 0; fed <= 2 * MAX_RECORD_BYTES; fed += chunk.length) check.push(chunk);
    expect((check as unknown as { pending: Buffer[] }).pending).toEqual([]);
    check.push(Buffer.concat([chunk, Buffer.from('\nok\n'), Buffer.from([0xff]), Buffer.from('\n')]));
    check.end();
    expect(check.badLines).toEqual([4]);
  });
});
