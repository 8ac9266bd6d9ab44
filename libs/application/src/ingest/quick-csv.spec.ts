import { parse } from 'csv-parse/sync';
import { CsvRecord, MAX_RECORD_BYTES, NotQuicklyReadable, QuickCsvReader } from './quick-csv';

/**
 * csv-parse's records, each with the physical line it starts on: one line per record plus the line
 * breaks inside its quoted fields (csv-parse's own `info.lines` counts a quoted CRLF twice).
 */
function csvParseRecords(text: string): CsvRecord[] {
  const parsed = parse(text, { bom: true, relax_column_count: true }) as string[][];
  let line = 1;
  return parsed.map((fields) => {
    const record = { fields, line };
    line += 1 + fields.reduce((breaks, field) => breaks + (field.match(/\r\n|\n|\r/g)?.length ?? 0), 0);
    return record;
  });
}

/** The quick reader fed the text in chunks of `size` bytes. */
function quickRecords(text: string, size: number): CsvRecord[] {
  const bytes = Buffer.from(text, 'utf8');
  const reader = new QuickCsvReader();
  const records: CsvRecord[] = [];
  for (let at = 0; at < bytes.length || at === 0; at += size) {
    records.push(...reader.take(bytes.subarray(at, at + size), at + size >= bytes.length));
    if (bytes.length === 0) break;
  }
  return records;
}

const CHUNK_SIZES = [1, 2, 3, 7, 64 * 1024];

const READ_QUICKLY: Record<string, string> = {
  'plain lines ended by LF': 'a,b,c\n1,2,3\n4,5,6\n',
  'no line break after the last line': 'a,b\n1,2',
  'lines ended by CRLF': 'a,b\r\n1,2\r\n3,4\r\n',
  'a UTF-8 BOM': '\ufeffa,b\n1,2\n',
  'a quoted comma': 'a,b\n"x, y",2\n',
  'doubled quotes': 'a,b\n"say ""hi""",2\n"""""",3\n',
  'a quoted LF': 'a,b\n"line1\nline2",2\n3,4\n',
  'a quoted CRLF in a CRLF file': 'a,b\r\n"l1\r\nl2\r\nl3",2\r\n3,4\r\n',
  'blank lines': 'a,b\n\n1,2\n\n\n3,4\n',
  'an empty quoted field': 'a,b\n"",2\n1,""\n',
  'multi-byte characters, quoted and not': 'a,b\nÄrger,€\n"ü,ß",2\n',
  'spaces around fields': 'a,b\n x , y \n',
  'a quoted last field without a line break': 'a,b\n1,"2"',
  'a quoted record ended by CRLF': 'a\r\n"x"\r\n"y"\r\n',
  'a line of spaces': 'a,b\n   \n1,2\n',
  'trailing commas': 'a,b,c\n1,,\n,,\n',
};

const LEFT_TO_CSV_PARSE: Record<string, string> = {
  'a quote inside an unquoted field': 'a,b\n1,2"3\n',
  'text after a closing quote': 'a,b\n"1"x,2\n',
  'a quote not closed': 'a,b\n"1,2\n3,4\n',
  'CRLF and LF mixed': 'a,b\r\n1,2\n',
  'lines ended by CR alone': 'a,b\r1,2\r',
  'a lone CR inside a quoted field': 'a,b\n"x\ry",2\n',
  'a space before an opening quote': 'a,b\n "x",2\n',
};

describe(QuickCsvReader.name, () => {
  describe.each(Object.entries(READ_QUICKLY))('reads records and their lines as csv-parse does: %s', (_name, text) => {
    it.each(CHUNK_SIZES)('fed in chunks of %i bytes', (size) => {
      expect(quickRecords(text, size)).toEqual(csvParseRecords(text));
    });
  });

  describe.each(Object.entries(LEFT_TO_CSV_PARSE))('leaves to csv-parse a file with %s', (_name, text) => {
    it.each(CHUNK_SIZES)('fed in chunks of %i bytes', (size) => {
      expect(() => quickRecords(text, size)).toThrow(NotQuicklyReadable);
    });
  });

  it.each([['unquoted', 'X'], ['quoted', '"X']])('leaves to csv-parse an %s record longer than MAX_RECORD_BYTES, holding no more than that of it', (_kind, start) => {
    const reader = new QuickCsvReader();
    const chunk = Buffer.alloc(64 * 1024, 'x');
    expect([...reader.take(Buffer.from(`a,b\n${start}`), false)]).toEqual([{ fields: ['a', 'b'], line: 1 }]);
    let fed = 0;
    expect(() => {
      for (; fed <= 2 * MAX_RECORD_BYTES; fed += chunk.length) [...reader.take(chunk, false)];
    }).toThrow(new NotQuicklyReadable(`a record longer than ${MAX_RECORD_BYTES} bytes on line 2`));
    expect(fed).toBeLessThanOrEqual(MAX_RECORD_BYTES + chunk.length);
  });

  it('reads an empty file as no records', () => {
    expect([...new QuickCsvReader().take(Buffer.alloc(0), true)]).toEqual([]);
  });
});
