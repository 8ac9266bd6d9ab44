import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { formatDataError } from '@drawback/domain';
import { copyOfExample, dataSet, example } from '../../../../test/fixture-paths';
import { dataSnapshot } from '../../../../test/reset-data';
import { ingestTestContext } from '../../../../test/ingest-test-context';
import { IngestService } from './ingest.service';

const ENTRY_HEADER = 'entry_number,entry_type,importer_number,import_date,entry_date,port_code,line_number,hts,description,country_of_origin,entered_value,quantity,uom';
const entryRow = (line: number, value: string, date = '2026-05-10') =>
  `EX3-0000001-5,01,12-3456789AB,${date},${date},3901,${line},7208510030,steel plate,DE,${value},1000,KG`;

const EXPORT_HEADER = 'export_id,line_number,export_date,action,exporter,destination_country,hts,description,lot_id,heat_number,quantity,uom,value';

/** One exports.csv row (its header EXPORT_HEADER): defaults but for the fields given, each written as CSV text. */
function exportRow(line: number, fields: Partial<Record<'date' | 'country' | 'description' | 'lot' | 'quantity' | 'value', string>> = {}): string {
  const { date = '2026-06-15', country = 'DE', description = 'article', lot = 'L-100', quantity = '1000', value = '36000.00' } = fields;
  return `EXP-1,${line},${date},exported,Acme,${country},7326908688,${description},${lot},,${quantity},NO,${value}`;
}

/** Example ex1 with its exports.csv replaced by these rows under the full header, lines ended as given. */
function ex1WithExports(rows: string[], lineEnd = '\n'): string {
  const folder = copyOfExample('ex1-j1-section301-mpf');
  writeFileSync(join(folder, 'exports.csv'), [EXPORT_HEADER, ...rows].join(lineEnd) + lineEnd);
  return folder;
}

/**
 * Entry EX3-0000001-5 with `firstLine` as its line 1 and a plain line 2; duties on lines 1, 2 and 3 (there is no
 * line 3) and a receipt on line 1.
 */
function entryLinesReferredTo(firstLine: string): string {
  return dataSet({
    'entries.csv': [ENTRY_HEADER, firstLine, entryRow(2, '100000.00')],
    'duties.csv': ['entry_number,line_number,program,heading,amount', 'EX3-0000001-5,1,ordinary,,10.00', 'EX3-0000001-5,2,ordinary,,5.00',
      'EX3-0000001-5,3,ordinary,,5.00'],
    'lots.csv': ['entry_number,line_number,lot_id,quantity', 'EX3-0000001-5,1,L-1,10'],
  });
}

