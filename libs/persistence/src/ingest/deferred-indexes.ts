type Query = <T>(sql: string, parameters?: unknown[]) => Promise<T[]>;

/** A secondary index of a table, as the SQL that drops it and the SQL that builds it again. */
export interface DeferredIndex {
  name: string;
  drop: string;
  build: string;
}

/**
 * The indexes of a table a bulk load may build after its rows are in instead of maintaining them row
 * by row ("Populating a Database: Remove Indexes", PostgreSQL manual §14.4): every index but the
 * primary key, and none a foreign key depends on (dropping those would drop the foreign keys). A
 * unique index that backs a constraint is dropped and added back as that constraint, so a duplicate
 * among the loaded rows is still refused — when the constraint is added again.
 */
export async function deferrableIndexes(query: Query, table: string): Promise<DeferredIndex[]> {
  const rows = await query<{ index: string; index_def: string; constraint: string | null; constraint_def: string | null }>(`
    SELECT i.indexrelid::regclass::text AS index, pg_get_indexdef(i.indexrelid) AS index_def,
           c.conname AS constraint, pg_get_constraintdef(c.oid) AS constraint_def
      FROM pg_index i
      LEFT JOIN pg_constraint c ON c.conindid = i.indexrelid AND c.conrelid = i.indrelid AND c.contype IN ('u', 'p', 'x')
     WHERE i.indrelid = $1::regclass AND NOT i.indisprimary
       AND NOT EXISTS (SELECT 1 FROM pg_constraint f WHERE f.contype = 'f' AND f.conindid = i.indexrelid)
     ORDER BY 1`, [table]);
  return rows.map((row) => row.constraint
    ? {
      name: row.constraint,
      drop: `ALTER TABLE ${table} DROP CONSTRAINT ${quoteIdent(row.constraint)}`,
      build: `ALTER TABLE ${table} ADD CONSTRAINT ${quoteIdent(row.constraint)} ${row.constraint_def}`,
    }
    : { name: row.index, drop: `DROP INDEX ${row.index}`, build: row.index_def });
}

/** Identifiers from the catalog, quoted for SQL (regclass text is already quoted where it must be). */
function quoteIdent(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}
