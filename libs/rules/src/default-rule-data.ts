import { isDeepStrictEqual } from 'node:util';
import document from './data/rules.v1.json';
import { parseRuleData } from './parse-rule-data';
import { RuleData } from './rule-data';

/** The rule data shipped with this release (libs/rules/src/data/rules.v1.json). */
export function defaultRuleData(): RuleData {
  const parsed = parseRuleData(document);
  if (!parsed.ok) throw new Error(`the shipped rule data is invalid: ${parsed.problems.join('; ')}`);
  return parsed.data;
}

/**
 * Whether `candidate` names the shipped rule data's version with other content. The shipped version is stored
 * only when first needed, so until then its name is free in the database: a document loaded under it would pass
 * for the shipped rules in every claim and pack made after, and the shipped data could no longer be stored.
 */
export function claimsShippedVersionWithOtherContent(candidate: { version: string }, candidateDocument: unknown): boolean {
  // The same JSON value, whatever its key order, is the same content (as the rule version store compares).
  return candidate.version === document.version && !isDeepStrictEqual(JSON.parse(JSON.stringify(candidateDocument)), document);
}
