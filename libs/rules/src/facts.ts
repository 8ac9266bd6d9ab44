import { DutyProgram } from '@drawback/domain';
import { PolicySettings, Provision } from './rule-data';

/** What the rules look at in a duty bucket, its entry line and its entry. */
export interface BucketFacts {
  program: DutyProgram;
  /** Chapter 99 heading as digits (or the AD/CVD case); null for ordinary, fees and excise. */
  heading: string | null;
  metal: 'steel' | 'aluminum' | 'copper' | null;
  s232Annex: string | null;
  /** What was paid on the bucket. */
  amount: string;
  line: {
    countryOfOrigin: string;
    meltPourCountry: string | null;
    smeltPrimaryCountry: string | null;
    smeltSecondaryCountry: string | null;
    castCountry: string | null;
    adcvdCase: string | null;
    /** The line also carries an `adcvd` duty bucket. */
    hasAdcvdBucket: boolean;
    ieepaRefundClaimed: boolean;
  };
  entry: { importDate: string; entryDate: string };
}

export type IdentificationMethod = 'lot' | 'heat' | 'fifo' | 'substitution';

/** What the rules look at in the claim: provision, how the import was identified, the export, the date. */
export interface ClaimFacts {
  provision: Provision;
  /** How the import line was identified; null in the recoverability view, which takes lot/heat as given. */
  method: IdentificationMethod | null;
  export: { action: 'exported' | 'destroyed'; destinationCountry: string | null } | null;
  /** The filing date the five-year deadline is tested against. */
  asOf: string;
  policy: PolicySettings;
}
