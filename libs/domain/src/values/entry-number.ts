import { fail, ok, Parsed } from './parse-result';

const SHAPE = /^([A-Z0-9]{3})-?(\d{7})-?(\d)$/;

/** Letters A–I = 1–9, J–R = 1–9, S–Z = 2–9 (CBP entry number check digit). */
function characterValue(character: string): number {
  if (/\d/.test(character)) return Number.parseInt(character, 10);
  const code = character.charCodeAt(0) - 'A'.charCodeAt(0);
  if (code < 9) return code + 1;
  if (code < 18) return code - 8;
  return code - 16;
}

/**
 * The mod-10 check digit of the ten characters before it: positions 2, 4, 6, 8 and 10 are doubled
 * and their digits summed; check = (10 − sum mod 10) mod 10.
 */
export function entryCheckDigit(tenCharacters: string): number {
  let sum = 0;
  for (let position = 1; position <= 10; position += 1) {
    let value = characterValue(tenCharacters[position - 1]);
    if (position % 2 === 0) {
      value *= 2;
      value = Math.floor(value / 10) + (value % 10);
    }
    sum += value;
  }
  return (10 - (sum % 10)) % 10;
}

/** Reads `XXX-NNNNNNN-C` (dashes optional) and returns it in the written form with dashes. */
export function parseEntryNumber(text: string): Parsed<string> {
  const match = SHAPE.exec(text.toUpperCase());
  if (!match) return fail(`"${text}" is not an entry number (XXX-NNNNNNN-C: filer code, 7 digits, check digit)`);
  const [, filer, serial, check] = match;
  const expected = entryCheckDigit(filer + serial);
  if (expected !== Number.parseInt(check, 10)) {
    return fail(`"${text}" has check digit ${check}, expected ${expected}`);
  }
  return ok(`${filer}-${serial}-${check}`);
}
