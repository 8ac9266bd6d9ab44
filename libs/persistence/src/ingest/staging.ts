import { FileKind, FileSpec, FILE_SPECS, SqlType } from '@drawback/domain';

const SQL_TYPES: Record<SqlType, string> = {
  text: 'text',
  integer: 'integer',
  numeric: 'numeric',
  date: 'date',
  boolean: 'boolean',
};

export const stagingTable = (kind: FileKind): string => `stg_${kind}`;

/**
 * Staging columns: the file's columns, typed, then where the row came from, whether it was valid, and which of
 * its columns could not be read.
 */
export function stagingColumns(spec: FileSpec): string[] {
  return [...spec.columns.map((c) => c.name), 'src_line', 'valid', 'unread'];
}

/**
 * One temporary table per file kind, dropped with the transaction. Rows with errors are staged too
 * (their unreadable fields null, `valid` false) so that rows referring to them are not also reported.
 * A null is a blank field or one that could not be read: `unread` names the columns of the second kind, so
 * that a row with a blank key field (a duty's heading or line number, a heat number) still takes part by it.
 */
export function createStagingSql(): string {
  return FILE_SPECS.map((spec) => {
    const columns = spec.columns.map((c) => `${c.name} ${SQL_TYPES[c.type]}`).join(', ');
    return `CREATE TEMP TABLE ${stagingTable(spec.kind)} (${columns}, src_line integer NOT NULL, valid boolean NOT NULL, unread text[] NOT NULL) ON COMMIT DROP;`;
  }).join('\n');
}

/** SQL true when every one of these columns of a staged row (`alias`) was read, blank included. */
export function allRead(alias: string, columns: readonly string[]): string {
  return `NOT (${alias}.unread && ARRAY[${columns.map((c) => `'${c}'`).join(', ')}]::text[])`;
}

export function analyzeStagingSql(): string {
  return FILE_SPECS.map((spec) => `ANALYZE ${stagingTable(spec.kind)};`).join('\n');
}
