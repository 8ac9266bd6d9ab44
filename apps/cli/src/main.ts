import 'reflect-metadata';
import { userInfo } from 'node:os';
import { parseArgs } from 'node:util';
import { ApiKeyRequestError, claimRequestProblems, ClaimNotFoundError, ClaimRequestError, RuleDataError } from '@drawback/application';
import { parsePlainDate } from '@drawback/domain';
import { ClaimConflictError, openDatabase, RuleVersionConflictError } from '@drawback/persistence';
import { POLICY_CHOICES } from '@drawback/rules';
import { DataSource } from 'typeorm';
import { NamesNothingError, readCliConfig, UsageError } from './cli-config';
import { describeFileError, UnwritablePathError } from './file-errors';
import { checkCommand, CommandIo, ingestCommand } from './commands/ingest.command';
import { portfolioCommand, retagCommand, rulesLoadCommand } from './commands/portfolio.command';
import { claimCreateCommand, ClaimOptions, estimateCommand, runCommand } from './commands/claim.command';
import { keysCommand } from './commands/keys.command';
import { packCommand, verifyCommand } from './commands/pack.command';

const USAGE = `usage: drawback <command> [options]

  ingest <folder or files…>      validate and store a data set (all or nothing)
  check <folder> [--json]        validate without storing; every error as file:line: column: message
  portfolio [--as-of D] [--json] [--rules FILE] [--policy k=v …]
                                 duty by program × provision × status and the deadlines ahead;
                                 with --rules or --policy, a what-if that saves nothing
  claim create --provision P [--exports ID,…] [--from D --to D] [--as-of D] [--policy k=v …] [--claimant IMPORTER]
                                 create a claim, designate imports, print the claim id; the claimant
                                 is the one the chosen exports belong to unless named
  estimate <claim-id> [--out FILE]
                                 the claim's estimate JSON
  pack <claim-id> --out FILE.zip the claim's record pack
  run <folder> --provision P [--as-of D] [--policy k=v …] --out DIR
                                 one shot on a fresh database: ingest, claim all exports,
                                 DIR/estimate.json and DIR/record-pack.zip
  verify <pack.zip> [--data FOLDER]
                                 re-check every hash; make the estimate and the pack again (this
                                 database, or a fresh one from FOLDER) and name what differs
  keys create --role R --claimants A,B|* --name N | keys list | keys revoke ID
                                 API keys (roles specialist, finance, auditor, admin)
  rules load <file.json>         load a rule-data version and make it active
  retag                          recompute the recoverability view with the active rule version
  migrate                        bring the database schema up to date

Runs against DATABASE_URL when it is set, otherwise against an embedded PostgreSQL in ./.drawback/.
Exit codes: 0 done, 1 data rejected (or a claim the data cannot give, or a pack that does not verify), 2 bad usage (also a claim or key id that names none), 3 anything else (a file that cannot be written, …).`;

const OPTIONS = {
  json: { type: 'boolean' },
  'as-of': { type: 'string' },
  rules: { type: 'string' },
  policy: { type: 'string', multiple: true },
  provision: { type: 'string' },
  exports: { type: 'string' },
  from: { type: 'string' },
  to: { type: 'string' },
  out: { type: 'string' },
  data: { type: 'string' },
  role: { type: 'string' },
  claimants: { type: 'string' },
  claimant: { type: 'string' },
  name: { type: 'string' },
} as const;

const POLICY_KEYS = Object.keys(POLICY_CHOICES);

function today(): string {
  return new Date().toISOString().slice(0, 10);
}

function readDate(option: string, text: string | undefined): string | undefined {
  if (text === undefined) return undefined;
  const parsed = parsePlainDate(text);
  if (!parsed.ok) throw new UsageError(`--${option}: ${parsed.message}`);
  return parsed.value;
}

const readAsOf = (text: string | undefined) => readDate('as-of', text) ?? today();

function readPolicy(pairs: string[] | undefined): Record<string, string> {
  const policy: Record<string, string> = {};
  for (const pair of pairs ?? []) {
    // Split at the first "=" only: the value is all that follows, so "k=v=w" is the bad value "v=w", never v.
    const separator = pair.indexOf('=');
    const [key, value] = separator < 0 ? [pair, ''] : [pair.slice(0, separator), pair.slice(separator + 1)];
    if (!POLICY_KEYS.includes(key)) {
      throw new UsageError(`--policy ${pair}: ${key === '' ? 'no setting named' : `${key} is no policy setting`}; the settings are ${POLICY_KEYS.join(', ')}`);
    }
    if (!value) throw new UsageError(`--policy ${pair}: give the setting a value, as ${key}=value`);
    // Two values for one setting: the engine follows the setting, never a silent pick of one (rules §6).
    if (key in policy && policy[key] !== value) throw new UsageError(`--policy ${key} is given twice: ${policy[key]} and ${value}`);
    policy[key] = value;
  }
  return policy;
}

/**
 * A what-if's policy: each value one the setting has (rules §3.2, §6), checked before any data is read — a
 * bad policy value is bad usage (README, exit codes), never computed as some other setting.
 */
function readWhatIfPolicy(pairs: string[] | undefined): Record<string, string> {
  const policy = readPolicy(pairs);
  for (const [key, value] of Object.entries(policy)) {
    const choices: readonly string[] = POLICY_CHOICES[key as keyof typeof POLICY_CHOICES];
    if (!choices.includes(value)) throw new UsageError(`--policy ${key}=${value}: the values are ${choices.join(', ')}`);
  }
  return policy;
}

