import { join } from 'node:path';
import { FileKind, FILE_KINDS, fileSpecOf } from '@drawback/domain';
import { CsvFileWriter } from './csv-file-writer';
import { EvidenceGenerator } from './evidence';
import { ExportGenerator } from './exports';
import { ImportEntryGenerator } from './import-entries';
import { Prng } from './prng';
import { ProductionGenerator } from './production';
import { CsvRow, RowSinks } from './rows';
import { RecentStock } from './stock';

/** Imports are spread evenly over 2025-01-01 … 2026-06-24, in entry order as a real history would be. */
const IMPORT_DAYS = 540;
const AVERAGE_LINES_PER_ENTRY = 3;
const EXPORT_LINES_PER_IMPORT_LINE = 1 / 2;
const ORDERS_PER_IMPORT_LINE = 1 / 100;

export interface GeneratedDataSet {
  rows: Record<FileKind, number>;
  totalRows: number;
}

/**
 * Writes a synthetic data set of exactly `lines` import lines into `folder`, all six files, streaming:
 * memory stays constant however large it is. The same seed writes the same bytes.
 */
export async function generateDataSet(folder: string, lines: number, seed: number): Promise<GeneratedDataSet> {
  // Every file has every column of its spec, in the spec's order: the header the ingest expects.
  const writers = new Map<FileKind, CsvFileWriter>();
  const sinks = Object.fromEntries(FILE_KINDS.map((kind) => {
    const spec = fileSpecOf(kind);
    const columns = spec.columns.map((c) => c.name);
    const writer = new CsvFileWriter(join(folder, spec.fileName), columns);
    writers.set(kind, writer);
    return [kind, (row: CsvRow) => writer.write(columns.map((c) => row[c] ?? null))];
  })) as unknown as RowSinks;

  const random = new Prng(seed);
  const stock = new RecentStock();
  const evidence = new EvidenceGenerator(random, sinks);
  const imports = new ImportEntryGenerator(random, sinks, stock);
  const exports = new ExportGenerator(random, sinks, stock, (exportId, line) =>
    random.chance(0.1) ? evidence.exportLine(exportId, line) : Promise.resolve());
  const production = new ProductionGenerator(random, sinks, stock, (orderId) => evidence.productionOrder(orderId));

  const expectedEntries = Math.max(1, Math.ceil(lines / AVERAGE_LINES_PER_ENTRY));
  let written = 0;
  let exportsDue = 0;
  let ordersDue = 0;
  for (let entry = 0; written < lines; entry += 1) {
    const lineCount = Math.min(random.int(1, 5), lines - written);
    const day = Math.min(IMPORT_DAYS, Math.floor((entry * IMPORT_DAYS) / expectedEntries));
    const entryNumber = await imports.write(lineCount, day);
    written += lineCount;

    exportsDue += lineCount * EXPORT_LINES_PER_IMPORT_LINE;
    for (; exportsDue >= 1; exportsDue -= 1) await exports.write(day);
    ordersDue += lineCount * ORDERS_PER_IMPORT_LINE;
    for (; ordersDue >= 1; ordersDue -= 1) await production.write(day);

    const certified = random.chance(0.05) ? stock.pick(() => random.next(), true) : undefined;
    if (certified?.heatNumber) await evidence.heat(certified.heatNumber);
    if (random.chance(0.01)) await evidence.entryLine(entryNumber, 1);
  }

  for (const writer of writers.values()) await writer.close();
  const rows = Object.fromEntries([...writers].map(([kind, writer]) => [kind, writer.rows])) as Record<FileKind, number>;
  return { rows, totalRows: Object.values(rows).reduce((sum, count) => sum + count, 0) };
}
