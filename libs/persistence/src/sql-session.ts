import { from as copyFrom } from 'pg-copy-streams';
import type { PoolClient } from 'pg';
import { DataSource, QueryRunner } from 'typeorm';
import { getPGliteInstance } from 'typeorm-pglite';
import { isEmbedded } from './data-source';

/**
 * Writes rows into one table through COPY, in chunks, never holding a whole file in memory. `write`
 * buffers and returns a promise only when it sent a chunk and the caller must wait for it to drain:
 * a million rows need no million promises.
 */
export interface CopySink {
  write(values: ReadonlyArray<string | null>): Promise<void> | undefined;
  /** Rows already in COPY text form (UTF-8), each ended by a line break. */
  writeBytes(bytes: Buffer): Promise<void> | undefined;
  end(): Promise<void>;
  /** Gives the COPY up (the server rolls it back), so the connection can go on; the transaction is then the caller's to roll back. */
  abort(): Promise<void>;
}

const CHUNK_BYTES = 1 << 20;
const EMBEDDED_COPY_CHARACTERS = 16 << 20;

/** COPY text format: backslash, tab, newline and carriage return escaped; `\N` is null. */
function copyLine(values: ReadonlyArray<string | null>): string {
  let line = '';
  for (let i = 0; i < values.length; i += 1) {
    const value = values[i];
    if (i > 0) line += '\t';
    line += value === null ? '\\N' : /[\\\t\n\r]/.test(value) ? value.replace(/[\\\t\n\r]/g, escapeCharacter) : value;
  }
  return line + '\n';
}
function escapeCharacter(character: string): string {
  return character === '\\' ? '\\\\' : character === '\t' ? '\\t' : character === '\n' ? '\\n' : '\\r';
}

/**
 * COPY text built up in UTF-8 chunks off the JavaScript heap: a row's text is short-lived, and a
 * chunk that waits to be sent is one buffer, not a chain of strings the garbage collector must trace.
 */
class CopyChunks {
  private chunk = Buffer.allocUnsafe(CHUNK_BYTES);
  private used = 0;

  /** Appends a row's text; returns a full chunk when one was closed to make room. */
  append(text: string): Buffer | null {
    // A UTF-16 code unit takes at most 3 bytes in UTF-8.
    if (this.used + text.length * 3 <= CHUNK_BYTES) {
      this.used += this.chunk.write(text, this.used);
      return null;
    }
    const full = this.take();
    if (text.length * 3 > CHUNK_BYTES) return full ? Buffer.concat([full, Buffer.from(text)]) : Buffer.from(text);
    this.used = this.chunk.write(text, 0);
    return full;
  }

  /** The bytes appended since the last chunk was closed, or null. */
  take(): Buffer | null {
    if (this.used === 0) return null;
    const full = this.chunk.subarray(0, this.used);
    this.chunk = Buffer.allocUnsafe(CHUNK_BYTES);
    this.used = 0;
    return full;
  }
}

/**
 * Rows kept as COPY text until `send` writes them all into a sink: for a second table that one file
 * fills while its connection is busy with the first table's COPY. Bytes, not row arrays: a quarter of a
 * million rows stay a few megabytes.
 */
export class KeptCopyRows {
  private readonly full: Buffer[] = [];
  private readonly chunks = new CopyChunks();

  add(values: ReadonlyArray<string | null>): void {
    const closed = this.chunks.append(copyLine(values));
    if (closed) this.full.push(closed);
  }

  async send(sink: CopySink): Promise<void> {
    const last = this.chunks.take();
    if (last) this.full.push(last);
    try {
      for (const bytes of this.full.splice(0)) {
        const flushing = sink.writeBytes(bytes);
        if (flushing) await flushing;
      }
      await sink.end();
    } catch (error) {
      await sink.abort();
      throw error;
    }
  }
}

/**
 * One connection held for a unit of work (one transaction), able to run SQL and to COPY rows in,
 * on PostgreSQL through pg-copy-streams and on the embedded PGlite through its `/dev/blob` device.
 */
export class SqlSession {
  private constructor(
    private readonly runner: QueryRunner,
    private readonly embedded: boolean,
  ) {}

  static async open(dataSource: DataSource): Promise<SqlSession> {
    const runner = dataSource.createQueryRunner();
    await runner.connect();
    return new SqlSession(runner, isEmbedded(dataSource));
  }

  query<T = Record<string, unknown>>(sql: string, parameters: unknown[] = []): Promise<T[]> {
    return this.runner.query(sql, parameters);
  }

  async begin(): Promise<void> {
    await this.runner.startTransaction();
  }
  async commit(): Promise<void> {
    await this.runner.commitTransaction();
  }
  async rollback(): Promise<void> {
    if (this.runner.isTransactionActive) await this.runner.rollbackTransaction();
  }
  async release(): Promise<void> {
    await this.runner.release();
  }

  copyInto(table: string, columns: readonly string[]): CopySink {
    const statement = `COPY ${table} (${columns.join(', ')}) FROM `;
    return this.embedded ? this.embeddedSink(statement) : this.serverSink(statement);
  }

  private serverSink(statement: string): CopySink {
    const client = (this.runner as unknown as { databaseConnection: PoolClient }).databaseConnection;
    const stream = client.query(copyFrom(`${statement}STDIN`));
    // Once the server has refused the COPY (a key already stored, say) the stream may not be written to
    // again: its error is what every later write and the end give back.
    let refused: unknown = null;
    const finished = new Promise<void>((resolve, reject) => {
      stream.on('finish', resolve);
      stream.on('error', (error) => {
        refused = error;
        reject(error);
      });
    });
    finished.catch(() => undefined);
    const chunks = new CopyChunks();
    const send = async (bytes: Buffer) => {
      if (refused) throw refused;
      if (!stream.write(bytes)) await Promise.race([new Promise((resolve) => stream.once('drain', resolve)), finished]);
    };
    const sendClosed = (closed: Buffer | null) => (closed ? send(closed) : undefined);
    return {
      write: (values) => sendClosed(chunks.append(copyLine(values))),
      writeBytes: (bytes) => sendClosed(Buffer.concat([chunks.take() ?? Buffer.alloc(0), bytes])),
      end: async () => {
        const last = chunks.take();
        if (last) await send(last);
        if (refused) throw refused;
        stream.end();
        await finished;
      },
      abort: async () => {
        chunks.take();
        if (!stream.destroyed) stream.destroy(new Error('COPY given up by the loader'));
        await finished.catch(() => undefined);
      },
    };
  }

  private embeddedSink(statement: string): CopySink {
    let parts: (string | Buffer)[] = [];
    let size = 0;
    const flush = async () => {
      if (size === 0) return;
      const blob = new Blob(parts);
      parts = [];
      size = 0;
      const pglite = await getPGliteInstance();
      await pglite.query(`${statement}'/dev/blob'`, [], { blob });
    };
    const append = (text: string | Buffer) => {
      parts.push(text);
      size += text.length;
      return size >= EMBEDDED_COPY_CHARACTERS ? flush() : undefined;
    };
    return {
      write: (values) => append(copyLine(values)),
      writeBytes: append,
      end: flush,
      abort: async () => {
        parts = [];
        size = 0;
      },
    };
  }
}
