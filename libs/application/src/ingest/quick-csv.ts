/** One CSV record and the physical line it starts on. */
export interface CsvRecord {
  fields: string[];
  line: number;
}

/** The quick reader does not take this file (a quirk of it it leaves to csv-parse, which reads it then). */
export class NotQuicklyReadable extends Error {}

/**
 * The longest record read, in bytes (1 MiB): no row of the data files comes near it. Longer is not a data row
 * but a file gone wrong — lines ended by CR alone, binary data — and held whole, it would grow memory and
 * time without bound (input-formats.md sets no limit; this one is the reader's, named when reached). It is
 * applied in front of both readers, the same for every file (RecordSizeLimit); QuickCsvReader's own check
 * below only bounds what it holds when it is used on its own.
 */
export const MAX_RECORD_BYTES = 1 << 20;

const QUOTE = 0x22;
const COMMA = 0x2c;
const LF = 0x0a;
const CR = 0x0d;
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

type LineEnd = 'lf' | 'crlf';

/**
 * A CSV reader for the plain shape of data files: RFC 4180 records, a UTF-8 BOM allowed, every line
 * ended the same way (LF or CRLF), fields quoted or not, quoted fields with `""` and line breaks.
 * A line without a quote is decoded once and split at its commas — most of a large file — which is
 * several times faster than csv-parse and makes far less garbage. Anything else (a quote inside an
 * unquoted field, text after a closing quote, an unclosed quote, a lone CR, mixed line ends) is not
 * guessed at: it throws NotQuicklyReadable and the file is read by csv-parse, which also names CSV
 * syntax errors. Records and lines are those csv-parse gives (tested side by side).
 */
export class QuickCsvReader {
  private pending: Buffer | null = null;
  private nextLine = 1;
  private lineEnd: LineEnd | null = null;
  private started = false;

  /**
   * The complete records in what was read so far, one at a time (a record is garbage as soon as it is
   * stored, not kept with a chunk's thousands); `last` says the file ended with this chunk. Every
   * record of a chunk is to be taken before the next chunk is given.
   */
  *take(chunk: Buffer, last: boolean): Generator<CsvRecord> {
    let buffer = this.pending ? Buffer.concat([this.pending, chunk]) : chunk;
    this.pending = null;
    if (!this.started) {
      if (buffer.length < BOM.length && !last) {
        this.pending = buffer;
        return;
      }
      if (buffer.subarray(0, BOM.length).equals(BOM)) buffer = buffer.subarray(BOM.length);
      this.started = true;
    }
    const end = buffer.length;
    let position = 0;
    let nextQuote = buffer.indexOf(QUOTE, 0);
    let nextCr = buffer.indexOf(CR, 0);
    while (position < end) {
      const newline = buffer.indexOf(LF, position);
      if (newline < 0 && !last) break;
      const lineStop = newline < 0 ? end : newline;
      if (nextQuote >= 0 && nextQuote < lineStop) {
        const quoted = this.quotedRecord(buffer, position, last);
        if (!quoted) break;
        const line = this.nextLine;
        this.nextLine += 1 + quoted.innerBreaks;
        position = quoted.next;
        if (nextQuote < position) nextQuote = buffer.indexOf(QUOTE, position);
        if (nextCr >= 0 && nextCr < position) nextCr = buffer.indexOf(CR, position);
        yield { fields: quoted.fields, line };
        continue;
      }
      let contentStop = lineStop;
      if (newline >= 0) {
        const crlf = newline > position && buffer[newline - 1] === CR;
        this.sameLineEnd(crlf ? 'crlf' : 'lf');
        if (crlf) contentStop = newline - 1;
      }
      if (nextCr >= 0 && nextCr < contentStop) throw new NotQuicklyReadable(`a carriage return inside line ${this.nextLine}`);
      if (nextCr >= 0 && nextCr < lineStop) nextCr = buffer.indexOf(CR, lineStop);
      const line = this.nextLine;
      this.nextLine += 1;
      const fields = buffer.toString('utf8', position, contentStop).split(',');
      position = newline < 0 ? end : newline + 1;
      yield { fields, line };
    }
    this.pending = position < end ? buffer.subarray(position) : null;
    if (this.pending && this.pending.length > MAX_RECORD_BYTES) throw new NotQuicklyReadable(`a record longer than ${MAX_RECORD_BYTES} bytes on line ${this.nextLine}`);
  }

  private sameLineEnd(lineEnd: LineEnd): void {
    if (this.lineEnd === null) this.lineEnd = lineEnd;
    else if (this.lineEnd !== lineEnd) throw new NotQuicklyReadable(`line ${this.nextLine} ends differently from the lines before`);
  }

  /**
   * A record with a quoted field, read byte by byte from `start`. Null when the buffer ends inside it
   * and more is to come.
   */
  private quotedRecord(buffer: Buffer, start: number, last: boolean): { fields: string[]; innerBreaks: number; next: number } | null {
    const end = buffer.length;
    const fields: string[] = [];
    let innerBreaks = 0;
    let i = start;
    for (;;) {
      if (i < end && buffer[i] === QUOTE) {
        const parts: string[] = [];
        let from = i + 1;
        for (;;) {
          const quote = buffer.indexOf(QUOTE, from);
          if (quote < 0 || quote + 1 >= end) {
            if (!last) return null;
            if (quote < 0) throw new NotQuicklyReadable(`a quote not closed on line ${this.nextLine}`);
          }
          innerBreaks += this.breaksIn(buffer, from, quote);
          if (buffer[quote + 1] === QUOTE) {
            parts.push(buffer.toString('utf8', from, quote + 1));
            from = quote + 2;
            continue;
          }
          parts.push(buffer.toString('utf8', from, quote));
          i = quote + 1;
          break;
        }
        fields.push(parts.length === 1 ? parts[0] : parts.join(''));
      } else {
        let j = i;
        while (j < end && buffer[j] !== COMMA && buffer[j] !== LF && buffer[j] !== CR) {
          if (buffer[j] === QUOTE) throw new NotQuicklyReadable(`a quote inside an unquoted field on line ${this.nextLine}`);
          j += 1;
        }
        fields.push(buffer.toString('utf8', i, j));
        i = j;
      }
      // After a field: a comma, the end of the line, or the end of the file.
      if (i >= end) {
        if (!last) return null;
        return { fields, innerBreaks, next: end };
      }
      const byte = buffer[i];
      if (byte === COMMA) {
        i += 1;
        continue;
      }
      if (byte === LF) {
        this.sameLineEnd('lf');
        return { fields, innerBreaks, next: i + 1 };
      }
      if (byte === CR) {
        if (i + 1 >= end && !last) return null;
        if (buffer[i + 1] !== LF) throw new NotQuicklyReadable(`a carriage return inside line ${this.nextLine}`);
        this.sameLineEnd('crlf');
        return { fields, innerBreaks, next: i + 2 };
      }
      throw new NotQuicklyReadable(`text after a closing quote on line ${this.nextLine}`);
    }
  }

  /** Line breaks inside a quoted field (LF, or CRLF, counted once); a lone CR is left to csv-parse. */
  private breaksIn(buffer: Buffer, from: number, to: number): number {
    let breaks = 0;
    for (let k = from; k < to; k += 1) {
      if (buffer[k] === LF) breaks += 1;
      else if (buffer[k] === CR && buffer[k + 1] !== LF) {
        throw new NotQuicklyReadable(`a lone carriage return inside a quoted field on line ${this.nextLine}`);
      }
    }
    return breaks;
  }
}
