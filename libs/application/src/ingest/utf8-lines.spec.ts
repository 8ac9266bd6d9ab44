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
});
