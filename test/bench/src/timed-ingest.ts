import { performance } from 'node:perf_hooks';
import { IngestLoader, IngestReport, IngestService } from '@drawback/application';
import { FILE_KINDS, formatDataError } from '@drawback/domain';
import { openDatabase } from '@drawback/persistence';
import { GeneratedDataSet } from './generate/generate-data-set';
import { recreateDatabase } from './measure/bench-database';
import { watchPeakRss } from './measure/peak-rss';
import { PhaseClock } from './measure/phase-clock';
import { timeQueries } from './measure/query-timer';

export type Log = (message: string) => void;

export interface IngestTiming {
  seconds: number;
  peakRssMb: number;
}

/** Thrown when the ingest did not accept and store the generated data set exactly: the timing is void. */
export class IngestFailed extends Error {}

const SHOWN_ERRORS = 1000;
const SHOWN_STATEMENTS = 25;

const oneLine = (sql: string) => sql.replace(/\s+/g, ' ').trim().slice(0, 220);

/** Every generated row must be accepted and stored as new, or the run measured something else. */
function assertStoredEverything(report: IngestReport, generated: GeneratedDataSet, log: Log): void {
  if (!report.accepted || !report.stored) {
    for (const error of report.errors.slice(0, SHOWN_ERRORS)) log(formatDataError(error));
    if (report.errors.length > SHOWN_ERRORS) log(`… and ${report.errors.length - SHOWN_ERRORS} more`);
    throw new IngestFailed(`the ingest rejected the generated data set: ${report.errors.length} error(s)`);
  }
  const wrong = FILE_KINDS.filter((kind) => report.counts[kind].rows !== generated.rows[kind] || report.counts[kind].new !== generated.rows[kind]);
  if (wrong.length > 0) {
    const counts = wrong.map((kind) => `${kind}: ${generated.rows[kind]} generated, ${report.counts[kind].rows} read, ${report.counts[kind].new} new`);
    throw new IngestFailed(`the ingest did not store every generated row (${counts.join('; ')})`);
  }
}

/**
 * Ingests the folder into a freshly created and migrated database and times `IngestService.ingest`
 * alone (not the database setup), with the process's peak memory over it. Phase times go to the log;
 * with `profile`, every SQL statement's time as well.
 */
export async function timeIngest(
  databaseUrl: string, folder: string, generated: GeneratedDataSet, loader: IngestLoader, profile: boolean, log: Log,
): Promise<IngestTiming> {
  await recreateDatabase(databaseUrl);
  const dataSource = await openDatabase({ databaseUrl });
  try {
    const queries = profile
      ? timeQueries(dataSource, (statement, seconds) => log(`  … call ${statement.calls} took ${seconds.toFixed(3)} s: ${oneLine(statement.sql)}`))
      : null;
    const phases = new PhaseClock((phase, seconds) => log(`  ${seconds.toFixed(3).padStart(9)} s  ${phase}`));
    const memory = watchPeakRss();
    phases.start();
    const started = performance.now();
    const report = await new IngestService(dataSource).ingest([folder], { source: `bench ${folder}`, loader, onProgress: phases.onProgress });
    const seconds = (performance.now() - started) / 1000;
    const peakRssMb = memory.stopMb();
    phases.finish();
    for (const statement of queries?.statements().slice(0, SHOWN_STATEMENTS) ?? []) {
      log(`  ${statement.seconds.toFixed(3).padStart(9)} s  ${String(statement.calls).padStart(4)}×  ${oneLine(statement.sql)}`);
    }
    assertStoredEverything(report, generated, log);
    if (loader === 'staged' && report.loadedBy !== 'staged') throw new IngestFailed(`the ingest took the ${report.loadedBy} path, not the staged one`);
    return { seconds, peakRssMb };
  } finally {
    await dataSource.destroy();
  }
}
