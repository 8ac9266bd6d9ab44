import { BucketFacts, ClaimFacts } from './facts';
import { decide } from './decide';
import { defaultRuleData } from './default-rule-data';
import { Status } from './rule-data';

const data = defaultRuleData();

type BucketChange = Partial<Omit<BucketFacts, 'line' | 'entry'>> & { line?: Partial<BucketFacts['line']>; entry?: Partial<BucketFacts['entry']> };

/** A steel plate line from Germany, entered under Proclamation 11021, melted and poured in Germany. */
function bucket(change: BucketChange = {}): BucketFacts {
  const base: BucketFacts = {
    program: 's232', heading: '99038202', metal: 'steel', s232Annex: 'I-A', amount: '100000.00',
    line: {
      countryOfOrigin: 'DE', meltPourCountry: 'DE', smeltPrimaryCountry: null, smeltSecondaryCountry: null, castCountry: null,
      adcvdCase: null, hasAdcvdBucket: false, ieepaRefundClaimed: false,
    },
    entry: { importDate: '2026-05-10', entryDate: '2026-05-10' },
  };
  return { ...base, ...change, line: { ...base.line, ...change.line }, entry: { ...base.entry, ...change.entry } };
}

function claim(change: Partial<ClaimFacts> = {}): ClaimFacts {
  return { provision: 'a', method: 'heat', export: { action: 'exported', destinationCountry: 'GB' }, asOf: '2026-11-22', policy: data.policyDefaults, ...change };
}

interface Scenario {
  rule: string;
  states: string;
  bucket: BucketChange;
  claim?: Partial<ClaimFacts>;
  status: Status;
  reason: string;
}

const PRE_11021 = { entry: { importDate: '2026-03-20', entryDate: '2026-03-20' } };
const ordinary = (change: BucketChange = {}): BucketChange => ({ program: 'ordinary', heading: null, metal: null, s232Annex: null, ...change });

