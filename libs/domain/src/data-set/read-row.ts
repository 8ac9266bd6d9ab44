import { DataError } from './data-error';
import { FileSpec, Row } from './file-spec';
import { Parsed } from '../values/parse-result';

/** Where each of the spec's columns sits in the file; -1 when the header left an optional column out. */
export interface HeaderLayout {
  positions: number[];
  width: number;
}

/**
 * Checks a header against the file's spec: names are exact, unknown and repeated columns are errors
 * (a typo must not silently drop data), required columns must be present (input-formats.md). `line` is
 * the physical line the header starts on: 1, unless blank lines come before it.
 */
/** A column name as it can be shown and stored: control characters (a NUL, which PostgreSQL text cannot hold) as \uXXXX. */
const printable = (name: string) =>
  name.replace(/[\u0000-\u001f\u007f]/g, (char) => `\\u${char.charCodeAt(0).toString(16).padStart(4, '0')}`);

export function readHeader(spec: FileSpec, header: readonly string[], file: string, line = 1): { layout: HeaderLayout; errors: DataError[] } {
  const errors: DataError[] = [];
  const known = new Set(spec.columns.map((c) => c.name));
  const seen = new Set<string>();
  header.forEach((name, index) => {
    if (name.trim() === '') {
      // An error names its column (file:line: column: message): a header cell without a name, by its place.
      errors.push({ file, line, column: '(blank)', message: `column ${index + 1} of the header has no name (expected: ${spec.columns.map((c) => c.name).join(', ')})` });
    } else if (!known.has(name)) {
      errors.push({ file, line, column: printable(name), message: `unknown column (expected: ${spec.columns.map((c) => c.name).join(', ')})` });
    } else if (seen.has(name)) {
      errors.push({ file, line, column: name, message: 'column appears more than once' });
    }
    seen.add(name);
  });
  for (const c of spec.columns) {
    if (c.required && !seen.has(c.name)) errors.push({ file, line, column: c.name, message: 'required column is missing' });
  }
  return { layout: { positions: spec.columns.map((c) => header.indexOf(c.name)), width: header.length }, errors };
}

const NO_ERRORS: readonly DataError[] = Object.freeze([]);
const NO_COLUMNS: readonly string[] = Object.freeze([]);

/**
 * One record read: its canonical values (null where blank or unreadable), its errors, and `unread`, the columns
 * whose field could not be read — named by an error, or a required column the header leaves out. A blank field
 * where blank is allowed is read (as null): the checks that join rows tell the two apart by `unread`.
 */
export interface ReadRecord {
  row: Row | null;
  errors: readonly DataError[];
  unread: readonly string[];
}

/**
 * Rows of one file as object literals of one shape, its columns in the spec's order: built by name one
 * property at a time, each of millions of rows would go through V8's slow generic property store.
 * The names are the spec's own column names, never data.
 */
function rowFactory(names: readonly string[]): (values: readonly (string | null)[]) => Row {
  const properties = names.map((name, index) => `${JSON.stringify(name)}: values[${index}]`).join(', ');
  return new Function('values', `return { ${properties} };`) as (values: readonly (string | null)[]) => Row;
}

/**
 * Reads the records of one file into canonical values, collecting every problem of every field, then
 * the rules that join fields of the row. Fields with a problem read as null; the row is null only when
 * its shape is wrong. A column's parser is a pure function of the field's text, and a file repeats
 * many fields row after row (an entry's number, date and countries on each of its lines): a field
 * equal to the column's previous one reuses its reading.
 */
export class RowReader {
  private readonly lastText: (string | undefined)[];
  private readonly lastParsed: Parsed<string>[];
  private readonly values: (string | null)[];
  private readonly makeRow: (values: readonly (string | null)[]) => Row;
  /** Required columns the header leaves out: named once, at the header, not again as blank on every row. */
  private readonly missing: ReadonlySet<string>;
  private readonly columnNames: ReadonlySet<string>;

