import { SqlSession } from '../sql-session';

/** The rows one writer added to a table: ids `first` to `last` (every writer of the data tables holds the ingest lock). */
export interface IdRange {
  first: number;
  last: number;
}

/**
 * Turns the database's per-row triggers off for the rest of the transaction (session_replication_role =
 * replica), which needs a superuser or the SET privilege on it. Returns false — with the transaction still
 * usable — when this role may not. The data tables an ingest writes have no triggers but the foreign keys',
 * so a writer that resolves every key itself, through joins to rows that exist, may do without them and
 * check them set-wise before it commits (assertForeignKeysResolve): one anti-join per key instead of one
 * lookup per row.
 */
export async function turnRowTriggersOff(session: SqlSession): Promise<boolean> {
  await session.query('SAVEPOINT row_triggers_off');
  try {
    await session.query('SET LOCAL session_replication_role = replica');
  } catch {
    await session.query('ROLLBACK TO SAVEPOINT row_triggers_off');
    return false;
  }
  await session.query('RELEASE SAVEPOINT row_triggers_off');
  return true;
}

/** The highest id of each table now (0 for an empty one): the rows a writer adds after this are those above it. */
export async function lastIds(session: SqlSession, tables: readonly string[]): Promise<Map<string, number>> {
  const last = new Map<string, number>();
  for (const table of tables) {
    const [row] = await session.query<{ last: string }>(`SELECT coalesce(max(id), 0)::text AS last FROM ${table}`);
    last.set(table, Number(row.last));
  }
  return last;
}

/** The rows written to each table since `before` (lastIds) was taken. */
export async function rangesSince(session: SqlSession, before: ReadonlyMap<string, number>): Promise<Map<string, IdRange>> {
  const now = await lastIds(session, [...before.keys()]);
  const ranges = new Map<string, IdRange>();
  for (const [table, last] of now) {
    const first = (before.get(table) ?? 0) + 1;
    if (last >= first) ranges.set(table, { first, last });
  }
  return ranges;
}

/**
 * Every single-column foreign key of the written tables, checked over the rows written (one anti-join
 * each), for a writer that ran with the row triggers off. A key that refers to no row is a defect of the
 * writer, never of the data: it throws, and the caller's transaction is rolled back.
 */
export async function assertForeignKeysResolve(session: SqlSession, written: ReadonlyMap<string, IdRange>, writer: string): Promise<void> {
  if (written.size === 0) return;
  const keys = await session.query<{ child: string; parent: string; child_column: string; parent_column: string }>(`
    SELECT c.conrelid::regclass::text AS child, c.confrelid::regclass::text AS parent,
           ca.attname AS child_column, pa.attname AS parent_column
      FROM pg_constraint c
      JOIN pg_attribute ca ON ca.attrelid = c.conrelid AND ca.attnum = c.conkey[1]
      JOIN pg_attribute pa ON pa.attrelid = c.confrelid AND pa.attnum = c.confkey[1]
     WHERE c.contype = 'f' AND cardinality(c.conkey) = 1 AND c.conrelid::regclass::text = ANY ($1::text[])
     ORDER BY c.conname`, [[...written.keys()]]);
  for (const key of keys) {
    const range = written.get(key.child);
    if (!range) continue;
    const [dangling] = await session.query<{ n: string }>(
      `SELECT count(*)::text AS n FROM ${key.child} c
        WHERE c.id BETWEEN $1 AND $2 AND c.${key.child_column} IS NOT NULL
          AND NOT EXISTS (SELECT 1 FROM ${key.parent} p WHERE p.${key.parent_column} = c.${key.child_column})`,
      [range.first, range.last]);
    if (dangling.n !== '0') throw new Error(`${writer}: ${dangling.n} rows of ${key.child}.${key.child_column} refer to no row (a defect of the ${writer})`);
  }
}
