import { Status } from './rule-data';

/**
 * The reason codes a duty bucket's decision may carry, by the status each one gives
 * (matching-and-estimates.md §5: "Recoverable: `RECOVERABLE`. Excluded: … Conditional: …"). The
 * unmatched-quantity codes of §5 describe export quantity, never a bucket, so no rule may give them.
 */
export const REASONS_BY_STATUS: { readonly [S in Status]: readonly string[] } = {
  recoverable: ['RECOVERABLE'],
  excluded: [
    'ADCVD_NEVER', 'IEEPA_ORDER_BARS_DRAWBACK', 'MPF_HMF_NOT_MANUFACTURING', 'S232_NO_DRAWBACK', 'S232_PROVISION_NOT_ALLOWED',
    'S232_SUBSTITUTION_NOT_ALLOWED', 'S232_NOT_LOT_OR_HEAT_IDENTIFIED', 'S232_ADCVD_ARTICLE', 'S232_ORIGIN_NOT_PARTNER',
    'S232_METAL_ORIGIN_NOT_PARTNER', 'S232_ANNEX_NOT_QUALIFYING', 'REFUNDED_ELSEWHERE', 'CLAIM_DEADLINE_PASSED', 'ZERO_AMOUNT',
  ],
  conditional: [
    'S232_ANNEX_UNKNOWN', 'S232_MELT_POUR_MISSING', 'S232_SMELT_CAST_MISSING', 'S232_COPPER_ORIGIN_UNPROVEN',
    'EXCISE_SUBSTITUTION_LIMIT', 'USMCA_EXPORT_REVIEW', 'RULE_REVIEW_REQUIRED',
  ],
};
