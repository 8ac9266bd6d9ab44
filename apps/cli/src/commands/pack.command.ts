import {
  checkPackFile, ClaimRequestError, ClaimService, counted, describePriorUse, IngestService, PackCheck, packExportLines, packLinesUsedEarlier, packPriorUse, packRuleData,
  PackVerification, RecordPackService, RecoverabilityService, verifyAgainstDatabase,
} from '@drawback/application';
import { ClaimStore, openFreshDatabase, PriorUse, PriorUseReplayError, replayPriorUse } from '@drawback/persistence';
import { DataSource } from 'typeorm';
import { CliConfig, UsageError } from '../cli-config';
import { showingPhases } from '../progress-bar';
import { CommandIo, requireDataSetPaths, requireExistingPaths } from './ingest.command';

/** `drawback pack <claim-id> --out FILE.zip`: the claim's record pack. */
export async function packCommand(dataSource: DataSource, claimId: string | undefined, out: string | undefined, io: CommandIo): Promise<number> {
  if (!claimId) throw new UsageError('pack needs a claim id');
  if (!out) throw new UsageError('pack needs --out FILE.zip');
  await showingPhases(io.stderr, (onPhase) => new RecordPackService(dataSource, io.actor).writeTo(claimId, out, onPhase));
  io.stdout.write(`${out}\n`);
  return 0;
}

/**
 * `drawback verify PACK.zip [--data FOLDER …]`: re-checks every hash of the pack, then recomputes the
 * estimate — against this database, or with --data on a fresh one from the data sets, each folder ingested as
 * one, in the order given (as they were ingested) — and names every difference. Exit 0 when the pack is intact
 * and still matches, 1 otherwise.
 */
export async function verifyCommand(
  config: CliConfig, openDatabase: () => Promise<DataSource>, file: string | undefined, dataFolders: readonly string[] | undefined, io: CommandIo,
): Promise<number> {
  if (!file) throw new UsageError('verify needs a record pack');
  requireExistingPaths([file]);
  // A --data folder that names nothing is a mistyped argument (exit 2), not a rejected data set (exit 1).
  if (dataFolders !== undefined) requireDataSetPaths([...dataFolders]);
  const check = await checkPackFile(file);
  const report = (problems: string[], note: string, notes: string[] = []) => {
    for (const line of [...problems, ...notes]) io.stderr.write(`${line}\n`);
    io.stdout.write(problems.length ? `${file}: ${problems.length} problem(s)\n` : `${file}: ${note}\n`);
    return problems.length ? 1 : 0;
  };
  if (check.problems.length || !check.manifest) return report(check.problems, '');
  const manifest = check.manifest;
  if (dataFolders && dataFolders.length > 0) {
    const { dataSource, dispose } = await openFreshDatabase({ databaseUrl: config.databaseUrl });
    try {
      const { problems, notes } = await verifyFromData(dataSource, check, dataFolders, io);
      return report(problems, 'every hash matches and the pack made again from the data is the same', notes);
    } finally {
      await dispose();
    }
  }
  const dataSource = await openDatabase();
  try {
    if (!(await new ClaimStore(dataSource).get(manifest.claim.id))) {
      io.stderr.write(`claim ${manifest.claim.id} is not in this database: only the hashes were checked (use --data FOLDER to recompute)\n`);
      return report([], 'every hash matches the manifest');
    }
    const { problems, notes } = await verifyAgainstDatabase(dataSource, check);
    return report(problems, 'every hash matches and the pack made again from this database is the same', notes);
  } finally {
    await dataSource.destroy();
  }
}

/**
 * `verify --data` on a database made from nothing but the data set: the rule data the pack carries, the data,
 * the prior use the pack records (what claims made before it had taken), then the same claim made again and
 * its pack compared with the one given.
 */
async function verifyFromData(dataSource: DataSource, check: PackCheck, dataFolders: readonly string[], io: CommandIo): Promise<PackVerification> {
  const manifest = check.manifest!;
  const refused = (problems: string[]) => ({ problems, notes: [] });
  // Decided again by the rule data the pack's claim was decided by, not by whatever rules ship today.
  const ruleData = packRuleData(check);
  const recoverability = new RecoverabilityService(dataSource, io.actor);
  if (ruleData !== null) await recoverability.loadVersion(ruleData);
  const shipped = (await recoverability.activeRules()).version;
  if (shipped !== manifest.rules.version) {
    return refused([`manifest.json rules.version: the claim was decided by rule data ${manifest.rules.version}, which the pack does not carry (packs `
      + `made before rules.json was added); this build has ${shipped}: load that version with \`drawback rules load\` on a database and verify there`]);
  }
  // Each folder one data set, ingested in the order given: the sources the manifest names are those ingests' files.
  for (const dataFolder of dataFolders) {
    const ingest = await new IngestService(dataSource, io.actor).ingest([dataFolder]);
    if (!ingest.accepted) return refused(ingest.errors.map((e) => `${dataFolder}: ${e.file}:${e.line}: ${e.column}: ${e.message}`));
  }
  const dataFolder = dataFolders.join(', ');
  const prior = packPriorUse(check);
  if (prior && prior.problems.length > 0) return refused(prior.problems);
  const replayed = prior?.uses ?? [];
  let notInData: PriorUse[];
  try {
    notInData = await replayPriorUse(dataSource, replayed);
  } catch (error) {
    if (error instanceof PriorUseReplayError) return refused([`prior-use.csv: ${error.message}`]);
    throw error;
  }
  // The same claim: the same export lines, claimant, provision, as-of date and policy give the same claim id.
  try {
    await new ClaimService(dataSource, io.actor).create({
      provision: manifest.claim.provision, asOf: manifest.claim.asOf, claimant: manifest.claim.claimant,
      policy: manifest.policy as Record<string, string>, exports: packExportLines(check),
    });
  } catch (error) {
    // Data that does not hold the claim's export lines is most often another data set than the pack's.
    if (error instanceof ClaimRequestError) {
      return refused(error.problems.map((problem) => `the pack's claim cannot be made again from ${dataFolder}: ${problem}`));
    }
    throw error;
  }
  const { problems, notes } = await verifyAgainstDatabase(dataSource, check, replayed);
  if (replayed.length > 0) notes.push(`replayed what claims made before this one had taken (prior-use.csv): ${counted(replayed.length, 'row')}`);
  if (notInData.length > 0) {
    notes.push(`${counted(notInData.length, 'row')} of prior-use.csv ${notInData.length === 1 ? 'names' : 'name'} what the data does not hold (${notInData.slice(0, 5).map(describePriorUse).join(', ')}`
      + `${notInData.length > 5 ? ', …' : ''}): a data set of part of the claimant's records; the claim could not have drawn on them here`);
  }
  const usedEarlier = prior === null ? packLinesUsedEarlier(check) : [];
  if (problems.length > 0 && usedEarlier.length > 0) {
    // A pack made before packs carried prior-use.csv: the data alone cannot replay the claims made before this one.
    problems.push(`${usedEarlier.length} of the claim's import lines (${usedEarlier.slice(0, 5).join(', ')}${usedEarlier.length > 5 ? ', …' : ''}) had been `
      + 'designated by earlier claims (import-lines.csv designated_by_earlier_claims), which a fresh database made from the data does not hold: '
      + 'the differences above may come from that; verify without --data on the database the claim was made in');
  }
  return { problems, notes };
}
