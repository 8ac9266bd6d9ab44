import { formatDataError } from '@drawback/domain';
import { dataSet } from '../../../../test/fixture-paths';
import { ingestTestContext } from '../../../../test/ingest-test-context';

/**
 * The checks that join rows (duplicates, stored conflicts, receipts against their line, references to entry
 * lines) on rows that have an error elsewhere: input-formats.md wants every error of every file in one report,
 * so such a row takes part by the fields it could read — a blank field (where blank is allowed) is read.
 */
const ENTRY_HEADER = 'entry_number,entry_type,importer_number,import_date,entry_date,port_code,line_number,hts,description,country_of_origin,entered_value,quantity,uom';
const entryRow = (line: number | string, quantity = '1000') =>
  `EX3-0000001-5,01,12-3456789AB,2026-05-10,2026-05-10,3901,${line},7208510030,steel plate,DE,100.00,${quantity},KG`;
const DUTY_HEADER = 'entry_number,line_number,program,heading,metal,s232_annex,rate,basis,basis_value,amount';
const LOT_HEADER = 'entry_number,line_number,lot_id,heat_number,quantity';
const PRODUCTION_HEADER = 'production_order,production_date,role,lot_id,heat_number,quantity,uom,hts';

describe('staging checks of rows with an error elsewhere', () => {
  const context = ingestTestContext();

  it('names a natural key repeated in one file when a key field is blank (where blank is allowed) and the repeat has another error', async () => {
    const folder = dataSet({
      'entries.csv': [ENTRY_HEADER, entryRow(1)],
      'duties.csv': [DUTY_HEADER,
        'EX3-0000001-5,1,ordinary,,,,,,,10.00',
        'EX3-0000001-5,1,ordinary,,,,,,,1.001', // heading blank (allowed for ordinary), amount unreadable
        'EX3-0000001-5,,mpf,,,,,,,20.00',
        'EX3-0000001-5,,mpf,,,,x,,,20.00'], // line_number blank (allowed for an entry-level mpf), rate unreadable
      'lots.csv': [LOT_HEADER, 'EX3-0000001-5,1,L-1,,10', 'EX3-0000001-5,1,L-1,,1x'], // heat_number blank
      'production.csv': [PRODUCTION_HEADER,
        'PO-1,2026-06-01,input,L-1,,1,KG,',
        'PO-1,2026-06-31,input,L-1,,1,KG,', // heat_number blank, production_date unreadable
        'PO-1,2026-06-01,output,FG-1,,1,NO,8431499095'],
    });

    const report = await context.service.ingest([folder]);

    expect(report.errors.map((e) => `${e.file}:${e.line}: ${e.column}: ${e.message.startsWith('same ') ? e.message : '…'}`)).toEqual([
      'duties.csv:3: amount: …',
      'duties.csv:3: heading: same entry_number, line_number, program, heading as duties.csv:2',
      'duties.csv:5: heading: same entry_number, line_number, program, heading as duties.csv:4',
      'duties.csv:5: rate: …',
      'lots.csv:3: heat_number: same entry_number, line_number, lot_id, heat_number as lots.csv:2',
      'lots.csv:3: quantity: …',
      'production.csv:3: heat_number: same production_order, role, lot_id, heat_number as production.csv:2',
      'production.csv:3: production_date: …',
    ]);
  });

  it('does not name rows as repeats by a key field that could not be read (it is named already, and may differ)', async () => {
    const folder = dataSet({
      'entries.csv': [ENTRY_HEADER, entryRow(1)],
      'duties.csv': [DUTY_HEADER,
        'EX3-0000001-5,0,ordinary,,,,,,,10.00', // line_number unreadable
        'EX3-0000001-5,0,ordinary,,,,,,,10.00',
        'EX3-0000001-5,1,s232,,steel,,,,,10.00', // heading required for s232: blank here is no reading
        'EX3-0000001-5,1,s232,,steel,,,,,10.00'],
    });

    const report = await context.service.ingest([folder]);

    expect(report.errors.map((e) => `${e.file}:${e.line}: ${e.column}`)).toEqual([
      'duties.csv:2: line_number', 'duties.csv:3: line_number', 'duties.csv:4: heading', 'duties.csv:5: heading',
    ]);
  });

  it('names a row stored with other values when a key field is blank and the row has another error, comparing a blank field it read', async () => {
    const first = dataSet({
      'entries.csv': [ENTRY_HEADER, entryRow(1)],
      'duties.csv': [DUTY_HEADER,
        'EX3-0000001-5,1,s301,9903.88.03,,,25,,,25.00',
        'EX3-0000001-5,1,ordinary,,,,,,,10.00',
        'EX3-0000001-5,,mpf,,,,,,,20.00'],
      'production.csv': [PRODUCTION_HEADER, 'PO-1,2026-06-01,input,L-1,,10,KG,', 'PO-1,2026-06-01,output,FG-1,,1,NO,8431499095'],
    });
    expect((await context.service.ingest([first])).errors).toEqual([]);
    const later = dataSet({
      'duties.csv': [DUTY_HEADER,
        'EX3-0000001-5,1,s301,9903.88.03,,,,,,x', // rate blank (read: 25 stored), amount unreadable (not compared)
        'EX3-0000001-5,1,ordinary,,,,2.5,,,1.001', // heading blank, amount unreadable
        'EX3-0000001-5,,mpf,,,,x,,,25.00'], // line_number blank, rate unreadable
      'production.csv': [PRODUCTION_HEADER, 'PO-1,2026-06-31,input,L-1,,12,KG,'], // heat_number blank, production_date unreadable
    });

    const report = await context.service.ingest([later]);

    expect(report.errors.map(formatDataError)).toEqual([
      'duties.csv:2: amount: "x" is not a USD amount (digits, at most 2 decimals, no exponent)',
      'duties.csv:2: rate: entry_number, line_number, program, heading already stored from duties.csv:2 with different values: rate (blank) here, 25 stored',
      expect.stringMatching(/^duties.csv:3: amount: /),
      'duties.csv:3: rate: entry_number, line_number, program, heading already stored from duties.csv:3 with different values: rate 2.5 here, (blank) stored',
      'duties.csv:4: amount: entry_number, line_number, program, heading already stored from duties.csv:4 with different values: amount 25.00 here, 20.00 stored',
      expect.stringMatching(/^duties.csv:4: rate: /),
      expect.stringMatching(/^production.csv:2: production_date: /),
      'production.csv:2: quantity: production_order, role, lot_id, heat_number already stored from production.csv:2 with different values: quantity 12 here, 10 stored',
    ]);
  });

  it('checks receipts against the stored quantity of their line when the data set repeats the line with a quantity that could not be read', async () => {
    const first = dataSet({
      'entries.csv': [ENTRY_HEADER, entryRow(1, '1000')],
      'duties.csv': [DUTY_HEADER],
      'lots.csv': [LOT_HEADER, 'EX3-0000001-5,1,L-1,,600'],
    });
    expect((await context.service.ingest([first])).errors).toEqual([]);
    const later = dataSet({
      // Line 1 is stored with quantity 1000; line 2 is not stored, and its quantity is known nowhere.
      'entries.csv': [ENTRY_HEADER, entryRow(1, '1x'), entryRow(2, '1x')],
      'duties.csv': [DUTY_HEADER],
      'lots.csv': [LOT_HEADER, 'EX3-0000001-5,1,L-2,,500', 'EX3-0000001-5,2,L-3,,5000'],
    });

    const report = await context.service.ingest([later]);

    expect(report.errors.map(formatDataError)).toEqual([
      expect.stringMatching(/^entries.csv:2: quantity: "1x" /),
      expect.stringMatching(/^entries.csv:3: quantity: "1x" /),
      'lots.csv:2: quantity: receipts of entry EX3-0000001-5 line 1 add up to 1100, more than the line\'s quantity 1000',
    ]);
  });

  it('does not name a duty or receipt on a line the entry may have in a line whose number could not be read, and names one of another entry', async () => {
    const otherEntryRow = (line: number) => entryRow(line).replace('EX3-0000001-5', 'EX1-0000001-7');
    const folder = dataSet({
      'entries.csv': [ENTRY_HEADER, entryRow(1), entryRow('x'), otherEntryRow(1)],
      'duties.csv': [DUTY_HEADER, 'EX3-0000001-5,2,ordinary,,,,,,,10.00', 'EX1-0000001-7,2,ordinary,,,,,,,10.00'],
      'lots.csv': [LOT_HEADER, 'EX3-0000001-5,2,L-1,,10', 'EX1-0000001-7,2,L-2,,10'],
    });

    const report = await context.service.ingest([folder]);

    expect(report.errors.map(formatDataError)).toEqual([
      'duties.csv:3: line_number: entry EX1-0000001-7 has no line 2',
      expect.stringMatching(/^entries.csv:3: line_number: "x" /),
      'lots.csv:3: line_number: entry EX1-0000001-7 has no line 2',
    ]);
  });

  it('counts a receipt repeated in lots.csv once in its line\'s receipts (the repeat is named as such)', async () => {
    const within = dataSet({
      'entries.csv': [ENTRY_HEADER, entryRow(1, '1000')],
      'duties.csv': [DUTY_HEADER],
      'lots.csv': [LOT_HEADER, 'EX3-0000001-5,1,L-1,,600', 'EX3-0000001-5,1,L-1,,600', 'EX3-0000001-5,1,L-2,,300'],
    });
    expect((await context.service.ingest([within])).errors.map(formatDataError)).toEqual([
      'lots.csv:3: heat_number: same entry_number, line_number, lot_id, heat_number as lots.csv:2',
    ]);

    const over = dataSet({
      'entries.csv': [ENTRY_HEADER, entryRow(1, '1000')],
      'duties.csv': [DUTY_HEADER],
      'lots.csv': [LOT_HEADER, 'EX3-0000001-5,1,L-1,H-1,600', 'EX3-0000001-5,1,L-2,,500', 'EX3-0000001-5,1,L-1,H-1,600'],
    });
    const receiptsOver = 'quantity: receipts of entry EX3-0000001-5 line 1 add up to 1100, more than the line\'s quantity 1000';
    expect((await context.service.ingest([over])).errors.map(formatDataError)).toEqual([
      `lots.csv:2: ${receiptsOver}`,
      `lots.csv:3: ${receiptsOver}`,
      'lots.csv:4: heat_number: same entry_number, line_number, lot_id, heat_number as lots.csv:2',
      `lots.csv:4: ${receiptsOver}`,
    ]);

    // A heat number that could not be read (a NUL) may be any: that row repeats no other receipt, and counts.
    const unreadHeat = dataSet({
      'entries.csv': [ENTRY_HEADER, entryRow(1, '1000')],
      'duties.csv': [DUTY_HEADER],
      'lots.csv': [LOT_HEADER, 'EX3-0000001-5,1,L-1,,600', 'EX3-0000001-5,1,L-1,H\u0000,600'],
    });
    expect((await context.service.ingest([unreadHeat])).errors.map(formatDataError)).toEqual([
      'lots.csv:2: quantity: receipts of entry EX3-0000001-5 line 1 add up to 1200, more than the line\'s quantity 1000',
      'lots.csv:3: heat_number: contains a NUL character (U+0000)',
      'lots.csv:3: quantity: receipts of entry EX3-0000001-5 line 1 add up to 1200, more than the line\'s quantity 1000',
    ]);
  });
});
