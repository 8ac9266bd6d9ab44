import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { CsvError, parse } from 'csv-parse';
import { DataError, readHeader, readRow, Row } from '@drawback/domain';
import { CopySink } from '@drawback/persistence';
import { DataSetFile } from './data-set-files';
import { Utf8LineCheck } from './utf8-lines';

export interface StagedFileResult {
  sha256: string;
  rowCount: number;
  errors: DataError[];
}

/** Where one file's rows go: a fresh COPY sink, and a way to drop what an earlier pass staged. */
export interface StagingTarget {
  open(): CopySink;
  clear(): Promise<void>;
}

/**
 * What takes a file's rows as they are read: each row read into its canonical values (fields with a
 * problem null), its line, and whether it had no error. `write` returns a promise only when the reader
 * must wait; anything it throws stops the reading and is thrown to the reader's caller.
 */
export interface RowSink {
  write(row: Row, line: number, valid: boolean): Promise<void> | undefined;
  end(): Promise<void>;
  abort(): Promise<void>;
}

/** Rows into a COPY sink as the spec's columns, then the source line and validity (the staging layout). */
function stagingRows(file: DataSetFile, sink: CopySink): RowSink {
  const columns = file.spec.columns.map((c) => c.name);
  return {
    write: (row, line, valid) => sink.write([...columns.map((c) => row[c]), String(line), valid ? 't' : 'f']),
    end: () => sink.end(),
    abort: () => sink.abort(),
  };
}


/**
 * How many line breaks a record holds inside its quoted fields (CRLF, LF or a lone CR each count once).
 */
function innerLineBreaks(fields: readonly string[]): number {
  let breaks = 0;
  for (const field of fields) {
    for (let i = field.indexOf('\n'); i >= 0; i = field.indexOf('\n', i + 1)) breaks += 1;
    for (let i = field.indexOf('\r'); i >= 0; i = field.indexOf('\r', i + 1)) if (field[i + 1] !== '\n') breaks += 1;
  }
  return breaks;
}

/** What csv-parse makes of an empty line: one empty field. Such lines are skipped, as blank lines. */
const isEmptyLine = (fields: readonly string[]) => fields.length === 1 && fields[0] === '';

const syntaxError = (file: string, error: { lines?: number; message: string }): DataError =>
  ({ file, line: error.lines ?? 0, column: '-', message: `not readable as CSV: ${error.message}` });

/**
 * Streams one CSV file (RFC 4180, UTF-8) into its staging table: the header is checked against the
 * file's spec, every row is read and checked on its own, and every error of every row is collected.
 * Rows go to the database as they are read; nothing holds the whole file. A file with a CSV syntax
 * error is read a second time, skipping only the malformed records, so that its report still names
 * every error of every row (input-formats.md: all of them, not the first).
 */
export async function stageFile(file: DataSetFile, target: StagingTarget, onBytes: (bytes: number) => void): Promise<StagedFileResult> {
  const fast = await readDataFile(file, stagingRows(file, target.open()), onBytes, false);
  if (!fast.unreadable) return fast.result;
  await target.clear();
  return (await readDataFile(file, stagingRows(file, target.open()), () => undefined, true)).result;
}

/**
 * Reads one data file into a row sink: header checked, every row read and checked on its own, every
 * error collected. `unreadable` says the CSV itself was malformed somewhere (the diagnostic pass, which
 * skips malformed records, then names them all).
 */
export async function readDataFile(
  file: DataSetFile, sink: RowSink, onBytes: (bytes: number) => void, diagnostic: boolean,
): Promise<{ result: StagedFileResult; unreadable: boolean }> {
  const name = file.spec.fileName;
  const hash = createHash('sha256');
  const utf8 = new Utf8LineCheck();
  const errors: DataError[] = [];
  const input = createReadStream(file.path);
  input.on('data', (chunk) => {
    hash.update(chunk);
    utf8.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
    onBytes(chunk.length);
  });
  const parser = input.pipe(parse({ bom: true, relax_column_count: true, ...(diagnostic ? { info: true, skip_records_with_error: true } : {}) }));
  const skippedLines = new Set<number>();
  parser.on('skip', (error: { lines?: number; message: string }) => {
    // One malformed record may raise several errors; its first names it.
    if (skippedLines.has(error.lines ?? 0)) return;
    skippedLines.add(error.lines ?? 0);
    errors.push(syntaxError(name, error));
  });
  let layout: ReturnType<typeof readHeader>['layout'] | null = null;
  let rowCount = 0;
  let unreadable = false;
  let nextLine = 1;
  try {
    for await (const item of parser as AsyncIterable<string[] | { record: string[]; info: { lines: number } }>) {
      // The fast pass counts lines from the records themselves (csv-parse's per-record `info` object
      // doubles the cost of parsing); the diagnostic pass, which skips records, takes them from `info`.
      let fields: string[];
      let line: number;
      if (Array.isArray(item)) {
        fields = item;
        line = nextLine;
        nextLine += 1 + innerLineBreaks(fields);
      } else {
        fields = item.record;
        line = item.info.lines - innerLineBreaks(fields);
      }
      if (isEmptyLine(fields)) continue;
      if (!layout) {
        const header = readHeader(file.spec, fields, name);
        errors.push(...header.errors);
        layout = header.layout;
        continue;
      }
      rowCount += 1;
      const { row, errors: rowErrors } = readRow(file.spec, layout, fields, name, line);
      errors.push(...rowErrors);
      if (!row) continue;
      const flushing = sink.write(row, line, rowErrors.length === 0);
      if (flushing) await flushing;
    }
  } catch (error) {
    if (!(error instanceof CsvError)) {
      // Not malformed CSV (csv-parse's own errors): the row sink's, for the caller.
      input.destroy();
      await sink.abort();
      throw error;
    }
    unreadable = true;
    errors.push(syntaxError(name, error as { lines?: number; message: string }));
    input.destroy();
  }
  utf8.end();
  for (const line of utf8.badLines) errors.push({ file: name, line, column: '-', message: 'is not valid UTF-8 (data files are UTF-8)' });
  if (!layout && errors.length === 0) errors.push({ file: name, line: 1, column: '-', message: 'the file is empty; a header is required' });
  await sink.end();
  return { result: { sha256: hash.digest('hex'), rowCount, errors }, unreadable };
}
