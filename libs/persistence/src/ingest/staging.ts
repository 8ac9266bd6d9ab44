import { FileKind, FileSpec, FILE_SPECS, SqlType } from '@drawback/domain';

const SQL_TYPES: Record<SqlType, string> = {
  text: 'text',
  integer: 'integer',
  numeric: 'numeric',
  date: 'date',
  boolean: 'boolean',
};

export const stagingTable = (kind: FileKind): string => `stg_${kind}`;

/** Staging columns: the file's columns, typed, then where the row came from and whether it was valid. */
export function stagingColumns(spec: FileSpec): string[] {
  return [...spec.columns.map((c) => c.name), 'src_line', 'valid'];
}

/**
 * One temporary table per file kind, dropped with the transaction. Rows with errors are staged too
 * (their unreadable fields null, `valid` false) so that rows referring to them are not also reported.
 */
export function createStagingSql(): string {
  return FILE_SPECS.map((spec) => {
    const columns = spec.columns.map((c) => `${c.name} ${SQL_TYPES[c.type]}`).join(', ');
    return `CREATE TEMP TABLE ${stagingTable(spec.kind)} (${columns}, src_line integer NOT NULL, valid boolean NOT NULL) ON COMMIT DROP;`;
  }).join('\n');
}

export function analyzeStagingSql(): string {
  return FILE_SPECS.map((spec) => `ANALYZE ${stagingTable(spec.kind)};`).join('\n');
}
