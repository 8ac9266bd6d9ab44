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
      'rules[2].entryDates: must be { from, to }, each YYYY-MM-DD or null',
      'tradeAgreementPartners.citation: must be a non-empty string',
      'policyDefaults.lesser_of: must be one of per_bucket, aggregate',
    ]);
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
