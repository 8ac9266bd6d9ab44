import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { parseArgs } from 'node:util';
import { ClaimService, EstimateService, RecordPackService } from '@drawback/application';
import { openDatabase } from '@drawback/persistence';
import { DataSource } from 'typeorm';
import { writeClaimsDataSet } from './claims/claims-data-set';
import { DEFAULT_DATABASE_URL, recreateDatabase } from './measure/bench-database';
import { watchPeakRss } from './measure/peak-rss';

const USAGE = `usage: npm run bench:claims -- --imports N --exports M [--pack] [--database-url URL] [--keep]

Generates a deterministic data set (N import lines in commingled lots, M exports each made through three
levels of manufacturing), ingests it with the drawback command in a child process, then times, in this
process, one claim over all M exports (designation) plus its estimate. Prints one JSON line:
{"imports":N,"exports":M,"seconds":S,"designations":D,"peakRssMb":R}. With --pack it then builds the claim's
record pack, timed apart: "packSeconds", "packMb" (the zip's size) and "packPeakRssMb" are added.`;

const BIN = resolve(__dirname, '..', '..', '..', 'apps', 'cli', 'bin', 'drawback.js');

function count(text: string | undefined, option: string): number {
  const digits = text?.replace(/_/g, '');
  if (!digits || !/^[1-9]\d*$/.test(digits)) throw new Error(`--${option} must be a positive integer\n\n${USAGE}`);
  return Number(digits);
}

/** The claim's record pack written once to a file, timed from the stored claim (as `drawback pack` does). */
async function timePack(dataSource: DataSource, claimId: string, folder: string): Promise<{ packSeconds: number; packMb: number; packPeakRssMb: number }> {
  const peak = watchPeakRss();
  const started = process.hrtime.bigint();
  const size = (await new RecordPackService(dataSource, 'bench').writeTo(claimId, join(folder, 'record-pack.zip'))).bytes;
  const packSeconds = Number(process.hrtime.bigint() - started) / 1e9;
  process.stderr.write(`record pack: ${(size / 2 ** 20).toFixed(1)} MB in ${packSeconds.toFixed(1)} s\n`);
  return { packSeconds: Math.round(packSeconds * 1000) / 1000, packMb: Math.round(size / 2 ** 20), packPeakRssMb: Math.round(peak.stopMb()) };
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { imports: { type: 'string' }, exports: { type: 'string' }, 'database-url': { type: 'string' }, keep: { type: 'boolean' }, pack: { type: 'boolean' } } });
  const imports = count(values.imports, 'imports');
  const exports = count(values.exports, 'exports');
  const databaseUrl = values['database-url'] ?? DEFAULT_DATABASE_URL;
  const folder = mkdtempSync(join(tmpdir(), 'drawback-bench-claims-'));
  try {
    process.stderr.write(`generating ${imports} import lines and ${exports} exports in ${folder}\n`);
    await writeClaimsDataSet(folder, { imports, exports });
    await recreateDatabase(databaseUrl);
    process.stderr.write('ingesting (not timed)\n');
    const ingest = spawnSync(process.execPath, [BIN, 'ingest', folder], { env: { ...process.env, DATABASE_URL: databaseUrl }, stdio: ['ignore', 'inherit', 'inherit'] });
    if (ingest.status !== 0) throw new Error(`the ingest failed with exit code ${ingest.status}`);

    const dataSource = await openDatabase({ databaseUrl });
    try {
      const peak = watchPeakRss();
      const started = process.hrtime.bigint();
      const elapsed = () => (Number(process.hrtime.bigint() - started) / 1e9).toFixed(1);
      const rssMb = () => Math.round(process.memoryUsage().rss / 2 ** 20);
      // Only counts outlive the claim: its designations are the service's to free.
      const claim = await (async () => {
        const created = await new ClaimService(dataSource, 'bench').create({ provision: 'a', asOf: '2026-11-22' });
        return { id: created.id, designations: created.result.designations.length, unmatched: created.result.unmatched.length };
      })();
      process.stderr.write(`claim: ${claim.designations} designations, ${claim.unmatched} unmatched, ${elapsed()} s, rss ${rssMb()} MB\n`);
      const estimate = await (async () => {
        const document = await new EstimateService(dataSource, 'bench').estimate(claim.id);
        return { lines: document.lines.length, refund: document.totals.refund };
      })();
      const seconds = Number(process.hrtime.bigint() - started) / 1e9;
      process.stderr.write(`estimate: ${estimate.lines} lines, refund ${estimate.refund}, ${elapsed()} s, rss ${rssMb()} MB\n`);
      const line = { imports, exports, seconds: Math.round(seconds * 1000) / 1000, designations: claim.designations, peakRssMb: Math.round(peak.stopMb()) };
      process.stdout.write(`${JSON.stringify(values.pack ? { ...line, ...(await timePack(dataSource, claim.id, folder)) } : line)}\n`);
    } finally {
      await dataSource.destroy();
    }
  } finally {
    if (!values.keep) rmSync(folder, { recursive: true, force: true });
  }
}

main().catch((error: Error) => {
  process.stderr.write(`${error.message}\n`);
  process.exitCode = 1;
});
