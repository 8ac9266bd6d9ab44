import { defaultRuleData } from './default-rule-data';
import { parseRuleData } from './parse-rule-data';

describe(parseRuleData.name, () => {
  it('accepts the shipped rule data', () => {
    expect(parseRuleData(JSON.parse(JSON.stringify(defaultRuleData()))).ok).toBe(true);
  });

  it('refuses a version with every problem listed at once', () => {
    const document = JSON.parse(JSON.stringify(defaultRuleData()));
    document.rules[0].status = 'maybe';
    document.rules[1].id = document.rules[0].id;
    document.rules[2].entryDates.from = '2026/04/06';
    document.policyDefaults.lesser_of = 'sometimes';
    delete document.tradeAgreementPartners.citation;
    const parsed = parseRuleData(document);
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.problems).toEqual([
      'rules[0].status: must be one of recoverable, excluded, conditional',
      'rules[1].id: DEADLINE-5Y is used twice',
      'rules[2].entryDates.from: "2026/04/06" is not a date (YYYY-MM-DD)',
      'tradeAgreementPartners.citation: must be a non-empty string',
      'policyDefaults.lesser_of: "sometimes" is not supported; supported values are per_bucket',
    ]);
  });

  it('refuses a default policy the engine does not compute (the aggregate lesser-of), which would refuse every claim made without --policy', () => {
    const document = JSON.parse(JSON.stringify(defaultRuleData()));
    document.policyDefaults.lesser_of = 'aggregate';
    delete document.policyDefaults.s232_substitution;
    const parsed = parseRuleData(document);
    expect(!parsed.ok && parsed.problems).toEqual([
      'policyDefaults.s232_substitution: must be one of excluded, allowed',
      'policyDefaults.lesser_of: "aggregate" is not supported; supported values are per_bucket',
    ]);
  });

  it('refuses rules that would load and never apply: impossible dates, ranges ending before they start, list values that match nothing', () => {
    const document = JSON.parse(JSON.stringify(defaultRuleData()));
    document.rules[0].entryDates = { from: '2027-01-01', to: '2026-01-01' };
    document.rules[1].entryDates = { from: '2026-02-30', to: null };
    document.rules[3].headings = [{ from: '99038899', to: '99038800' }];
    document.rules[4].note = 5;
    document.tradeAgreementPartners.values.push('Germany');
    document.otherSubheadings.values.push('8414.59');
    const parsed = parseRuleData(document);
    expect(!parsed.ok && parsed.problems).toEqual([
      'rules[0].entryDates: 2027-01-01 is after 2026-01-01, so the rule would apply to no entry',
      'rules[1].entryDates.from: "2026-02-30" is not a calendar date',
      'rules[3].headings[0]: 99038899 is after 99038800',
      'rules[4].note: must be a string when given',
      'tradeAgreementPartners.values[34]: "Germany" is not an ISO 3166-1 alpha-2 country code',
      'otherSubheadings.values[2]: "8414.59" is not an 8-digit HTS subheading (digits only)',
    ]);
  });

  it('refuses a rule whose reason is not one matching-and-estimates.md §5 gives for its status', () => {
    const document = JSON.parse(JSON.stringify(defaultRuleData()));
    const byId = (id: string) => document.rules.find((rule: { id: string }) => rule.id === id);
    byId('IEEPA-OTHER-REVIEW').status = 'excluded'; // RULE_REVIEW_REQUIRED is a conditional reason
    byId('S301-ALL').reason = 'RECOVERABL';
    byId('ADCVD-NEVER').reason = 'NO_LOT_ON_EXPORT'; // an unmatched-quantity reason, never a bucket's
    const parsed = parseRuleData(document);
    expect(!parsed.ok && parsed.problems.map((problem) => problem.replace(/ \(matching.*$/, ''))).toEqual([
      'rules[3].reason: RECOVERABL is not a reason of status recoverable',
      'rules[5].reason: NO_LOT_ON_EXPORT is not a reason of status excluded',
      'rules[8].reason: RULE_REVIEW_REQUIRED is not a reason of status excluded',
    ]);
  });

  it('refuses a version named like a what-if (what-if:…), the name a what-if tags under while it is computed', () => {
    const parsed = parseRuleData({ ...defaultRuleData(), version: 'what-if:2026-11-24.5' });
    expect(!parsed.ok && parsed.problems).toEqual(['version: "what-if:2026-11-24.5" begins with what-if:, which names what-ifs while they are computed']);
  });

  it('ships the Trade Agreement Partners, qualifying annexes and "Other" subheadings as unverified or reviewable lists', () => {
    const data = defaultRuleData();
    expect(data.tradeAgreementPartners.values).toEqual(expect.arrayContaining(['GB', 'CH', 'JP', 'KR', 'TW', 'CA', 'MX', 'DE', 'FR']));
    expect(data.tradeAgreementPartners.values).toHaveLength(34);
    expect(data.qualifyingAnnexes.values).toEqual(['I-A', 'I-B', 'I-C', 'III']);
    expect(data.otherSubheadings.values).toEqual(expect.arrayContaining(['84145965', '85011040']));
    expect(data.policyDefaults).toEqual({ s232_identification: 'lot_or_heat', s232_substitution: 'excluded', lesser_of: 'per_bucket' });
  });
});
