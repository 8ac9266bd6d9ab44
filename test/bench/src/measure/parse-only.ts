import { createReadStream } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parse } from 'csv-parse';
import { FILE_SPECS, FileSpec, readHeader, readRow } from '@drawback/domain';

/** Reads one file as the ingest does (same csv-parse options), optionally checking every row. */
async function readFile(spec: FileSpec, path: string, checkRows: boolean): Promise<number> {
  const started = performance.now();
  const parser = createReadStream(path).pipe(parse({ bom: true, info: true, relax_column_count: true, skip_empty_lines: true }));
  let layout: ReturnType<typeof readHeader>['layout'] | null = null;
  let line = 1;
  for await (const { record } of parser as AsyncIterable<{ record: string[] }>) {
    if (!layout) layout = readHeader(spec, record, spec.fileName).layout;
    else if (checkRows) readRow(spec, layout, record, spec.fileName, (line += 1));
  }
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
    timings.push({ file: spec.fileName, parseSeconds: await readFile(spec, path, false), parseAndCheckSeconds: await readFile(spec, path, true) });
  }
  return timings;
}
