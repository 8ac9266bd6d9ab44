import Decimal from 'decimal.js';

/**
 * The configured Decimal of the system's money and quantities, which never touch floats: 40 significant
 * digits hold every amount and every quantity at the designated scale (24 places, `tracedQuantity`) exactly
 * until amounts are computed; rounding, where a rule asks for it, is half-up.
 */
export const Dec = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP, toExpNeg: -40, toExpPos: 40 });

/**
 * The Decimal of designation: 64 significant digits hold every quantity traced through manufacturing
 * (between two orders at 36 places, `intermediateQuantity`) and every sum of them exactly (up to 28 integer
 * digits), so a ledger never drifts by a last digit. Only designation pays for them: the estimate's
 * arithmetic in 64 digits took half as long again.
 */
export const TraceDec = Decimal.clone({ precision: 64, rounding: Decimal.ROUND_HALF_UP, toExpNeg: -40, toExpPos: 40 });
export type Dec = Decimal;

/** Half-up to cents, as a fixed two-decimal string ("1234.50"). */
export function toCents(value: Decimal): string {
  return value.toDecimalPlaces(2, Decimal.ROUND_HALF_UP).toFixed(2);
}

/**
 * The exact text of a decimal quantity: every digit it has, no exponent, no rounding. Quantities traced
 * through manufacturing stay exact (matching-and-estimates.md §2.1); only amounts are rounded, by toCents.
 */
export function exactText(value: Decimal): string {
  return value.toFixed();
}

/**
 * Decimal places of a quantity computed through manufacturing and designated from a receipt
 * (matching-and-estimates.md §2.1.4: kept exact, at least 12 significant places, never rounded to the
 * input's 6 decimals). A fixed scale keeps every sum and difference of quantities exact within the
 * significant digits of `Dec` and `TraceDec`, so a ledger never drifts by a last digit; 24 places are far
 * below any unit measured.
 */
export const TRACED_QUANTITY_DECIMALS = 24;

/**
 * Decimal places of a quantity one production order takes of another's output, on the way to a receipt.
 * Finer than the designated scale, so that the quantity is rounded once, where it is designated: an
 * intermediate 3/7 rounded to 24 places and then multiplied by 7/3 would designate 0.999…9 or 1.000…01
 * for an exact 1 — and move a half cent of duty.
 */
export const INTERMEDIATE_QUANTITY_DECIMALS = 36;

/** A quantity computed through manufacturing and designated, at the fixed scale, half-up. */
export function tracedQuantity(value: Decimal): Decimal {
  return value.toDecimalPlaces(TRACED_QUANTITY_DECIMALS, Decimal.ROUND_HALF_UP);
}

/** A quantity one order takes of another's output, at the finer intermediate scale, half-up. */
export function intermediateQuantity(value: Decimal): Decimal {
  return value.toDecimalPlaces(INTERMEDIATE_QUANTITY_DECIMALS, Decimal.ROUND_HALF_UP);
}
