import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { crc32 } from 'node:zlib';
import { NO_PHASES, PhaseListener } from '../progress';
import { ZipFileEntry } from './zip';

/** Text is turned into bytes and written about a megabyte at a time. */
const BATCH_CHARACTERS = 1 << 20;

/** A file of a record pack on disk, with what the zip (CRC-32, size) and the manifest (sha256) need of it. */
export interface WrittenFile extends ZipFileEntry {
  sha256: string;
}

/**
 * Writes the files of a record pack into a working folder as their text is made, a batch at a time, so
 * a pack of a hundred thousand designations is never one string in memory (nor could be: V8 strings end
 * at 512 MiB).
 */
export class PackFileWriter {
  readonly written: WrittenFile[] = [];

  constructor(private readonly folder: string, private readonly onPhase: PhaseListener = NO_PHASES) {}

  async write(name: string, text: Iterable<string>): Promise<WrittenFile> {
    this.onPhase(`writing ${name}`);
    const path = join(this.folder, `${this.written.length}.part`);
    const hash = createHash('sha256');
    let crc = 0;
    let size = 0;
    async function* batches(): AsyncGenerator<Buffer> {
      let pending: string[] = [];
      let characters = 0;
      const take = () => {
        const bytes = Buffer.from(pending.join(''), 'utf8');
        pending = [];
        characters = 0;
        hash.update(bytes);
        crc = crc32(bytes, crc);
        size += bytes.length;
        return bytes;
      };
      for (const chunk of text) {
        pending.push(chunk);
        characters += chunk.length;
        if (characters >= BATCH_CHARACTERS) yield take();
      }
      yield take();
    }
    await pipeline(batches(), createWriteStream(path));
    const file = { name, path, crc, size, sha256: hash.digest('hex') };
    this.written.push(file);
    return file;
  }
}
