import { readCommandLine } from './command-line';

const problemsOf = (...argv: string[]) => readCommandLine(argv).problems;

describe(readCommandLine.name, () => {
  it('reads a command, its arguments and its options, a command of two words by both', () => {
    expect(readCommandLine(['claim', 'create', '--provision', 'j1', '--policy', 'lesser_of=per_bucket', '--policy', 's232_substitution=allowed'])).toEqual({
      command: 'claim create', arguments: [], values: { provision: 'j1', policy: ['lesser_of=per_bucket', 's232_substitution=allowed'] }, problems: [],
    });
    expect(readCommandLine(['ingest', 'a.csv', 'b.csv', 'c'])).toEqual({ command: 'ingest', arguments: ['a.csv', 'b.csv', 'c'], values: {}, problems: [] });
    expect(readCommandLine(['check', 'folder', '--json'])).toEqual({ command: 'check', arguments: ['folder'], values: { json: true }, problems: [] });
  });

  it('names the arguments past those a command takes as bad usage, never dropping them silently', () => {
    expect(problemsOf('verify', 'pa.zip', 't1.zip')).toEqual(['verify takes one argument, <pack.zip>: unexpected argument t1.zip']);
    expect(problemsOf('estimate', 'C', 'extra', 'more')).toEqual(['estimate takes one argument, <claim-id>: unexpected arguments extra more']);
    expect(problemsOf('pack', 'C', 'extra', '--out', 'z.zip')).toEqual(['pack takes one argument, <claim-id>: unexpected argument extra']);
    expect(problemsOf('run', 'd1', 'd2', '--provision', 'j1', '--out', 'o')).toEqual(['run takes one argument, <folder>: unexpected argument d2']);
    expect(problemsOf('check', 'd1', 'd2')).toEqual(['check takes one argument, <folder>: unexpected argument d2']);
    expect(problemsOf('rules', 'load', 'r.json', 'extra')).toEqual(['rules load takes one argument, <file.json>: unexpected argument extra']);
    expect(problemsOf('keys', 'revoke', 'ID', 'extra')).toEqual(['keys revoke takes one argument, ID: unexpected argument extra']);
    for (const command of [['retag'], ['migrate'], ['portfolio'], ['keys', 'list'], ['claim', 'create', '--provision', 'a']]) {
      expect(problemsOf(...command, 'extra')).toEqual([`${command.slice(0, 2).filter((word) => !word.startsWith('-')).join(' ')} takes no arguments: unexpected argument extra`]);
    }
    expect(problemsOf('keys', 'create', '--role', 'admin', '--claimants', '*', '--name', 'N', 'extra')).toEqual(['keys create takes no arguments: unexpected argument extra']);
  });

  it('names a missing argument, a missing required option and an unknown second word', () => {
    expect(problemsOf('estimate')).toEqual(['estimate needs a claim id']);
    expect(problemsOf('pack')).toEqual(['pack needs a claim id', 'pack needs --out']);
    expect(problemsOf('run', 'folder')).toEqual(['run needs --provision', 'run needs --out']);
    expect(problemsOf('ingest')).toEqual(['ingest needs a data set folder or its CSV files']);
    expect(problemsOf('claim', 'make')).toEqual(['claim takes: create --provision P … | file <claim-id> | delete <claim-id>']);
    expect(problemsOf('rules')).toEqual(['rules takes: load <file.json>']);
  });

  it('refuses an option given twice with different values, naming it and both values (which one to use would be a guess)', () => {
    expect(problemsOf('claim', 'create', '--exports', 'PX-1', '--provision', 'j1', '--exports', 'PX-2'))
      .toEqual(['--exports is given more than once, with different values: PX-1 and PX-2']);
    expect(problemsOf('claim', 'create', '--provision', 'j1', '--provision', 'c')).toEqual(['--provision is given more than once, with different values: j1 and c']);
    expect(problemsOf('run', 'd', '--provision', 'j1', '--out', 'o', '--as-of', '2026-11-22', '--as-of=2031-02-01'))
      .toEqual(['--as-of is given more than once, with different values: 2026-11-22 and 2031-02-01']);
    expect(problemsOf('estimate', 'C', '--out', 'a.json', '--out', 'b.json', '--out', 'c.json'))
      .toEqual(['--out is given more than once, with different values: a.json, b.json and c.json']);
  });

  it('accepts an option given twice with the same value, as --policy is, and lets --policy repeat', () => {
    expect(readCommandLine(['estimate', 'C', '--out', 'a.json', '--out', 'a.json'])).toMatchObject({ values: { out: 'a.json' }, problems: [] });
    expect(readCommandLine(['check', 'd', '--json', '--json'])).toMatchObject({ values: { json: true }, problems: [] });
    expect(readCommandLine(['portfolio', '--policy', 'a=1', '--policy', 'a=2'])).toMatchObject({ values: { policy: ['a=1', 'a=2'] }, problems: [] });
  });

  it('names every option the command does not have and every option without its value, all at once', () => {
    expect(problemsOf('claim', 'create', '--provision', 'a', '--bogus', '--out', 'x', '-x')).toEqual([
      '--bogus is not an option of claim', '--out is not an option of claim', '-x is not an option of claim',
    ]);
    expect(problemsOf('estimate', 'C', '--out')).toEqual(['--out needs a value']);
    expect(problemsOf('pack', 'C', '--out', '--json')).toEqual([
      '--out needs a value, not the option --json (write --out=--json for a value starting with "-")',
    ]);
    expect(problemsOf('check', 'd', '--json=yes')).toEqual(['--json takes no value']);
  });

  it('takes every word after -- as an argument', () => {
    expect(readCommandLine(['ingest', '--', '--odd-name.csv'])).toMatchObject({ arguments: ['--odd-name.csv'], problems: [] });
  });
});
