import { fail, ok, Parsed } from './parse-result';

/** A 10-digit HTS number of Chapters 1–97, written with or without dots; stored as digits. */
export function parseHts10(text: string): Parsed<string> {
  const digits = text.replace(/\./g, '');
  if (!/^\d{10}$/.test(digits)) return fail(`"${text}" is not a 10-digit HTS number`);
  const chapter = Number.parseInt(digits.slice(0, 2), 10);
  if (chapter < 1 || chapter > 97) return fail(`"${text}" is not in Chapters 1–97`);
  return ok(digits);
}

/**
 * An export line's 10-digit HTS or Schedule B number (input-formats.md, exports.csv `hts`: "10-digit HTS /
 * Schedule B"), dots optional; stored as digits. Unlike an import line's, Chapter 98 is a classification here:
 * Schedule B has its special classification provisions there (9880.00.0000, low-value shipments).
 */
export function parseExportHts(text: string): Parsed<string> {
  const digits = text.replace(/\./g, '');
  if (!/^\d{10}$/.test(digits)) return fail(`"${text}" is not a 10-digit HTS or Schedule B number`);
  const chapter = Number.parseInt(digits.slice(0, 2), 10);
  if (chapter < 1 || chapter > 98) return fail(`"${text}" is not in Chapters 1–98 of the HTS or Schedule B`);
  return ok(digits);
}

/**
 * A Chapter 99 (or Chapters 1–97) heading of 8 or 10 digits, dots optional; stored as digits
 * (input-formats.md, duties.csv `heading`): Chapter 98 and the non-chapter 00 are no such number.
 */
export function parseHeading(text: string): Parsed<string> {
  const digits = text.replace(/\./g, '');
  if (!/^\d{8}(\d{2})?$/.test(digits)) return fail(`"${text}" is not an 8- or 10-digit heading`);
  const chapter = Number.parseInt(digits.slice(0, 2), 10);
  if (chapter !== 99 && (chapter < 1 || chapter > 97)) return fail(`"${text}" is not a Chapter 99 or Chapters 1–97 heading`);
  return ok(digits);
}

/**
 * An AD/CVD case number such as A-570-900 or C-533-884, or with the three digits of a company's rate that ACE's
 * 10-character case numbers carry (A-570-967-001, A570967001); dashes optional, stored with them.
 */
export function parseAdcvdCase(text: string): Parsed<string> {
  const match = /^([AC])-?(\d{3})-?(\d{3})(?:-?(\d{3}))?$/.exec(text.toUpperCase());
  if (!match) return fail(`"${text}" is not an AD/CVD case number (A-NNN-NNN or C-NNN-NNN, or ACE's A-NNN-NNN-NNN)`);
  return ok(match.slice(1).filter((part) => part !== undefined).join('-'));
}

/** Dotted form for people: 7308909590 → 7308.90.9590, 99038202 → 9903.82.02. */
export function formatHts(digits: string): string {
  if (!/^\d{8}(\d{2})?$/.test(digits)) return digits;
  return `${digits.slice(0, 4)}.${digits.slice(4, 6)}.${digits.slice(6)}`;
}
