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

/**
 * How many physical lines a record spans: one, plus the line breaks inside its quoted fields (CRLF, LF
 * or a lone CR each count once). Counted here rather than asked of csv-parse, whose per-record `info`
 * object doubles the cost of parsing.
 */
function linesSpanned(fields: readonly string[]): number {
  let lines = 1;
  for (const field of fields) {
    for (let i = field.indexOf('\n'); i >= 0; i = field.indexOf('\n', i + 1)) lines += 1;
    for (let i = field.indexOf('\r'); i >= 0; i = field.indexOf('\r', i + 1)) if (field[i + 1] !== '\n') lines += 1;
  }
  return lines;
}

/** What csv-parse makes of an empty line: one empty field. Such lines are skipped, as blank lines. */
const isEmptyLine = (fields: readonly string[]) => fields.length === 1 && fields[0] === '';

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
  const parser = input.pipe(parse({ bom: true, relax_column_count: true }));
  let layout: ReturnType<typeof readHeader>['layout'] | null = null;
  let rowCount = 0;
  let nextLine = 1;
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      const line = nextLine;
      nextLine += linesSpanned(record);
      if (isEmptyLine(record)) continue;
      if (!layout) {
        const header = readHeader(file.spec, record, name);
        errors.push(...header.errors);
        layout = header.layout;
        continue;
      }
      rowCount += 1;
      const { row, errors: rowErrors } = readRow(file.spec, layout, record, name, line);
      errors.push(...rowErrors);
      if (!row) continue;
      const flushing = sink.write([...file.spec.columns.map((c) => row[c.name]), String(line), rowErrors.length === 0 ? 't' : 'f']);
      if (flushing) await flushing;
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
