import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ClaimNotFoundError, ClaimService, counted, CreatedClaim, EstimateService, RecordPackFiles, RecordPackService } from '@drawback/application';
import { FILE_KINDS } from '@drawback/domain';
import { openFreshDatabase } from '@drawback/persistence';
import { DataSource } from 'typeorm';
import { CliConfig, UsageError } from '../cli-config';
import { requireWritableFolder } from '../file-errors';
import { showingPhases } from '../progress-bar';
import { CommandIo, printErrors, printFindings, requireDataSetPaths, runIngest } from './ingest.command';

export interface ClaimOptions {
  provision: string;
  exports?: string[];
  from?: string;
  to?: string;
  asOf: string;
  policy: Record<string, string>;
  /** Whose claim it is (an importer number); by default the claimant the chosen export lines belong to. */
  claimant?: string;
}

function printClaim(claim: CreatedClaim, io: CommandIo): void {
  const { designations, unmatched } = claim.result;
  io.stderr.write(`claim ${claim.id}: provision ${claim.provision}, claimant ${claim.claimant}, as of ${claim.asOf}, rules ${claim.ruleVersion}\n`);
  io.stderr.write(`${counted(designations.length, 'designation')}, ${counted(unmatched.length, 'export line')} with unmatched quantity\n`);
  for (const u of unmatched) io.stderr.write(`unmatched ${u.exportId}/${u.exportLine}: ${u.quantity} (${u.reason})\n`);
}

/** `drawback claim create --provision P [--exports ID,…] [--from D --to D] [--as-of D] [--policy k=v …] [--claimant IMPORTER]`. */
export async function claimCreateCommand(dataSource: DataSource, options: ClaimOptions, io: CommandIo): Promise<number> {
  const claim = await showingPhases(io.stderr, (onPhase) => new ClaimService(dataSource, io.actor).create(options, null, onPhase));
  printClaim(claim, io);
  io.stdout.write(`${claim.id}\n`);
  return 0;
}

/**
 * `drawback claim file <claim-id>`: marks the claim filed (it was filed with CBP); it can no longer be deleted, so
 * its designations are never released for another claim.
 */
export async function claimFileCommand(dataSource: DataSource, claimId: string, io: CommandIo): Promise<number> {
  const outcome = await new ClaimService(dataSource, io.actor).markFiled(claimId);
  if (outcome === 'not-found') throw new ClaimNotFoundError(`no claim ${claimId}`);
  io.stdout.write(outcome === 'filed' ? `claim ${claimId} is filed: it can no longer be deleted\n` : `claim ${claimId} was filed already\n`);
  return 0;
}

/**
 * `drawback claim delete <claim-id>`: deletes a draft claim and releases its designations (matching §1); a filed
 * claim is refused (exit 1). With PACK_DIR set, as for the API and worker, its stored record pack goes too.
 */
export async function claimDeleteCommand(dataSource: DataSource, config: CliConfig, claimId: string, io: CommandIo): Promise<number> {
  const outcome = await new ClaimService(dataSource, io.actor).deleteDraft(claimId);
  if (outcome === 'not-found') throw new ClaimNotFoundError(`no claim ${claimId}`);
  if (outcome === 'not-draft') {
    io.stderr.write(`drawback: claim ${claimId} is filed: only a draft claim can be deleted\n`);
    return 1;
  }
  if (config.packDir) await new RecordPackFiles(config.packDir).remove(claimId);
  io.stdout.write(`claim ${claimId} deleted; its designations are released\n`);
  return 0;
}

/** The same text as the record pack's estimate.json. */
const estimateJson = (document: unknown) => `${JSON.stringify(document, null, 2)}\n`;

/** `drawback estimate <claim-id> [--out FILE]`: the estimate JSON (matching-and-estimates.md §6). */
export async function estimateCommand(dataSource: DataSource, claimId: string | undefined, out: string | undefined, io: CommandIo): Promise<number> {
  if (!claimId) throw new UsageError('estimate needs a claim id');
  const document = await showingPhases(io.stderr, (onPhase) => new EstimateService(dataSource, io.actor).estimate(claimId, onPhase));
  if (out) {
    await writeFile(out, estimateJson(document));
    io.stdout.write(`${out}\n`);
  } else {
    io.stdout.write(estimateJson(document));
  }
  return 0;
}

/**
 * `drawback run <folder> --provision P [--as-of D] [--policy k=v …] --out DIR`: one shot on a fresh
 * database — ingest, one claim over all export lines, DIR/estimate.json and DIR/record-pack.zip; exit 1
 * if the data is rejected.
 */
export async function runCommand(config: CliConfig, folder: string | undefined, options: ClaimOptions & { out?: string }, io: CommandIo): Promise<number> {
  if (!folder) throw new UsageError('run needs a data set folder');
  if (!options.out) throw new UsageError('run needs --out DIR');
  requireDataSetPaths([folder]);
  await requireWritableFolder(options.out, '--out');
  const { dataSource, dispose } = await openFreshDatabase({ databaseUrl: config.databaseUrl });
  try {
    const report = await runIngest(dataSource, [folder], false, io, false);
    if (!report.accepted) {
      printErrors(report, io, 'no claim made');
      return 1;
    }
    const stored = FILE_KINDS.filter((kind) => report.counts[kind].rows > 0).map((kind) => `${kind} ${report.counts[kind].rows}`);
    io.stderr.write(`ingested ${stored.join(', ')}\n`);
    // stdout names only the files written; the findings go with the other messages.
    printFindings(report, io.stderr);
    const claim = await showingPhases(io.stderr, (onPhase) =>
      new ClaimService(dataSource, io.actor).create({ provision: options.provision, asOf: options.asOf, policy: options.policy }, null, onPhase));
    printClaim(claim, io);
    const document = await showingPhases(io.stderr, (onPhase) => new EstimateService(dataSource, io.actor).estimate(claim.id, onPhase));
    await mkdir(options.out, { recursive: true });
    const target = join(options.out, 'estimate.json');
    await writeFile(target, estimateJson(document));
    const pack = join(options.out, 'record-pack.zip');
    await showingPhases(io.stderr, (onPhase) => new RecordPackService(dataSource, io.actor).writeTo(claim.id, pack, onPhase));
    io.stdout.write(`${target}\n${pack}\n`);
    return 0;
  } finally {
    await dispose();
  }
}
