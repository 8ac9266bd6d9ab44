import { parseArgs } from 'node:util';

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
  data: { type: 'string', multiple: true },
  role: { type: 'string' },
  claimants: { type: 'string' },
  claimant: { type: 'string' },
  name: { type: 'string' },
} as const;

type OptionName = keyof typeof OPTIONS;

export type OptionValues = { json?: boolean; policy?: string[]; data?: string[] } & { [K in Exclude<OptionName, 'json' | 'policy' | 'data'>]?: string };

/** What a command takes (README, "The command line"): its arguments, the options it needs and those it may have. */
interface CommandShape {
  /** What its one argument names (a list of many when `many`); none when absent. */
  argument?: { name: string; needs: string; many?: true };
  required?: OptionName[];
  options: OptionName[];
}

const CLAIM_OPTIONS: OptionName[] = ['provision', 'exports', 'from', 'to', 'as-of', 'policy', 'claimant'];

const SHAPES: Record<string, CommandShape> = {
  ingest: { argument: { name: '<folder or files…>', needs: 'a data set folder or its CSV files', many: true }, options: [] },
  check: { argument: { name: '<folder>', needs: 'a data set folder' }, options: ['json'] },
  portfolio: { options: ['json', 'as-of', 'rules', 'policy'] },
  'claim create': { required: ['provision'], options: CLAIM_OPTIONS },
  'claim file': { argument: { name: '<claim-id>', needs: 'a claim id' }, options: [] },
  'claim delete': { argument: { name: '<claim-id>', needs: 'a claim id' }, options: [] },
  estimate: { argument: { name: '<claim-id>', needs: 'a claim id' }, options: ['out'] },
  pack: { argument: { name: '<claim-id>', needs: 'a claim id' }, required: ['out'], options: ['out'] },
  run: { argument: { name: '<folder>', needs: 'a data set folder' }, required: ['provision', 'out'], options: ['provision', 'as-of', 'policy', 'out'] },
  verify: { argument: { name: '<pack.zip>', needs: 'a record pack' }, options: ['data'] },
  'keys create': { required: ['role', 'claimants', 'name'], options: ['role', 'claimants', 'name'] },
  'keys list': { options: [] },
  'keys revoke': { argument: { name: 'ID', needs: 'the key id' }, options: [] },
  'rules load': { argument: { name: '<file.json>', needs: 'a rule-data JSON file' }, options: [] },
  retag: { options: [] },
  migrate: { options: [] },
};

/** Commands of two words, and what their second word may be, as the usage says it. */
const SUBCOMMANDS: Record<string, { words: string[]; usage: string }> = {
  claim: { words: ['create', 'file', 'delete'], usage: 'create --provision P … | file <claim-id> | delete <claim-id>' },
  keys: { words: ['create', 'list', 'revoke'], usage: 'create --role R --claimants A,B|* --name N | list | revoke ID' },
  rules: { words: ['load'], usage: 'load <file.json>' },
};

export interface CommandLine {
  /** The command as the usage names it: `estimate`, `claim create`. */
  command: string;
  arguments: string[];
  values: OptionValues;
  /** Every usage problem the words alone show, one line each; the command runs only when there is none. */
  problems: string[];
}

export const isCommand = (word: string) => word in SHAPES || word in SUBCOMMANDS;

const listed = (values: string[]) => (values.length < 2 ? values.join('') : `${values.slice(0, -1).join(', ')} and ${values[values.length - 1]}`);

/**
 * Reads a command's words: every option it does not have, an option without its value, one option given with
 * different values (which one would be used is a guess, never made silently), arguments missing or too many,
 * each named. `--policy` may repeat: its settings are checked on their own (command-options.ts).
 */
export function readCommandLine(argv: string[]): CommandLine {
  const { tokens } = parseArgs({ args: argv, allowPositionals: true, strict: false, tokens: true, options: OPTIONS });
  const words = tokens.flatMap((token) => (token.kind === 'positional' ? [token.value] : []));
  const problems: string[] = [];
  let command = words.shift() ?? '';
  const subcommand = SUBCOMMANDS[command];
  if (subcommand) {
    const word = words.shift();
    if (word === undefined || !subcommand.words.includes(word)) problems.push(`${command} takes: ${subcommand.usage}`);
    else command = `${command} ${word}`;
  }
  const shape: CommandShape = SHAPES[command] ?? { options: Object.keys(OPTIONS) as OptionName[] };
  const given = new Map<OptionName, string[]>();
  for (const token of tokens) {
    if (token.kind !== 'option') continue;
    const name = token.name as OptionName;
    // Named by its first word (`claim`), as the usage lists the options after it.
    if (!shape.options.includes(name)) problems.push(`${token.rawName} is not an option of ${command.split(' ')[0]}`);
    else if (OPTIONS[name].type === 'boolean') {
      if (token.value !== undefined) problems.push(`${token.rawName} takes no value`);
      else given.set(name, ['true']);
    } else if (token.value === undefined) problems.push(`${token.rawName} needs a value`);
    else if (!token.inlineValue && token.value.startsWith('-')) {
      problems.push(`${token.rawName} needs a value, not the option ${token.value} (write ${token.rawName}=${token.value} for a value starting with "-")`);
    } else given.set(name, [...(given.get(name) ?? []), token.value]);
  }
  const values: Record<string, string | boolean | string[]> = {};
  for (const [name, texts] of given) {
    const distinct = [...new Set(texts)];
    if (name === 'policy') values.policy = texts;
    // verify --data A --data B: data ingested as several data sets, each folder one, in that order.
    else if (name === 'data') values.data = texts;
    else if (distinct.length > 1) problems.push(`--${name} is given more than once, with different values: ${listed(distinct)}`);
    else values[name] = OPTIONS[name].type === 'boolean' ? true : distinct[0];
  }
  if (SHAPES[command]) {
    const { argument, required = [] } = shape;
    if (argument && words.length === 0) problems.push(`${command} needs ${argument.needs}`);
    const extra = argument?.many ? [] : words.slice(argument ? 1 : 0);
    if (extra.length > 0) {
      const takes = argument ? `one argument, ${argument.name}` : 'no arguments';
      problems.push(`${command} takes ${takes}: ${extra.length === 1 ? 'unexpected argument' : 'unexpected arguments'} ${extra.join(' ')}`);
    }
    for (const name of required) if (!given.has(name) && !problems.some((p) => p.startsWith(`--${name} `))) problems.push(`${command} needs --${name}`);
  }
  return { command, arguments: words, values: values as OptionValues, problems };
}
