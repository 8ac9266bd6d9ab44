import { Dec, formatHts, toCents, UNKNOWN_COUNTRY, USMCA_COUNTRIES } from '@drawback/domain';
import { USMCA_CREDIT_CAP } from './s232-duty-lines';

export const BASIS_FINDING_CODES = [
  'S232_AMOUNT_MISMATCH', 'S232_BASIS_EXCEEDS_VALUE', 'S232_FULL_VALUE_REQUIRED', 'S232_CONTENT_VALUE_UNSUPPORTED',
  'USMCA_CREDIT_OVER_CAP', 'USMCA_SPLIT_INCOMPLETE', 'COPPER_SPLIT_INCOMPLETE', 'RUSSIA_ALUMINUM_200_REQUIRED', 'S232_STACKED',
  'MELT_POUR_MISSING', 'SMELT_CAST_MISSING',
] as const;
export type BasisFindingCode = (typeof BASIS_FINDING_CODES)[number];

/** A finding of the basis check (rules §3.3): reported, never a rejection. */
export interface BasisFinding {
  code: BasisFindingCode;
  entryNumber: string;
  lineNumber: number;
  expected: string | null;
  declared: string | null;
  message: string;
}

export interface S232Bucket {
  heading: string;
  metal: 'steel' | 'aluminum' | 'copper';
  rate: string | null;
  basis: 'full_value' | 'content_value' | 'specific' | null;
  basisValue: string | null;
  amount: string;
}

/** An entry line with its Section 232 buckets, as the basis check needs it. */
export interface S232LineFacts {
  entryNumber: string;
  lineNumber: number;
  entryDate: string;
  hts: string;
  enteredValue: string;
  countryOfOrigin: string;
  /** Special program indicator: `S` (or `S+`) claims USMCA. */
  spi: string | null;
  meltPourCountry: string | null;
  smeltPrimaryCountry: string | null;
  smeltSecondaryCountry: string | null;
  castCountry: string | null;
  buckets: S232Bucket[];
  /** evidence.csv holds a content_value_worksheet for this line. */
  hasContentValueWorksheet: boolean;
}

const HUNDRED = new Dec(100);
/** The amount may differ from rate × basis by rounding: by a cent at most. */
const ONE_CENT = new Dec('0.01');

/** Proclamation 11021 replaces the content-value regime for entries from this date. */
export const REGIME_B_FROM = '2026-04-06';
/** From this date an unknown smelt or cast country also triggers the 200% Russian aluminum rate. */
const RUSSIA_UNKNOWN_FROM = '2025-06-28';
/** Proclamation 11032 amends Proclamation 11021 for entries from this date (rules §3.1, §3.3). */
export const P11032_FROM = '2026-06-08';
/** Proclamation 11032 (CSMS 68855869) makes the USMCA steel-derivative split for entries from this date. */
const USMCA_SPLIT_FROM = P11032_FROM;
const USMCA_CREDIT = '99038221';
const USMCA_REST = '99038220';
const COPPER_CONTENT = '99037801';
const COPPER_REST = '99037802';
const RUSSIA_ALUMINUM = ['99038567', '99038568'];
/** Headings whose basis is legitimately a part of the value: the USMCA split from 2026-06-08, copper's only in regime A. */
const USMCA_SPLIT = [USMCA_CREDIT, USMCA_REST];
/** The special program indicators that claim USMCA treatment. */
const USMCA_SPI = ['S', 'S+'];
const COPPER_SPLIT = [COPPER_CONTENT, COPPER_REST];

/**
 * Proclamation 11032's USMCA split (rules §3.3) is for steel derivatives — not Chapter 72 steel itself — that are
 * a product of CA or MX and USMCA-eligible (SPI `S`), entered from 2026-06-08; aluminum and copper derivatives do
 * not use it.
 */
function usmcaSplitApplies(line: S232LineFacts, bucket: S232Bucket): boolean {
  return line.entryDate >= USMCA_SPLIT_FROM && USMCA_SPLIT.includes(bucket.heading.slice(0, 8)) && bucket.metal === 'steel'
    && !line.hts.startsWith('72') && USMCA_COUNTRIES.includes(line.countryOfOrigin) && USMCA_SPI.includes((line.spi ?? '').toUpperCase());
}

