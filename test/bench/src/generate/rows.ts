import { CsvValue } from './csv-file-writer';

/** One CSV row by column name; columns left out are written blank. */
export type CsvRow = Record<string, CsvValue>;

/** Where generated rows go, one sink per data set file. */
export interface RowSinks {
  entries(row: CsvRow): Promise<void>;
  duties(row: CsvRow): Promise<void>;
  lots(row: CsvRow): Promise<void>;
  production(row: CsvRow): Promise<void>;
  exports(row: CsvRow): Promise<void>;
  evidence(row: CsvRow): Promise<void>;
}
