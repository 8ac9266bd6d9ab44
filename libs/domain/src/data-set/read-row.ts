import { DataError } from './data-error';
import { FileSpec, Row } from './file-spec';

/** Where each of the spec's columns sits in the file; -1 when the header left an optional column out. */
export interface HeaderLayout {
  positions: number[];
  width: number;
}

/**
 * Checks a header against the file's spec: names are exact, unknown and repeated columns are errors
 * (a typo must not silently drop data), required columns must be present (input-formats.md).
 */
export function readHeader(spec: FileSpec, header: readonly string[], file: string): { layout: HeaderLayout; errors: DataError[] } {
  const errors: DataError[] = [];
  const known = new Set(spec.columns.map((c) => c.name));
  const seen = new Set<string>();
  header.forEach((name) => {
    if (!known.has(name)) {
      errors.push({ file, line: 1, column: name, message: `unknown column (expected: ${spec.columns.map((c) => c.name).join(', ')})` });
    } else if (seen.has(name)) {
      errors.push({ file, line: 1, column: name, message: 'column appears more than once' });
    }
    seen.add(name);
  });
  for (const c of spec.columns) {
    if (c.required && !seen.has(c.name)) errors.push({ file, line: 1, column: c.name, message: 'required column is missing' });
  }
  return { layout: { positions: spec.columns.map((c) => header.indexOf(c.name)), width: header.length }, errors };
}

/**
 * Reads one record into canonical values, collecting every problem of every field, then the rules that
 * join fields of the row. Fields with a problem read as null; the row is null only when its shape is wrong.
 */
export function readRow(
  spec: FileSpec,
  layout: HeaderLayout,
  fields: readonly string[],
  file: string,
  line: number,
): { row: Row | null; errors: DataError[] } {
  const errors: DataError[] = [];
  if (fields.length !== layout.width) {
    errors.push({ file, line, column: '-', message: `has ${fields.length} fields, the header has ${layout.width}` });
    return { row: null, errors };
  }
  const row: Row = {};
  spec.columns.forEach((c, index) => {
    const position = layout.positions[index];
    const text = position < 0 ? '' : fields[position].trim();
    if (text === '') {
      if (c.required) errors.push({ file, line, column: c.name, message: 'required value is blank' });
      row[c.name] = null;
      return;
    }
    const parsed = c.parse(text);
    if (parsed.ok) row[c.name] = parsed.value;
    else {
      errors.push({ file, line, column: c.name, message: parsed.message });
      row[c.name] = null;
    }
  });
  // A field already named as unreadable is not named again by a row rule that now sees it blank.
  for (const problem of spec.checkRow(row)) {
    if (!errors.some((e) => e.column === problem.column)) errors.push({ file, line, ...problem });
  }
  return { row, errors };
}
