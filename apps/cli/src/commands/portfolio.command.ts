import { readFile } from 'node:fs/promises';
import { Portfolio, RecoverabilityService, RuleDataError } from '@drawback/application';
import { DataSource } from 'typeorm';
import { UsageError } from '../cli-config';
import { CommandIo, requireExistingPaths } from './ingest.command';

function printPortfolio(portfolio: Portfolio, io: CommandIo): void {
  const out = (line: string) => io.stdout.write(`${line}\n`);
  out(`portfolio as of ${portfolio.asOf}, rules ${portfolio.rules.version}${portfolio.whatIf ? ' (what-if, not saved)' : ''}`);
  out(`duty declared ${portfolio.dutyDeclared}; on lines (entry-level fees apportioned) ${portfolio.dutyOnLines}`);
  out('');
  out('provision  recoverable      conditional      excluded         total');
  for (const p of portfolio.byProvision) {
    out(`${p.provision.padEnd(10)} ${p.recoverable.padStart(15)}  ${p.conditional.padStart(15)}  ${p.excluded.padStart(15)}  ${p.total.padStart(15)}`);
  }
  out('');
  out('program           provision  status       reason                              amount');
  for (const r of portfolio.rows) {
    out(`${r.program.padEnd(17)} ${r.provision.padEnd(10)} ${r.status.padEnd(12)} ${r.reason.padEnd(35)} ${r.amount.padStart(15)}`);
  }
  out('');
  for (const d of portfolio.deadlines) out(`five-year deadline within ${d.withinDays} days: ${d.entryLines} entry lines, duty ${d.amount}`);
  if (portfolio.rules.unverified.length) out(`relies on unverified rules: ${portfolio.rules.unverified.join(', ')}`);
}

/** A rule-data file's JSON; a file that is not JSON is rule data refused (exit 1), named with its reason. */
async function readRuleDocument(file: string): Promise<unknown> {
  requireExistingPaths([file]);
  const text = await readFile(file, 'utf8');
  try {
    return JSON.parse(text);
  } catch (error) {
    throw new RuleDataError([`${file}: not JSON: ${(error as Error).message}`]);
  }
}

/** `drawback portfolio [--as-of D] [--json] [--rules FILE] [--policy k=v …]`: amounts by program × provision × status. */
export async function portfolioCommand(
  dataSource: DataSource,
  options: { asOf: string; json: boolean; rulesFile?: string; policy: Record<string, string> },
  io: CommandIo,
): Promise<number> {
  const service = new RecoverabilityService(dataSource, io.actor);
  const proposal = options.rulesFile || Object.keys(options.policy).length > 0;
  const portfolio = proposal
    ? await service.whatIf(options.asOf, {
        document: options.rulesFile ? await readRuleDocument(options.rulesFile) : undefined,
        policy: options.policy,
      })
    : await service.portfolio(options.asOf);
  if (options.json) io.stdout.write(`${JSON.stringify(portfolio, null, 2)}\n`);
  else printPortfolio(portfolio, io);
  return 0;
}

/** `drawback rules load FILE`: a new rule-data version, made active; `drawback retag` recomputes the view. */
export async function rulesLoadCommand(dataSource: DataSource, file: string | undefined, io: CommandIo): Promise<number> {
  if (!file) throw new UsageError('rules load needs a rule-data JSON file');
  const service = new RecoverabilityService(dataSource, io.actor);
  const loaded = await service.loadVersion(await readRuleDocument(file));
  io.stdout.write(`rule version ${loaded.version} ${loaded.created ? 'loaded' : 'was already stored'} and is active; run drawback retag to apply it\n`);
  return 0;
}

export async function retagCommand(dataSource: DataSource, io: CommandIo): Promise<number> {
  const result = await new RecoverabilityService(dataSource, io.actor).retag();
  io.stdout.write(`retagged ${result.tags} line duties × provisions with rule version ${result.version}\n`);
  return 0;
}
