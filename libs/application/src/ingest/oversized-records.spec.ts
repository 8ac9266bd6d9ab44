import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compareDataErrors, FILE_SPECS, FileSpec, formatDataError } from '@drawback/domain';
import { MAX_RECORD_BYTES } from './quick-csv';
import { readDataFile, RowSink } from './stage-file';

const DROP_ROWS: RowSink = { write: () => undefined, end: async () => undefined, abort: async () => undefined };

/** One data file of this kind with these bytes, read by the quick or the diagnostic (csv-parse) reader. */
async function errorsOf(spec: FileSpec, bytes: Buffer, reader: 'quick' | 'diagnostic'): Promise<string[]> {
  const path = join(mkdtempSync(join(tmpdir(), 'drawback-oversized-')), spec.fileName);
  writeFileSync(path, bytes);
  const { result } = await readDataFile({ spec, path, size: bytes.length }, DROP_ROWS, () => undefined, reader);
  // In the order of the report (the ingest sorts every file's errors so).
  return [...result.errors].sort(compareDataErrors).map(formatDataError);
}

const OVERSIZED = `not readable as CSV: a record longer than ${MAX_RECORD_BYTES} bytes is not a data row (lines ended by a carriage return `
  + 'alone, or binary data, read as one record): lines end in LF or CRLF';

describe('a record longer than MAX_RECORD_BYTES', () => {
  const kinds = FILE_SPECS.map((spec) => [spec.fileName, spec] as const);
  const readers = ['quick', 'diagnostic'] as const;

  it.each(kinds.flatMap(([name, spec]) => readers.map((reader) => [name, reader, spec] as const)))(
    'is one error at the line it starts on, and the rows after it are read and their errors named: %s, %s reader',
    async (name, reader, spec) => {
      const header = spec.columns.map((c) => c.name).join(',');
      const half = 'B'.repeat(MAX_RECORD_BYTES / 2);
      const bytes = Buffer.concat([
        Buffer.from(`${header}\n`),
        Buffer.from('x,y\n'), // 2
        Buffer.from(`${'A'.repeat(MAX_RECORD_BYTES + 1)}\n`), // 3: one byte over
        Buffer.from('x,y\n'), // 4
        Buffer.from(`"${half}\n${half}\nC"\n`), // 5–7: quoted, over by its line breaks and quotes; a bad UTF-8 byte on 6
        Buffer.from('x,y\n'), // 8
        Buffer.from(`x,${'y'.repeat(MAX_RECORD_BYTES - 2)}\n`), // 9: exactly the limit, a record
        Buffer.from('x,y\n'), // 10
      ]);
      bytes[bytes.indexOf(`\n${half}\nC"`) + 10] = 0xff;
      const shape = `-: has 2 fields, the header has ${spec.columns.length}`;
      expect(await errorsOf(spec, bytes, reader)).toEqual([
        `${name}:2: ${shape}`,
        `${name}:3: -: ${OVERSIZED}`,
        `${name}:4: ${shape}`,
        `${name}:5: -: ${OVERSIZED}`,
        `${name}:8: ${shape}`,
        `${name}:9: ${shape}`,
        `${name}:10: ${shape}`,
      ]);
    });

  it.each(readers)('is judged the same wherever it falls in the chunks the file is read in (%s reader)', async (reader) => {
    const spec = FILE_SPECS.find((s) => s.kind === 'lots')!;
    const header = 'entry_number,line_number,lot_id,heat_number,quantity\n';
    // The records of 1 MiB + 1 start at every offset of the first read of the file (1 MiB) by their padding.
    for (const padding of [0, 1, 1000, MAX_RECORD_BYTES / 2, MAX_RECORD_BYTES - header.length - 3]) {
      const bytes = Buffer.from(`${header}${'p'.repeat(padding)},y\n${'A'.repeat(MAX_RECORD_BYTES + 1)}\nx,y\n`);
      expect(await errorsOf(spec, bytes, reader)).toEqual([
        'lots.csv:2: -: has 2 fields, the header has 5',
        `lots.csv:3: -: ${OVERSIZED}`,
        'lots.csv:4: -: has 2 fields, the header has 5',
      ]);
    }
  });

  it.each(readers)('as the header, is the one error of its file (%s reader)', async (reader) => {
    const spec = FILE_SPECS.find((s) => s.kind === 'lots')!;
    const bytes = Buffer.from(`${'h'.repeat(MAX_RECORD_BYTES + 1)}\nx,y\nx,y\n`);
    expect(await errorsOf(spec, bytes, reader)).toEqual([`lots.csv:1: -: ${OVERSIZED}`]);
  });
});
