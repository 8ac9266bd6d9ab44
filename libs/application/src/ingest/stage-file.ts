import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { parse } from 'csv-parse';
import { DataError, readHeader, readRow } from '@drawback/domain';
import { CopySink } from '@drawback/persistence';
import { DataSetFile } from './data-set-files';

export interface StagedFileResult {
  sha256: string;
  rowCount: number;
  errors: DataError[];
}

/** The physical line a record starts on: csv-parse counts to its end; quoted fields may hold newlines. */
function startLine(endLine: number, fields: readonly string[]): number {
  let inner = 0;
  for (const field of fields) for (let i = field.indexOf('\n'); i >= 0; i = field.indexOf('\n', i + 1)) inner += 1;
  return endLine - inner;
}

/**
 * Streams one CSV file (RFC 4180, UTF-8) into its staging table: the header is checked against the
 * file's spec, every row is read and checked on its own, and every error of every row is collected.
 * Rows go to the database as they are read; nothing holds the whole file.
 */
export async function stageFile(
  file: DataSetFile,
  sink: CopySink,
  onBytes: (bytes: number) => void,
): Promise<StagedFileResult> {
  const name = file.spec.fileName;
  const hash = createHash('sha256');
  const errors: DataError[] = [];
  const input = createReadStream(file.path);
  input.on('data', (chunk) => {
    hash.update(chunk);
    onBytes(chunk.length);
  });
  const parser = input.pipe(parse({ bom: true, info: true, relax_column_count: true, skip_empty_lines: true }));
  let layout: ReturnType<typeof readHeader>['layout'] | null = null;
  let rowCount = 0;
  try {
    for await (const { record, info } of parser as AsyncIterable<{ record: string[]; info: { lines: number } }>) {
      const line = startLine(info.lines, record);
      if (!layout) {
        const header = readHeader(file.spec, record, name);
        errors.push(...header.errors);
        layout = header.layout;
        continue;
      }
      rowCount += 1;
      const { row, errors: rowErrors } = readRow(file.spec, layout, record, name, line);
      errors.push(...rowErrors);
      if (row) await sink.write([...file.spec.columns.map((c) => row[c.name]), String(line), rowErrors.length === 0 ? 't' : 'f']);
    }
  } catch (error) {
    const { lines, message } = error as { lines?: number; message: string };
    errors.push({ file: name, line: lines ?? 0, column: '-', message: `not readable as CSV: ${message}` });
    input.destroy();
  }
  if (!layout && errors.length === 0) errors.push({ file: name, line: 1, column: '-', message: 'the file is empty; a header is required' });
  await sink.end();
  return { sha256: hash.digest('hex'), rowCount, errors };
}
