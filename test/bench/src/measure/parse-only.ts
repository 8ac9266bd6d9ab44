import { createReadStream } from 'node:fs';
import { stat } from 'node:fs/promises';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { QuickCsvReader, readDataFile, RowSink } from '@drawback/application';
import { FILE_SPECS, FileSpec } from '@drawback/domain';

/** The ingest's CSV reader alone: every record of the file, nothing done with it. */
async function parseOnly(path: string): Promise<number> {
  const started = performance.now();
  const reader = new QuickCsvReader();
  let records = 0;
  for await (const chunk of createReadStream(path, { highWaterMark: 1 << 20 }) as AsyncIterable<Buffer>) {
    for (const record of reader.take(chunk, false)) records += record.fields.length > 0 ? 1 : 0;
  }
  for (const record of reader.take(Buffer.alloc(0), true)) records += record.fields.length > 0 ? 1 : 0;
  return (performance.now() - started) / 1000;
}

/** Rows read and checked, then dropped. */
const DROP_ROWS: RowSink = { write: () => undefined, end: async () => undefined, abort: async () => undefined };

/** The ingest's reading of a file — CSV reader, hash, UTF-8 check, header and row checks — rows dropped. */
async function parseAndCheck(spec: FileSpec, path: string): Promise<number> {
  const started = performance.now();
  await readDataFile({ spec, path, size: (await stat(path)).size }, DROP_ROWS, () => undefined, 'quick');
  return (performance.now() - started) / 1000;
}

/**
 * For `--profile`: the CPU the ingest's reading phase spends before any row reaches the database —
 * CSV parsing alone, then parsing with the row checks — so that the reading time splits into
 * parse, validate and COPY.
 */
export async function timeParsing(folder: string): Promise<{ file: string; parseSeconds: number; parseAndCheckSeconds: number }[]> {
  const timings = [];
  for (const spec of FILE_SPECS) {
    const path = join(folder, spec.fileName);
    timings.push({ file: spec.fileName, parseSeconds: await parseOnly(path), parseAndCheckSeconds: await parseAndCheck(spec, path) });
  }
  return timings;
}
