import { DUTIES, ENTRIES, EVIDENCE, EXPORTS, LOTS, PRODUCTION } from './file-specs';
import { FileSpec } from './file-spec';
import { readHeader, readRow, RowReader } from './read-row';

function read(spec: FileSpec, header: string, fields: string) {
  const { layout } = readHeader(spec, header.split(','), spec.fileName);
  return readRow(spec, layout, fields.split(','), spec.fileName, 7);
}
const located = (errors: readonly { column: string; message: string }[]) => errors.map((e) => `${e.column}: ${e.message}`);

describe(readHeader.name, () => {
  it('names unknown and repeated columns and every missing required column', () => {
    const { errors } = readHeader(LOTS, ['entry_number', 'lot', 'lot_id', 'lot_id'], 'lots.csv');
    expect(errors.map((e) => `${e.line}: ${e.column}`)).toEqual(['1: lot', '1: lot_id', '1: line_number', '1: quantity']);
  });

  it('names a header cell without a name by its place, not as an empty column name (a trailing comma)', () => {
    const { errors } = readHeader(LOTS, ['entry_number', 'line_number', 'lot_id', 'quantity', ''], 'lots.csv');
    expect(errors.map((e) => `${e.line}: ${e.column}: ${e.message.replace(/ \(expected.*/, '')}`)).toEqual(['1: (blank): column 5 of the header has no name']);
  });

  it('lets optional columns be left out and columns come in any order', () => {
    expect(readHeader(LOTS, ['quantity', 'lot_id', 'line_number', 'entry_number'], 'lots.csv').errors).toEqual([]);
  });
});

describe(readRow.name, () => {
  const lotsHeader = 'entry_number,line_number,lot_id,heat_number,quantity';

  it('names a NUL character in a text field, which PostgreSQL text cannot hold', () => {
    const { errors } = read(LOTS, lotsHeader, 'EX1-0000001-7,1,L\u00001,,1000');
    expect(located(errors)).toEqual(['lot_id: contains a NUL character (U+0000)']);
  });

  it('reads a unit of quantity in the HTS\'s capitals, however it was typed (kg is KG)', () => {
    const header = 'export_id,line_number,export_date,action,exporter,destination_country,hts,description,lot_id,heat_number,quantity,uom,value';
    const { row, errors } = read(EXPORTS, header, 'EXP-1,1,2026-06-15,exported,Acme,DE,7326908688,article,L-1,,10,kg,100.00');
    expect(errors).toEqual([]);
    expect(row?.uom).toBe('KG');
  });

  it('reads values into their canonical form and a blank optional value as null', () => {
    const { row, errors } = read(LOTS, lotsHeader, 'EX1-0000001-7,01,L-1,,1000.500');
    expect(errors).toEqual([]);
    expect(row).toEqual({ entry_number: 'EX1-0000001-7', line_number: '1', lot_id: 'L-1', heat_number: null, quantity: '1000.5' });
  });

  it('reports every bad field of a row, each at the row\'s line', () => {
    const { errors } = read(LOTS, lotsHeader, 'EX1-0000001-0,0,,,1.0000001');
    expect(errors.map((e) => `${e.line}: ${e.column}`)).toEqual(['7: entry_number', '7: line_number', '7: lot_id', '7: quantity']);
  });

  it('tells a blank field where blank is allowed (read) from one that could not be read (unread)', () => {
    expect(read(LOTS, lotsHeader, 'EX1-0000001-7,1,L-1,,1000').unread).toEqual([]);
    expect(read(LOTS, lotsHeader, 'EX1-0000001-7,1,L-1,,1x').unread).toEqual(['quantity']);
    expect(read(LOTS, lotsHeader, 'EX1-0000001-7,1,,,1000').unread).toEqual(['lot_id']);
    const dutiesHeader = 'entry_number,line_number,program,heading,amount';
    expect(read(DUTIES, dutiesHeader, 'EX1-0000001-7,,mpf,,1.001').unread).toEqual(['amount']);
    // Blank where the row's program wants a value: no reading of it.
    expect(read(DUTIES, dutiesHeader, 'EX1-0000001-7,,s232,,1.00').unread).toEqual(['line_number', 'heading', 'metal']);
    // A required column the header leaves out is read on no row.
    expect(read(LOTS, 'entry_number,line_number,lot_id', 'EX1-0000001-7,1,L-1').unread).toEqual(['quantity']);
    // A row of the wrong shape is read for its key alone: a blank key field of it may be a field out of place.
    expect(read(LOTS, lotsHeader, 'EX1-0000001-7,1,L-1').unread).toEqual(['heat_number', 'quantity']);
  });

  it('reports a row whose field count differs from the header, read for its natural key alone (what other rows refer to)', () => {
    const { row, errors } = read(LOTS, lotsHeader, 'EX1-0000001-7,1,L-1');
    expect(row).toEqual({ entry_number: 'EX1-0000001-7', line_number: '1', lot_id: 'L-1', heat_number: null, quantity: null });
    expect(located(errors)).toEqual(['-: has 3 fields, the header has 5']);
    expect(read(LOTS, lotsHeader, 'not an entry,x').row).toBeNull();
  });
});