describe(IngestService.name, () => {
  const context = ingestTestContext();

  it('stores an accepted data set: entries, buckets, receipts, production, exports and evidence', async () => {
    const report = await context.service.ingest([example('ex3-a-heat-trace-11021')]);
    expect(report.errors).toEqual([]);
    expect(report.stored).toBe(true);
    expect(report.counts.entries).toEqual({ rows: 1, new: 1, unchanged: 0 });
    expect(report.counts.lots).toEqual({ rows: 4, new: 4, unchanged: 0 });
    const [line] = await context.dataSource.query(`SELECT hts, entered_value, quantity FROM entry_line`);
    expect(line).toEqual({ hts: '7208510030', entered_value: '200000.00', quantity: '100000.000000' });
    const outputs = await context.dataSource.query(`SELECT lot_id, hts FROM production_item WHERE role = 'output'`);
    expect(outputs).toEqual([{ lot_id: 'FG-1', hts: '8431499095' }]);
  });

  it('rejects a data set with bad rows in two files, names every bad row as file:line, and stores nothing', async () => {
    const folder = ex1WithExports([
      exportRow(1, { date: '2026-06-31' }),
      exportRow(2, { country: '' }),
      exportRow(3, { value: '3.6e4' }),
    ]);
    writeFileSync(join(folder, 'duties.csv'), [
      'entry_number,line_number,program,heading,metal,s232_annex,rate,basis,basis_value,amount',
      'EX1-0000001-0,1,s301,9903.88.03,,,25,full_value,30000.00,7500.00',
      'EX1-0000001-7,1,s232,9903.81.91,steel,,50,content_value,18000.00,9000.001',
      'EX1-0000001-7,,mpf,,,,,,,103.92',
      'EX1-0000001-7,1,tariff,9903.88.03,,,25,,,1.00',
      'EX1-0000001-7,2,s301,9903.88.03,,,25,,,1.00',
    ].join('\n'));

    const report = await context.service.ingest([folder]);

    expect(report.accepted).toBe(false);
    expect(report.errors.map((e) => `${e.file}:${e.line}: ${e.column}`)).toEqual([
      'duties.csv:2: entry_number',
      'duties.csv:3: amount',
      'duties.csv:5: program',
      'duties.csv:6: line_number',
      'exports.csv:2: export_date',
      'exports.csv:3: destination_country',
      'exports.csv:4: value',
    ]);
    expect(formatDataError(report.errors[0])).toBe('duties.csv:2: entry_number: "EX1-0000001-0" has check digit 0, expected 7');
    const stored = await dataSnapshot(context.dataSource);
    expect(Object.values(stored).every((rows) => rows.length === 0)).toBe(true);
    const [run] = await context.dataSource.query(`SELECT status, error_count FROM ingest_run`);
    expect(run).toEqual({ status: 'rejected', error_count: 7 });
  });

  it('names every error of a file with a CSV syntax error: the malformed record and every bad row before and after it', async () => {
    const folder = ex1WithExports([
      exportRow(1, { date: '2026-06-31' }),
      exportRow(2, { description: '"article\nin two lines"', value: '-1' }),
      exportRow(3, { description: 'bad "quote" here' }),
      exportRow(4, { country: 'XX' }),
    ]);

    const report = await context.service.ingest([folder]);

    expect(report.errors.map((e) => `${e.file}:${e.line}: ${e.column}`)).toEqual([
      'exports.csv:2: export_date', 'exports.csv:3: value', 'exports.csv:5: description', 'exports.csv:6: destination_country',
    ]);
    expect(report.errors[2].message).toBe('not readable as CSV: a quote inside a field that does not begin with one (quote the whole field and double the quote: "6"" plate")');
    expect(report.errors[2].message).not.toMatch(/at line/);
    expect(Object.values(await dataSnapshot(context.dataSource)).every((rows) => rows.length === 0)).toBe(true);
  });

  it('reads on after text that follows a closing quote (`"article" 2`): the rows after that record and their errors are named', async () => {
    const folder = ex1WithExports([
      exportRow(1, { description: '"article" 2' }),
      exportRow(2),
      exportRow(3, { country: 'XX' }),
      exportRow(4, { description: '"article\nin two lines"x' }),
      exportRow(5, { value: '-1' }),
    ]);

    const report = await context.service.ingest([folder]);

    expect(report.errors.map((e) => `${e.file}:${e.line}: ${e.column}`)).toEqual([
      'exports.csv:2: description', 'exports.csv:4: destination_country', 'exports.csv:5: description', 'exports.csv:7: value',
    ]);
    expect(report.errors[0].message).toBe('not readable as CSV: text after the closing quote of a quoted field (a quoted field ends at its closing quote, then a comma or the line\'s end)');
  });

  it('names a malformed entries record (a stray quote) once, not again at every duty and receipt of its entry', async () => {
    const folder = entryLinesReferredTo(entryRow(1, '200000.00').replace('steel plate', 'steel "plate" 6mm'));

    const report = await context.service.ingest([folder]);

    expect(report.errors.map((e) => `${e.file}:${e.line}: ${e.column}`)).toEqual(['duties.csv:4: line_number', 'entries.csv:2: description']);
    expect(report.errors[1].message).toMatch(/^not readable as CSV: a quote inside a field that does not begin with one/);
    expect(Object.values(await dataSnapshot(context.dataSource)).every((rows) => rows.length === 0)).toBe(true);
  });

  it('names an entries row of the wrong shape once, not again at every duty and receipt of its entry', async () => {
    // An unquoted comma in the description: 14 fields under a header of 13.
    const folder = entryLinesReferredTo(entryRow(1, '200000.00').replace('steel plate', 'steel plate, hot rolled'));

    const report = await context.service.ingest([folder]);

    expect(report.errors.map(formatDataError)).toEqual([
      'duties.csv:4: line_number: entry EX3-0000001-5 has no line 3',
      'entries.csv:2: -: has 14 fields, the header has 13',
    ]);
    expect(Object.values(await dataSnapshot(context.dataSource)).every((rows) => rows.length === 0)).toBe(true);
  });

  it('names every line that is not valid UTF-8, and the column whose bytes are not', async () => {
    const folder = copyOfExample('ex1-j1-section301-mpf');
    const row = (line: number, description: string) => `${exportRow(line, { description })}\n`;
    const bytes = Buffer.concat([
      Buffer.from(`${EXPORT_HEADER}\n`),
      Buffer.from(row(1, 'Stahlträger')),
      Buffer.from(row(2, 'articleX')),
      Buffer.from(row(3, 'Ø 20 mm')),
    ]);
    bytes[bytes.indexOf('articleX') + 7] = 0xff; // a byte that never occurs in UTF-8
    writeFileSync(join(folder, 'exports.csv'), bytes);

    const report = await context.service.ingest([folder]);

    expect(report.errors.map(formatDataError)).toEqual(['exports.csv:3: description: is not valid UTF-8 (data files are UTF-8)']);
  });

  it.each([['with its byte order mark', 'utf16le', true], ['big endian, with its mark', 'utf16be', true], ['without a mark', 'utf16le', false]] as const)(
    'names a UTF-16 file (%s) once as what it is, not as columns of NULs and bytes that are not UTF-8', async (_, encoding, marked) => {
      const folder = copyOfExample('ex1-j1-section301-mpf');
      const text = readFileSync(join(folder, 'entries.csv'), 'utf8');
      const little = Buffer.from(`${marked ? '\uFEFF' : ''}${text}`, 'utf16le');
      writeFileSync(join(folder, 'entries.csv'), encoding === 'utf16le' ? little : Buffer.from(little).swap16());

      const report = await context.service.ingest([folder]);

      expect(report.errors.filter((error) => error.file === 'entries.csv').map(formatDataError)).toEqual([
        'entries.csv:1: -: the file is UTF-16 (as Excel\'s "Unicode Text" saves it); data files are UTF-8: save it as "CSV UTF-8"',
      ]);
    });

  it('names a header with a stray quote once, reading no row by the line after it (not one unknown column per value)', async () => {
    const folder = copyOfExample('ex1-j1-section301-mpf');
    writeFileSync(join(folder, 'exports.csv'), `${EXPORT_HEADER.replace('action', 'act"ion')}\n${exportRow(1)}\n${exportRow(2)}\n`);

    const report = await context.service.ingest([folder]);

    expect(report.errors.map((e) => `${e.file}:${e.line}: ${e.column}`)).toEqual(['exports.csv:1: -']);
    expect(report.errors[0].message).toMatch(/^not readable as CSV: a quote inside a field that does not begin with one/);
  });

  it('names a NUL in a UTF-8 header as that column\'s name gone wrong, not as a UTF-16 file', async () => {
    const folder = copyOfExample('ex1-j1-section301-mpf');
    writeFileSync(join(folder, 'exports.csv'), `${EXPORT_HEADER.replace('exporter', 'exp\u0000orter')}\n${exportRow(1)}\n`);

    const report = await context.service.ingest([folder]);

    expect(report.errors.map((e) => `${e.file}:${e.line}: ${e.column}`)).toEqual(['exports.csv:1: exp\\u0000orter', 'exports.csv:1: exporter']);
  });

  it('names a bad UTF-8 byte inside a record of several lines at the line the record starts on, once', async () => {
    const folder = copyOfExample('ex1-j1-section301-mpf');
    const bytes = Buffer.concat([
      Buffer.from(`${EXPORT_HEADER}\n`),
      Buffer.from(`${exportRow(1, { description: '"steel\nbeamsX\nand badX plate"' })}\n`), // lines 2–4, bad bytes on 3 and 4
      Buffer.from(`${exportRow(2, { description: '"in two\nlines"' })}\n`), // lines 5–6
      Buffer.from(`${exportRow(3, { description: 'articleX' })}\n`), // line 7, bad
    ]);
    for (const marker of ['beamsX', 'badX', 'articleX']) bytes[bytes.indexOf(marker) + marker.length - 1] = 0xff;
    writeFileSync(join(folder, 'exports.csv'), bytes);

    const report = await context.service.ingest([folder]);

    expect(report.errors.map(formatDataError)).toEqual([
      'exports.csv:2: description: is not valid UTF-8 (data files are UTF-8)',
      'exports.csv:7: description: is not valid UTF-8 (data files are UTF-8)',
    ]);
  });

  it('names a record longer than 1 MiB once, as no data row, and reads the rest of the data set (the reader holds no more than that)', async () => {
    const folder = copyOfExample('ex1-j1-section301-mpf');
    // A line that never ends, as binary data or a file of CR-ended lines reads: 3 MiB of one unquoted field.
    writeFileSync(join(folder, 'exports.csv'), `${EXPORT_HEADER}\n${exportRow(1)}\n${'X'.repeat(3 << 20)}`);
    const report = await context.service.ingest([folder]);
    expect(report.errors.map(formatDataError)).toEqual([`exports.csv:3: -: not readable as CSV: a record longer than ${1 << 20} bytes is not a data row `
      + '(lines ended by a carriage return alone, or binary data, read as one record): lines end in LF or CRLF']);
  });

  it.each(['auto', 'staged'] as const)('names a record longer than 1 MiB at the line it starts on, and the errors of the rows after it (loader %s)', async (loader) => {
    const folder = copyOfExample('ex1-j1-section301-mpf');
    const half = 'X'.repeat(1 << 19);
    writeFileSync(join(folder, 'exports.csv'), [
      EXPORT_HEADER,
      exportRow(1),
      exportRow(2, { description: `"${half}\n${half}\n"` }), // lines 3–5: a quoted description over 1 MiB
      exportRow(3, { country: 'XX' }), // line 6
      exportRow(4, { value: '-1' }), // line 7
    ].join('\n'));
    const report = await context.service.ingest([folder], { loader });
    expect(report.errors.map((e) => `${e.file}:${e.line}: ${e.column}`)).toEqual([
      'exports.csv:3: -', 'exports.csv:6: destination_country', 'exports.csv:7: value',
    ]);
    expect(report.errors[0].message).toMatch(/^not readable as CSV: a record longer than 1048576 bytes is not a data row/);
    expect(Object.values(await dataSnapshot(context.dataSource)).every((rows) => rows.length === 0)).toBe(true);
  });

  it('names a header holding a line break once — a file whose lines end in CR alone — not each of its cells as an unknown column', async () => {
    const folder = copyOfExample('ex1-j1-section301-mpf');
    writeFileSync(join(folder, 'exports.csv'), `${EXPORT_HEADER}\r${exportRow(1)}\r${exportRow(2)}\r`);
    const report = await context.service.ingest([folder]);
    expect(report.errors.filter((e) => e.file === 'exports.csv').map(formatDataError)).toEqual([
      'exports.csv:1: -: the header holds a line break (lines ended by a carriage return alone read as one record): lines end in LF or CRLF']);
  });

  it('names the physical line of a bad row after quoted line breaks, CRLF line ends and blank lines', async () => {
    const folder = ex1WithExports([
      exportRow(1, { description: '"article\r\nin two lines"' }),
      '',
      exportRow(2, { date: '2026-06-31', description: '"one\rtwo\nthree"' }),
      exportRow(3, { value: '3.6e4' }),
    ], '\r\n');

    const report = await context.service.ingest([folder]);

    expect(report.errors.map((e) => `${e.file}:${e.line}: ${e.column}`)).toEqual(['exports.csv:5: export_date', 'exports.csv:8: value']);
  });
  it('reads a file whose lines end some in CRLF and some in LF, and names its bad rows by their lines; a line of spaces is blank', async () => {
    const mixed = (secondCountry: string) => {
      const folder = ex1WithExports([]);
      writeFileSync(join(folder, 'exports.csv'), [
        `${EXPORT_HEADER}\r\n`,
        `${exportRow(1, { description: '"article\r\nin two lines"', quantity: '500', value: '18000.00' })}\n`,
        `${exportRow(2, { country: secondCountry, quantity: '500', value: '18000.00' })}\r\n`,
        `${exportRow(3, { quantity: '500', value: '18000.00' })}\n`,
      ].join(''));
      return folder;
    };
    // A line of spaces is a blank line, not a row of one field.
    const spaced = mixed('GB');
    writeFileSync(join(spaced, 'lots.csv'), 'entry_number,line_number,lot_id,heat_number,quantity\n   \nEX1-0000001-7,1,L-100,,1000\n');
    expect((await context.service.ingest([spaced], { checkOnly: true })).errors).toEqual([]);
    const bad = await context.service.ingest([mixed('XY')], { checkOnly: true });
    expect(bad.errors.map((e) => `${e.file}:${e.line}: ${e.column}`)).toEqual(['exports.csv:4: destination_country']);
    const good = await context.service.ingest([mixed('GB')], { checkOnly: true });
    expect({ accepted: good.accepted, exports: good.counts.exports.rows }).toEqual({ accepted: true, exports: 3 });
  });

  it('names a malformed record by the line it starts on, after quoted CRLFs and when its error shows on a later line', async () => {
    const crlf = ex1WithExports([
      exportRow(1, { description: '"article\r\nin two lines"' }),
      exportRow(2, { description: 'val"ue' }),
      exportRow(3, { country: 'XX', description: '"in\r\nthree\r\nlines"' }),
      exportRow(4, { country: 'XY' }),
    ], '\r\n');
    const lf = ex1WithExports([
      exportRow(1),
      exportRow(2, { description: '"two\nlines"', lot: 'J"P"Q' }),
      exportRow(3, { description: 'x"y"z"w' }),
      exportRow(4, { description: 'q"r' }),
      exportRow(5, { country: 'XY' }),
    ]);

    const located = async (folder: string) => (await context.service.ingest([folder])).errors.map((e) => `${e.file}:${e.line}: ${e.column}`);

    expect(await located(crlf)).toEqual(['exports.csv:4: description', 'exports.csv:5: destination_country', 'exports.csv:8: destination_country']);
    // Several stray quotes in one record name it once; two malformed records in a row are each named.
    expect(await located(lf)).toEqual(['exports.csv:3: lot_id', 'exports.csv:5: description', 'exports.csv:6: description', 'exports.csv:7: destination_country']);
  });

  it('stores nothing again when the same folder is ingested twice, and says so', async () => {
    await context.service.ingest([example('ex3-a-heat-trace-11021')]);
    const before = await dataSnapshot(context.dataSource);
    const again = await context.service.ingest([example('ex3-a-heat-trace-11021')]);
    expect(again.accepted).toBe(true);
    expect(Object.values(again.counts).every((count) => count.new === 0)).toBe(true);
    expect(again.counts.duties).toEqual({ rows: 2, new: 0, unchanged: 2 });
    expect(await dataSnapshot(context.dataSource)).toEqual(before);
  });

  it('rejects a row whose natural key is stored with different values, naming both rows', async () => {
    await context.service.ingest([example('ex1-j1-section301-mpf')]);
    const folder = copyOfExample('ex1-j1-section301-mpf');
    writeFileSync(join(folder, 'lots.csv'), 'entry_number,line_number,lot_id,heat_number,quantity\nEX1-0000001-7,1,L-100,,900\n');
    const report = await context.service.ingest([join(folder, 'lots.csv')]);
    expect(report.errors.map(formatDataError)).toEqual([
      'lots.csv:2: quantity: entry_number, line_number, lot_id, heat_number already stored from lots.csv:2 with different values: quantity 900 here, 1000 stored',
    ]);
  });

  it('names a duty or receipt that refers to no entry or line though the row has another error', async () => {
    await context.service.ingest([example('ex1-j1-section301-mpf')]);
    const later = dataSet({
      'duties.csv': ['entry_number,line_number,program,heading,amount', 'EX2-0000001-6,1,ordinary,,1.001', 'EX1-0000001-7,9,ordinary,,-1'],
      'lots.csv': ['entry_number,line_number,lot_id,heat_number,quantity', 'EX1-0000001-7,9,L-9,,0'],
    });
    expect((await context.service.ingest([later])).errors.map((e) => `${e.file}:${e.line}: ${e.column}`)).toEqual([
      'duties.csv:2: amount', 'duties.csv:2: entry_number', 'duties.csv:3: amount', 'duties.csv:3: line_number',
      'lots.csv:2: line_number', 'lots.csv:2: quantity',
    ]);
  });

  it.each(['auto', 'staged'] as const)('refuses a duty heading in Chapter 98 or the non-chapter 00 (input-formats.md: Chapter 99 or Ch. 1–97), loader %s', async (loader) => {
    const folder = copyOfExample('ex1-j1-section301-mpf');
    writeFileSync(join(folder, 'duties.csv'), [
      'entry_number,line_number,program,heading,amount',
      'EX1-0000001-7,1,s301,0000.00.00,7500.00',
      'EX1-0000001-7,1,other,9802.00.80,1.00',
      'EX1-0000001-7,1,ordinary,7326.90.8688,2.00',
    ].join('\n'));
    const report = await context.service.ingest([folder], { loader });
    expect(report.errors.map((e) => `${e.file}:${e.line}: ${e.column}`)).toEqual([
      'duties.csv:2: heading', 'duties.csv:3: heading',
    ]);
    expect(report.stored).toBe(false);
    expect(Object.values(await dataSnapshot(context.dataSource)).every((rows) => rows.length === 0)).toBe(true);
  });

  it.each(['auto', 'staged'] as const)('names a header after blank lines by the physical line it is on, as its rows are (loader %s)', async (loader) => {
    const folder = copyOfExample('ex1-j1-section301-mpf');
    writeFileSync(join(folder, 'exports.csv'), `\n\n${EXPORT_HEADER},colour\n${exportRow(1, { value: '1.001' })},red\n`);
    const report = await context.service.ingest([folder], { loader });
    expect(report.errors.map((e) => `${e.file}:${e.line}: ${e.column}`)).toEqual(['exports.csv:3: colour', 'exports.csv:4: value']);
    expect(report.stored).toBe(false);
  });

  it('names the stored row, file and line, when an order is stored with another production date', async () => {
    const production = (date: string) => dataSet({
      'production.csv': ['production_order,production_date,role,lot_id,heat_number,quantity,uom,hts',
        `PO-1,${date},input,L-1,,1,KG,`, `PO-1,${date},output,FG-1,,1,NO,8431499095`],
    });
    expect((await context.service.ingest([production('2026-06-01')])).errors).toEqual([]);
    expect((await context.service.ingest([production('2026-06-02')])).errors.map(formatDataError)).toEqual([
      'production.csv:2: production_date: order PO-1 is stored (from production.csv:2) with production_date 2026-06-01, not 2026-06-02',
      'production.csv:3: production_date: order PO-1 is stored (from production.csv:3) with production_date 2026-06-01, not 2026-06-02',
    ]);
  });

  it('accepts duties and receipts for an entry stored by an earlier ingest, and refuses unknown entries', async () => {
    await context.service.ingest([example('ex1-j1-section301-mpf')]);
    const later = dataSet({
      'duties.csv': ['entry_number,line_number,program,heading,amount', 'EX1-0000001-7,1,ordinary,,12.00', 'EX2-0000001-6,1,ordinary,,1.00'],
    });
    const report = await context.service.ingest([later]);
    expect(report.errors.map((e) => `${e.file}:${e.line}: ${e.column}: ${e.message}`)).toEqual([
      'duties.csv:3: entry_number: entry EX2-0000001-6 is neither in entries.csv nor stored by an earlier ingest',
    ]);
  });

  it('judges a Section 232 line on all its buckets when an earlier ingest stored some of them (rules §3.3: split and stacking are per line)', async () => {
    const usmcaLine = (line: number) =>
      `EX3-0000001-5,01,12-3456789AB,2026-06-08,2026-06-08,3901,${line},7308909590,steel article,MX,200000.00,1000,NO,S,US`;
    const header = 'entry_number,line_number,program,heading,metal,s232_annex,rate,basis,basis_value,amount';
    const first = dataSet({
      'entries.csv': [`${ENTRY_HEADER},spi,melt_pour_country`, usmcaLine(1), usmcaLine(2)],
      'duties.csv': [header,
        'EX3-0000001-5,1,s232,9903.82.21,steel,I-A,0,full_value,80000.00,0.00',
        'EX3-0000001-5,2,s232,9903.82.02,steel,I-A,50,full_value,200000.00,100000.00'],
    });
    expect((await context.service.ingest([first])).errors).toEqual([]);
    const later = dataSet({
      'duties.csv': [header,
        'EX3-0000001-5,1,s232,9903.82.20,steel,I-A,25,full_value,120000.00,30000.00',
        'EX3-0000001-5,2,s232,9903.85.02,aluminum,I-A,50,full_value,200000.00,100000.00'],
    });
    const report = await context.service.ingest([later], { checkOnly: true });
    expect(report.errors).toEqual([]);
    // Line 1: the stored 9903.82.21 and the new 9903.82.20 add up to the entered value. Line 2: steel stored, aluminum new.
    expect(report.findings.map((f) => `${f.lineNumber} ${f.code}`)).toEqual(['2 S232_STACKED', '2 SMELT_CAST_MISSING']);
  });

  it('requires entry-level fields to agree on every line of an entry, and with the stored entry', async () => {
    const folder = dataSet({
      'entries.csv': [ENTRY_HEADER, entryRow(1, '100.00'), entryRow(2, '200.00', '2026-05-11')],
      'duties.csv': ['entry_number,line_number,program,heading,amount', 'EX3-0000001-5,,mpf,,100.00'],
    });
    const report = await context.service.ingest([folder]);
    expect(report.errors.map(formatDataError)).toEqual([
      'entries.csv:3: entry_date: entry EX3-0000001-5 has entry_date 2026-05-10 at entries.csv:2 but 2026-05-11 here; entry-level fields must agree on every line',
      'entries.csv:3: import_date: entry EX3-0000001-5 has import_date 2026-05-10 at entries.csv:2 but 2026-05-11 here; entry-level fields must agree on every line',
    ]);

    const first = dataSet({ 'entries.csv': [ENTRY_HEADER, entryRow(1, '100.00')], 'duties.csv': ['entry_number,line_number,program,heading,amount'] });
    expect((await context.service.ingest([first])).errors).toEqual([]);
    const later = dataSet({ 'entries.csv': [ENTRY_HEADER, entryRow(2, '200.00', '2026-05-11')], 'duties.csv': ['entry_number,line_number,program,heading,amount'] });
    expect((await context.service.ingest([later])).errors.map(formatDataError)).toEqual([
      'entries.csv:2: entry_date: entry EX3-0000001-5 is stored (from entries.csv:2) with entry_date 2026-05-10, not 2026-05-11',
      'entries.csv:2: import_date: entry EX3-0000001-5 is stored (from entries.csv:2) with import_date 2026-05-10, not 2026-05-11',
    ]);
  });

  it('names an entry-level conflict of a line that has another error in the same report, in the data set and with the stored entry', async () => {
    const badCountry = (row: string) => row.replace(',DE,', ',XX,');
    const folder = dataSet({
      'entries.csv': [ENTRY_HEADER, badCountry(entryRow(1, '100.00')), entryRow(2, '200.00', '2026-05-11')],
      'duties.csv': ['entry_number,line_number,program,heading,amount'],
    });
    expect((await context.service.ingest([folder])).errors.map(formatDataError)).toEqual([
      'entries.csv:2: country_of_origin: "XX" is not an ISO 3166-1 alpha-2 country code',
      'entries.csv:2: entry_date: entry EX3-0000001-5 has entry_date 2026-05-11 at entries.csv:3 but 2026-05-10 here; entry-level fields must agree on every line',
      'entries.csv:2: import_date: entry EX3-0000001-5 has import_date 2026-05-11 at entries.csv:3 but 2026-05-10 here; entry-level fields must agree on every line',
    ]);

    const first = dataSet({ 'entries.csv': [ENTRY_HEADER, entryRow(1, '100.00')], 'duties.csv': ['entry_number,line_number,program,heading,amount'] });
    expect((await context.service.ingest([first])).errors).toEqual([]);
    const later = dataSet({
      'entries.csv': [ENTRY_HEADER, badCountry(entryRow(2, '200.00', '2026-05-11'))],
      'duties.csv': ['entry_number,line_number,program,heading,amount'],
    });
    expect((await context.service.ingest([later])).errors.map(formatDataError)).toEqual([
      'entries.csv:2: country_of_origin: "XX" is not an ISO 3166-1 alpha-2 country code',
      'entries.csv:2: entry_date: entry EX3-0000001-5 is stored (from entries.csv:2) with entry_date 2026-05-10, not 2026-05-11',
      'entries.csv:2: import_date: entry EX3-0000001-5 is stored (from entries.csv:2) with import_date 2026-05-10, not 2026-05-11',
    ]);
  });

  it('names a natural key repeated in one file though one of its rows has another error', async () => {
    const folder = dataSet({
      'entries.csv': [ENTRY_HEADER, entryRow(1, '100.00').replace(',DE,', ',XX,'), entryRow(1, '100.00')],
      'duties.csv': ['entry_number,line_number,program,heading,amount'],
      'lots.csv': ['entry_number,line_number,lot_id,heat_number,quantity', 'EX3-0000001-5,1,L-1,H1,10', 'EX3-0000001-5,1,L-1,H1,1x'],
    });
    expect((await context.service.ingest([folder])).errors.map(formatDataError)).toEqual([
      'entries.csv:2: country_of_origin: "XX" is not an ISO 3166-1 alpha-2 country code',
      'entries.csv:3: line_number: same entry_number, line_number as entries.csv:2',
      'lots.csv:3: heat_number: same entry_number, line_number, lot_id, heat_number as lots.csv:2',
      'lots.csv:3: quantity: "1x" is not a quantity (digits, at most 6 decimals, no sign or exponent)',
    ]);
  });

  it('apportions an entry-level MPF to lines by relative entered value, share to 6 decimals, amount to cents', async () => {
    const folder = dataSet({
      'entries.csv': [ENTRY_HEADER, entryRow(1, '100.00'), entryRow(2, '200.00')],
      'duties.csv': ['entry_number,line_number,program,heading,amount', 'EX3-0000001-5,,mpf,,100.00'],
    });
    expect((await context.service.ingest([folder])).errors).toEqual([]);
    const shares = await context.dataSource.query(
      `SELECT el.line_number, s.share, s.amount FROM duty_bucket_share s JOIN entry_line el ON el.id = s.entry_line_id ORDER BY 1`);
    expect(shares).toEqual([
      { line_number: 1, share: '0.333333', amount: '33.33' },
      { line_number: 2, share: '0.666667', amount: '66.67' },
    ]);
  });

  it('rounds an MPF share half-up from the exact quotient, not from a division already rounded to 20 digits (rules §2)', async () => {
    // 499999514999.98 / 1000000029999.99 = 0.49999949999999999999500…, which PostgreSQL's division gives as
    // 0.49999950000000000000; rounding that again would make the share 0.500000.
    const folder = dataSet({
      'entries.csv': [ENTRY_HEADER, entryRow(1, '499999514999.98'), entryRow(2, '500000515000.01')],
      'duties.csv': ['entry_number,line_number,program,heading,amount', 'EX3-0000001-5,,mpf,,1000.00'],
    });
    expect((await context.service.ingest([folder])).errors).toEqual([]);
    const shares = await context.dataSource.query(
      `SELECT el.line_number, s.share, s.amount FROM duty_bucket_share s JOIN entry_line el ON el.id = s.entry_line_id ORDER BY 1`);
    expect(shares).toEqual([
      { line_number: 1, share: '0.499999', amount: '500.00' },
      { line_number: 2, share: '0.500001', amount: '500.00' },
    ]);
  });

  it('refuses receipts that add up to more than their import line', async () => {
    const folder = copyOfExample('ex3-a-heat-trace-11021');
    writeFileSync(join(folder, 'lots.csv'), 'entry_number,line_number,lot_id,heat_number,quantity\nEX3-0000001-5,1,L-PLATE,H1,60000\nEX3-0000001-5,1,L-PLATE,H2,40000.5\n');
    const report = await context.service.ingest([folder]);
    expect(report.errors.map((e) => `${e.file}:${e.line}: ${e.column}`)).toEqual(['lots.csv:2: quantity', 'lots.csv:3: quantity']);
  });

  it('names each receipt over its import line once, though entries.csv holds that line twice', async () => {
    const folder = dataSet({
      'entries.csv': [ENTRY_HEADER, entryRow(1, '100.00'), entryRow(1, '100.00')],
      'duties.csv': ['entry_number,line_number,program,heading,amount'],
      'lots.csv': ['entry_number,line_number,lot_id,quantity', 'EX3-0000001-5,1,L-1,600', 'EX3-0000001-5,1,L-2,600'],
    });
    expect((await context.service.ingest([folder])).errors.map((e) => `${e.file}:${e.line}: ${e.column}`)).toEqual([
      'entries.csv:3: line_number',
      'lots.csv:2: quantity',
      'lots.csv:3: quantity',
    ]);
  });

  it('names receipts over their import line in the same report as an error elsewhere in the line', async () => {
    const folder = dataSet({
      'entries.csv': [ENTRY_HEADER, entryRow(1, '100.00').replace(',DE,', ',XX,')],
      'duties.csv': ['entry_number,line_number,program,heading,amount', 'EX3-0000001-5,1,ordinary,,10.00'],
      'lots.csv': ['entry_number,line_number,lot_id,heat_number,quantity', 'EX3-0000001-5,1,L-1,H-1,800', 'EX3-0000001-5,1,L-2,H-1,800'],
    });
    expect((await context.service.ingest([folder])).errors.map((e) => `${e.file}:${e.line}: ${e.column}`)).toEqual([
      'entries.csv:2: country_of_origin',
      'lots.csv:2: quantity',
      'lots.csv:3: quantity',
    ]);
    // The second receipt's quantity could not be read: it is named for that alone, and the first is within the line.
    const unread = dataSet({
      'entries.csv': [ENTRY_HEADER, entryRow(1, '100.00').replace(',DE,', ',XX,')],
      'duties.csv': ['entry_number,line_number,program,heading,amount'],
      'lots.csv': ['entry_number,line_number,lot_id,heat_number,quantity', 'EX3-0000001-5,1,L-1,,800', 'EX3-0000001-5,1,L-2,,1200.1234567'],
    });
    expect((await context.service.ingest([unread])).errors.map(formatDataError)).toEqual([
      expect.stringMatching(/^entries.csv:2: country_of_origin: /),
      expect.stringMatching(/^lots.csv:3: quantity: "1200.1234567" /),
    ]);
  });

  it('names a production cycle in the same report as an error elsewhere in one of its rows', async () => {
    const folder = copyOfExample('ex3-a-heat-trace-11021');
    writeFileSync(join(folder, 'production.csv'), [
      'production_order,production_date,role,lot_id,heat_number,quantity,uom,hts',
      'PO-3,2026-06-03,input,A,,1,NO,',
      'PO-3,2026-06-03,output,B,,1x,NO,8431499095',
      'PO-4,2026-06-03,input,B,,1,NO,',
      'PO-4,2026-06-03,output,A,,1,NO,8431499095',
    ].join('\n'));
    const report = await context.service.ingest([folder]);
    expect(report.errors.map((e) => `${e.file}:${e.line}: ${e.column}`)).toEqual([
      'production.csv:2: lot_id',
      'production.csv:3: quantity',
      'production.csv:4: lot_id',
    ]);
  });

  it('names a row stored with other values in the same report as an error elsewhere in it, comparing the fields it could read', async () => {
    await context.service.ingest([example('ex1-j1-section301-mpf')]);
    const later = dataSet({
      'exports.csv': [EXPORT_HEADER, ...(await context.dataSource.query<{ row: string }[]>(
        `SELECT export_id || ',' || line_number || ',' || export_date || ',' || action || ',' || exporter || ',' || coalesce(destination_country, '') || ',' || hts
                || ',' || description || ',' || coalesce(lot_id, '') || ',' || coalesce(heat_number, '') || ',' || quantity || ',' || uom || ',' || value AS row
           FROM export_line ORDER BY export_id, line_number LIMIT 1`)).map(({ row }) => {
        const fields = row.split(',');
        fields[5] = 'XX'; // a country that is none: unreadable, so not compared
        fields[12] = '1.00'; // a value other than the stored one
        return fields.join(',');
      })],
    });
    const report = await context.service.ingest([later]);
    expect(report.errors.map(formatDataError)).toEqual([
      expect.stringMatching(/^exports.csv:2: destination_country: /),
      expect.stringMatching(/^exports.csv:2: value: export_id, line_number already stored from exports.csv:\d+ with different values: value 1.00 here, [\d.]+ stored$/),
    ]);
  });

  it('refuses an order with two outputs, an order with none, an order with no input, and a production cycle', async () => {
    const folder = copyOfExample('ex3-a-heat-trace-11021');
    writeFileSync(join(folder, 'production.csv'), [
      'production_order,production_date,role,lot_id,heat_number,quantity,uom,hts',
      'PO-1,2026-06-01,input,L-PLATE,H1,25000,KG,',
      'PO-1,2026-06-01,output,FG-1,,600,NO,8431499095',
      'PO-1,2026-06-01,output,FG-2,,600,NO,8431499095',
      'PO-2,2026-06-02,input,FG-1,,10,NO,',
      'PO-3,2026-06-03,input,A,,1,NO,',
      'PO-3,2026-06-03,output,B,,1,NO,8431499095',
      'PO-4,2026-06-03,input,B,,1,NO,',
      'PO-4,2026-06-03,output,A,,1,NO,8431499095',
      'PO-5,2026-06-04,output,C,,1,NO,8431499095',
    ].join('\n'));
    const report = await context.service.ingest([folder]);
    expect(report.errors.map((e) => `${e.file}:${e.line}: ${e.column}`)).toEqual([
      'production.csv:3: role',
      'production.csv:4: role',
      'production.csv:5: role',
      'production.csv:6: lot_id',
      'production.csv:8: lot_id',
      'production.csv:10: role',
    ]);
    expect(formatDataError(report.errors[5])).toBe('production.csv:10: role: order PO-5 has no input row; an order has one or more');
  });

  it('names the production rules an order breaks though some of its rows have another error', async () => {
    const folder = copyOfExample('ex3-a-heat-trace-11021');
    writeFileSync(join(folder, 'production.csv'), [
      'production_order,production_date,role,lot_id,heat_number,quantity,uom,hts',
      'PO-1,2026-06-01,input,L-PLATE,H1,25000,KG,',
      'PO-1,2026-06-01,output,FG-1,,600,NO,8431499095',
      'PO-1,2026-06-01,output,FG-2,,6x,NO,8431499095',
      'PO-2,2026-06-02,input,L-PLATE,H1,0,KG,',
      'PO-3,2026-06-09,input,L-PLATE,H1,1y,KG,',
      'PO-3,2026-06-01,output,FG-3,,1,NO,8431499095',
      'PO-4,2026-06-01,input,L-PLATE,H1,1,KG,',
      'PO-4,2026-06-01,Output,FG-4,,1,NO,8431499095',
    ].join('\n'));
    const report = await context.service.ingest([folder]);
    expect(report.errors.map((e) => `${e.file}:${e.line}: ${e.column}`)).toEqual([
      'production.csv:3: role',
      'production.csv:4: quantity',
      'production.csv:4: role',
      'production.csv:5: quantity',
      'production.csv:5: role',
      'production.csv:6: production_date',
      'production.csv:6: quantity',
      'production.csv:9: role',
    ]);
    expect(formatDataError(report.errors[7])).toMatch(/^production.csv:9: role: "Output" is not one of/);
    expect(formatDataError(report.errors[5])).toBe('production.csv:6: production_date: order PO-3 has production_date 2026-06-01 at production.csv:7 but 2026-06-09 here');
  });

  it('names a required column the header leaves out once, at the header, not again as blank on every row', async () => {
    const folder = dataSet({
      'entries.csv': [ENTRY_HEADER.replace(',entry_date', ''), ...[1, 2, 3].map((line) => entryRow(line, '1000.00').replace(',2026-05-10,3901', ',3901'))],
      'duties.csv': ['entry_number,line_number,program,heading,amount', 'EX3-0000001-5,1,ordinary,,10.00', 'EX3-0000001-5,4,ordinary,,10.00'],
    });
    const report = await context.service.ingest([folder]);
    expect(report.errors.map(formatDataError)).toEqual([
      'duties.csv:3: line_number: entry EX3-0000001-5 has no line 4',
      'entries.csv:1: entry_date: required column is missing',
    ]);
    expect(Object.values(await dataSnapshot(context.dataSource)).every((rows) => rows.length === 0)).toBe(true);
  });

  it('names unknown columns, missing required columns and misnamed CSV files', async () => {
    const folder = dataSet({
      'entries.csv': ['entry_number,entry_typ', 'EX3-0000001-5,01'],
      'duties.csv': ['entry_number,line_number,program,heading,amount'],
      'export.csv': ['export_id'],
    });
    const report = await context.service.ingest([folder]);
    const located = report.errors.map((e) => `${e.file}:${e.line}: ${e.column}`);
    expect(located).toEqual(expect.arrayContaining(['entries.csv:1: entry_typ', 'entries.csv:1: entry_type', 'export.csv:0: -']));
  });

  it('names each order on a production cycle with the lots of its own cycle, and not an order that only joins two cycles', async () => {
    const folder = copyOfExample('ex3-a-heat-trace-11021');
    const order = (id: string, input: string, output: string) =>
      [`${id},2026-06-01,input,${input},,1,NO,`, `${id},2026-06-01,output,${output},,1,NO,8431499095`];
    writeFileSync(join(folder, 'production.csv'), ['production_order,production_date,role,lot_id,heat_number,quantity,uom,hts',
      ...order('PO-1', 'X', 'Y'), ...order('PO-2', 'Y', 'X'), ...order('PO-3', 'P', 'Q'), ...order('PO-4', 'Q', 'P'), ...order('PO-5', 'Y', 'P'),
    ].join('\n'));
    const report = await context.service.ingest([folder]);
    expect(report.errors.map(formatDataError)).toEqual([
      'production.csv:2: lot_id: order PO-1 is part of a production cycle through lots X, Y',
      'production.csv:4: lot_id: order PO-2 is part of a production cycle through lots X, Y',
      'production.csv:6: lot_id: order PO-3 is part of a production cycle through lots P, Q',
      'production.csv:8: lot_id: order PO-4 is part of a production cycle through lots P, Q',
    ]);
  });

  it('accepts documents whose subject is not (yet) stored: the spec lets a folder hold evidence alone', async () => {
    const folder = dataSet({
      'evidence.csv': ['document_id,kind,subject,subject_id,reference',
        'MTC-9,mill_certificate,heat,H-LATER,dms://mtc-9', 'POE-1,export_proof,export_line,EXP-3/01,dms://poe-1'],
    });
    const report = await context.service.ingest([folder]);
    expect(report.errors).toEqual([]);
    expect(await context.dataSource.query(`SELECT subject, subject_id FROM evidence_document ORDER BY document_id`)).toEqual([
      { subject: 'heat', subject_id: 'H-LATER' }, { subject: 'export_line', subject_id: 'EXP-3/1' },
    ]);
  });

  it('gives exports, production and evidence to the data set\'s sole importer, or to the claimant it is brought for', async () => {
    await context.service.ingest([example('ex3-a-heat-trace-11021')]);
    expect(await context.dataSource.query(`SELECT claimant FROM export_line`)).toEqual([{ claimant: '12-3456789AB' }]);
    expect(await context.dataSource.query(`SELECT DISTINCT claimant FROM evidence_document`)).toEqual([{ claimant: '12-3456789AB' }]);
  });

  it('refuses, in a data set brought for a claimant, every entry of another importer', async () => {
    const report = await context.service.ingest([example('ex1-j1-section301-mpf')], { claimant: '99-0000000ZZ' });
    expect(report.errors.map((e) => `${e.file}:${e.line}: ${e.column}`)).toEqual(['entries.csv:2: importer_number']);
    expect(report.errors[0].message).toBe('importer 12-3456789AB is not the claimant 99-0000000ZZ this data set is brought for');
  });

  it('tells a data set brought for a claimant nothing of another importer\'s stored entries: they read as not stored', async () => {
    await context.service.ingest([example('ex1-j1-section301-mpf')]);
    const probe = dataSet({
      'duties.csv': ['entry_number,line_number,program,heading,metal,rate,basis,basis_value,amount',
        'EX1-0000001-7,1,s301,9903.88.03,,25,full_value,30000.00,1.00', 'ABC-1234567-6,1,other,9999.99.99,,,,,1.00',
        'EX1-0000001-7,1,s232,9903.81.92,steel,50,content_value,18000.00,1.00'],
      'lots.csv': ['entry_number,line_number,lot_id,heat_number,quantity', 'EX1-0000001-7,1,L-100,,999'],
    });
    const report = await context.service.ingest([probe], { claimant: '47-1234567AB' });
    expect(report.errors.map((e) => `${e.file}:${e.line}: ${e.column}: ${e.message}`)).toEqual([
      'duties.csv:2: entry_number: entry EX1-0000001-7 is neither in entries.csv nor stored by an earlier ingest',
      'duties.csv:3: entry_number: entry ABC-1234567-6 is neither in entries.csv nor stored by an earlier ingest',
      'duties.csv:4: entry_number: entry EX1-0000001-7 is neither in entries.csv nor stored by an earlier ingest',
      'lots.csv:2: entry_number: entry EX1-0000001-7 is neither in entries.csv nor stored by an earlier ingest',
    ]);
    expect(report.findings).toEqual([]);
  });

  it('names an export line, production order or document stored for another claimant as taken, telling nothing of it and adding nothing to it', async () => {
    await context.service.ingest([example('ex3-a-heat-trace-11021')], { claimant: '12-3456789AB' });
    const before = await dataSnapshot(context.dataSource);
    const probe = dataSet({
      'exports.csv': ['export_id,line_number,export_date,action,exporter,destination_country,hts,description,lot_id,heat_number,quantity,uom,value',
        'EXP-3,1,2026-10-15,exported,Acme Fabrication LLC,GB,8431499095,exported article,FG-1,,999,NO,1.00',
        'EXP-3,1,2026-10-15,exported,Acme Fabrication LLC,GB,8431499095,exported article,FG-1,,600,NO,450000.00'],
      'production.csv': ['production_order,production_date,role,lot_id,heat_number,quantity,uom,hts',
        'PO-1,2026-06-02,input,L-OTHER,,5,KG,', 'PO-9,2026-06-02,input,L-OTHER,,5,KG,', 'PO-9,2026-06-02,output,FG-9,,1,NO,8431499095'],
      'evidence.csv': ['document_id,kind,subject,subject_id,reference,sha256', 'MTC-H1,mill_certificate,heat,H1,elsewhere.pdf,'],
    });

    const report = await context.service.ingest([probe], { claimant: '47-1234567AB' });

    expect(report.errors.map(formatDataError)).toEqual([
      'evidence.csv:2: document_id: document MTC-H1 on heat H1 cannot be stored for claimant 47-1234567AB: it is taken',
      'exports.csv:2: export_id: export EXP-3 line 1 cannot be stored for claimant 47-1234567AB: the export id and line number are taken',
      'exports.csv:3: export_id: export EXP-3 line 1 cannot be stored for claimant 47-1234567AB: the export id and line number are taken',
      'production.csv:2: production_order: order PO-1 cannot be stored for claimant 47-1234567AB: the order id is taken',
    ]);
    expect(await dataSnapshot(context.dataSource)).toEqual(before);
    // The owner brings the same rows as any re-ingest: nothing is taken from itself.
    const again = await context.service.ingest([example('ex3-a-heat-trace-11021')], { claimant: '12-3456789AB' });
    expect(again.errors).toEqual([]);
  });

  it('names a production cycle through another claimant\'s stored orders by the lots of the data set\'s own rows only', async () => {
    await context.service.ingest([example('ex3-a-heat-trace-11021')], { claimant: '12-3456789AB' });
    // Stored for 12-3456789AB: PO-1 makes FG-1 of L-PLATE, and PO-2 makes FG-2 of FG-1.
    const laterOrder = dataSet({
      'production.csv': ['production_order,production_date,role,lot_id,heat_number,quantity,uom,hts',
        'PO-2,2026-06-02,input,FG-1,,5,NO,', 'PO-2,2026-06-02,output,FG-2,,5,NO,8431499095'],
    });
    expect((await context.service.ingest([laterOrder], { claimant: '12-3456789AB' })).errors).toEqual([]);
    // Another claimant's order makes L-PLATE of FG-2: a cycle through FG-1, a lot its rows do not name.
    const probe = dataSet({
      'production.csv': ['production_order,production_date,role,lot_id,heat_number,quantity,uom,hts',
        'PA-1,2026-06-03,input,FG-2,,5,NO,', 'PA-1,2026-06-03,output,L-PLATE,,5,KG,7208510030'],
    });
    const report = await context.service.ingest([probe], { claimant: '47-1234567AB' });
    expect(report.errors.map(formatDataError)).toEqual([
      'production.csv:2: lot_id: order PA-1 is part of a production cycle through lots FG-2, L-PLATE',
    ]);
    // Without a claimant (the command line, an unrestricted key) the whole cycle is named.
    const unrestricted = await context.service.ingest([probe]);
    expect(unrestricted.errors.map(formatDataError)).toEqual([
      'production.csv:2: lot_id: order PA-1 is part of a production cycle through lots FG-1, FG-2, L-PLATE',
    ]);
  });
});
