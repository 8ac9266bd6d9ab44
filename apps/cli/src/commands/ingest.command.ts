import { existsSync } from 'node:fs';
import { IngestReport, IngestService, RecoverabilityService } from '@drawback/application';
import { FILE_KINDS, formatDataError } from '@drawback/domain';
import { DataSource } from 'typeorm';
import { progressReporter, showingPhases } from '../progress-bar';
import { NamesNothingError, UsageError } from '../cli-config';

export interface CommandIo {
  stdout: NodeJS.WriteStream;
  stderr: NodeJS.WriteStream;
  /** Who the audit trail records as acting: `cli:<user>`. */
  actor: string;
}

/** Basis findings are reported, never block, and do not change the exit code (interfaces.md). */
export function printFindings(report: IngestReport, out: NodeJS.WritableStream): void {
  for (const f of report.findings) {
    out.write(`finding ${f.code} ${f.entryNumber} line ${f.lineNumber}: ${f.message}\n`);
  }
}

/**
 * A rejected data set: one line per problem on stderr (interfaces.md), nothing else there; the count
 * goes to stdout with what the command did.
 */
export function printErrors(report: IngestReport, io: CommandIo, outcome: string): void {
  for (const error of report.errors) io.stderr.write(`${formatDataError(error)}\n`);
  io.stdout.write(`rejected: ${report.errors.length} error(s); ${outcome}\n`);
}

/** Data set paths that name something; a path naming nothing is a mistyped argument (exit 2), not rejected data (exit 1). */
export function requireDataSetPaths(paths: string[]): void {
  if (paths.length === 0) throw new UsageError('name a data set folder or its CSV files');
  requireExistingPaths(paths);
}

/** A path given on the command line that names nothing is a mistyped argument: bad usage (exit 2), named. */
export function requireExistingPaths(paths: string[]): void {
  const missing = paths.filter((path) => !existsSync(path));
  if (missing.length > 0) throw new NamesNothingError(`no such file or folder: ${missing.join(', ')}`);
}

export async function runIngest(dataSource: DataSource, paths: string[], checkOnly: boolean, io: CommandIo, quiet: boolean) {
  requireDataSetPaths(paths);
  const progress = quiet ? { update: () => undefined, done: () => undefined } : progressReporter(io.stderr);
  try {
    return await new IngestService(dataSource, io.actor).ingest(paths, { checkOnly, onProgress: progress.update });
  } finally {
    progress.done();
  }
}

/** `drawback ingest <folder or files…>`: validates and stores; prints counts per kind. */
export async function ingestCommand(dataSource: DataSource, paths: string[], io: CommandIo): Promise<number> {
  const report = await runIngest(dataSource, paths, false, io, false);
  if (!report.accepted) {
    printErrors(report, io, 'nothing was stored');
    return 1;
  }
  printFindings(report, io.stdout);
  for (const kind of FILE_KINDS) {
    const count = report.counts[kind];
    if (count.rows > 0) io.stdout.write(`${kind}: ${count.rows} rows, ${count.new} new, ${count.unchanged} already stored\n`);
  }
  const fresh = FILE_KINDS.reduce((sum, kind) => sum + report.counts[kind].new, 0);
  // As the API's ingest job does: the recoverability view (entries' duties by provision) covers the new rows at once.
  if (fresh > 0) {
    await showingPhases(io.stderr, async (onPhase) => {
      onPhase('tagging the new duties\' recoverability');
      await new RecoverabilityService(dataSource, io.actor).tagUntagged();
    });
  }
  const path = report.loadedBy === 'direct' ? 'loaded directly' : 'staged and merged';
  io.stdout.write(fresh === 0 ? 'nothing new: every row was already stored\n' : `stored ${fresh} new rows (ingest run ${report.runId}, ${path})\n`);
  return 0;
}

/** `drawback check <folder> [--json]`: validates without storing; every row error (and basis finding). */
export async function checkCommand(dataSource: DataSource, paths: string[], json: boolean, io: CommandIo): Promise<number> {
  const report = await runIngest(dataSource, paths, true, io, json);
  if (json) {
    io.stdout.write(`${JSON.stringify({ errors: report.errors, findings: report.findings }, null, 2)}\n`);
    return report.accepted ? 0 : 1;
  }
  printFindings(report, io.stdout);
  if (report.accepted) {
    const rows = FILE_KINDS.map((kind) => `${kind} ${report.counts[kind].rows}`).join(', ');
    io.stdout.write(`ok: no errors (${rows} rows)\n`);
  } else {
    printErrors(report, io, 'checked only, nothing stored');
  }
  return report.accepted ? 0 : 1;
}
