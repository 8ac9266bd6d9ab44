import 'reflect-metadata';
import { userInfo } from 'node:os';
import { ApiKeyRequestError, ClaimNotFoundError, ClaimRequestError, RuleDataError } from '@drawback/application';
import { ClaimConflictError, migrationsAppliedOnOpen, openDatabase, RuleVersionConflictError } from '@drawback/persistence';
import { SUPPORTED_POLICY_CHOICES } from '@drawback/rules';
import { DataSource } from 'typeorm';
import { CliConfig, NamesNothingError, readCliConfig, UsageError } from './cli-config';
import { CommandLine, isCommand, readCommandLine } from './command-line';
import { readAsOf, readClaimOptions, readWhatIfPolicy } from './command-options';
import { describeFileError, UnwritablePathError } from './file-errors';
import { checkCommand, CommandIo, ingestCommand } from './commands/ingest.command';
import { portfolioCommand, retagCommand, rulesLoadCommand } from './commands/portfolio.command';
import { claimCreateCommand, claimDeleteCommand, claimFileCommand, estimateCommand, runCommand } from './commands/claim.command';
import { keysCommand } from './commands/keys.command';
import { packCommand, verifyCommand } from './commands/pack.command';

/** The settings a claim's or what-if's policy takes, and their values (rules §6). */
const POLICY_CHOICES_TEXT = Object.entries(SUPPORTED_POLICY_CHOICES).map(([key, values]) => `${key}=${values.join('|')}`).join(', ');

const USAGE = `usage: drawback <command> [options]

  ingest <folder or files…>      validate and store a data set (all or nothing)
  check <folder> [--json]        validate without storing; every error as file:line: column: message
  portfolio [--as-of D] [--json] [--rules FILE] [--policy k=v …]
                                 duty by program × provision × status and the deadlines ahead;
                                 with --rules or --policy, a what-if that saves nothing
  claim create --provision P [--exports ID,…] [--from D --to D] [--as-of D] [--policy k=v …] [--claimant IMPORTER]
                                 create a claim, designate imports, print the claim id; the claimant
                                 is the one the chosen exports belong to unless named
  claim file <claim-id>          mark a claim filed (filed with CBP): it can no longer be deleted
  claim delete <claim-id>        delete a draft claim, releasing its designations
  estimate <claim-id> [--out FILE]
                                 the claim's estimate JSON
  pack <claim-id> --out FILE.zip the claim's record pack
  run <folder> --provision P [--as-of D] [--policy k=v …] --out DIR
                                 one shot on a fresh database: ingest, claim all exports,
                                 DIR/estimate.json and DIR/record-pack.zip
  verify <pack.zip> [--data FOLDER …]
                                 re-check every hash; make the estimate and the pack again (this
                                 database, or a fresh one from FOLDER; data ingested as several data
                                 sets: --data for each, in the order they were ingested) and name what differs
  keys create --role R --claimants A,B|'*' --name N | keys list | keys revoke ID
                                 API keys (roles specialist, finance, auditor, admin)
  rules load <file.json>         load a rule-data version and make it active
  retag                          recompute the recoverability view with the active rule version
  migrate                        bring the database schema up to date

Runs against DATABASE_URL when it is set, otherwise against an embedded PostgreSQL in ./.drawback/.
Policy settings (--policy k=v; by default the active rule data's): ${POLICY_CHOICES_TEXT}.
Exit codes: 0 done, 1 data rejected (or a claim the data cannot give, a pack that does not verify, rule data refused, a filed claim to delete, the last admin key to revoke), 2 bad usage (also a claim or key id that names none), 3 anything else (a file that cannot be written, …).`;

type Command = () => Promise<number>;

/** The command a command line names, once every usage problem its words show has been found: none, or exit 2 naming them all. */
function commandOf({ command, arguments: args, values, problems }: CommandLine, config: CliConfig, io: CommandIo): Command {
  const [argument] = args;
  const claim = ['claim create', 'run'].includes(command) ? readClaimOptions(values, problems) : undefined;
  const portfolio = command === 'portfolio'
    ? { asOf: readAsOf(values['as-of'], problems), json: values.json === true, rulesFile: values.rules, policy: readWhatIfPolicy(values.policy, problems) }
    : undefined;
  if (problems.length > 0) throw new UsageError(problems);
  const onTheDatabase = (work: (dataSource: DataSource) => Promise<number>): Command => async () => {
    const dataSource = await openDatabase(config);
    try {
      return await work(dataSource);
    } finally {
      await dataSource.destroy();
    }
  };
  switch (command) {
    case 'ingest':
      return onTheDatabase((db) => ingestCommand(db, args, io));
    case 'check':
      return onTheDatabase((db) => checkCommand(db, args, values.json === true, io));
    case 'portfolio':
      return onTheDatabase((db) => portfolioCommand(db, portfolio!, io));
    case 'claim create':
      return onTheDatabase((db) => claimCreateCommand(db, claim!, io));
    case 'claim file':
      return onTheDatabase((db) => claimFileCommand(db, argument, io));
    case 'claim delete':
      return onTheDatabase((db) => claimDeleteCommand(db, config, argument, io));
    case 'pack':
      return onTheDatabase((db) => packCommand(db, argument, values.out, io));
    case 'estimate':
      return onTheDatabase((db) => estimateCommand(db, argument, values.out, io));
    case 'keys create':
    case 'keys list':
    case 'keys revoke':
      return onTheDatabase((db) => keysCommand(db, command.split(' ')[1], { role: values.role, claimants: values.claimants, name: values.name, id: argument }, io));
    case 'rules load':
      return onTheDatabase((db) => rulesLoadCommand(db, argument, io));
    case 'retag':
      return onTheDatabase((db) => retagCommand(db, io));
    case 'migrate':
      // Opening the database brings its schema up to date.
      return onTheDatabase(async (db) => {
        const applied = migrationsAppliedOnOpen(db);
        io.stdout.write(applied.length === 0 ? 'the database schema was already up to date\n'
          : `applied ${applied.length} migration${applied.length === 1 ? '' : 's'} (${applied.join(', ')}); the database schema is up to date\n`);
        return 0;
      });
    // Fresh databases of their own, or this one only when needed (verify without --data).
    case 'run':
      return () => runCommand(config, argument, { ...claim!, out: values.out }, io);
    case 'verify':
      return () => verifyCommand(config, () => openDatabase(config), argument, values.data, io);
    default:
      throw new UsageError(`unknown command "${command}"`);
  }
}

