import { Dec, toCents } from '@drawback/domain';

/** One Chapter 99 line of a Section 232 computation: heading, rate in percent, basis value, duty. */
export interface DutyLine {
  heading: string;
  rate: string;
  basisValue: string;
  amount: string;
}

const duty = (heading: string, rate: string, basis: Dec): DutyLine => ({
  heading, rate, basisValue: toCents(basis), amount: toCents(basis.times(rate).div(100)),
});

/** Proclamation 11032 (CSMS 68855869): the U.S.-content credit is capped at 40% of the article's value. */
export const USMCA_CREDIT_CAP = '0.40';

/**
 * A USMCA steel derivative from 2026-06-08 (product of CA/MX, SPI `S`): 9903.82.21 at 0% on the U.S.
 * content, up to 40% of the value; 9903.82.20 at 25% on the rest. With no U.S. content declared (a single
 * undifferentiated value) the whole value pays 25% under 9903.82.20.
 */
export function usmcaSteelDerivativeLines(enteredValue: string, usContentValue: string | null): DutyLine[] {
  const value = new Dec(enteredValue);
  if (usContentValue === null) return [duty('9903.82.20', '25', value)];
  const credit = Dec.min(new Dec(usContentValue), value.times(USMCA_CREDIT_CAP));
  return [duty('9903.82.21', '0', credit), duty('9903.82.20', '25', value.minus(credit))];
}

/**
 * Copper articles (from 2025-08-01, CSMS 65794272): 9903.78.01 at 50% on the copper content value;
 * 9903.78.02 carries the non-copper value at 0% Section 232. Alloying elements are not deducted.
 */
export function copperSplitLines(enteredValue: string, copperValue: string): DutyLine[] {
  const copper = new Dec(copperValue);
  return [duty('9903.78.01', '50', copper), duty('9903.78.02', '0', new Dec(enteredValue).minus(copper))];
}

/** A cost within an article's entered value, as the content-value worksheet lists it. */
export interface ArticleCost {
  description: string;
  cost: string;
  /**
   * `separate_non_metal_part`: a separate part not of the covered metal (a motor, a plastic handle) —
   * deducted. `processing`: fabrication, machining, labour, coating, paint, galvanising, surface
   * treatment — never deducted.
   */
  kind: 'separate_non_metal_part' | 'processing';
}

/**
 * Regime A (entries before 2026-04-06) metal content value of a mixed article: the entered value minus
 * the cost of separate non-metal parts; fabrication, machining, labour, coating, paint and surface
 * treatment are not deductible (rules §3.3).
 */
export function metalContentValue(enteredValue: string, costs: readonly ArticleCost[]): string {
  const deducted = costs.filter((c) => c.kind === 'separate_non_metal_part').reduce((sum, c) => sum.plus(c.cost), new Dec(0));
  return toCents(new Dec(enteredValue).minus(deducted));
}
