/**
 * The fields a malformed CSV record holds whole before its first problem: each ended by a comma, plain or
 * quoted by RFC 4180 (a doubled quote inside a quoted field is one quote). The reading stops at the first
 * field that is not whole or not well formed. `raw` is the record's text as the CSV reader had it when it
 * found the problem — its beginning, up to where it stopped.
 *
 * These fields say which row the record was meant to be (its natural key usually comes first), so that
 * the rows of other files referring to it are not also reported as referring to nothing.
 */
export function wholeFieldsBeforeProblem(raw: string): string[] {
  const fields: string[] = [];
  let at = raw.startsWith('\uFEFF') ? 1 : 0;
  while (at < raw.length) {
    const field = raw[at] === '"' ? quotedField(raw, at) : plainField(raw, at);
    if (!field || raw[field.end] !== ',') break;
    fields.push(field.value);
    at = field.end + 1;
  }
  return fields;
}

function plainField(raw: string, from: number): { value: string; end: number } | null {
  let end = from;
  while (end < raw.length && raw[end] !== ',') {
    if (raw[end] === '"' || raw[end] === '\r' || raw[end] === '\n') return null;
    end += 1;
  }
  return { value: raw.slice(from, end), end };
}

function quotedField(raw: string, from: number): { value: string; end: number } | null {
  let value = '';
  let at = from + 1;
  for (;;) {
    const quote = raw.indexOf('"', at);
    if (quote < 0) return null;
    value += raw.slice(at, quote);
    if (raw[quote + 1] !== '"') return { value, end: quote + 1 };
    value += '"';
    at = quote + 2;
  }
}
