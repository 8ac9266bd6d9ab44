import { createHash } from 'node:crypto';
import { createReadStream, ReadStream } from 'node:fs';
import { CsvError, Options as CsvParseOptions, parse } from 'csv-parse';
import { DataError, readHeader, Row, RowReader, unreadOfKeyRow } from '@drawback/domain';
import { CopySink } from '@drawback/persistence';
import { DataSetFile } from './data-set-files';
import { wholeFieldsBeforeProblem } from './malformed-record';
import { MAX_RECORD_BYTES, NotQuicklyReadable, QuickCsvReader } from './quick-csv';
import { OversizedRecord, RecordSizeLimit, recordSizeLimitStream } from './record-size-limit';
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
 * problem null), its line, whether it had no error, and the columns whose field could not be read (a blank
 * field where blank is allowed is read). `write` returns a promise only when the reader must wait; anything
 * it throws stops the reading and is thrown to the reader's caller.
 */
export interface RowSink {
  write(row: Row, line: number, valid: boolean, unread: readonly string[]): Promise<void> | undefined;
  end(): Promise<void>;
  abort(): Promise<void>;
}

/** Rows into a COPY sink as the spec's columns, then the source line, validity and unread columns (the staging layout). */
function stagingRows(file: DataSetFile, sink: CopySink): RowSink {
  const columns = file.spec.columns.map((c) => c.name);
  // Column names are lower snake case: a PostgreSQL array literal of them needs no quoting.
  return {
    write: (row, line, valid, unread) =>
      sink.write([...columns.map((c) => row[c]), String(line), valid ? 't' : 'f', unread.length === 0 ? '{}' : `{${unread.join(',')}}`]),
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

const quotedCrlfs = (fields: readonly string[]) => fields.reduce((pairs, field) => pairs + (field.match(/\r\n/g)?.length ?? 0), 0);

/** What a CSV reader makes of an empty line: one empty field (or one of spaces). Such lines are skipped, as blank lines. */
const isEmptyLine = (fields: readonly string[]) => fields.length === 1 && fields[0].trim() === '';

const HEADER_LINE_BREAK = 'the header holds a line break (lines ended by a carriage return alone read as one record): lines end in LF or CRLF';

/** What a record longer than MAX_RECORD_BYTES most likely is (RecordSizeLimit; csv-parse's "Max Record Size" is said so too). */
const OVERLONG_RECORD = `a record longer than ${MAX_RECORD_BYTES} bytes is not a data row (lines ended by a carriage return alone, `
  + 'or binary data, read as one record): lines end in LF or CRLF';

/** The oversized record a physical line is in, if any (records in file order). */
function oversizedRecordAt(records: readonly OversizedRecord[], line: number): OversizedRecord | undefined {
  let low = 0;
  let high = records.length - 1;
  while (low <= high) {
    const middle = (low + high) >> 1;
    if (line < records[middle].line) high = middle - 1;
    else if (line > records[middle].lastLine) low = middle + 1;
    else return records[middle];
  }
  return undefined;
}

/** What csv-parse's errors mean, in the words of RFC 4180 (its own count fields from 0 and speak of its options); by its codes, the opening quote's without CSV_. */
const SYNTAX_PROBLEMS: Record<string, string> = {
  INVALID_OPENING_QUOTE: 'a quote inside a field that does not begin with one (quote the whole field and double the quote: "6"" plate")',
  CSV_INVALID_CLOSING_QUOTE: 'text after the closing quote of a quoted field (a quoted field ends at its closing quote, then a comma or the line\'s end)',
  CSV_QUOTE_NOT_CLOSED: 'a quoted field is not closed: its quote is not matched before the end of the file',
  CSV_MAX_RECORD_SIZE: OVERLONG_RECORD,
};

/**
 * csv-parse's own "at line N" counts differently (where it noticed, quoted CRLFs twice): the error's line says where.
 * `column`: the header's name of the field the problem is in, where the record's whole fields before it say which.
 */
const syntaxError = (file: string, error: { lines?: number; message: string; code?: string }, column = '-'): DataError => ({
  file, line: error.lines ?? 0, column,
  message: `not readable as CSV: ${SYNTAX_PROBLEMS[error.code ?? ''] ?? error.message.replace(/ at line \d+/g, '')}`,
});

const UTF16 = 'the file is UTF-16 (as Excel\'s "Unicode Text" saves it); data files are UTF-8: save it as "CSV UTF-8"';

/**
 * Streams one CSV file (RFC 4180, UTF-8) into its staging table: the header is checked against the
 * file's spec, every row is read and checked on its own, and every error of every row is collected.
 * Rows go to the database as they are read; nothing holds the whole file. A file the quick reader does
 * not take — a CSV syntax error among them — is read a second time by csv-parse, skipping only the
 * malformed records, so that its report still names every error of every row (input-formats.md: all of
 * them, not the first).
 */
export async function stageFile(file: DataSetFile, target: StagingTarget, onBytes: (bytes: number) => void): Promise<StagedFileResult> {
  const quick = await readDataFile(file, stagingRows(file, target.open()), onBytes, 'quick');
  if (!quick.unreadable) return quick.result;
  await target.clear();
  return (await readDataFile(file, stagingRows(file, target.open()), () => undefined, 'diagnostic')).result;
}

/** Line breaks inside a record's fields: the physical lines it spans beyond the one it starts on. */
function lineBreaksIn(fields: readonly string[]): number {
  let breaks = 0;
  for (const field of fields) {
    for (let i = field.indexOf('\n'); i >= 0; i = field.indexOf('\n', i + 1)) breaks += 1;
  }
  return breaks;
}

/** The header, then each row read and checked on its own, into the sink; every error kept. */
class FileRows {
  private reader: RowReader | null = null;
  rowCount = 0;
  /** The records that span several physical lines, as [first line, last line], in file order: rare, kept whole. */
  private readonly spans: Array<[number, number]> = [];

  /** The header was a record over the size limit: no row after it can be read by it, and none is. */
  private headerLost = false;

  /** The header's column names, in the file's order: what an error about the n-th field of a record names. */
  private headerNames: readonly string[] = [];

  /** Records holding a character that decoding put in place of bytes that are not UTF-8: the column of the first. */
  private readonly undecodedColumns = new Map<number, string>();

  constructor(
    private readonly file: DataSetFile, private readonly sink: RowSink, readonly errors: DataError[], private readonly limit: RecordSizeLimit,
  ) {}

  /** The line a record holding this physical line starts on (input-formats.md: an error names that line). */
  recordStartOf(physicalLine: number): number {
    let low = 0;
    let high = this.spans.length - 1;
    while (low <= high) {
      const middle = (low + high) >> 1;
      const [first, last] = this.spans[middle];
      if (physicalLine < first) high = middle - 1;
      else if (physicalLine > last) low = middle + 1;
      else return first;
    }
    return physicalLine;
  }

  private noteSpan(fields: readonly string[], line: number): void {
    const breaks = lineBreaksIn(fields);
    if (breaks > 0) this.spans.push([line, line + breaks]);
  }

  take(fields: string[], line: number): Promise<void> | undefined {
    this.noteSpan(fields, line);
    if (isEmptyLine(fields)) return undefined;
    const name = this.file.spec.fileName;
    if (!this.reader) {
      // Before the first record taken, only empty lines and records over the limit (put in place as empty lines).
      this.headerLost ||= this.limit.oversized.length > 0 && this.limit.oversized[0].line < line;
      if (this.headerLost) return undefined;
      this.headerNames = fields.map((field) => field.trim());
      const header = readHeader(this.file.spec, fields, name, line);
      // A line break inside the header is no column name but a file whose lines end in CR alone, read as one
      // record: named once, not as every cell of the file an unknown column.
      if (fields.some((field) => /[\r\n]/.test(field))) this.errors.push({ file: name, line: 1, column: '-', message: HEADER_LINE_BREAK });
      else this.errors.push(...header.errors);
      this.reader = new RowReader(this.file.spec, header.layout, name);
      return undefined;
    }
    this.rowCount += 1;
    const undecoded = fields.findIndex((field) => field.includes(REPLACEMENT_CHARACTER));
    if (undecoded >= 0) this.undecodedColumns.set(line, this.columnAt(undecoded));
    const { row, errors, unread } = this.reader.read(fields, line);
    if (errors.length > 0) this.errors.push(...errors);
    return row ? this.sink.write(row, line, errors.length === 0 && this.reader.headerComplete, unread) : undefined;
  }

  /**
   * A malformed record, already named as such: the natural key its whole fields give is staged as a row
   * with errors (nothing else of it), so that the rows of other files referring to it are not also named.
   */
  takeKeyOf(fields: readonly string[], line: number): Promise<void> | undefined {
    this.noteSpan(fields, line);
    // The header itself malformed (a stray quote in a column name), named already: no row can be read by it, and
    // none is — the next line taken for the header would name each of its values an unknown column.
    if (!this.reader) {
      this.headerLost = true;
      return undefined;
    }
    const row = this.reader?.readKey(fields);
    return row ? this.sink.write(row, line, false, unreadOfKeyRow(row)) : undefined;
  }

  get sawHeader(): boolean {
    return this.reader !== null;
  }

  /** The header's name of a record's field by its place (from 0); '-' before the header or past its end. */
  columnAt(index: number): string {
    return this.headerNames[index] || '-';
  }

  /** The column of a record, starting on `line`, whose bytes are not UTF-8 (decoded as U+FFFD); '-' when unknown. */
  undecodedColumnOf(line: number): string {
    return this.undecodedColumns.get(line) ?? '-';
  }

  /**
   * A header read from a UTF-16 file without a byte order mark: every other character a NUL (ASCII names in UTF-16),
   * not merely a NUL somewhere — a stray one in a UTF-8 header is that column's name gone wrong, named as such.
   */
  get headerIsUtf16(): boolean {
    const text = this.headerNames.join(',');
    const nuls = text.split('\u0000').length - 1;
    return text.length >= 4 && nuls * 3 >= text.length;
  }
}

/** What decoding puts in place of bytes that are not UTF-8. */
const REPLACEMENT_CHARACTER = '\uFFFD';

/** Bytes of a file as they stream by: hashed, checked line by line for UTF-8, counted for progress. */
function watchedInput(path: string, onBytes: (bytes: number) => void) {
  const hash = createHash('sha256');
  const utf8 = new Utf8LineCheck();
  // A byte order mark of UTF-16, little or big endian, as the file's first two bytes.
  const utf16 = { starts: false };
  let first = true;
  const input = createReadStream(path, { highWaterMark: 1 << 20 });
  input.on('data', (chunk) => {
    const bytes = typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
    if (first && bytes.length > 0) {
      first = false;
      utf16.starts = bytes.length >= 2 && ((bytes[0] === 0xff && bytes[1] === 0xfe) || (bytes[0] === 0xfe && bytes[1] === 0xff));
    }
    hash.update(bytes);
    utf8.push(bytes);
    onBytes(bytes.length);
  });
  return { input, hash, utf8, utf16 };
}

/**
 * Reads one data file into a row sink: header checked, every row read and checked on its own, every
 * error collected. Either reader reads behind the record-size limit (RecordSizeLimit): a record over it is
 * named once, at the line it starts on, and the rows after it are read. The `quick` reader (QuickCsvReader) reads plain files; `unreadable` then says it did
 * not take this one. The `diagnostic` reader (csv-parse, skipping malformed records) reads any file and
 * names every CSV syntax error; `unreadable` then says there was one.
 */
export async function readDataFile(
  file: DataSetFile, sink: RowSink, onBytes: (bytes: number) => void, reader: 'quick' | 'diagnostic',
): Promise<{ result: StagedFileResult; unreadable: boolean }> {
  const name = file.spec.fileName;
  const { input, hash, utf8, utf16 } = watchedInput(file.path, onBytes);
  const limit = new RecordSizeLimit();
  const rows = new FileRows(file, sink, [], limit);
  let unreadable: boolean;
  try {
    unreadable = reader === 'quick' ? await readQuickly(input, rows, limit) : await readWithCsvParse(input, rows, name, limit);
  } catch (error) {
    input.destroy();
    await sink.abort();
    throw error;
  }
  utf8.end();
  const errors = rows.errors;
  // A record over the size limit is one error, at the line it starts on: no bad UTF-8 byte of it is named again.
  for (const record of limit.oversized) errors.push({ file: name, line: record.line, column: '-', message: `not readable as CSV: ${OVERLONG_RECORD}` });
  // A bad byte inside a record of several lines is named at the line the record starts on, once.
  const badRecords = new Set(utf8.badLines.filter((line) => !oversizedRecordAt(limit.oversized, line)).map((line) => rows.recordStartOf(line)));
  for (const line of badRecords) errors.push({ file: name, line, column: rows.undecodedColumnOf(line), message: 'is not valid UTF-8 (data files are UTF-8)' });
  // A UTF-16 file reads as columns of NULs and bytes that are not UTF-8: one error says what it is.
  if (utf16.starts || rows.headerIsUtf16) errors.splice(0, errors.length, { file: name, line: 1, column: '-', message: UTF16 });
  if (!rows.sawHeader && errors.length === 0 && !unreadable) errors.push({ file: name, line: 1, column: '-', message: 'the file is empty; a header is required' });
  await sink.end();
  return { result: { sha256: hash.digest('hex'), rowCount: rows.rowCount, errors }, unreadable };
}

/** The quick reader, behind the record-size limit; true when it leaves the file to csv-parse. Errors of the row sink are thrown. */
async function readQuickly(input: ReadStream, rows: FileRows, limit: RecordSizeLimit): Promise<boolean> {
  const reader = new QuickCsvReader();
  const take = async (bytes: Buffer) => {
    for (const record of reader.take(bytes, false)) {
      const writing = rows.take(record.fields, record.line);
      if (writing) await writing;
    }
  };
  try {
    for await (const chunk of input as AsyncIterable<Buffer>) {
      for (const bytes of limit.push(chunk)) await take(bytes);
    }
    for (const bytes of limit.end()) await take(bytes);
    for (const record of reader.take(Buffer.alloc(0), true)) {
      const writing = rows.take(record.fields, record.line);
      if (writing) await writing;
    }
    return false;
  } catch (error) {
    if (!(error instanceof NotQuicklyReadable)) throw error;
    input.destroy();
    return true;
  }
}

/**
 * csv-parse, skipping malformed records and naming each; true when there was one. A record is named by the
 * physical line it starts on (input-formats.md), worked out as csv-parse goes — its records and its
 * errors reach on_record and on_skip in file order, before any is read from the stream: a record ends on
 * csv-parse's `info.lines`, less the CRLFs inside quoted fields so far, which it counts twice; a
 * malformed record starts on the line after the last record that ended. After two malformed records in a
 * row, where the first ended is unknown: the second is named by the line csv-parse saw its error on.
 */
async function readWithCsvParse(input: ReadStream, rows: FileRows, name: string, limit: RecordSizeLimit): Promise<boolean> {
  let overcounted = 0;
  let lastEnd = 0;
  let previousWasSkipped = false;
  let lastSkipSeenOn: number | undefined;
  const skippedLines = new Set<number>();
  // Malformed records' whole fields and errors, taken in file order among the records read: csv-parse reports a
  // record it skips while it parses a chunk, before the records ahead of it — the header among them — are taken,
  // and the header names the field the problem is in.
  type Malformed = { fields: string[]; line: number; error: { message: string; code?: string } };
  const malformed: Malformed[] = [];
  const nameMalformed = (record: Malformed) =>
    rows.errors.push(syntaxError(name, { lines: record.line, ...record.error }, rows.columnAt(record.fields.length)));
  const takeMalformedBefore = async (line: number) => {
    while (malformed.length > 0 && malformed[0].line < line) {
      const record = malformed.shift()!;
      nameMalformed(record);
      const writing = rows.takeKeyOf(record.fields, record.line);
      if (writing) await writing;
    }
  };
  const malformedStart = (error: { lines?: number }) => (previousWasSkipped ? Math.max(lastEnd + 1, (error.lines ?? 0) - overcounted) : lastEnd + 1);
  // With `info`, csv-parse hands on_record the record and its info together (its typings say the record alone).
  const options = {
    // The record-size limit is RecordSizeLimit's, in front. csv-parse's own (it counts characters of fields, not
    // bytes of the record, and reads no further once it is reached) is only a bound on what it may hold should it
    // read a malformed record as longer than RecordSizeLimit did.
    bom: true, relax_column_count: true, info: true, raw: true, skip_records_with_error: true, max_record_size: MAX_RECORD_BYTES,
    // Each line ends as it ends: csv-parse would take the first line's ending for the whole file, and read a
    // file edited on two systems (CRLF and LF lines) as rows run together.
    record_delimiter: ['\r\n', '\n'],
    on_record: (item: { record: string[]; info: { lines: number } }) => {
      overcounted += quotedCrlfs(item.record);
      lastEnd = item.info.lines - overcounted;
      previousWasSkipped = false;
      return { record: item.record, line: lastEnd - innerLineBreaks(item.record) };
    },
    on_skip: (error: { lines?: number; message: string; code?: string } | undefined, raw?: string) => {
      if (!error) return;
      // Text after a closing quote (`"L1" ,`): csv-parse skips the record but reads on inside the quotes, so
      // the lines after it would be taken into the bad field up to the next quote, and their rows and errors
      // lost. The quoted field ends at its closing quote: the rest of the record is read as plain text.
      if (error.code === 'CSV_INVALID_CLOSING_QUOTE') leaveQuotes();
      // One malformed record raises an error per stray quote, all seen on one line: its first names it.
      if (previousWasSkipped && error.lines === lastSkipSeenOn) return;
      const line = malformedStart(error);
      previousWasSkipped = true;
      lastSkipSeenOn = error.lines;
      if (skippedLines.has(line)) return;
      skippedLines.add(line);
      malformed.push({ fields: wholeFieldsBeforeProblem(raw ?? ''), line, error: { message: error.message, code: error.code } });
    },
  };
  const csv = parse(options as unknown as CsvParseOptions);
  // The parser's state (csv-parse exposes it on the parser) is changed only while it reports a skipped record.
  const leaveQuotes = () => Object.assign((csv as unknown as { state: { quoting: boolean; wasQuoting: boolean } }).state, { quoting: false, wasQuoting: true });
  const limited = recordSizeLimitStream(limit);
  input.on('error', (error) => limited.destroy(error));
  limited.on('error', (error) => csv.destroy(error));
  const parser = input.pipe(limited).pipe(csv);
  try {
    for await (const item of parser as AsyncIterable<{ record: string[]; line: number }>) {
      await takeMalformedBefore(item.line);
      const writing = rows.take(item.record, item.line);
      if (writing) await writing;
    }
    await takeMalformedBefore(Infinity);
  } catch (error) {
    // Not malformed CSV (csv-parse's own errors): the row sink's, for the caller.
    if (!(error instanceof CsvError)) throw error;
    malformed.splice(0).forEach(nameMalformed);
    rows.errors.push(syntaxError(name, { lines: malformedStart(error as { lines?: number }), message: (error as Error).message, code: error.code }));
    input.destroy();
    return true;
  }
  return skippedLines.size > 0;
}
