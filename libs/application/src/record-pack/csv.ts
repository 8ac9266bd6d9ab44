/** RFC 4180: a field with a comma, quote or line break is quoted, quotes doubled; null is empty. */
export function csvField(value: string | number | null): string {
  if (value === null) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

type CsvRow = ReadonlyArray<string | number | null>;

/** A CSV file's text a line at a time (CRLF line ends): the header, then each row as it is made. */
export function* csvText(header: readonly string[], rows: Iterable<CsvRow>): Generator<string> {
  yield `${header.join(',')}\r\n`;
  for (const row of rows) yield `${row.map(csvField).join(',')}\r\n`;
}

/** Each element of `items` made into a row only when it is written. */
export function* mapRows<T>(items: Iterable<T>, row: (item: T) => CsvRow): Generator<CsvRow> {
  for (const item of items) yield row(item);
}
