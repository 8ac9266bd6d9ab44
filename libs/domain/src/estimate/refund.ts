import Decimal from 'decimal.js';
import { Dec } from '../values/decimal';

/** 19 CFR 190.31, 190.32: drawback is up to 99% of the duties, taxes and fees paid. */
export const DRAWBACK_RATE = '0.99';

/**
 * The Decimal of an amount kept as an exact fraction: 400 significant digits hold every product of the
 * money and quantities a figure is made of (at most six factors of at most 40 digits each, a quantity
 * traced at 24 places included) exactly. Only products are taken in it; the one division is `exactCents`'.
 */
const ExactDec = Decimal.clone({ precision: 400, rounding: Decimal.ROUND_HALF_UP, toExpNeg: -400, toExpPos: 400 });

/**
 * An amount at full precision (matching-and-estimates.md §3): numerator ÷ denominator, divided only when
 * it is rounded. A designated amount through a non-terminating ratio (1/6 of a bucket), multiplied by the
 * lesser-of's non-terminating unit values, is a terminating half cent (0.505) as often as not; divided at
 * each step, it comes out 0.50499…9 and rounds the wrong way.
 */
export interface ExactAmount {
  readonly numerator: Decimal;
  readonly denominator: Decimal;
}

const exact = (numerator: Decimal.Value, denominator: Decimal.Value): ExactAmount =>
  ({ numerator: new ExactDec(numerator), denominator: new ExactDec(denominator) });

/**
 * Designated amount = bucket amount × designated quantity / import line quantity, at full precision (§3).
 * The designated quantity is a decimal or, traced through manufacturing, an exact `numerator/denominator`.
 */
export function designatedAmount(bucketAmount: string, designatedQuantity: string, lineQuantity: string): ExactAmount {
  const [quantity, divisor = '1'] = designatedQuantity.split('/');
  return exact(new ExactDec(bucketAmount).times(quantity), new ExactDec(lineQuantity).times(divisor));
}

/**
 * The substitution lesser-of, per bucket (19 CFR 190.32; CSMS 19-000050; matching-and-estimates.md §3):
 * the claim base is the designated amount × min(1, (export value / export quantity) ÷ (entered value /
 * import quantity)) — the substituted merchandise's value where that is lower — at full precision.
 */
export function lesserOfBase(designated: ExactAmount, exportValue: string, exportQuantity: string, enteredValue: string, importQuantity: string): ExactAmount {
  // (ev / eq) ÷ (iv / iq) = (ev × iq) / (eq × iv); below 1 when ev × iq < eq × iv (all positive).
  const ratioNumerator = new ExactDec(exportValue).times(importQuantity);
  const ratioDenominator = new ExactDec(exportQuantity).times(enteredValue);
  if (ratioNumerator.gte(ratioDenominator)) return designated;
  return exact(designated.numerator.times(ratioNumerator), designated.denominator.times(ratioDenominator));
}

/** 99% of the claim base, from the unrounded base (§3). */
export function refundOf(base: ExactAmount): ExactAmount {
  return exact(base.numerator.times(DRAWBACK_RATE), base.denominator);
}

/** How near (in cents) a quotient at 40 digits must come to a half cent for the exact fraction to decide. */
const NEAR_HALF_CENT = new Dec('1e-20');

/**
 * An exact amount (≥ 0) rounded half-up to cents, as a fixed two-decimal string ("1234.50"): the one
 * rounding of §3. The quotient at 40 digits decides, except within a hair of a half cent, where the
 * fraction itself says whether it reaches the half cent (0.505 exactly rounds up, 0.50499…9 down).
 */
export function exactCents(amount: ExactAmount): string {
  const cents = new Dec(amount.numerator).div(new Dec(amount.denominator)).times(100);
  const next = cents.plus('0.5').toDecimalPlaces(0, Decimal.ROUND_HALF_UP);
  const halfCent = next.minus('0.5');
  let rounded = cents.toDecimalPlaces(0, Decimal.ROUND_HALF_UP);
  if (cents.minus(halfCent).abs().lt(NEAR_HALF_CENT)) {
    rounded = amount.numerator.times(100).gte(amount.denominator.times(halfCent)) ? next : next.minus(1);
  }
  return rounded.div(100).toFixed(2);
}
