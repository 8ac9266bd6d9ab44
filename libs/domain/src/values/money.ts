import { fail, ok, Parsed } from './parse-result';

const MONEY = /^-?\d{1,16}(\.\d{1,2})?$/;
const QUANTITY = /^\d{1,18}(\.\d{1,6})?$/;
const RATE = /^\d{1,5}(\.\d{1,4})?$/;

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
  if (!MONEY.test(text)) return fail(`"${text}" is not a USD amount (digits, at most 2 decimals, no exponent)`);
  const value = decimalText(text);
  if (rule === 'positive' && (value.zero || value.negative)) return fail(`"${text}" must be greater than 0`);
  if (rule === 'non-negative' && value.negative) return fail(`"${text}" must not be negative`);
  return ok(`${value.negative ? '-' : ''}${value.whole}.${value.fraction.padEnd(2, '0')}`);
}

/** A quantity: decimal string, at most 6 decimals, greater than 0. Canonical text without trailing zeros. */
export function parseQuantity(text: string): Parsed<string> {
  if (!QUANTITY.test(text)) return fail(`"${text}" is not a quantity (digits, at most 6 decimals, no sign or exponent)`);
  const value = decimalText(text);
  if (value.zero) return fail(`"${text}" must be greater than 0`);
  return ok(exactDigits(value));
}

/** A rate in percent as a decimal string ("25", "2.5"). */
export function parseRate(text: string): Parsed<string> {
  if (!RATE.test(text)) return fail(`"${text}" is not a percent rate (a decimal string such as 25 or 2.5, at most 4 decimals)`);
  return ok(exactDigits(decimalText(text)));
}