const SCENARIOS: Scenario[] = [
  { rule: 'DEADLINE-5Y', states: 'a claim filed more than five years after importation recovers nothing', bucket: ordinary(), claim: { asOf: '2031-05-11' }, status: 'excluded', reason: 'CLAIM_DEADLINE_PASSED' },
  { rule: 'IEEPA-REFUNDED-ELSEWHERE', states: 'IEEPA duty refunded through another route is not recovered again', bucket: { program: 'ieepa_reciprocal', heading: '99030125', metal: null, line: { ieepaRefundClaimed: true } }, status: 'excluded', reason: 'REFUNDED_ELSEWHERE' },
  { rule: 'ORDINARY-ALL', states: 'ordinary duty is recoverable under every provision', bucket: ordinary(), claim: { provision: 'j2', method: 'substitution' }, status: 'recoverable', reason: 'RECOVERABLE' },
  { rule: 'S301-ALL', states: 'Section 301 duty is recoverable like ordinary duty', bucket: { program: 's301', heading: '99038803', metal: null }, claim: { provision: 'j1', method: 'lot' }, status: 'recoverable', reason: 'RECOVERABLE' },
  { rule: 'S201-ALL', states: 'Section 201 duty is recoverable like Section 301', bucket: { program: 's201', heading: '99034501', metal: null }, status: 'recoverable', reason: 'RECOVERABLE' },
  { rule: 'ADCVD-NEVER', states: 'antidumping and countervailing duties are never drawn back', bucket: { program: 'adcvd', heading: 'A-570-900', metal: null }, claim: { provision: 'j1' }, status: 'excluded', reason: 'ADCVD_NEVER' },
  { rule: 'IEEPA-FENTANYL-BAR', states: 'the IEEPA border orders bar drawback', bucket: { program: 'ieepa_fentanyl', heading: '99030101', metal: null }, status: 'excluded', reason: 'IEEPA_ORDER_BARS_DRAWBACK' },
  { rule: 'IEEPA-RECIPROCAL-ALL', states: 'IEEPA reciprocal duty not refunded elsewhere is recoverable', bucket: { program: 'ieepa_reciprocal', heading: '99030125', metal: null }, status: 'recoverable', reason: 'RECOVERABLE' },
  { rule: 'IEEPA-OTHER-REVIEW', states: 'other IEEPA duty needs a person to review it', bucket: { program: 'ieepa_other', heading: '99030199', metal: null }, status: 'conditional', reason: 'RULE_REVIEW_REQUIRED' },
  { rule: 'S122-ALL', states: 'the Section 122 surcharge is recoverable under every provision', bucket: { program: 's122', heading: '99030301', metal: null }, claim: { provision: 'j1' }, status: 'recoverable', reason: 'RECOVERABLE' },
  { rule: 'MPF-HMF-UNUSED', states: 'MPF and HMF are recoverable under unused-merchandise and rejected-merchandise drawback', bucket: ordinary({ program: 'mpf' }), claim: { provision: 'j1' }, status: 'recoverable', reason: 'RECOVERABLE' },
  { rule: 'MPF-HMF-NOT-MANUFACTURING', states: 'MPF and HMF are not drawn back under manufacturing drawback', bucket: ordinary({ program: 'hmf' }), claim: { provision: 'b', method: 'substitution' }, status: 'excluded', reason: 'MPF_HMF_NOT_MANUFACTURING' },
  { rule: 'EXCISE-DIRECT-ID', states: 'excise taxes are recoverable under direct identification', bucket: ordinary({ program: 'excise' }), status: 'recoverable', reason: 'RECOVERABLE' },
  { rule: 'EXCISE-SUBSTITUTION', states: 'excise taxes under substitution are capped at the tax on the substituted goods', bucket: ordinary({ program: 'excise' }), claim: { provision: 'j2', method: 'substitution' }, status: 'conditional', reason: 'EXCISE_SUBSTITUTION_LIMIT' },
  { rule: 'OTHER-REVIEW', states: 'a duty of program other needs review', bucket: ordinary({ program: 'other' }), status: 'conditional', reason: 'RULE_REVIEW_REQUIRED' },
  { rule: 'S232-BEFORE-P11021', states: 'Section 232 duty on an entry before 2026-04-06 is never drawn back', bucket: PRE_11021, status: 'excluded', reason: 'S232_NO_DRAWBACK' },
  { rule: 'S232-P11021-UNUSED', states: 'under Proclamation 11021 Section 232 duty is not drawn back as unused or rejected merchandise', bucket: {}, claim: { provision: 'j1', method: 'lot' }, status: 'excluded', reason: 'S232_PROVISION_NOT_ALLOWED' },
  { rule: 'S232-POLICY-NO-SUBSTITUTION', states: 'by default Section 232 duty is not claimed by substitution', bucket: {}, claim: { provision: 'b', method: 'substitution' }, status: 'excluded', reason: 'S232_SUBSTITUTION_NOT_ALLOWED' },
  { rule: 'S232-P11021-MFG', states: 'Section 232 duty entered from 2026-04-06 is recoverable by manufacturing drawback when the four conditions hold', bucket: {}, status: 'recoverable', reason: 'RECOVERABLE' },
  { rule: 'USMCA-EXPORT-REVIEW', states: 'a line exported to Canada or Mexico under a, b, c or j1 needs review', bucket: ordinary(), claim: { export: { action: 'exported', destinationCountry: 'MX' } }, status: 'conditional', reason: 'USMCA_EXPORT_REVIEW' },
  { rule: 'S232-POLICY-LOT-OR-HEAT', states: 'a FIFO identification does not reach Section 232 duty by default', bucket: {}, claim: { method: 'fifo' }, status: 'excluded', reason: 'S232_NOT_LOT_OR_HEAT_IDENTIFIED' },
  { rule: 'S232-P11021-C1-ANNEX-UNKNOWN', states: 'condition 1 is unproven when the annex is blank', bucket: { s232Annex: null }, status: 'conditional', reason: 'S232_ANNEX_UNKNOWN' },
  { rule: 'S232-P11021-C1-ANNEX', states: 'condition 1 fails for an annex outside the qualifying set', bucket: { s232Annex: 'II' }, status: 'excluded', reason: 'S232_ANNEX_NOT_QUALIFYING' },
  { rule: 'S232-P11021-C2-ADCVD', states: 'condition 2 fails for an article subject to an AD/CVD order', bucket: { line: { adcvdCase: 'A-428-001' } }, status: 'excluded', reason: 'S232_ADCVD_ARTICLE' },
  { rule: 'S232-P11021-C3-ORIGIN', states: 'condition 3 fails for an article not of a Trade Agreement Partner', bucket: { line: { countryOfOrigin: 'CN' } }, status: 'excluded', reason: 'S232_ORIGIN_NOT_PARTNER' },
  { rule: 'S232-P11021-C4-MELT-POUR-MISSING', states: 'condition 4 is unproven for steel with no melt-and-pour country', bucket: { line: { meltPourCountry: null } }, status: 'conditional', reason: 'S232_MELT_POUR_MISSING' },
  { rule: 'S232-P11021-C4-SMELT-CAST-MISSING', states: 'condition 4 is unproven for aluminum with no primary smelt or cast country', bucket: { metal: 'aluminum', line: { meltPourCountry: null, smeltPrimaryCountry: 'CA', castCountry: null } }, status: 'conditional', reason: 'S232_SMELT_CAST_MISSING' },
  { rule: 'S232-P11021-C4-METAL-ORIGIN', states: 'condition 4 fails when the metal was melted and poured outside the partners, or is unknown', bucket: { line: { meltPourCountry: 'UN' } }, status: 'excluded', reason: 'S232_METAL_ORIGIN_NOT_PARTNER' },
  { rule: 'S232-P11021-C4-COPPER', states: 'condition 4 is unproven for copper, which has no melt or smelt data point', bucket: { metal: 'copper', heading: '99037801' }, status: 'conditional', reason: 'S232_COPPER_ORIGIN_UNPROVEN' },
  { rule: 'ZERO-AMOUNT', states: 'a bucket that paid nothing recovers nothing', bucket: ordinary({ amount: '0.00' }), status: 'excluded', reason: 'ZERO_AMOUNT' },
];