type Command = (dataSource: DataSource) => Promise<number>;
type Values = ReturnType<typeof parseArgs<{ args: string[]; allowPositionals: true; options: typeof OPTIONS }>>['values'];

/**
 * A command's options and arguments. An option no command has is named as one this command does not have,
 * as an option of another command is, not in Node's words (its advice on `--` concerns arguments starting with "-").
 */
function parseOptions(command: string, args: string[]) {
  try {
    return parseArgs({ args, allowPositionals: true, options: OPTIONS });
  } catch (error) {
    const unknown = (error as { code?: string }).code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION' && /'(-[^']*)'/.exec((error as Error).message);
    if (unknown) throw new UsageError(`${unknown[1]} is not an option of ${command}`);
    throw error;
  }
}

/** A claim's options, checked before any data is read: a bad provision, policy or range is bad usage. */
function claimOptions(values: Values): ClaimOptions {
  if (!values.provision) throw new UsageError('--provision is required (a, b, c, j1 or j2)');
  const options = {
    provision: values.provision,
    exports: values.exports?.split(',').map((id) => id.trim()).filter(Boolean),
    from: readDate('from', values.from),
    to: readDate('to', values.to),
    asOf: readAsOf(values['as-of']),
    policy: readPolicy(values.policy),
    ...(values.claimant === undefined ? {} : { claimant: values.claimant }),
  };
  const problems = claimRequestProblems(options);
  if (problems.length > 0) throw new UsageError(problems.join('; '));
  return options;
}

const COMMANDS = ['ingest', 'check', 'portfolio', 'claim', 'pack', 'estimate', 'keys', 'rules', 'retag', 'migrate'];

function commandOf(argv: string[], io: CommandIo): Command | null {
  const [command, ...rest] = argv;
  if (!COMMANDS.includes(command)) return null;
  const { values, positionals } = parseOptions(command, rest);
  const only = (allowed: string[]) => {
    for (const name of Object.keys(values)) if (!allowed.includes(name)) throw new UsageError(`--${name} is not an option of ${command}`);
  };
  switch (command) {
    case 'ingest':
      only([]);
      return (db) => ingestCommand(db, positionals, io);
    case 'check':
      only(['json']);
      return (db) => checkCommand(db, positionals, values.json === true, io);
    case 'portfolio': {
      only(['json', 'as-of', 'rules', 'policy']);
      const options = { asOf: readAsOf(values['as-of']), json: values.json === true, rulesFile: values.rules, policy: readWhatIfPolicy(values.policy) };
      return (db) => portfolioCommand(db, options, io);
    }
    case 'claim': {
      only(['provision', 'exports', 'from', 'to', 'as-of', 'policy', 'claimant']);
      if (positionals[0] !== 'create') throw new UsageError('claim takes: create --provision P …');
      const options = claimOptions(values);
      return (db) => claimCreateCommand(db, options, io);
    }
    case 'pack':
      only(['out']);
      return (db) => packCommand(db, positionals[0], values.out, io);
    case 'estimate':
      only(['out']);
      return (db) => estimateCommand(db, positionals[0], values.out, io);
    case 'keys':
      only(['role', 'claimants', 'name']);
      return (db) => keysCommand(db, positionals[0], { role: values.role, claimants: values.claimants, name: values.name, id: positionals[1] }, io);
    case 'rules':
      only([]);
      if (positionals[0] !== 'load') throw new UsageError('rules takes: load <file.json>');
      return (db) => rulesLoadCommand(db, positionals[1], io);
    case 'retag':
      only([]);
      return (db) => retagCommand(db, io);
    case 'migrate':
      only([]);
      return async () => {
        io.stdout.write('database schema is up to date\n');
        return 0;
      };
    default:
      return null;
  }
}

/** `--help` or `-h` given anywhere among the options (before a `--`), as in `drawback estimate --help`: the usage, nothing run. */
function asksForHelp(argv: readonly string[]): boolean {
  const options = argv.includes('--') ? argv.slice(0, argv.indexOf('--')) : argv;
  return options.includes('--help') || options.includes('-h');
}

export async function main(argv: string[], io: CommandIo): Promise<number> {
  if (argv.length === 0 || argv[0] === 'help' || asksForHelp(argv)) {
    io.stdout.write(`${USAGE}\n`);
    return argv.length === 0 ? 2 : 0;
  }
  const config = {
    ...readCliConfig(process.env, process.cwd()),
    onWaitingForEmbedded: (holder: number) =>
      io.stderr.write(`waiting for another drawback command (process ${holder}) to finish with the embedded database in .drawback/\n`),
  };
  if (argv[0] === 'run') {
    const { values, positionals } = parseOptions('run', argv.slice(1));
    for (const name of Object.keys(values)) {
      if (!['provision', 'as-of', 'policy', 'out'].includes(name)) throw new UsageError(`--${name} is not an option of run`);
    }
    return runCommand(config, positionals[0], { ...claimOptions(values), out: values.out }, io);
  }
  if (argv[0] === 'verify') {
    const { values, positionals } = parseOptions('verify', argv.slice(1));
    for (const name of Object.keys(values)) if (name !== 'data') throw new UsageError(`--${name} is not an option of verify`);
    return verifyCommand(config, () => openDatabase(config), positionals[0], values.data, io);
  }
  const command = commandOf(argv, io);
  if (!command) throw new UsageError(`unknown command "${argv[0]}"`);
  const dataSource = await openDatabase(config);
  try {
    return await command(dataSource);
  } finally {
    await dataSource.destroy();
  }
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
      } else if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
        process.stderr.write(`drawback: ${(error as Error).message}\n\n${USAGE}\n`);
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
