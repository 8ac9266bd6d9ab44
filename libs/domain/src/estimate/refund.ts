import Decimal from 'decimal.js';
import { Dec } from '../values/decimal';

/** 19 CFR 190.31, 190.32: drawback is up to 99% of the duties, taxes and fees paid. */
export const DRAWBACK_RATE = '0.99';

/** Designated amount = bucket amount × designated quantity / import line quantity, at full precision (§3). */
export function designatedAmount(bucketAmount: string, designatedQuantity: string, lineQuantity: string): Decimal {
  return new Dec(bucketAmount).times(designatedQuantity).div(lineQuantity);
}

/**
 * The substitution lesser-of, per bucket (19 CFR 190.32; CSMS 19-000050): the claim base is the
 * designated amount × min(1, export unit value ÷ import unit value) — the substituted merchandise's
 * value where that is lower.
 */
export function lesserOfBase(designated: Decimal, exportValue: string, exportQuantity: string, enteredValue: string, importQuantity: string): Decimal {
  const exportUnit = new Dec(exportValue).div(exportQuantity);
  const importUnit = new Dec(enteredValue).div(importQuantity);
  return designated.times(Dec.min(1, exportUnit.div(importUnit)));
}

/** 99% of the claim base, from the unrounded base (§3). */
export function refundOf(base: Decimal): Decimal {
  return base.times(DRAWBACK_RATE);
}
