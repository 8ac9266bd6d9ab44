/** A problem with the data, located where the user can find it: `file:line: column: message`. */
export interface DataError {
  file: string;
  /** Physical line on which the record starts; the header is line 1. */
  line: number;
  column: string;
  message: string;
}

export function formatDataError(error: DataError): string {
  // One problem, one line: a line break quoted from a field is shown escaped.
  const message = error.message.replace(/\r/g, '\\r').replace(/\n/g, '\\n');
  return `${error.file}:${error.line}: ${error.column}: ${message}`;
}

/** Errors in reading order: by file, then line, then column. */
export function compareDataErrors(a: DataError, b: DataError): number {
  if (a.file !== b.file) return a.file < b.file ? -1 : 1;
  if (a.line !== b.line) return a.line - b.line;
  if (a.column !== b.column) return a.column < b.column ? -1 : 1;
  return a.message < b.message ? -1 : a.message > b.message ? 1 : 0;
}