describe('row rules of the input formats', () => {
  const dutiesHeader = 'entry_number,line_number,program,heading,metal,amount';

  it('leaves line_number blank only for an entry-level mpf or hmf', () => {
    expect(read(DUTIES, dutiesHeader, 'EX1-0000001-7,,mpf,,,10.00').errors).toEqual([]);
    expect(located(read(DUTIES, dutiesHeader, 'EX1-0000001-7,,s301,9903.88.03,,10.00').errors)).toEqual([
      'line_number: required for program s301 (only mpf and hmf may be entry-level)',
    ]);
  });

  it('requires a heading for every program but ordinary, mpf, hmf and excise, and stores it as digits', () => {
    expect(located(read(DUTIES, dutiesHeader, 'EX1-0000001-7,1,s232,,steel,10.00').errors)).toEqual(['heading: required for program s232']);
    expect(read(DUTIES, dutiesHeader, 'EX1-0000001-7,1,excise,,,10.00').errors).toEqual([]);
    expect(read(DUTIES, dutiesHeader, 'EX1-0000001-7,1,s301,9903.88.03,,10.00').row?.heading).toBe('99038803');
  });

  it('takes an AD/CVD case number as the heading of an adcvd bucket', () => {
    expect(read(DUTIES, dutiesHeader, 'EX1-0000001-7,1,adcvd,A-570-900,,10.00').row?.heading).toBe('A-570-900');
    expect(read(DUTIES, dutiesHeader, 'EX1-0000001-7,1,adcvd,9903.88.03,,10.00').errors).toHaveLength(1);
  });

  it('says a line number past 9 digits has too many, not that it is no positive integer', () => {
    expect(located(read(DUTIES, dutiesHeader, 'EX1-0000001-7,3000000000,s301,9903.88.03,,10.00').errors)).toEqual(['line_number: "3000000000" has more than 9 digits']);
    expect(located(read(DUTIES, dutiesHeader, 'EX1-0000001-7,0,s301,9903.88.03,,10.00').errors)).toEqual(['line_number: "0" is not a positive integer']);
  });

  it('takes ACE\'s 10-character AD/CVD case number, with the company\'s three digits, dashes optional, and stores it with dashes', () => {
    expect(read(DUTIES, dutiesHeader, 'EX1-0000001-7,1,adcvd,A-570-967-001,,10.00').row?.heading).toBe('A-570-967-001');
    expect(read(DUTIES, dutiesHeader, 'EX1-0000001-7,1,adcvd,a570967001,,10.00').row?.heading).toBe('A-570-967-001');
    expect(read(DUTIES, dutiesHeader, 'EX1-0000001-7,1,adcvd,C533884,,10.00').row?.heading).toBe('C-533-884');
    for (const bad of ['A-570-967-01', 'A-570-967-0011', 'B-570-967', 'A-57-0967']) {
      expect(located(read(DUTIES, dutiesHeader, `EX1-0000001-7,1,adcvd,${bad},,10.00`).errors))
        .toEqual([`heading: "${bad}" is not an AD/CVD case number (A-NNN-NNN or C-NNN-NNN, or ACE's A-NNN-NNN-NNN)`]);
    }
  });

  it('requires a metal on s232 buckets only, and keeps one declared on another program\'s bucket', () => {
    expect(located(read(DUTIES, dutiesHeader, 'EX1-0000001-7,1,s232,9903.82.02,,10.00').errors)).toEqual(['metal: required for program s232']);
    const adcvd = read(DUTIES, dutiesHeader, 'EX1-0000001-7,1,adcvd,A-580-887,steel,10.00');
    expect({ errors: adcvd.errors, metal: adcvd.row?.metal }).toEqual({ errors: [], metal: 'steel' });
  });

  it('requires a destination for an exported line but not for a destroyed one', () => {
    const header = 'export_id,line_number,export_date,action,exporter,destination_country,hts,description,quantity,uom,value';
    expect(located(read(EXPORTS, header, 'X1,1,2026-06-15,exported,Acme,,7326908688,a,1,NO,1.00').errors)).toEqual([
      'destination_country: required for an exported line',
    ]);
    expect(read(EXPORTS, header, 'X1,1,2026-06-15,destroyed,Acme,,7326908688,a,1,NO,0.00').errors).toEqual([]);
  });

  it('names an unreadable field once, not again as blank by a rule of the row', () => {
    const header = 'export_id,line_number,export_date,action,exporter,destination_country,hts,description,quantity,uom,value';
    expect(located(read(EXPORTS, header, 'X1,1,2026-06-15,exported,Acme,XX,7326908688,a,1,NO,1.00').errors)).toEqual([
      'destination_country: "XX" is not an ISO 3166-1 alpha-2 country code',
    ]);
  });

  it('requires an HTS on a production output row', () => {
    const header = 'production_order,production_date,role,lot_id,quantity,uom,hts';
    expect(located(read(PRODUCTION, header, 'PO-1,2026-06-01,output,FG-1,600,NO,').errors)).toEqual(['hts: required on an output row']);
    expect(read(PRODUCTION, header, 'PO-1,2026-06-01,input,L-1,600,KG,').errors).toEqual([]);
  });

  it('reads an entry line\'s blank IEEPA refund flag as false', () => {
    const header = 'entry_number,entry_type,importer_number,import_date,entry_date,port_code,line_number,hts,description,country_of_origin,entered_value,quantity,uom';
    const good = read(ENTRIES, header, 'EX1-0000001-7,01,12-3,2026-03-20,2026-03-20,3901,1,7326908688,a,CN,30000.00,1000,NO');
    expect(good.row?.ieepa_refund_claimed).toBe('false');
  });

  it('writes an evidence subject ENTRY/LINE with a checked entry number', () => {
    const header = 'document_id,kind,subject,subject_id,reference';
    expect(read(EVIDENCE, header, 'D1,invoice,entry_line,EX10000001-7/01,inv.pdf').row?.subject_id).toBe('EX1-0000001-7/1');
    expect(read(EVIDENCE, header, 'D1,invoice,entry_line,EX1-0000001-0/1,inv.pdf').errors).toHaveLength(1);
  });
  it('takes an evidence subject ENTRY/LINE or EXPORT/LINE only with a positive line number, as line_number is', () => {
    const header = 'document_id,kind,subject,subject_id,reference';
    expect(located(read(EVIDENCE, header, 'D1,invoice,entry_line,EX1-0000001-7/0,inv.pdf').errors)).toEqual([
      'subject_id: "EX1-0000001-7/0" is not ENTRY/LINE with a valid entry number and a positive line number',
    ]);
    expect(located(read(EVIDENCE, header, 'D1,export_proof,export_line,EXP-3/00,bl.pdf').errors)).toEqual([
      'subject_id: "EXP-3/00" is not EXPORT/LINE with a positive line number',
    ]);
    expect(read(EVIDENCE, header, 'D1,export_proof,export_line,EXP-3/01,bl.pdf').row?.subject_id).toBe('EXP-3/1');
  });
});

