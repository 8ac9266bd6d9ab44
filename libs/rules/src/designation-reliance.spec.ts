import { defaultRuleData } from './default-rule-data';
import { unverifiedListsOfDesignation } from './designation-reliance';

describe(unverifiedListsOfDesignation.name, () => {
  const unverifiedOther = () => {
    const data = defaultRuleData();
    return { ...data, otherSubheadings: { ...data.otherSubheadings, verified: false } };
  };

  it('names the "Other" subheadings list for j2 when it is unverified: it decides whether 8 or 10 digits must agree', () => {
    expect(unverifiedListsOfDesignation(unverifiedOther(), 'j2')).toEqual(['J2-OTHER-SUBHEADINGS']);
  });

  it('names nothing when the list is verified, nor for b (8 digits always) or direct identification', () => {
    expect(unverifiedListsOfDesignation(defaultRuleData(), 'j2')).toEqual([]);
    for (const provision of ['a', 'b', 'c', 'j1'] as const) expect(unverifiedListsOfDesignation(unverifiedOther(), provision)).toEqual([]);
  });
});
