/** RFC 4180: a field with a comma, quote or line break is quoted, quotes doubled; null is empty. */
export function csvField(value: string | number | null): string {
  if (value === null) return '';
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csv(header: readonly string[], rows: ReadonlyArray<ReadonlyArray<string | number | null>>): Buffer {
  const lines = [header.join(','), ...rows.map((row) => row.map(csvField).join(','))];
  return Buffer.from(`${lines.join('\r\n')}\r\n`, 'utf8');
}
