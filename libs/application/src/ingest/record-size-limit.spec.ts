import { MAX_RECORD_BYTES } from './quick-csv';
import { RecordSizeLimit } from './record-size-limit';

/** The bytes a RecordSizeLimit passes on for this text fed in chunks of `size` bytes, and the records it took out. */
function limited(text: string | Buffer, size: number) {
  const bytes = typeof text === 'string' ? Buffer.from(text, 'utf8') : text;
  const limit = new RecordSizeLimit();
  const out: Buffer[] = [];
  for (let at = 0; at < bytes.length; at += size) out.push(...limit.push(bytes.subarray(at, at + size)));
  out.push(...limit.end());
  return { text: Buffer.concat(out).toString('utf8'), oversized: limit.oversized };
}

const CHUNK_SIZES = [1, 2, 3, 7, 64 * 1024];
const LONG_CHUNK_SIZES = [4096, 64 * 1024 + 7, MAX_RECORD_BYTES - 1, MAX_RECORD_BYTES + 3];
const X = 'X'.repeat(MAX_RECORD_BYTES);

describe(RecordSizeLimit.name, () => {
  it.each([
    'a,b,c\n1,2,3\n', 'a,b\n1,2', 'a,b\r\n1,2\r\n', '\ufeff"a",b\n1,2\n', 'a,b\n"x, y",2\n', 'a,b\n"say ""hi""",2\n"""""",3\n',
    'a,b\n"line1\nline2",2\n3,4\n', 'a,b\r\n"l1\r\nl2",2\r\n', 'a,b\n1,2\n\n3,4\n', 'a,b\nbad "quote" here,2\n', 'a,b\n"L1" 2,3\n4,5\n',
    'a,b\n"never closed\n1,2\n', 'a,b\r3,4\r', '',
  ])('passes every record within the limit on as it is, however the file is split: %j', (text) => {
    for (const size of CHUNK_SIZES) expect(limited(text, size)).toEqual({ text, oversized: [] });
  });

  it.each([
    ['unquoted', `a,b\nX${X}\nc,d\n`, 'a,b\n\nc,d\n', { line: 2, lastLine: 2 }],
    ['unquoted, CRLF', `a,b\r\nX${X}\r\nc,d\r\n`, 'a,b\r\n\r\nc,d\r\n', { line: 2, lastLine: 2 }],
    ['quoted over several lines', `a,b\n1,"${X.slice(2)}\n"\nc,d\n`, 'a,b\n\n\nc,d\n', { line: 2, lastLine: 3 }],
    ['with a quote inside an unquoted field (no quoted field)', `a,b\nx"y,${X}\nc,d\n`, 'a,b\n\nc,d\n', { line: 2, lastLine: 2 }],
    ['with text after a closing quote', `a,b\n"q" ${X}\nc,d\n`, 'a,b\n\nc,d\n', { line: 2, lastLine: 2 }],
    ['last, without a line end', `a,b\n"${X}\nY"`, 'a,b\n\n', { line: 2, lastLine: 3 }],
    ['the header', `${X}X\nc,d\n`, '\nc,d\n', { line: 1, lastLine: 1 }],
  ])('puts empty lines in place of a record one byte or more over the limit, and names its lines: %s', (_name, text, expected, record) => {
    for (const size of LONG_CHUNK_SIZES) expect(limited(text, size)).toEqual({ text: expected, oversized: [record] });
  });

  it('passes on a record of exactly the limit, its CRLF not counted, wherever a chunk ends (between CR and LF too)', () => {
    const text = `a,b\r\n${X}\r\nc,d\r\n`;
    for (const size of [...LONG_CHUNK_SIZES, 5 + MAX_RECORD_BYTES + 1, 5 + MAX_RECORD_BYTES]) expect(limited(text, size)).toEqual({ text, oversized: [] });
    const quoted = `a,b\n"${X.slice(2)}"\nc,d\n`;
    for (const size of LONG_CHUNK_SIZES) expect(limited(quoted, size)).toEqual({ text: quoted, oversized: [] });
  });

  it('reads doubled quotes and line breaks inside a quoted field as the field\'s, wherever a chunk splits them', () => {
    const breaks = MAX_RECORD_BYTES / 4;
    const text = `a,b\n"${'q""\n'.repeat(breaks)}"\nc,d\n`;
    for (const size of [3, 7]) {
      expect(limited(text, size)).toEqual({ text: `a,b\n${'\n'.repeat(breaks + 1)}c,d\n`, oversized: [{ line: 2, lastLine: 2 + breaks }] });
    }
  });

  it('names each record over the limit by its own lines, and counts lines inside quoted fields', () => {
    const text = `a,b\n"1\n2",3\n${X}X\n"4\n5",6\n"${X}\n\n"\n7,8`;
    expect(limited(text, 64 * 1024)).toEqual({
      text: 'a,b\n"1\n2",3\n\n"4\n5",6\n\n\n\n7,8',
      oversized: [{ line: 4, lastLine: 4 }, { line: 7, lastLine: 9 }],
    });
  });
});
