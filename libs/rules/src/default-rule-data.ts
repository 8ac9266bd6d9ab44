import document from './data/rules.v1.json';
import { parseRuleData } from './parse-rule-data';
import { RuleData } from './rule-data';

/** The rule data shipped with this release (libs/rules/src/data/rules.v1.json). */
export function defaultRuleData(): RuleData {
  const parsed = parseRuleData(document);
  if (!parsed.ok) throw new Error(`the shipped rule data is invalid: ${parsed.problems.join('; ')}`);
  return parsed.data;
}
