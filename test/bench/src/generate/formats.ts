/**
 * Values are generated as integers — money in cents, quantities in thousandths, dates as day numbers —
 * and only formatted at the end, so no float rounding can produce a third decimal or an exponent.
 */

/** Cents as USD with exactly two decimals: 123456 → "1234.56". */
export function money(cents: number): string {
  const whole = Math.floor(cents / 100);
  return `${whole}.${String(cents % 100).padStart(2, '0')}`;
}

/** Thousandths of a unit as a decimal without trailing zeros: 1500 → "1.5", 2000 → "2". */
export function quantity(thousandths: number): string {
  const whole = Math.floor(thousandths / 1000);
  const fraction = thousandths % 1000;
  return fraction === 0 ? String(whole) : `${whole}.${String(fraction).padStart(3, '0').replace(/0+$/, '')}`;
}

/** `percent` of `cents`, rounded half-up to the cent (rates have at most one decimal here). */
export function percentOf(cents: number, percent: number): number {
  return Math.round((cents * Math.round(percent * 10)) / 1000);
}

const DAY_MS = 86_400_000;
const DAY_ZERO = Date.UTC(2025, 0, 1);

/** Day number counted from 2025-01-01 as `YYYY-MM-DD`. */
export function isoDate(day: number): string {
  return new Date(DAY_ZERO + day * DAY_MS).toISOString().slice(0, 10);
}

/** The day number of a `YYYY-MM-DD` date (for dates the rules switch on). */
export function dayOf(date: string): number {
  return Math.round((Date.parse(`${date}T00:00:00Z`) - DAY_ZERO) / DAY_MS);
}
