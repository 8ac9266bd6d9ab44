import { isUtf8 } from 'node:buffer';
import { MAX_RECORD_BYTES } from './quick-csv';

const NEWLINE = 0x0a;

/**
 * Watches a file's bytes as they stream by and names every line that is not valid UTF-8 (input-formats.md:
 * data files are UTF-8). A decoder would put replacement characters in silently. Checks whole lines only,
 * so a character split across two chunks is never mistaken for a bad one; lines are checked one by one
 * only in a chunk that fails as a whole. A line longer than MAX_RECORD_BYTES is not checked (nor held): it is in
 * a record over the readers' size limit, named as that alone.
 */
export class Utf8LineCheck {
  /** The chunks since the last line break, joined only when one comes: a line of many chunks costs one copy, not one per chunk. */
  private pending: Buffer[] = [];
  private pendingBytes = 0;
  /** The line being read is longer than MAX_RECORD_BYTES: its bytes are let go as they come. */
  private tooLong = false;
  private linesBefore = 0;
  readonly badLines: number[] = [];

  push(chunk: Buffer): void {
    if (this.tooLong) {
      const newline = chunk.indexOf(NEWLINE);
      if (newline < 0) return;
      this.linesBefore += 1;
      this.tooLong = false;
      chunk = chunk.subarray(newline + 1);
    }
    const lastBreak = chunk.lastIndexOf(NEWLINE);
    if (lastBreak < 0) {
      this.pending.push(chunk);
      this.pendingBytes += chunk.length;
      if (this.pendingBytes > MAX_RECORD_BYTES) {
        this.tooLong = true;
        this.pending = [];
        this.pendingBytes = 0;
      }
      return;
    }
    this.check(Buffer.concat([...this.pending, chunk.subarray(0, lastBreak + 1)]));
    this.pending = lastBreak + 1 < chunk.length ? [chunk.subarray(lastBreak + 1)] : [];
    this.pendingBytes = chunk.length - lastBreak - 1;
  }

  end(): void {
    if (!this.tooLong) this.check(Buffer.concat(this.pending));
    this.pending = [];
    this.pendingBytes = 0;
  }

  private check(lines: Buffer): void {
    if (lines.length === 0) return;
    const valid = isUtf8(lines);
    let start = 0;
    for (let newline = lines.indexOf(NEWLINE); start < lines.length; newline = lines.indexOf(NEWLINE, start)) {
      const stop = newline < 0 ? lines.length : newline + 1;
      this.linesBefore += 1;
      if (!valid && !isUtf8(lines.subarray(start, stop))) this.badLines.push(this.linesBefore);
      start = stop;
    }
  }
}
