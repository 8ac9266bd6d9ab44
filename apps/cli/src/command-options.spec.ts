import { readClaimOptions, readWhatIfPolicy } from './command-options';

describe(readClaimOptions.name, () => {
  it('names every problem of a claim\'s options, one line each, not only the first', () => {
    const problems: string[] = [];
    readClaimOptions({ provision: 'x', policy: ['foo=bar', 'lesser_of=aggregate'], 'as-of': 'bad', from: '2026-12-01', to: '2026-01-01', exports: 'NOPE' }, problems);
    expect(problems).toEqual([
      '--as-of: "bad" is not a date (YYYY-MM-DD)',
      '--policy foo=bar: foo is no policy setting; the settings are s232_identification, s232_substitution, lesser_of',
      'provision "x" is not one of a, b, c, j1, j2',
      'policy lesser_of=aggregate: supported values are per_bucket',
      'the date range 2026-12-01 to 2026-01-01 is empty',
    ]);
  });

  it('leaves a missing --provision to the command line\'s reader (named once, not also as provision "")', () => {
    const problems: string[] = [];
    expect(readClaimOptions({ exports: 'EXP-1, EXP-2' }, problems)).toMatchObject({ exports: ['EXP-1', 'EXP-2'] });
    expect(problems).toEqual([]);
  });
});

describe(readWhatIfPolicy.name, () => {
  it('names every bad setting of a what-if', () => {
    const problems: string[] = [];
    readWhatIfPolicy(['s232_substitution=sometimes', 'nope=1', 's232_identification'], problems);
    expect(problems).toEqual([
      '--policy nope=1: nope is no policy setting; the settings are s232_identification, s232_substitution, lesser_of',
      '--policy s232_identification: give the setting a value, as s232_identification=value',
      '--policy s232_substitution=sometimes: the values are excluded, allowed',
    ]);
  });

  it('refuses the aggregate lesser-of in a what-if too: the engine refuses that open question rather than guess (rules §6)', () => {
    const problems: string[] = [];
    readWhatIfPolicy(['lesser_of=aggregate'], problems);
    expect(problems).toEqual(['--policy lesser_of=aggregate: the values are per_bucket']);
  });
});
