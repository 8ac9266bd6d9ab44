import { exactText } from '../values/decimal';
import { Fraction } from '../values/fraction';
import { isAfterFiveYears } from '../values/plain-date';
import { USMCA_COUNTRIES } from '../values/country';
import { Designation, ExportLineFacts, ImportLineStock, UnmatchedReason } from './designation-types';
import { StockLedger } from './stock-ledger';

/**
 * How many HTS digits must agree for an import to substitute for an export: 8 for `b`; for `j2` the
 * same 10 digits when the 8-digit subheading's description begins with "Other" (1313(j)(5)(B); ruling
 * H350619), otherwise 8 (rules §1).
 */
export function substitutionDigits(provision: 'b' | 'j2', hts: string, otherSubheadings: readonly string[]): number {
  return provision === 'j2' && otherSubheadings.includes(hts.slice(0, 8)) ? 10 : 8;
}

/** Oldest import first, then entry number, then line number (§2.2). */
function oldestFirst(a: ImportLineStock, b: ImportLineStock): number {
  if (a.importDate !== b.importDate) return a.importDate < b.importDate ? -1 : 1;
  if (a.entryNumber !== b.entryNumber) return a.entryNumber < b.entryNumber ? -1 : 1;
  return a.lineNumber - b.lineNumber;
}

/**
 * Substitution (`b`, `j2`; §2.2): import lines of the same HTS digits, imported on or before the
 * export date and within five years of it, in the export's unit, with quantity left — oldest first.
 * `j2` to Canada or Mexico is not allowed (19 CFR 182.42(c)). Returns the designations and what is left
 * unmatched, with the first reason met.
 */
export function designateBySubstitution(
  provision: 'b' | 'j2', exportLine: ExportLineFacts, lines: readonly ImportLineStock[], ledger: StockLedger, otherSubheadings: readonly string[],
): { designations: Designation[]; left: Fraction; reason: UnmatchedReason | null } {
  const need = Fraction.fromDecimal(exportLine.quantity);
  if (provision === 'j2' && exportLine.action === 'exported' && USMCA_COUNTRIES.includes(exportLine.destinationCountry ?? '')) {
    return { designations: [], left: need, reason: 'J2_USMCA_DESTINATION' };
  }
  const digits = substitutionDigits(provision, exportLine.hts, otherSubheadings);
  const sharing = lines.filter((line) => line.hts.slice(0, digits) === exportLine.hts.slice(0, digits));
  if (sharing.length === 0) return { designations: [], left: need, reason: 'NO_SUBSTITUTE_IMPORT' };
  const designations: Designation[] = [];
  let reason: UnmatchedReason | null = null;
  let left = need;
  for (const line of [...sharing].sort(oldestFirst)) {
    if (!left.isPositive()) break;
    if (line.uom !== exportLine.uom) reason ??= 'UOM_MISMATCH';
    else if (line.importDate > exportLine.exportDate) reason ??= 'EXPORT_BEFORE_IMPORT';
    else if (isAfterFiveYears(exportLine.exportDate, line.importDate)) reason ??= 'EXPORT_AFTER_5_YEARS';
    else {
      // What is left of a line may be a fraction, where a designation through manufacturing took part of it.
      const take = Fraction.min(left, ledger.availableOfLine(line.entryLineId));
      if (!take.isPositive()) continue;
      const counted = ledger.takeFromLine(line.entryLineId, take);
      if (counted === null) continue;
      left = left.minus(take);
      designations.push({
        exportLineId: exportLine.exportLineId, exportId: exportLine.exportId, exportLine: exportLine.lineNumber,
        entryLineId: line.entryLineId, receiptId: null, lotId: null, heatNumber: null, quantity: exactText(counted),
        ...(take.equals(Fraction.fromDecimal(counted)) ? {} : { exactQuantity: take.toString() }),
        method: 'substitution', aceCode: null,
        trace: [`export:${exportLine.exportId}/${exportLine.lineNumber}`, `substitutes:${line.hts}`, `entry:${line.entryNumber}/${line.lineNumber}`],
      });
    }
  }
  return { designations, left, reason };
}
