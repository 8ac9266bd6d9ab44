import Decimal from 'decimal.js';

/**
 * The configured Decimal of the system's money and quantities, which never touch floats: 40 significant
 * digits hold every amount and every quantity at the designated scale (24 places, TRACED_QUANTITY_DECIMALS) exactly
 * until amounts are computed; rounding, where a rule asks for it, is half-up.
 */
export const Dec = Decimal.clone({ precision: 40, rounding: Decimal.ROUND_HALF_UP, toExpNeg: -40, toExpPos: 40 });

/**
 * The Decimal of designation: 64 significant digits hold every quantity traced through manufacturing
 * (an order's output at 36 places, INTERMEDIATE_QUANTITY_DECIMALS) and every sum of them exactly (up to 28 integer
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
 * Decimal places the ledger counts a quantity designated from an import line or receipt at
 * (matching-and-estimates.md §2.1.4: kept exact, at least 12 significant places, never rounded to the
 * input's 6 decimals). Takes are exact fractions and amounts are computed from them; the decimal of each
 * take is rounded so that the takes of one receipt add up to what they took together (StockLedger). A
 * fixed scale keeps every sum and difference exact within the significant digits of `Dec` and `TraceDec`;
 * 24 places are far below any unit measured.
 */
export const TRACED_QUANTITY_DECIMALS = 24;

/**
 * Decimal places the ledger counts a production order's consumed output at. Takes are traced as exact
 * fractions (StockLedger); the decimal is only what the database's counters add up.
 */
export const INTERMEDIATE_QUANTITY_DECIMALS = 36;
