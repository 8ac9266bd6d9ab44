import { DutyProgram } from '@drawback/domain';

/** The drawback provisions of 19 U.S.C. 1313 that a claim is made under (rules §1). */
export const PROVISIONS = ['a', 'b', 'c', 'j1', 'j2'] as const;
export type Provision = (typeof PROVISIONS)[number];

export type Status = 'recoverable' | 'excluded' | 'conditional';

/**
 * The precedence groups of matching-and-estimates.md §5, in order: among outcomes of the same status the
 * earliest group wins; `excluded` beats `conditional` whatever the group.
 */
export const STAGES = ['deadline', 'refunded', 'program', 's232_entry_date', 'provision', 'usmca', 'identification', 's232_condition', 'zero'] as const;
export type Stage = (typeof STAGES)[number];

/** Named conditions a rule may need; each is a pure predicate over the facts (conditions.ts). */
export const CONDITIONS = [
  'always', 'claim_deadline_passed', 'ieepa_refund_claimed', 'export_to_usmca_country', 'substitution_policy_excludes',
  'fifo_identification_excluded', 'annex_unknown', 'annex_not_qualifying', 'adcvd_article', 'origin_not_partner',
  'steel_melt_pour_missing', 'aluminum_smelt_cast_missing', 'metal_origin_not_partner', 'copper_origin_unproven', 'zero_amount',
] as const;
export type Condition = (typeof CONDITIONS)[number];

export interface DateRange {
  /** First entry date the rule applies to, inclusive; null: since always. */
  from: string | null;
  /** Last entry date, inclusive; null: still in force. */
  to: string | null;
}

/** One row of the rules note's tables: what decides a duty bucket's status under a provision. */
export interface Rule {
  id: string;
  stage: Stage;
  /** Programs it applies to; `*` for all. */
  programs: Array<DutyProgram | '*'>;
  /** Chapter 99 heading ranges (digits, inclusive) narrowing the programs; absent: every heading. */
  headings?: Array<{ from: string; to: string }>;
  /** Entry dates (date of entry for consumption) the rule is in force for. */
  entryDates: DateRange;
  provisions: Provision[];
  condition: Condition;
  status: Status;
  reason: string;
  citation: string;
  /** False where the rule rests on commentary, not the primary text (rules note §6). */
  verified: boolean;
  note?: string;
}

export type PolicySettings = {
  s232_identification: 'lot_or_heat' | 'any_direct_id';
  s232_substitution: 'excluded' | 'allowed';
  lesser_of: 'per_bucket' | 'aggregate';
};

/** Every value each policy setting may take (rules §3.2, §6); a claim supports fewer (claim-policy.ts). */
export const POLICY_CHOICES: { readonly [K in keyof PolicySettings]: readonly PolicySettings[K][] } = {
  s232_identification: ['lot_or_heat', 'any_direct_id'],
  s232_substitution: ['excluded', 'allowed'],
  lesser_of: ['per_bucket', 'aggregate'],
};

/**
 * The values the engine computes: the aggregate lesser-of is an open question (rules §6) it refuses rather
 * than guesses, so neither a claim nor a rule version's default may name it (README, "Policy settings").
 */
export const SUPPORTED_POLICY_CHOICES: { readonly [K in keyof PolicySettings]: readonly PolicySettings[K][] } = {
  ...POLICY_CHOICES,
  lesser_of: ['per_bucket'],
};

export interface ListRule {
  id: string;
  values: string[];
  citation: string;
  verified: boolean;
}

/** A whole, versioned set of rule data. */
export interface RuleData {
  version: string;
  rules: Rule[];
  tradeAgreementPartners: ListRule;
  qualifyingAnnexes: ListRule;
  otherSubheadings: ListRule;
  policyDefaults: PolicySettings;
}
