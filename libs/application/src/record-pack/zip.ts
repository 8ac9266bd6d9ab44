import { createHash } from 'node:crypto';
import { createReadStream, createWriteStream } from 'node:fs';
import { pipeline } from 'node:stream/promises';
import { crc32 } from 'node:zlib';
import { ZipEntry } from './zip-reader';

// 1980-01-01 00:00, the earliest DOS date: a fixed time for every entry, so equal contents give equal bytes.
const DOS_TIME = 0;
const DOS_DATE = (0 << 9) | (1 << 5) | 1;
const UTF8_NAMES = 0x0800;

/** An entry whose data is a file already written, with its CRC-32 and size (PackFileWriter). */
export interface ZipFileEntry {
  name: string;
  path: string;
  crc: number;
  size: number;
}

/** The zip format's 32-bit sizes and offsets (no zip64): a pack must stay under 4 GiB. */
const ZIP32_LIMIT = 0xffffffff;

/** The pack would pass 4 GiB: the claim's data makes it so, and making it again cannot help. */
export class RecordPackTooLargeError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RecordPackTooLargeError';
  }
}

/** Entries in name order (by character code), as a zip and a manifest list them. */
export const byName = <T extends { name: string }>(a: T, b: T) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0);

/**
 * What a local header (from byte 6) and a central directory header (from byte 8) both say of an entry, in
 * the same order: flags, method (stored), time, date, CRC-32, compressed and uncompressed size, name length.
 */
function writeEntryFields(header: Buffer, at: number, name: Buffer, crc: number, size: number): void {
  header.writeUInt16LE(UTF8_NAMES, at);
  header.writeUInt16LE(0, at + 2);
  header.writeUInt16LE(DOS_TIME, at + 4);
  header.writeUInt16LE(DOS_DATE, at + 6);
  header.writeUInt32LE(crc, at + 8);
  header.writeUInt32LE(size, at + 12);
  header.writeUInt32LE(size, at + 16);
  header.writeUInt16LE(name.length, at + 20);
}

function localHeader(name: Buffer, crc: number, size: number): Buffer {
  const local = Buffer.alloc(30);
  local.writeUInt32LE(0x04034b50, 0);
  local.writeUInt16LE(20, 4);
  writeEntryFields(local, 6, name, crc, size);
  return local;
}

function centralHeader(name: Buffer, crc: number, size: number, offset: number): Buffer {
  const central = Buffer.alloc(46);
  central.writeUInt32LE(0x02014b50, 0);
  central.writeUInt16LE(20, 4);
  central.writeUInt16LE(20, 6);
  writeEntryFields(central, 8, name, crc, size);
  central.writeUInt32LE(offset, 42);
  return Buffer.concat([central, name]);
}

function endOfDirectory(count: number, directorySize: number, directoryOffset: number): Buffer {
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(count, 8);
  end.writeUInt16LE(count, 10);
  end.writeUInt32LE(directorySize, 12);
  end.writeUInt32LE(directoryOffset, 16);
  return end;
}

/**
 * The parts of a reproducible zip, in order: entries sorted by name, stored uncompressed (no compressor
 * version can change the bytes), fixed timestamps, no extra fields. Where an entry's data goes, the
 * entry itself is given, for the caller to put its bytes there (a buffer, or a file streamed).
 */
function* zipParts<T extends { name: string; crc: number; size: number }>(entries: readonly T[]): Generator<Buffer | T> {
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const entry of [...entries].sort(byName)) {
    const name = Buffer.from(entry.name, 'utf8');
    if (offset + 30 + name.length + entry.size > ZIP32_LIMIT) throw new RecordPackTooLargeError(`the record pack would pass 4 GiB at ${entry.name}, beyond the zip format used`);
    yield localHeader(name, entry.crc, entry.size);
    yield name;
    yield entry;
    centrals.push(centralHeader(name, entry.crc, entry.size, offset));
    offset += 30 + name.length + entry.size;
  }
  const directory = Buffer.concat(centrals);
  yield directory;
  yield endOfDirectory(centrals.length, directory.length, offset);
}

/** A reproducible zip of entries in memory. The same entries always give the same bytes. */
export function writeZip(entries: readonly ZipEntry[]): Buffer {
  const sized = entries.map((entry) => ({ ...entry, crc: crc32(entry.data), size: entry.data.length }));
  return Buffer.concat([...zipParts(sized)].map((part) => (Buffer.isBuffer(part) ? part : part.data)));
}

/** The same zip of entries already written to files, streamed to `target`: its sha256 and size. */
export async function writeZipFile(entries: readonly ZipFileEntry[], target: string): Promise<{ sha256: string; bytes: number }> {
  const hash = createHash('sha256');
  let bytes = 0;
  async function* hashed(): AsyncGenerator<Buffer> {
    for (const part of zipParts(entries)) {
      for await (const chunk of Buffer.isBuffer(part) ? [part] : (createReadStream(part.path) as AsyncIterable<Buffer>)) {
        hash.update(chunk);
        bytes += chunk.length;
        yield chunk;
      }
    }
  }
  await pipeline(hashed(), createWriteStream(target));
  return { sha256: hash.digest('hex'), bytes };
}