describe(RowReader.name, () => {
  const { layout } = readHeader(LOTS, ['entry_number', 'line_number', 'lot_id', 'heat_number', 'quantity'], 'lots.csv');

  it('reads a field equal to the previous row\'s as it read it there: the same value, or the same error at the new line', () => {
    const reader = new RowReader(LOTS, layout, 'lots.csv');
    const rows = ['EX1-0000001-7,01,L-1,,1000.500', 'EX1-0000001-7,01,L-2,,1000.500', 'EX1-0000001-0,2,L-2,,abc', 'EX1-0000001-0,2,L-2,,abc']
      .map((fields, index) => reader.read(fields.split(','), 10 + index));
    expect(rows[1].row).toEqual({ entry_number: 'EX1-0000001-7', line_number: '1', lot_id: 'L-2', heat_number: null, quantity: '1000.5' });
    expect(rows[1].errors).toEqual([]);
    expect(rows[2].errors.map((e) => `${e.line}: ${e.column}`)).toEqual(['12: entry_number', '12: quantity']);
    expect(rows[3].errors.map((e) => `${e.line}: ${e.column}`)).toEqual(['13: entry_number', '13: quantity']);
    expect(rows[3].row).toEqual({ entry_number: null, line_number: '2', lot_id: 'L-2', heat_number: null, quantity: null });
  });
});
