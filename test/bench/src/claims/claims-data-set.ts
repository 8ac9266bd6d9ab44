import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { entryNumberOf } from '../generate/import-entries';
import { CsvFileWriter } from '../generate/csv-file-writer';

/** Import lines per entry, and per commingled raw lot (receipts of that many import lines: FIFO). */
const LINES_PER_ENTRY = 5;
const LINES_PER_LOT = 4;
const LINE_KG = 1000;
/** Each exported article takes this much of a raw lot, through three levels of manufacturing. */
const KG_PER_EXPORT = 500;

export interface ClaimsDataSetSize {
  imports: number;
  exports: number;
}

/**
 * A deterministic data set for the claims benchmark: `imports` steel import lines (Proclamation 11021
 * entries with Section 232 duty and an entry-level MPF), received into commingled lots of four lines
 * (four heats) each; `exports` finished articles, each made through three production orders (raw lot →
 * SUB → ASM → FG) and exported from its own lot. Exports draw on the raw lots in turn; all else stays
 * untouched inventory, as in a real importer's books. Both identification paths are exercised: the
 * first production order of an export names the heat it melted when its raw lot's number is even (heat
 * identification: the 232 duty is recoverable, rules §4), and only the lot when it is odd (FIFO across
 * the lot's heats: the 232 duty is excluded, S232_NOT_LOT_OR_HEAT_IDENTIFIED). The MPF is never
 * recoverable under (a) (MPF_HMF_NOT_MANUFACTURING).
 */
export async function writeClaimsDataSet(folder: string, size: ClaimsDataSetSize): Promise<void> {
  await mkdir(folder, { recursive: true });
  const entries = new CsvFileWriter(join(folder, 'entries.csv'), ['entry_number', 'entry_type', 'importer_number', 'import_date', 'entry_date',
    'port_code', 'line_number', 'hts', 'description', 'country_of_origin', 'entered_value', 'quantity', 'uom', 'melt_pour_country']);
  const duties = new CsvFileWriter(join(folder, 'duties.csv'), ['entry_number', 'line_number', 'program', 'heading', 'metal', 's232_annex', 'rate',
    'basis', 'basis_value', 'amount']);
  const lots = new CsvFileWriter(join(folder, 'lots.csv'), ['entry_number', 'line_number', 'lot_id', 'heat_number', 'quantity']);
  for (let index = 0; index < size.imports; index += 1) {
    const entry = entryNumberOf(Math.floor(index / LINES_PER_ENTRY));
    const line = (index % LINES_PER_ENTRY) + 1;
    // 2026-04-06 to 04-25: entered under Proclamation 11021, whose 232 duty (a) recovers when heat-identified.
    const day = String(6 + (Math.floor(index / LINES_PER_ENTRY) % 20)).padStart(2, '0');
    await entries.write([entry, '01', '12-3456789AB', `2026-04-${day}`, `2026-04-${day}`, '3901', line, '7208510030', 'steel plate', 'DE', '10000.00', LINE_KG, 'KG', 'DE']);
    await duties.write([entry, line, 's232', '9903.82.02', 'steel', 'I-A', '50', 'full_value', '10000.00', '5000.00']);
    if (line === 1) await duties.write([entry, null, 'mpf', null, null, null, null, null, null, '173.20']);
    await lots.write([entry, line, `R-${Math.floor(index / LINES_PER_LOT)}`, `H-${index}`, LINE_KG]);
  }
  await Promise.all([entries.close(), duties.close(), lots.close()]);

  const production = new CsvFileWriter(join(folder, 'production.csv'), ['production_order', 'production_date', 'role', 'lot_id', 'heat_number', 'quantity', 'uom', 'hts']);
  const exports = new CsvFileWriter(join(folder, 'exports.csv'), ['export_id', 'line_number', 'export_date', 'action', 'exporter', 'destination_country',
    'hts', 'description', 'lot_id', 'quantity', 'uom', 'value']);
  const lotsAvailable = Math.floor(size.imports / LINES_PER_LOT);
  const exportsPerLot = (LINES_PER_LOT * LINE_KG) / KG_PER_EXPORT;
  const exportsPerHeat = LINE_KG / KG_PER_EXPORT;
  for (let j = 0; j < size.exports; j += 1) {
    const lot = Math.floor(j / exportsPerLot) % lotsAvailable;
    const heat = lot % 2 === 0 ? `H-${lot * LINES_PER_LOT + Math.floor((j % exportsPerLot) / exportsPerHeat)}` : null;
    await production.write([`S-${j}`, '2026-05-01', 'input', `R-${lot}`, heat, KG_PER_EXPORT, 'KG', null]);
    await production.write([`S-${j}`, '2026-05-01', 'output', `SUB-${j}`, null, 20, 'NO', '7308909590']);
    await production.write([`A-${j}`, '2026-05-02', 'input', `SUB-${j}`, null, 20, 'NO', null]);
    await production.write([`A-${j}`, '2026-05-02', 'output', `ASM-${j}`, null, 10, 'NO', '8431499095']);
    await production.write([`F-${j}`, '2026-05-03', 'input', `ASM-${j}`, null, 10, 'NO', null]);
    await production.write([`F-${j}`, '2026-05-03', 'output', `FG-${j}`, null, 10, 'NO', '8479899599']);
    await exports.write([`X${String(j).padStart(9, '0')}`, 1, '2026-06-15', 'exported', 'Acme Fabrication LLC', 'GB', '8479899599', 'conveyor skid', `FG-${j}`, 10, 'NO', '90000.00']);
  }
  await Promise.all([production.close(), exports.close()]);
}