  constructor(private readonly spec: FileSpec, private readonly layout: HeaderLayout, private readonly file: string) {
    this.missing = new Set(spec.columns.filter((c, index) => c.required && layout.positions[index] < 0).map((c) => c.name));
    this.columnNames = new Set(spec.columns.map((c) => c.name));
    this.lastText = spec.columns.map(() => undefined);
    this.lastParsed = spec.columns.map(() => ({ ok: false, message: '' }));
    this.values = spec.columns.map(() => null);
    this.makeRow = rowFactory(spec.columns.map((c) => c.name));
  }

  read(fields: readonly string[], line: number): ReadRecord {
    const { spec, layout, file } = this;
    if (fields.length !== layout.width) {
      const row = this.readKey(fields);
      return {
        row, errors: [{ file, line, column: '-', message: `has ${fields.length} fields, the header has ${layout.width}` }], unread: unreadOfKeyRow(row),
      };
    }
    let errors: DataError[] | null = null;
    const values = this.values;
    const columns = spec.columns;
    for (let index = 0; index < columns.length; index += 1) {
      const c = columns[index];
      const position = layout.positions[index];
      const text = position < 0 ? '' : fields[position].trim();
      if (text === '') {
        if (c.required && position >= 0) (errors ??= []).push({ file, line, column: c.name, message: 'required value is blank' });
        values[index] = null;
        continue;
      }
      let parsed: Parsed<string>;
      if (text === this.lastText[index]) parsed = this.lastParsed[index];
      else {
        parsed = c.parse(text);
        this.lastText[index] = text;
        this.lastParsed[index] = parsed;
      }
      if (parsed.ok) values[index] = parsed.value;
      else {
        (errors ??= []).push({ file, line, column: c.name, message: parsed.message });
        values[index] = null;
      }
    }
    const row = this.makeRow(values);
    // A field already named as unreadable is not named again by a row rule that now sees it blank.
    for (const problem of spec.checkRow(row)) {
      if (!errors?.some((e) => e.column === problem.column) && !this.missing.has(problem.column)) (errors ??= []).push({ file, line, ...problem });
    }
    if (errors === null && this.missing.size === 0) return { row, errors: NO_ERRORS, unread: NO_COLUMNS };
    const unread = new Set(this.missing);
    for (const error of errors ?? NO_ERRORS) if (this.columnNames.has(error.column)) unread.add(error.column);
    return { row, errors: errors ?? NO_ERRORS, unread: [...unread] };
  }

  /** Whether a row can be whole: not when the header leaves a required column out (that row is never stored). */
  get headerComplete(): boolean {
    return this.missing.size === 0;
  }

  /**
   * A record of the wrong shape (or the fields a malformed record begins with), read for its natural key
   * alone where the key's fields are there and readable (null when none is): it is named as an error and
   * never stored, but the rows of other files that refer to it (an entry's duties and receipts) are not
   * then named as referring to nothing.
   */
  readKey(fields: readonly string[]): Row | null {
    const { spec, layout } = this;
    const values = spec.columns.map((c, index) => {
      const position = layout.positions[index];
      if (!spec.naturalKey.includes(c.name) || position < 0 || position >= fields.length) return null;
      const text = fields[position].trim();
      const parsed = text === '' ? null : c.parse(text);
      return parsed?.ok ? parsed.value : null;
    });
    return values.some((value) => value !== null) ? this.makeRow(values) : null;
  }
}

/**
 * The columns of a row read for its natural key alone (RowReader.readKey) that were not read: every one without
 * a value — the other columns, and key fields blank or unreadable (in a record of the wrong shape, a blank
 * field may be one shifted out of place).
 */
export function unreadOfKeyRow(row: Row | null): readonly string[] {
  return row === null ? NO_COLUMNS : Object.keys(row).filter((name) => row[name] === null);
}

/** One record read on its own (RowReader, without the reuse of a file's previous fields). */
export function readRow(
  spec: FileSpec,
  layout: HeaderLayout,
  fields: readonly string[],
  file: string,
  line: number,
): ReadRecord {
  return new RowReader(spec, layout, file).read(fields, line);
}
