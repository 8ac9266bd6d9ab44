import { fail, ok, Parsed } from './parse-result';

const MONEY = /^-?\d{1,16}(\.\d{1,2})?$/;
const QUANTITY = /^\d{1,18}(\.\d{1,6})?$/;
const RATE = /^\d+(\.\d+)?$/;
/**
 * Digits a rate may keep after its trailing zeros go, each side of the point: input-formats.md bounds money (2
 * decimals) and quantities (6) but not a rate, so `25`, `25.000000` and `0.34645` are all rates; this bound
 * only keeps a field of digits that is no rate from the database (PostgreSQL numeric holds 16383 decimals).
 */
const RATE_DIGITS = 1000;

/**
 * A decimal string already matched by one of the formats above, taken apart as text. Canonical forms are
 * built from the digits themselves: exact by construction, and without a decimal.js object per field of
 * a million-line file (the formats allow no exponent and no rounding is ever needed here).
 */
interface DecimalText {
  negative: boolean;
  whole: string;
  fraction: string;
  zero: boolean;
}

function decimalText(text: string): DecimalText {
  const sign = text.startsWith('-');
  const unsigned = sign ? text.slice(1) : text;
  const dot = unsigned.indexOf('.');
  const wholeDigits = dot < 0 ? unsigned : unsigned.slice(0, dot);
  const fraction = dot < 0 ? '' : unsigned.slice(dot + 1);
  const zero = !/[1-9]/.test(unsigned);
  return { negative: sign && !zero, whole: wholeDigits.replace(/^0+(?=\d)/, ''), fraction, zero };
}

/** Every digit, no trailing fractional zeros, no leading zeros ("0025.500" → "25.5", "0.0" → "0"). */
function exactDigits(value: DecimalText): string {
  const fraction = value.fraction.replace(/0+$/, '');
  return `${value.negative ? '-' : ''}${value.whole}${fraction === '' ? '' : `.${fraction}`}`;
}

/**
 * USD as a decimal string with at most two decimals, never exponent notation (input-formats.md).
 * Returns the canonical text ("1234.5" → "1234.50") so equal amounts compare equal as strings.
 */
export function parseMoney(text: string, rule: 'positive' | 'non-negative'): Parsed<string> {
  if (!MONEY.test(text)) {
    return fail(/^-?\d+(\.\d{1,2})?$/.test(text) ? tooManyWholeDigits(text, 16) : `"${text}" is not a USD amount (digits, at most 2 decimals, no exponent)`);
  }
  const value = decimalText(text);
  if (rule === 'positive' && (value.zero || value.negative)) return fail(`"${text}" must be greater than 0`);
  if (rule === 'non-negative' && value.negative) return fail(`"${text}" must not be negative`);
  return ok(`${value.negative ? '-' : ''}${value.whole}.${value.fraction.padEnd(2, '0')}`);
}

/** The columns' numeric precision: amounts 16 digits before the point (numeric(18,2)), quantities 18. */
const tooManyWholeDigits = (text: string, digits: number) => `"${text}" has more than ${digits} digits before the decimal point`;

/** A quantity: decimal string, at most 6 decimals, greater than 0. Canonical text without trailing zeros. */
export function parseQuantity(text: string): Parsed<string> {
  if (!QUANTITY.test(text)) {
    return fail(/^\d+(\.\d{1,6})?$/.test(text) ? tooManyWholeDigits(text, 18) : `"${text}" is not a quantity (digits, at most 6 decimals, no sign or exponent)`);
  }
  const value = decimalText(text);
  if (value.zero) return fail(`"${text}" must be greater than 0`);
  return ok(exactDigits(value));
}

/**
 * A rate in percent as a decimal string ("25", "2.5", "0.3464"), any number of decimals (input-formats.md sets
 * no bound). Canonical text without leading or trailing zeros ("25.000000" → "25").
 */
export function parseRate(text: string): Parsed<string> {
  if (!RATE.test(text)) return fail(`"${text}" is not a percent rate (a decimal string such as 25 or 2.5, no sign, % or exponent)`);
  const canonical = exactDigits(decimalText(text));
  const [whole, fraction = ''] = canonical.split('.');
  if (whole.length > RATE_DIGITS || fraction.length > RATE_DIGITS) return fail(`"${text.slice(0, 40)}…" has more than ${RATE_DIGITS} digits on one side of the point: not a percent rate`);
  return ok(canonical);
}