const isSplitHeading = (bucket: S232Bucket) => [...USMCA_SPLIT, ...COPPER_SPLIT].includes(bucket.heading.slice(0, 8));

/**
 * The value a bucket's rate was applied to, as declared: its basis value, or — for a full-value basis declared
 * without one — the entered value (a split's heading carries a part of the value, which a blank does not say).
 */
function declaredBasisValue(line: S232LineFacts, bucket: S232Bucket): string | null {
  if (bucket.basisValue !== null) return bucket.basisValue;
  return bucket.basis === 'full_value' && !isSplitHeading(bucket) ? line.enteredValue : null;
}

/** Chapter 72 steel in regime A and every article in regime B pay on the full value (rules §3.3). */
const fullValueDue = (line: S232LineFacts) => line.entryDate >= REGIME_B_FROM || line.hts.startsWith('72');

/**
 * A bucket paid on a part of the value, whatever its basis is called (a specific duty has no value basis),
 * other than a split the rules make: the USMCA split, and copper's content split in regime A only (from
 * 2026-04-06 copper pays on full value too).
 */
function contentBasis(line: S232LineFacts, bucket: S232Bucket): boolean {
  const partOfValue = bucket.basis === 'content_value'
    || (bucket.basis !== 'specific' && bucket.basisValue !== null && new Dec(bucket.basisValue).lt(line.enteredValue));
  const split = usmcaSplitApplies(line, bucket) || (line.entryDate < REGIME_B_FROM && COPPER_SPLIT.includes(bucket.heading.slice(0, 8)));
  return partOfValue && !split;
}

/**
 * A basis a content_value_worksheet must support: one declared as content value, and any part of the value
 * where the metal content is the article's basis (regime A, not Chapter 72) — where the full value is due,
 * S232_FULL_VALUE_REQUIRED already says what is wrong with a part of it.
 */
const needsWorksheet = (line: S232LineFacts, bucket: S232Bucket) =>
  bucket.basis === 'content_value' || (contentBasis(line, bucket) && !fullValueDue(line));

/** Whether the findings on a line depend on a content_value_worksheet being in the evidence. */
export const needsWorksheetAnswer = (line: S232LineFacts) => line.buckets.some((bucket) => needsWorksheet(line, bucket));

/**
 * Recomputes what each Section 232 bucket's declared basis implies (rules §3.3) and reports every
 * disagreement: the amount against rate × basis, the basis against the entered value and the regime in
 * force, the USMCA and copper splits, the Russian aluminum rate, stacking, and missing country data.
 */
