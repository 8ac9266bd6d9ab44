type Query = <T>(sql: string, parameters?: unknown[]) => Promise<T[]>;

/** A stored rule-data version without its document: what a list of versions shows. */
export interface RuleVersionSummary {
  version: string;
  sha256: string;
  loadedAt: string;
  active: boolean;
}

/** Every stored version, oldest first; documents stay in the database (each is tens of kilobytes). */
export async function ruleVersionSummaries(query: Query): Promise<RuleVersionSummary[]> {
  const rows = await query<{ version: string; sha256: string; loaded_at: Date; active: boolean }>(
    `SELECT version, sha256, loaded_at, active FROM rule_version ORDER BY loaded_at, version`);
  return rows.map((row) => ({ version: row.version, sha256: row.sha256, loadedAt: new Date(row.loaded_at).toISOString(), active: row.active }));
}

/** The document of one stored version, as it was loaded; null when no such version is stored. */
export async function ruleVersionDocument(query: Query, version: string): Promise<unknown | null> {
  const [row] = await query<{ document: unknown }>(`SELECT document FROM rule_version WHERE version = $1`, [version]);
  return row ? row.document : null;
}

export async function ruleVersionStored(query: Query, version: string): Promise<boolean> {
  const [row] = await query<{ stored: boolean }>(`SELECT EXISTS (SELECT 1 FROM rule_version WHERE version = $1) AS stored`, [version]);
  return row.stored;
}
