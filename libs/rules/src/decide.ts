import { PREDICATES } from './conditions';
import { BucketFacts, ClaimFacts } from './facts';
import { Provision, Rule, RuleData, Stage, STAGES, Status } from './rule-data';

/** A bucket's status under a provision, why, and on which rule (rules note, opening). */
export interface Decision {
  status: Status;
  reason: string;
  ruleId: string;
  ruleVersion: string;
  citation: string;
  /** The unverified rules and lists this decision rests on (rules note §6). */
  unverified: string[];
}

const inRange = (value: string, from: string | null, to: string | null) => (from === null || value >= from) && (to === null || value <= to);

/** The rules in force for this bucket: its program and heading, its entry date, the provision. */
export function applicableRules(data: RuleData, bucket: BucketFacts, provision: Provision): Rule[] {
  const heading8 = bucket.heading?.slice(0, 8) ?? null;
  return data.rules.filter(
    (rule) =>
      (rule.programs.includes('*') || rule.programs.includes(bucket.program)) &&
      (!rule.headings || (heading8 !== null && rule.headings.some((range) => inRange(heading8, range.from, range.to)))) &&
      inRange(bucket.entry.entryDate, rule.entryDates.from, rule.entryDates.to) &&
      rule.provisions.includes(provision),
  );
}

/** Among outcomes of one status, the first in the precedence order of §5 (then in rule-data order). */
function firstOf(outcomes: Rule[], status: Status): Rule | undefined {
  return outcomes
    .filter((rule) => rule.status === status)
    .sort((a, b) => STAGES.indexOf(a.stage) - STAGES.indexOf(b.stage))[0];
}

/**
 * The stages at which a rule speaks to the bucket's own program (its bars and reviews, Section 232 by entry
 * date, the provision); with none of them holding and no rule recovering the bucket, no rule covers it.
 */
const PROGRAM_STAGES: readonly Stage[] = ['program', 's232_entry_date', 'provision'];
const coversTheProgram = (rule: Rule) => rule.status === 'recoverable' || PROGRAM_STAGES.includes(rule.stage);

/** The 11021 branch relies on the partner list and the annex list as well as on its own rule. */
const reliesOnProclamationLists = (rule: Rule) => rule.programs.includes('s232') && (rule.stage === 's232_condition' || rule.status === 'recoverable');

/**
 * Decides one duty bucket under one provision (matching-and-estimates.md §5): every applicable rule is
 * evaluated; an `excluded` outcome wins over a `conditional` one; among outcomes of the same status the
 * earliest precedence group wins (deadline, refunded elsewhere, program bars, Section 232 by entry date,
 * provision, USMCA review, identification, the four 11021 conditions, zero amount). With no such
 * outcome the bucket is recoverable on its program's rule. A bucket no rule of its program covers needs
 * review: that is the program-level RULE_REVIEW_REQUIRED of §5 (like `other`, rules §2), so only an
 * exclusion is reported before it, never a later conditional outcome such as the USMCA review.
 */
export function decide(data: RuleData, bucket: BucketFacts, claim: ClaimFacts): Decision {
  const rules = applicableRules(data, bucket, claim.provision);
  const holding = rules.filter((rule) => PREDICATES[rule.condition](bucket, claim, data));
  const outcomes = holding.filter((rule) => rule.status !== 'recoverable');
  const excluded = firstOf(outcomes, 'excluded');
  const covered = holding.some(coversTheProgram);
  const deciding = excluded ?? (covered ? (firstOf(outcomes, 'conditional') ?? holding.find((rule) => rule.status === 'recoverable')) : undefined);
  if (!deciding) {
    return {
      status: 'conditional',
      reason: 'RULE_REVIEW_REQUIRED',
      ruleId: 'NO-RULE',
      ruleVersion: data.version,
      citation: `No rule of version ${data.version} covers ${bucket.program} ${bucket.heading ?? ''} entered ${bucket.entry.entryDate} under ${claim.provision}`.replace(/\s+/g, ' '),
      unverified: [],
    };
  }
  // A conditional bucket's possible amount rests also on the rule that would recover it once reviewed.
  const behind = deciding.status === 'conditional' ? holding.find((rule) => rule.status === 'recoverable') : undefined;
  const unverified: string[] = [];
  for (const rule of [deciding, ...(behind ? [behind] : [])]) {
    if (!rule.verified) unverified.push(rule.id);
    if (reliesOnProclamationLists(rule)) {
      for (const list of [data.qualifyingAnnexes, data.tradeAgreementPartners]) if (!list.verified) unverified.push(list.id);
    }
  }
  return {
    status: deciding.status,
    reason: deciding.reason,
    ruleId: deciding.id,
    ruleVersion: data.version,
    citation: deciding.citation,
    unverified: [...new Set(unverified)],
  };
}