/** `--help` or `-h` given anywhere among the options (before a `--`), as in `drawback estimate --help`: the usage, nothing run. */
function asksForHelp(argv: readonly string[]): boolean {
  const options = argv.includes('--') ? argv.slice(0, argv.indexOf('--')) : argv;
  return options.includes('--help') || options.includes('-h');
}

/**
 * The usage of one command (`drawback estimate --help`): its lines of USAGE and what is said of every command;
 * the whole usage for a word that is no command.
 */
export function usageOf(command: string | undefined): string {
  const lines = USAGE.split('\n');
  const names = (line: string) => command !== undefined && (line.startsWith(`  ${command} `) || line === `  ${command}`);
  const own: string[] = [];
  for (let first = lines.findIndex(names); first >= 0; first = lines.findIndex((line, at) => at > first && names(line))) {
    let last = first + 1;
    // A command's description goes on in lines indented past the command column.
    while (last < lines.length && /^ {4,}\S/.test(lines[last])) last += 1;
    own.push(...lines.slice(first, last));
  }
  if (own.length === 0) return USAGE;
  const footer = lines.slice(lines.findIndex((line) => line.startsWith('Runs against')));
  return ['usage: drawback <command> [options]', '', ...own, '', ...footer].join('\n');
}

export async function main(argv: string[], io: CommandIo): Promise<number> {
  if (argv.length === 0 || argv[0] === 'help') {
    io.stdout.write(`${USAGE}\n`);
    return argv.length === 0 ? 2 : 0;
  }
  if (asksForHelp(argv)) {
    io.stdout.write(`${usageOf(argv[0])}\n`);
    return 0;
  }
  const config = {
    ...readCliConfig(process.env, process.cwd()),
    onWaitingForEmbedded: (holder: number) =>
      io.stderr.write(`waiting for another drawback command (process ${holder}) to finish with the embedded database in .drawback/\n`),
  };
  if (!isCommand(argv[0])) throw new UsageError(`unknown command "${argv[0]}"`);
  return commandOf(readCommandLine(argv), config, io)();
}

/** The `drawback` executable: runs main and turns its outcome into an exit code. */
export function run(): void {
  // A reader that stops early (`drawback portfolio | head -1`, also with 2>&1) closes the pipe: the rest of the
  // output is dropped and the command finishes its work (an ingest still commits, the embedded database is closed).
  for (const stream of [process.stdout, process.stderr]) {
    stream.on('error', (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EPIPE') throw error;
    });
  }
  main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr, actor: `cli:${userInfo().username}` }).then(
    (code) => {
      process.exitCode = code;
    },
    (error: unknown) => {
      if (error instanceof NamesNothingError || error instanceof ClaimNotFoundError) {
        // The claim id, key id or path given names nothing: a usage error, not rejected data.
        process.stderr.write(`drawback: ${error.message}\n`);
        process.exitCode = 2;
      } else if (error instanceof UsageError) {
        for (const problem of error.problems) process.stderr.write(`drawback: ${problem}\n`);
        process.stderr.write(`\n${USAGE}\n`);
        process.exitCode = 2;
      } else if (error instanceof ApiKeyRequestError) {
        for (const problem of error.problems) process.stderr.write(`drawback: ${problem}\n`);
        process.exitCode = 2;
      } else if (error instanceof RuleDataError || error instanceof ClaimRequestError) {
        for (const problem of error.problems) process.stderr.write(`drawback: ${problem}\n`);
        process.exitCode = 1;
      } else if (error instanceof ClaimConflictError || error instanceof RuleVersionConflictError) {
        process.stderr.write(`drawback: ${error.message}\n`);
        process.exitCode = 1;
      } else if ((error as { code?: string }).code === '3D000') {
        // The server is there but not the database DATABASE_URL names: nothing creates databases implicitly.
        process.stderr.write(`drawback: ${(error as Error).message}: create it (for example \`createdb -h HOST -U USER NAME\`), then \`npx drawback migrate\`\n`);
        process.exitCode = 3;
      } else if (error instanceof UnwritablePathError) {
        process.stderr.write(`drawback: ${error.message}\n`);
        process.exitCode = 3;
      } else if (typeof (error as NodeJS.ErrnoException).syscall === 'string') {
        // A file or folder the command was given cannot be read or written: named, in plain words.
        process.stderr.write(`drawback: ${describeFileError(error as NodeJS.ErrnoException)}\n`);
        process.exitCode = 3;
      } else {
        process.stderr.write(`drawback: ${(error as Error).stack ?? String(error)}\n`);
        process.exitCode = 3;
      }
    },
  );
}
