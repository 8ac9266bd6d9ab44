import { Transform } from 'node:stream';
import { MAX_RECORD_BYTES } from './quick-csv';

const QUOTE = 0x22;
const COMMA = 0x2c;
const LF = 0x0a;
const CR = 0x0d;
const BOM = Buffer.from([0xef, 0xbb, 0xbf]);

/** A record longer than MAX_RECORD_BYTES: the physical lines it spans. */
export interface OversizedRecord {
  line: number;
  lastLine: number;
}

type Place = 'fieldStart' | 'plain' | 'quoted' | 'quoteInQuoted';

/**
 * The record-size limit of the CSV readers, applied to a file's bytes before either reader sees them, so that
 * it is one limit for every file and both readers: a record — from its first byte to its line end, quoted line
 * breaks included, the line end not — of more than MAX_RECORD_BYTES bytes is not passed on but replaced by
 * as many empty lines as it spans (the readers skip empty lines, and the lines after keep their numbers), and
 * is listed in `oversized`. The rows after it are read as any others. No more than one record's bytes (up to
 * the limit) are held: the rest of an oversized record is dropped as it streams by.
 *
 * Records end as the readers end them: at an LF outside quotes (a lone CR is inside the line); a quote opens a
 * quoted field only as a field's first byte, a doubled quote inside it is one quote, and any other quote closes
 * it — text after a closing quote is read as plain text, as stage-file has csv-parse read it.
 */
export class RecordSizeLimit {
  readonly oversized: OversizedRecord[] = [];
  /** The current record's bytes from earlier chunks, passed on once it ends within the limit. */
  private held: Buffer[] = [];
  /** The current record's bytes in earlier chunks (held, or dropped when it is over the limit). */
  private earlierBytes = 0;
  private dropping = false;
  private place: Place = 'fieldStart';
  private line = 1;
  private recordLine = 1;
  private previousByte = -1;
  private started = false;
  /** How the last record ended: the empty lines put in place of an oversized record end the same way. */
  private lastLineEnd = '\n';

  /** The bytes to pass on for this chunk of the file, in order. */
  push(chunk: Buffer): Buffer[] {
    const out: Buffer[] = [];
    const end = chunk.length;
    let i = 0;
    if (!this.started) {
      this.started = true;
      if (chunk.subarray(0, BOM.length).equals(BOM)) i = BOM.length;
    }
    // From `passFrom` on, the chunk's bytes are passed on as they are, up to the current record's start.
    let passFrom = 0;
    let recordStart = 0;
    let nextQuote = chunk.indexOf(QUOTE, i);
    while (i < end) {
      if (this.place === 'fieldStart') {
        this.place = chunk[i] === QUOTE ? 'quoted' : 'plain';
        if (this.place === 'quoted') i += 1;
        continue;
      }
      if (this.place === 'quoteInQuoted') {
        // The quote that ended the last chunk: doubled, or closing.
        this.place = chunk[i] === QUOTE ? 'quoted' : 'plain';
        if (this.place === 'quoted') i += 1;
        continue;
      }
      if (nextQuote >= 0 && nextQuote < i) nextQuote = chunk.indexOf(QUOTE, i);
      if (this.place === 'quoted') {
        const stop = nextQuote < 0 ? end : nextQuote;
        this.line += breaksIn(chunk, i, stop);
        if (nextQuote < 0) {
          i = end;
        } else if (nextQuote + 1 >= end) {
          this.place = 'quoteInQuoted';
          i = end;
        } else {
          this.place = chunk[nextQuote + 1] === QUOTE ? 'quoted' : 'plain';
          i = nextQuote + (this.place === 'quoted' ? 2 : 1);
        }
        continue;
      }
      // Plain text: up to a field that opens with a quote, or the record's end.
      const newline = chunk.indexOf(LF, i);
      const lineStop = newline < 0 ? end : newline;
      if (nextQuote >= 0 && nextQuote < lineStop) {
        const before = nextQuote > 0 ? chunk[nextQuote - 1] : this.previousByte;
        if (before === COMMA) this.place = 'quoted';
        i = nextQuote + 1;
        continue;
      }
      if (newline < 0) {
        i = end;
        continue;
      }
      const crlf = (newline > 0 ? chunk[newline - 1] : this.previousByte) === CR;
      const size = this.earlierBytes + newline - recordStart - (crlf ? 1 : 0);
      const lineEnd = crlf ? '\r\n' : '\n';
      if (this.dropping || size > MAX_RECORD_BYTES) {
        out.push(chunk.subarray(passFrom, recordStart));
        out.push(this.replaced(lineEnd, 1));
        passFrom = newline + 1;
      } else if (this.held.length > 0) {
        out.push(...this.held);
      }
      if (this.held.length > 0) this.held = [];
      this.earlierBytes = 0;
      this.dropping = false;
      this.lastLineEnd = lineEnd;
      this.line += 1;
      this.recordLine = this.line;
      this.place = 'fieldStart';
      i = newline + 1;
      recordStart = i;
    }
    if (recordStart > passFrom) out.push(chunk.subarray(passFrom, recordStart));
    if (end > recordStart) {
      this.earlierBytes += end - recordStart;
      if (!this.dropping) {
        this.held.push(chunk.subarray(recordStart));
        // A CR last may be the first half of the line end: not counted until what follows is seen.
        if (this.earlierBytes - (chunk[end - 1] === CR ? 1 : 0) > MAX_RECORD_BYTES) {
          this.dropping = true;
          this.held = [];
        }
      }
    }
    if (end > 0) this.previousByte = chunk[end - 1];
    return out.filter((bytes) => bytes.length > 0);
  }

  /** The bytes to pass on once the file has ended: its last record, when it had no line end. */
  end(): Buffer[] {
    const last = this.dropping || this.earlierBytes > MAX_RECORD_BYTES ? [this.replaced(this.lastLineEnd, 0)] : this.held;
    this.held = [];
    this.earlierBytes = 0;
    this.dropping = false;
    return last.filter((bytes) => bytes.length > 0);
  }

  /** The empty lines an oversized record is replaced by (its inner line breaks, and its own line end if it has one). */
  private replaced(lineEnd: string, ownLineEnd: 0 | 1): Buffer {
    this.oversized.push({ line: this.recordLine, lastLine: this.line });
    return Buffer.from(lineEnd.repeat(this.line - this.recordLine + ownLineEnd));
  }
}

/** LFs in a range of bytes. */
function breaksIn(bytes: Buffer, from: number, to: number): number {
  let breaks = 0;
  for (let at = bytes.indexOf(LF, from); at >= 0 && at < to; at = bytes.indexOf(LF, at + 1)) breaks += 1;
  return breaks;
}

/** A RecordSizeLimit as a stream stage, for a reader that takes a stream (csv-parse). */
export function recordSizeLimitStream(limit: RecordSizeLimit): Transform {
  return new Transform({
    transform(chunk: Buffer, _encoding, done) {
      for (const bytes of limit.push(chunk)) this.push(bytes);
      done();
    },
    flush(done) {
      for (const bytes of limit.end()) this.push(bytes);
      done();
    },
  });
}
