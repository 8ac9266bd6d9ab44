import { isAfterFiveYears, NO_COUNTRY, UNKNOWN_COUNTRY, USMCA_COUNTRIES } from '@drawback/domain';
import { BucketFacts, ClaimFacts } from './facts';
import { Condition, RuleData } from './rule-data';

type Predicate = (bucket: BucketFacts, claim: ClaimFacts, data: RuleData) => boolean;

const isPartner = (country: string | null, data: RuleData) =>
  country !== null && country !== UNKNOWN_COUNTRY && data.tradeAgreementPartners.values.includes(country);

/** The countries where the covered metal was made: melt and pour for steel; smelts and cast for aluminum. */
function metalCountries(bucket: BucketFacts): Array<string | null> {
  const { line } = bucket;
  if (bucket.metal === 'steel') return [line.meltPourCountry];
  if (bucket.metal === 'aluminum') {
    // A blank secondary smelt means none was reported (rules §3.1, condition 4).
    const secondary = line.smeltSecondaryCountry === NO_COUNTRY ? null : line.smeltSecondaryCountry;
    return [line.smeltPrimaryCountry, ...(secondary ? [secondary] : []), line.castCountry];
  }
  return [];
}

/** Each named condition of the rule data, as the rules note states it. */
export const PREDICATES: Record<Condition, Predicate> = {
  always: () => true,
  // 19 U.S.C. 1313(r)(1): filed no later than five years after importation, the anniversary included.
  claim_deadline_passed: (bucket, claim) => isAfterFiveYears(claim.asOf, bucket.entry.importDate),
  ieepa_refund_claimed: (bucket) => bucket.line.ieepaRefundClaimed,
  // 19 CFR 182.44–182.45: a line exported (not destroyed) to Canada or Mexico.
  export_to_usmca_country: (_bucket, claim) =>
    claim.export?.action === 'exported' && USMCA_COUNTRIES.includes(claim.export.destinationCountry ?? ''),
  substitution_policy_excludes: (_bucket, claim) => claim.policy.s232_substitution === 'excluded',
  // s232_identification governs direct identification only: FIFO loses the 232 duty; lot and heat keep it.
  fifo_identification_excluded: (_bucket, claim) => claim.method === 'fifo' && claim.policy.s232_identification === 'lot_or_heat',
  annex_unknown: (bucket) => bucket.s232Annex === null,
  annex_not_qualifying: (bucket, _claim, data) => bucket.s232Annex !== null && !data.qualifyingAnnexes.values.includes(bucket.s232Annex),
  adcvd_article: (bucket) => bucket.line.hasAdcvdBucket || bucket.line.adcvdCase !== null,
  origin_not_partner: (bucket, _claim, data) => !isPartner(bucket.line.countryOfOrigin, data),
  steel_melt_pour_missing: (bucket) => bucket.metal === 'steel' && bucket.line.meltPourCountry === null,
  aluminum_smelt_cast_missing: (bucket) =>
    bucket.metal === 'aluminum' && (bucket.line.smeltPrimaryCountry === null || bucket.line.castCountry === null),
  // A country of UN (unknown) is not a partner; a blank country is missing data, decided above.
  metal_origin_not_partner: (bucket, _claim, data) =>
    metalCountries(bucket).some((country) => country !== null && !isPartner(country, data)),
  copper_origin_unproven: (bucket) => bucket.metal === 'copper',
  zero_amount: (bucket) => /^0+(\.0+)?$/.test(bucket.amount),
};
