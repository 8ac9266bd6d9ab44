import { PolicySettings } from '@drawback/rules';
import { claimRequestProblems, ClaimRequestError, resolvePolicy } from './claim-policy';

const DEFAULTS: PolicySettings = { s232_identification: 'lot_or_heat', s232_substitution: 'excluded', lesser_of: 'per_bucket' };

describe(resolvePolicy.name, () => {
  it('applies the requested settings over the rule version\'s defaults', () => {
    expect(resolvePolicy(DEFAULTS, { s232_identification: 'any_direct_id' })).toEqual({ ...DEFAULTS, s232_identification: 'any_direct_id' });
  });

  it('refuses a rule version defaulting to the aggregate lesser-of, which the engine does not compute (rules §6), naming it the rule data\'s default, not a setting the user gave', () => {
    const aggregate = { ...DEFAULTS, lesser_of: 'aggregate' } as unknown as PolicySettings;
    expect(() => resolvePolicy(aggregate, {})).toThrow(ClaimRequestError);
    expect(() => resolvePolicy(aggregate, {})).toThrow("the active rule data's default policy lesser_of=aggregate: supported values are per_bucket");
    expect(resolvePolicy(aggregate, { lesser_of: 'per_bucket' }).lesser_of).toBe('per_bucket');
  });
});

describe(claimRequestProblems.name, () => {
  it('names a bad provision, every bad policy setting and an empty date range', () => {
    expect(claimRequestProblems({ provision: 'zz', policy: { foo: 'x', lesser_of: 'aggregate' }, from: '2026-12-01', to: '2026-01-01' })).toEqual([
      'provision "zz" is not one of a, b, c, j1, j2',
      'policy foo: unknown setting (known: s232_identification, s232_substitution, lesser_of)',
      'policy lesser_of=aggregate: supported values are per_bucket',
      'the date range 2026-12-01 to 2026-01-01 is empty',
    ]);
    expect(claimRequestProblems({ provision: 'j2', from: '2026-01-01', to: '2026-01-01' })).toEqual([]);
  });
});
