import { isUtf8 } from 'node:buffer';

const NEWLINE = 0x0a;

/**
 * Watches a file's bytes as they stream by and names every line that is not valid UTF-8 (input-formats.md:
 * data files are UTF-8). A decoder would put replacement characters in silently. Checks whole lines only,
 * so a character split across two chunks is never mistaken for a bad one; lines are checked one by one
 * only in a chunk that fails as a whole.
 */
export class Utf8LineCheck {
  /** The chunks since the last line break, joined only when one comes: a line of many chunks costs one copy, not one per chunk. */
  private pending: Buffer[] = [];
  private linesBefore = 0;
  readonly badLines: number[] = [];

  push(chunk: Buffer): void {
    const lastBreak = chunk.lastIndexOf(NEWLINE);
    if (lastBreak < 0) {
      this.pending.push(chunk);
      return;
    }
    this.check(Buffer.concat([...this.pending, chunk.subarray(0, lastBreak + 1)]));
    this.pending = lastBreak + 1 < chunk.length ? [chunk.subarray(lastBreak + 1)] : [];
  }

  end(): void {
    this.check(Buffer.concat(this.pending));
    this.pending = [];
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
