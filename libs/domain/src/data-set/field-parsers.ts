import { parseCountry } from '../values/country';
import { parseEntryNumber } from '../values/entry-number';
import { parseExportHts, parseHts10 } from '../values/hts';
import { parseMoney, parseQuantity, parseRate } from '../values/money';
import { fail, ok, Parsed } from '../values/parse-result';
import { parsePlainDate } from '../values/plain-date';

export type FieldParser = (text: string) => Parsed<string>;

// PostgreSQL text cannot hold U+0000: refused here, named, rather than failing the whole store.
export const text: FieldParser = (value) => (value.includes('\u0000') ? fail('contains a NUL character (U+0000)') : ok(value));
/**
 * An HTS unit of quantity (input-formats.md: `KG`, `NO`, `M2`, …), in the HTS's capitals: `kg` is KG, so that
 * an export in `kg` of an import in `KG` is not a unit mismatch (§2.3) for the way it was typed.
 */
export const unit: FieldParser = (value) => {
  const read = text(value);
  return read.ok ? ok(value.toUpperCase()) : read;
};
export const entryNumber: FieldParser = parseEntryNumber;
export const date: FieldParser = parsePlainDate;
export const hts10: FieldParser = parseHts10;
export const exportHts: FieldParser = parseExportHts;
export const country: FieldParser = (value) => parseCountry(value);
export const metalCountry: FieldParser = (value) => parseCountry(value, 'metal-country');
export const secondarySmeltCountry: FieldParser = (value) => parseCountry(value, 'secondary-smelt-country');
export const positiveMoney: FieldParser = (value) => parseMoney(value, 'positive');
export const nonNegativeMoney: FieldParser = (value) => parseMoney(value, 'non-negative');
export const quantity: FieldParser = parseQuantity;
export const rate: FieldParser = parseRate;

export const positiveInteger: FieldParser = (value) =>
  /^\d+$/.test(value) && Number.parseInt(value, 10) > 0 && value.length <= 9
    ? ok(String(Number.parseInt(value, 10)))
    : fail(/^\d{10,}$/.test(value) ? `"${value}" has more than 9 digits` : `"${value}" is not a positive integer`);

export const portCode: FieldParser = (value) => (/^\d{4}$/.test(value) ? ok(value) : fail(`"${value}" is not a 4-digit port code`));

export const entryType: FieldParser = (value) => (/^\d{2}$/.test(value) ? ok(value) : fail(`"${value}" is not a 2-digit entry type`));

export const boolean: FieldParser = (value) => {
  const lower = value.toLowerCase();
  if (lower === 'true') return ok('true');
  if (lower === 'false') return ok('false');
  return fail(`"${value}" is not true or false`);
};

export const sha256: FieldParser = (value) =>
  /^[0-9a-fA-F]{64}$/.test(value) ? ok(value.toLowerCase()) : fail(`"${value}" is not a sha256 digest (64 hex digits)`);

export function oneOf(values: readonly string[]): FieldParser {
  return (value) => (values.includes(value) ? ok(value) : fail(`"${value}" is not one of ${values.join(', ')}`));
}
