import { Dec, exactText, toCents } from './decimal';
import { fail, ok, Parsed } from './parse-result';

const MONEY = /^-?\d{1,16}(\.\d{1,2})?$/;
const QUANTITY = /^\d{1,18}(\.\d{1,6})?$/;
const RATE = /^\d{1,5}(\.\d{1,4})?$/;

/**
 * USD as a decimal string with at most two decimals, never exponent notation (input-formats.md).
 * Returns the canonical text ("1234.5" → "1234.50") so equal amounts compare equal as strings.
 */
export function parseMoney(text: string, rule: 'positive' | 'non-negative'): Parsed<string> {
  if (!MONEY.test(text)) return fail(`"${text}" is not a USD amount (digits, at most 2 decimals, no exponent)`);
  const value = new Dec(text);
  if (rule === 'positive' && value.lte(0)) return fail(`"${text}" must be greater than 0`);
  if (rule === 'non-negative' && value.lt(0)) return fail(`"${text}" must not be negative`);
  return ok(toCents(value));
}

/** A quantity: decimal string, at most 6 decimals, greater than 0. Canonical text without trailing zeros. */
export function parseQuantity(text: string): Parsed<string> {
  if (!QUANTITY.test(text)) return fail(`"${text}" is not a quantity (digits, at most 6 decimals, no sign or exponent)`);
  const value = new Dec(text);
  if (value.lte(0)) return fail(`"${text}" must be greater than 0`);
  return ok(exactText(value));
}

/** A rate in percent as a decimal string ("25", "2.5"). */
export function parseRate(text: string): Parsed<string> {
  if (!RATE.test(text)) return fail(`"${text}" is not a percent rate (a decimal string such as 25 or 2.5, at most 4 decimals)`);
  return ok(exactText(new Dec(text)));
}
