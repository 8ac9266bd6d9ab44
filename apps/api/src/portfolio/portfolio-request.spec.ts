import { ApiError } from '../http/api-error';
import { parseAsOf, parseWhatIf, today } from './portfolio-request';

function problemsOf(run: () => unknown): unknown {
  try {
    run();
  } catch (error) {
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).code).toBe('VALIDATION_FAILED');
    return (error as ApiError).details;
  }
  throw new Error('no validation error');
}

describe(parseAsOf.name, () => {
  it('takes a calendar date, and today when none is given, as the command line does', () => {
    expect(parseAsOf('2026-11-22')).toBe('2026-11-22');
    expect(parseAsOf(undefined)).toBe(today());
  });

  it('refuses a date that is not on the calendar', () => {
    expect(problemsOf(() => parseAsOf('2026-02-30'))).toEqual([{ field: 'asOf', message: '"2026-02-30" is not a calendar date' }]);
  });
});

describe(parseWhatIf.name, () => {
  it('keeps the as-of date, the rule document and the policy overrides', () => {
    const rules = { version: 'x' };
    expect(parseWhatIf({ asOf: '2026-11-22', rules, policy: { s232_substitution: 'allowed' } }))
      .toEqual({ asOf: '2026-11-22', rules, policy: { s232_substitution: 'allowed' } });
    expect(parseWhatIf({ asOf: '2026-11-22' })).toEqual({ asOf: '2026-11-22', policy: {} });
  });

  it('lists every bad field at once: the date, each policy setting (the aggregate lesser-of is refused, not guessed), the rules, unknown fields', () => {
    expect(problemsOf(() => parseWhatIf({
      asOf: '22/11/2026', rules: [], policy: { s232_substitution: 'sometimes', lesser_of: 'aggregate', fifo: 'on' }, asof: '2026-11-22',
    }))).toEqual([
      { field: 'asof', message: 'is not a field (known: asOf, rules, policy)' },
      { field: 'asOf', message: '"22/11/2026" is not a date (YYYY-MM-DD)' },
      { field: 'policy.s232_substitution', message: 'must be one of excluded, allowed' },
      { field: 'policy.lesser_of', message: 'must be one of per_bucket' },
      { field: 'policy.fifo', message: 'is not a setting (known: s232_identification, s232_substitution, lesser_of)' },
      { field: 'rules', message: 'must be a rule-data document (a JSON object)' },
    ]);
  });

  it('refuses a body that is not an object', () => {
    expect(problemsOf(() => parseWhatIf([1]))).toEqual([{ field: 'body', message: 'must be a JSON object { asOf, rules?, policy? }' }]);
  });
});
