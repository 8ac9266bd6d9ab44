import { open } from 'node:fs/promises';
import { Readable, Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import { createInflateRaw, inflateRawSync } from 'node:zlib';

export class ZipFormatError extends Error {}

export interface ZipEntry {
  name: string;
  data: Buffer;
}

/** Where an entry's bytes lie, as the central directory says: method 0 stored, 8 deflated. */
export interface ZipEntryLocation {
  name: string;
  method: number;
  compressedSize: number;
  localHeaderAt: number;
}

const END_OF_DIRECTORY = Buffer.from([0x50, 0x4b, 0x05, 0x06]);
const CENTRAL_HEADER = 0x02014b50;
const LOCAL_HEADER_SIZE = 30;
/** The end-of-central-directory record (22 bytes) is followed by a comment of at most 65,535 bytes. */
const END_SEARCH_SIZE = 22 + 0xffff;

/** Where the central directory lies and how many entries it lists, from the zip's last bytes. */
function endOfDirectory(tail: Buffer, tailAt: number): { count: number; size: number; offset: number } {
  const endAt = tail.lastIndexOf(END_OF_DIRECTORY);
  if (endAt < 0 || endAt + 22 > tail.length) throw new ZipFormatError('not a zip file (no end of central directory)');
  const end = { count: tail.readUInt16LE(endAt + 10), size: tail.readUInt32LE(endAt + 12), offset: tail.readUInt32LE(endAt + 16) };
  if (end.offset + end.size > tailAt + endAt) throw new ZipFormatError('damaged central directory (it lies past the end of the file)');
  return end;
}

function centralDirectory(directory: Buffer, count: number): ZipEntryLocation[] {
  const entries: ZipEntryLocation[] = [];
  let at = 0;
  for (let i = 0; i < count; i += 1) {
    if (at + 46 > directory.length || directory.readUInt32LE(at) !== CENTRAL_HEADER) throw new ZipFormatError('damaged central directory');
    const nameLength = directory.readUInt16LE(at + 28);
    const location = {
      name: directory.subarray(at + 46, at + 46 + nameLength).toString('utf8'),
      method: directory.readUInt16LE(at + 10),
      compressedSize: directory.readUInt32LE(at + 20),
      localHeaderAt: directory.readUInt32LE(at + 42),
    };
    if (location.method !== 0 && location.method !== 8) throw new ZipFormatError(`${location.name}: compression method ${location.method} is not supported`);
    entries.push(location);
    at += 46 + nameLength + directory.readUInt16LE(at + 30) + directory.readUInt16LE(at + 32);
  }
  return entries;
}

/** Where an entry's data starts: after its local header, whose name and extra field may differ in length from the central one's. */
function dataStart(entry: ZipEntryLocation, localHeader: Buffer): number {
  if (localHeader.length < LOCAL_HEADER_SIZE) throw new ZipFormatError(`${entry.name}: its local header lies past the end of the file`);
  return entry.localHeaderAt + LOCAL_HEADER_SIZE + localHeader.readUInt16LE(26) + localHeader.readUInt16LE(28);
}

/** Reads a zip's entries through its central directory (stored or deflated entries). */
export function readZip(zip: Buffer): ZipEntry[] {
  const tailAt = Math.max(0, zip.length - END_SEARCH_SIZE);
  const end = endOfDirectory(zip.subarray(tailAt), tailAt);
  return centralDirectory(zip.subarray(end.offset, end.offset + end.size), end.count).map((entry) => {
    const at = dataStart(entry, zip.subarray(entry.localHeaderAt, entry.localHeaderAt + LOCAL_HEADER_SIZE));
    const raw = zip.subarray(at, at + entry.compressedSize);
    // A stored entry is a view of the zip, not a copy: a pack of hundreds of megabytes is held once.
    if (entry.method === 0) return { name: entry.name, data: raw };
    try {
      return { name: entry.name, data: inflateRawSync(raw) };
    } catch (error) {
      throw damagedData(entry.name, error);
    }
  });
}

/**
 * A zip on disk read one entry at a time, never whole: a record pack may be larger than the 2 GiB a file
 * can be read into memory at once, and verifying it needs each file's bytes only long enough to hash them.
 */
export class ZipFileReader {
  private constructor(private readonly path: string, readonly entries: readonly ZipEntryLocation[]) {}

  static async open(path: string): Promise<ZipFileReader> {
    const file = await open(path, 'r');
    try {
      const { size } = await file.stat();
      const tailAt = Math.max(0, size - END_SEARCH_SIZE);
      const end = endOfDirectory(await readAt(file, tailAt, size - tailAt), tailAt);
      return new ZipFileReader(path, centralDirectory(await readAt(file, end.offset, end.size), end.count));
    } finally {
      await file.close();
    }
  }

  /** Streams the entry's bytes, inflated if deflated, into `sink` (a hash, say). */
  async pipeTo(entry: ZipEntryLocation, sink: Writable): Promise<void> {
    const file = await open(this.path, 'r');
    let start: number;
    try {
      start = dataStart(entry, await readAt(file, entry.localHeaderAt, LOCAL_HEADER_SIZE));
    } catch (error) {
      await file.close();
      throw error;
    }
    if (entry.compressedSize === 0) await file.close();
    // An empty range has no last byte to name: read nothing rather than `end: start - 1`.
    const raw = entry.compressedSize === 0 ? Readable.from([]) : file.createReadStream({ start, end: start + entry.compressedSize - 1 });
    try {
      await (entry.method === 0 ? pipeline(raw, sink) : pipeline(raw, createInflateRaw(), sink));
    } catch (error) {
      throw damagedData(entry.name, error);
    }
  }

  /** The entry's bytes in memory (for the few small files a check parses). */
  async read(entry: ZipEntryLocation): Promise<Buffer> {
    const chunks: Buffer[] = [];
    await this.pipeTo(entry, new Writable({
      write(chunk: Buffer, _encoding, done) {
        chunks.push(chunk);
        done();
      },
    }));
    return Buffer.concat(chunks);
  }
}

/** zlib's own errors (Z_DATA_ERROR, Z_BUF_ERROR…) mean the entry's compressed bytes are damaged. */
function damagedData(name: string, error: unknown): unknown {
  const code = (error as { code?: unknown }).code;
  return typeof code === 'string' && code.startsWith('Z_') ? new ZipFormatError(`${name}: its compressed data is damaged`) : error;
}

async function readAt(file: Awaited<ReturnType<typeof open>>, position: number, length: number): Promise<Buffer> {
  const buffer = Buffer.alloc(length);
  const { bytesRead } = await file.read(buffer, 0, length, position);
  return buffer.subarray(0, bytesRead);
}
