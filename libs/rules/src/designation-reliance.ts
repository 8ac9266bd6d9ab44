import { Provision, RuleData } from './rule-data';

/**
 * The unverified lists a claim's designation relied on before any bucket was decided (rules §6: "every
 * estimate lists the unverified rules it relied on"). Under `j2` the "Other" subheadings list decides
 * whether 8 or 10 HTS digits must agree (rules §1; 19 U.S.C. 1313(j)(5)(B)), for the lines it matched and
 * the quantity it left unmatched alike; `b` always uses 8 digits, and direct identification no list.
 */
export function unverifiedListsOfDesignation(data: RuleData, provision: Provision): string[] {
  return provision === 'j2' && !data.otherSubheadings.verified ? [data.otherSubheadings.id] : [];
}