describe(decide.name, () => {
  for (const scenario of SCENARIOS) {
    it(`${scenario.rule}: ${scenario.states}`, () => {
      const decision = decide(data, bucket(scenario.bucket), claim(scenario.claim));
      expect({ status: decision.status, reason: decision.reason, rule: decision.ruleId }).toEqual({
        status: scenario.status, reason: scenario.reason, rule: scenario.rule,
      });
      expect(decision.ruleVersion).toBe(data.version);
    });
  }

  it('states every rule of the shipped rule data in a scenario above', () => {
    expect(data.rules.map((rule) => rule.id).sort()).toEqual(SCENARIOS.map((s) => s.rule).sort());
  });

  it('IEEPA-FENTANYL-BAR: the border orders bar drawback of their duty whatever Chapter 99 number it was reported under', () => {
    const decision = decide(data, bucket({ program: 'ieepa_fentanyl', heading: '99030126', metal: null, s232Annex: null }), claim({ provision: 'j1' }));
    expect({ status: decision.status, reason: decision.reason, rule: decision.ruleId }).toEqual({
      status: 'excluded', reason: 'IEEPA_ORDER_BARS_DRAWBACK', rule: 'IEEPA-FENTANYL-BAR',
    });
  });

  it('S201-ALL: Section 201 duty is recoverable only under a Chapter 99 number (9903.xx, rules §2); under another number it needs review', () => {
    const s201 = (heading: string) => decide(data, bucket({ program: 's201', heading, metal: null, s232Annex: null }), claim({ provision: 'j1', method: 'lot' }));
    expect({ reason: s201('99034501').reason, rule: s201('99034501').ruleId }).toEqual({ reason: 'RECOVERABLE', rule: 'S201-ALL' });
    expect(s201('7208510030')).toMatchObject({ status: 'conditional', reason: 'RULE_REVIEW_REQUIRED', ruleId: 'NO-RULE' });
  });


  it('S232 bars apply to Section 232 duty whatever number it was reported under; only its recovery needs a Section 232 number (rules §2, §3.1)', () => {
    const unknownNumber = (change: BucketChange = {}) => bucket({ heading: '99038699', ...change });
    const reasonOf = (facts: BucketFacts, on: Partial<ClaimFacts> = {}) => {
      const decision = decide(data, facts, claim(on));
      return { status: decision.status, reason: decision.reason, rule: decision.ruleId };
    };
    expect(reasonOf(unknownNumber(PRE_11021))).toEqual({ status: 'excluded', reason: 'S232_NO_DRAWBACK', rule: 'S232-BEFORE-P11021' });
    expect(reasonOf(unknownNumber(), { provision: 'j1' })).toEqual({ status: 'excluded', reason: 'S232_PROVISION_NOT_ALLOWED', rule: 'S232-P11021-UNUSED' });
    expect(reasonOf(unknownNumber(), { provision: 'b', method: 'substitution' })).toEqual({ status: 'excluded', reason: 'S232_SUBSTITUTION_NOT_ALLOWED', rule: 'S232-POLICY-NO-SUBSTITUTION' });
    expect(reasonOf(unknownNumber(), { method: 'fifo' })).toEqual({ status: 'excluded', reason: 'S232_NOT_LOT_OR_HEAT_IDENTIFIED', rule: 'S232-POLICY-LOT-OR-HEAT' });
    expect(reasonOf(unknownNumber({ line: { countryOfOrigin: 'CN' } }))).toEqual({ status: 'excluded', reason: 'S232_ORIGIN_NOT_PARTNER', rule: 'S232-P11021-C3-ORIGIN' });
    expect(reasonOf(unknownNumber())).toEqual({ status: 'conditional', reason: 'RULE_REVIEW_REQUIRED', rule: 'NO-RULE' });
    expect(reasonOf(unknownNumber({ s232Annex: null }))).toEqual({ status: 'conditional', reason: 'RULE_REVIEW_REQUIRED', rule: 'NO-RULE' });
    expect(reasonOf(bucket())).toEqual({ status: 'recoverable', reason: 'RECOVERABLE', rule: 'S232-P11021-MFG' });
  });
  it('lets an excluded outcome win over a conditional one whatever their order', () => {
    const decision = decide(data, bucket({ s232Annex: null, line: { countryOfOrigin: 'CN' } }), claim());
    expect(decision.reason).toBe('S232_ORIGIN_NOT_PARTNER');
  });

  it('reports the deadline before every other exclusion', () => {
    const decision = decide(data, bucket(PRE_11021), claim({ asOf: '2031-03-21' }));
    expect(decision.reason).toBe('CLAIM_DEADLINE_PASSED');
  });

  it('counts the fifth anniversary of importation as still within the deadline', () => {
    expect(decide(data, bucket(ordinary()), claim({ asOf: '2031-05-10' })).reason).toBe('RECOVERABLE');
  });

  it('keeps within the deadline an import whose fifth anniversary falls after the year 9999', () => {
    expect(decide(data, bucket(ordinary({ entry: { importDate: '9996-01-10', entryDate: '9996-01-10' } })), claim({ asOf: '9999-12-31' })).reason).toBe('RECOVERABLE');
  });

  it('decides Section 232 by entry date before the provision (ex1: j1 on a pre-11021 entry is S232_NO_DRAWBACK)', () => {
    expect(decide(data, bucket(PRE_11021), claim({ provision: 'j1', method: 'lot' })).reason).toBe('S232_NO_DRAWBACK');
  });

  it('reports a program bar before the USMCA review', () => {
    const decision = decide(data, bucket(ordinary({ program: 'mpf' })), claim({ export: { action: 'exported', destinationCountry: 'CA' } }));
    expect(decision.reason).toBe('MPF_HMF_NOT_MANUFACTURING');
  });

  it('does not ask for USMCA review of a line destroyed rather than exported', () => {
    expect(decide(data, bucket(ordinary()), claim({ export: { action: 'destroyed', destinationCountry: null } })).reason).toBe('RECOVERABLE');
  });

  it('keeps Section 232 duty of a FIFO identification when the policy is any_direct_id', () => {
    const policy = { ...data.policyDefaults, s232_identification: 'any_direct_id' as const };
    expect(decide(data, bucket(), claim({ method: 'fifo', policy })).reason).toBe('RECOVERABLE');
  });

  it('evaluates the 11021 conditions for substitution when the policy allows Section 232 substitution', () => {
    const policy = { ...data.policyDefaults, s232_substitution: 'allowed' as const };
    const decision = decide(data, bucket({ line: { countryOfOrigin: 'CN' } }), claim({ provision: 'b', method: 'substitution', policy }));
    expect(decision.reason).toBe('S232_ORIGIN_NOT_PARTNER');
  });

  it('treats a secondary smelt of N as none and UN as not a partner', () => {
    const aluminum = (secondary: string) => bucket({ metal: 'aluminum', line: { meltPourCountry: null, smeltPrimaryCountry: 'CA', smeltSecondaryCountry: secondary, castCountry: 'CA' } });
    expect(decide(data, aluminum('N'), claim()).reason).toBe('RECOVERABLE');
    expect(decide(data, aluminum('UN'), claim()).reason).toBe('S232_METAL_ORIGIN_NOT_PARTNER');
  });

  it('needs review when no rule covers a bucket, and says which', () => {
    const decision = decide(data, bucket({ heading: '99039999' }), claim());
    expect(decision).toMatchObject({ status: 'conditional', reason: 'RULE_REVIEW_REQUIRED', ruleId: 'NO-RULE' });
  });

  it('NO-RULE: a bucket no rule of its program covers needs review ahead of the USMCA review, like a program-level review (§5)', () => {
    const uncovered = bucket({ program: 'ieepa_reciprocal', heading: '99030180', metal: null, s232Annex: null });
    const decision = decide(data, uncovered, claim({ provision: 'j1', method: 'lot', export: { action: 'exported', destinationCountry: 'MX' } }));
    expect(decision).toMatchObject({ status: 'conditional', reason: 'RULE_REVIEW_REQUIRED', ruleId: 'NO-RULE' });
    expect(decide(data, bucket(ordinary({ program: 'other' })), claim({ export: { action: 'exported', destinationCountry: 'MX' } })).reason).toBe('RULE_REVIEW_REQUIRED');
  });

  it('NO-RULE: an exclusion is still reported before the review of a bucket no rule of its program covers', () => {
    const uncovered = bucket({ program: 'ieepa_reciprocal', heading: '99030180', metal: null, s232Annex: null, amount: '0.00' });
    expect(decide(data, uncovered, claim({ export: { action: 'exported', destinationCountry: 'MX' } })).reason).toBe('ZERO_AMOUNT');
  });

  it('lists the unverified rule and lists a recoverable Section 232 decision rests on', () => {
    expect(decide(data, bucket(), claim()).unverified).toEqual(['S232-P11021-MFG', 'S232-P11021-ANNEXES', 'S232-P11021-PARTNERS']);
    expect(decide(data, bucket(ordinary()), claim()).unverified).toEqual([]);
  });

  it('lists for a conditional decision also the unverified rules the possible amount rests on, once reviewed', () => {
    const review = decide(data, bucket(), claim({ export: { action: 'exported', destinationCountry: 'MX' } }));
    expect(review.reason).toBe('USMCA_EXPORT_REVIEW');
    expect(review.unverified).toEqual(['USMCA-EXPORT-REVIEW', 'S232-P11021-MFG', 'S232-P11021-ANNEXES', 'S232-P11021-PARTNERS']);
  });
});
