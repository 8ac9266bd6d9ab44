import { createWriteStream, WriteStream } from 'node:fs';
import { once } from 'node:events';

export type CsvValue = string | number | null;

/** RFC 4180: a field is quoted only when it holds a comma, a quote or a line break. */
function csvField(value: CsvValue): string {
  if (value === null) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

const CHUNK_CHARACTERS = 1 << 16;

/**
 * Streams one CSV file to disk: rows are gathered into chunks and written as they fill, waiting for the
 * stream to drain, so a file of millions of rows never sits in memory.
 */
export class CsvFileWriter {
  private readonly stream: WriteStream;
  private buffer = '';
  rows = 0;

  constructor(path: string, header: readonly string[]) {
    this.stream = createWriteStream(path);
    this.buffer = `${header.join(',')}\n`;
  }

  async write(values: readonly CsvValue[]): Promise<void> {
    this.buffer += `${values.map(csvField).join(',')}\n`;
    this.rows += 1;
    if (this.buffer.length >= CHUNK_CHARACTERS) await this.flush();
  }

  async close(): Promise<void> {
    await this.flush();
    this.stream.end();
    await once(this.stream, 'finish');
  }

  private async flush(): Promise<void> {
    const chunk = this.buffer;
    this.buffer = '';
    if (!this.stream.write(chunk)) await once(this.stream, 'drain');
  }
}
