import 'reflect-metadata';
import { rmSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { BenchOptions, parseBenchOptions, USAGE, UsageError } from './bench-options';
import { generateDataSet } from './generate/generate-data-set';
import { dropBareTables, timePsqlCopy } from './measure/copy-baseline';
import { timeParsing } from './measure/parse-only';
import { IngestFailed, timeIngest } from './timed-ingest';

/** Fixed, so every run (and every machine) ingests the same bytes. */
const SEED = 20_260_101;

const log = (message: string) => process.stderr.write(`${message}\n`);
const round3 = (value: number) => Math.round(value * 1000) / 1000;

/**
 * The ingestion benchmark: generates a data set of N import lines, times `IngestService.ingest` of it
 * into a fresh database, and times `psql \copy` of the same files into bare tables — the physical
 * limit the ingest is compared with. One JSON line on stdout.
 */
async function bench(options: BenchOptions): Promise<void> {
  const folder = await mkdtemp(join(tmpdir(), 'drawback-bench-'));
  // A 1M-line data set is ~400 MB: an interrupted run must not leave it behind.
  const removeOnSignal = (signal: NodeJS.Signals) => {
    log(`bench: stopped by ${signal}${options.keep ? `; the data set stays in ${folder}` : ''}`);
    if (!options.keep) rmSync(folder, { recursive: true, force: true });
    process.exit(130);
  };
  process.once('SIGINT', removeOnSignal).once('SIGTERM', removeOnSignal);
  try {
    log(`generating ${options.lines} import lines into ${folder}`);
    const generatingSince = performance.now();
    const generated = await generateDataSet(folder, options.lines, SEED);
    const perKind = Object.entries(generated.rows).map(([kind, rows]) => `${kind} ${rows}`).join(', ');
    log(`generated ${generated.totalRows} rows (${perKind}) in ${((performance.now() - generatingSince) / 1000).toFixed(1)} s`);

    log(`ingesting (IngestService.ingest, loader ${options.loader})`);
    const ingest = await timeIngest(options.databaseUrl, folder, generated, options.loader, options.profile, log);
    log(`ingested in ${ingest.seconds.toFixed(3)} s, peak RSS ${ingest.peakRssMb.toFixed(1)} MB`);

    if (options.profile) {
      log('CSV parse alone / parse and row checks, per file (no database):');
      for (const t of await timeParsing(folder)) log(`  ${t.parseSeconds.toFixed(3).padStart(9)} s / ${t.parseAndCheckSeconds.toFixed(3).padStart(9)} s  ${t.file}`);
    }

    log('loading the same files with psql \\copy into bare tables');
    const copySeconds = await timePsqlCopy(options.databaseUrl, folder, (file, seconds) => log(`  ${seconds.toFixed(3).padStart(9)} s  ${file}`));
    if (!options.keep) await dropBareTables(options.databaseUrl);

    const rowsPerSecond = generated.totalRows / ingest.seconds;
    const copyRowsPerSecond = generated.totalRows / copySeconds;
    process.stdout.write(`${JSON.stringify({
      lines: options.lines,
      rows: generated.totalRows,
      seconds: round3(ingest.seconds),
      rowsPerSecond: round3(rowsPerSecond),
      copyRowsPerSecond: round3(copyRowsPerSecond),
      ratio: round3(rowsPerSecond / copyRowsPerSecond),
      peakRssMb: round3(ingest.peakRssMb),
    })}\n`);
  } finally {
    process.off('SIGINT', removeOnSignal).off('SIGTERM', removeOnSignal);
    if (options.keep) log(`kept the data set in ${folder}`);
    else await rm(folder, { recursive: true, force: true });
  }
}

function run(): void {
  let options: BenchOptions;
  try {
    options = parseBenchOptions(process.argv.slice(2));
  } catch (error) {
    const usage = error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS');
    log(usage ? `bench: ${(error as Error).message}\n\n${USAGE}` : String(error));
    process.exitCode = 2;
    return;
  }
  bench(options).catch((error: unknown) => {
    log(error instanceof IngestFailed ? `bench: ${error.message}` : `bench: ${(error as Error).stack ?? String(error)}`);
    process.exitCode = 1;
  });
}

run();