export function checkS232Basis(line: S232LineFacts): BasisFinding[] {
  if (line.buckets.length === 0) return [];
  const findings: BasisFinding[] = [];
  const find = (code: BasisFindingCode, expected: string | null, declared: string | null, message: string) =>
    findings.push({ code, entryNumber: line.entryNumber, lineNumber: line.lineNumber, expected, declared, message });
  const value = new Dec(line.enteredValue);
  const regimeB = line.entryDate >= REGIME_B_FROM;
  const bucketsUnder = (headings: string[]) => line.buckets.filter((b) => headings.includes(b.heading.slice(0, 8)));

  for (const bucket of line.buckets) {
    // Formatted only for a finding's message: most buckets have none.
    const heading = () => formatHts(bucket.heading);
    const basisValue = bucket.basisValue === null ? null : new Dec(bucket.basisValue);
    const appliedTo = declaredBasisValue(line, bucket);
    if (bucket.rate !== null && appliedTo !== null && bucket.basis !== 'specific') {
      const expected = new Dec(appliedTo).times(bucket.rate).div(HUNDRED);
      if (expected.minus(bucket.amount).abs().gt(ONE_CENT)) {
        const of = bucket.basisValue ?? `the entered value ${appliedTo}`;
        find('S232_AMOUNT_MISMATCH', toCents(expected), bucket.amount, `${heading()}: ${bucket.rate}% of ${of} is ${toCents(expected)}, not ${bucket.amount}`);
      }
    }
    if (basisValue !== null && basisValue.gt(value)) {
      find('S232_BASIS_EXCEEDS_VALUE', line.enteredValue, bucket.basisValue, `${heading()}: basis ${bucket.basisValue} is more than the entered value ${line.enteredValue}`);
    }
    if (contentBasis(line, bucket) && fullValueDue(line)) {
      const why = regimeB ? 'Proclamation 11021 charges the full customs value' : 'Chapter 72 steel pays on the full entered value';
      const declared = bucket.basis === 'content_value' ? 'content-value basis' : `basis ${bucket.basisValue} is less than the entered value ${line.enteredValue}`;
      find('S232_FULL_VALUE_REQUIRED', line.enteredValue, bucket.basisValue, `${heading()}: ${declared}, but ${why}`);
    }
    if (needsWorksheet(line, bucket) && !line.hasContentValueWorksheet) {
      const declared = bucket.basis === 'content_value' ? 'content-value basis' : `basis ${bucket.basisValue} (less than the entered value ${line.enteredValue})`;
      find('S232_CONTENT_VALUE_UNSUPPORTED', null, bucket.basisValue, `${heading()}: ${declared} with no content_value_worksheet in the evidence`);
    }
  }

  for (const credit of bucketsUnder([USMCA_CREDIT])) {
    const cap = value.times(USMCA_CREDIT_CAP);
    if (credit.basisValue !== null && new Dec(credit.basisValue).gt(cap)) {
      find('USMCA_CREDIT_OVER_CAP', toCents(cap), credit.basisValue, `9903.82.21: U.S.-content credit ${credit.basisValue} is above 40% of the value (${toCents(cap)})`);
    }
  }
  checkSplit(bucketsUnder(USMCA_SPLIT), 'USMCA_SPLIT_INCOMPLETE', '9903.82.20 and 9903.82.21');
  checkSplit(bucketsUnder(COPPER_SPLIT), 'COPPER_SPLIT_INCOMPLETE', '9903.78.01 and 9903.78.02');

  // Several metals charged takes several buckets; the rule is regime B's.
  const metals = regimeB && line.buckets.length > 1 ? new Set(line.buckets.filter((b) => new Dec(b.amount).gt(0)).map((b) => b.metal)) : new Set();
  if (metals.size > 1) {
    find('S232_STACKED', '1', String(metals.size), `${[...metals].join(' and ')} are all charged; a good with several covered metals pays once, at the highest rate`);
  }
  const steel = line.buckets.some((b) => b.metal === 'steel');
  const aluminum = line.buckets.some((b) => b.metal === 'aluminum');
  if (steel && line.meltPourCountry === null) find('MELT_POUR_MISSING', null, null, 'steel with Section 232 duty and no melt-and-pour country');
  if (aluminum && (line.smeltPrimaryCountry === null || line.castCountry === null)) {
    find('SMELT_CAST_MISSING', null, null, 'aluminum with Section 232 duty and no primary smelt or cast country');
  }
  const aluminumCountries = [line.smeltPrimaryCountry, line.smeltSecondaryCountry, line.castCountry];
  const russian = aluminumCountries.includes('RU') || (line.entryDate >= RUSSIA_UNKNOWN_FROM && aluminumCountries.includes(UNKNOWN_COUNTRY));
  if (aluminum && russian && bucketsUnder(RUSSIA_ALUMINUM).length === 0) {
    find('RUSSIA_ALUMINUM_200_REQUIRED', '200', line.buckets.find((b) => b.metal === 'aluminum')?.rate ?? null,
      'aluminum smelted or cast in Russia (or of unknown smelt or cast country) owes 200% under 9903.85.67/.68 (Proclamation 10522)');
  }
  return findings;

  function checkSplit(parts: S232Bucket[], code: BasisFindingCode, headings: string) {
    // Bases not declared cannot be said not to add up (a lone 9903.82.20 with no basis value is the undifferentiated form).
    if (parts.length === 0 || parts.some((part) => part.basisValue === null)) return;
    const total = parts.reduce((sum, b) => sum.plus(b.basisValue ?? 0), new Dec(0));
    // A single 9903.82.20 on the whole value is the undifferentiated form, complete by itself.
    if (!total.eq(value)) find(code, line.enteredValue, toCents(total), `the ${headings} bases add up to ${toCents(total)}, not the entered value ${line.enteredValue}`);
  }
}
