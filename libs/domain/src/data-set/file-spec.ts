import { FieldParser } from './field-parsers';

export const FILE_KINDS = ['entries', 'duties', 'lots', 'production', 'exports', 'evidence'] as const;
export type FileKind = (typeof FILE_KINDS)[number];

/** How a validated value is typed where it is stored. */
export type SqlType = 'text' | 'integer' | 'numeric' | 'date' | 'boolean';

export interface ColumnSpec {
  name: string;
  /** A required column must be in the header and may not be blank. */
  required: boolean;
  type: SqlType;
  parse: FieldParser;
}

/** One row after its fields were read: canonical text per column, null where blank. */
export type Row = Record<string, string | null>;

export interface RowProblem {
  column: string;
  message: string;
}

export interface FileSpec {
  kind: FileKind;
  fileName: string;
  columns: readonly ColumnSpec[];
  /** Columns that identify a row across ingests (input-formats.md, "Natural keys"). */
  naturalKey: readonly string[];
  /** The rules that join several fields of one row. */
  checkRow(row: Row): RowProblem[];
}

export function column(name: string, required: boolean, type: SqlType, parse: FieldParser): ColumnSpec {
  return { name, required, type, parse };
}
