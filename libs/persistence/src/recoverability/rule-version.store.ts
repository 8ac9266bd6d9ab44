import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';

export interface StoredRuleVersion {
  version: string;
  document: unknown;
  sha256: string;
  loadedAt: string;
  active: boolean;
}

/** A version string already stored with other content: versions are immutable, so new data needs a new one. */
export class RuleVersionConflictError extends Error {
  constructor(readonly version: string, shipped = false) {
    super(shipped
      ? `rule version ${version} is the version of the rule data shipped with drawback, which has other content; give the new data a new version`
      : `rule version ${version} is already stored with other content; give the new data a new version`);
    this.name = 'RuleVersionConflictError';
  }
}

const RULE_VERSION_LOCK = 1_313_002;

/** Rule-data versions: each loaded version is kept; the last loaded is active. */
export class RuleVersionStore {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Stores a version and makes it the active one; loading the same document again (the same JSON value,
   * whatever its key order) changes nothing.
   */
  async activate(version: string, document: unknown): Promise<{ created: boolean }> {
    const json = JSON.stringify(document);
    const sha256 = createHash('sha256').update(json).digest('hex');
    return this.dataSource.transaction(async (manager) => {
      // Activations take turns: two at once (the shipped version loaded by concurrent first requests) would
      // both find no row and both insert it.
      await manager.query(`SELECT pg_advisory_xact_lock($1)`, [RULE_VERSION_LOCK]);
      // The same content is the same JSON value, compared as jsonb: key order and spacing are not content.
      const [existing] = await manager.query(`SELECT document = $2::jsonb AS same FROM rule_version WHERE version = $1`, [version, json]);
      if (existing && !existing.same) {
        throw new RuleVersionConflictError(version);
      }
      await manager.query(`UPDATE rule_version SET active = false WHERE active AND version <> $1`, [version]);
      if (existing) await manager.query(`UPDATE rule_version SET active = true WHERE version = $1`, [version]);
      else await manager.query(`INSERT INTO rule_version (version, document, sha256, active) VALUES ($1, $2, $3, true)`, [version, json, sha256]);
      return { created: !existing };
    });
  }

  /** Whether `version` is stored with other content than `document` (the same JSON value, whatever its key order, is not). */
  async storedWithOtherContent(version: string, document: unknown): Promise<boolean> {
    const [existing] = await this.dataSource.query(`SELECT document = $2::jsonb AS same FROM rule_version WHERE version = $1`, [version, JSON.stringify(document)]);
    return existing !== undefined && !existing.same;
  }

  async active(): Promise<StoredRuleVersion | null> {
    const [row] = await this.dataSource.query(`SELECT version, document, sha256, loaded_at::text AS loaded_at, active FROM rule_version WHERE active`);
    return row ? { version: row.version, document: row.document, sha256: row.sha256, loadedAt: row.loaded_at, active: row.active } : null;
  }

  async list(): Promise<StoredRuleVersion[]> {
    const rows = await this.dataSource.query(`SELECT version, document, sha256, loaded_at::text AS loaded_at, active FROM rule_version ORDER BY loaded_at, version`);
    return rows.map((row: Record<string, never>) => ({ version: row.version, document: row.document, sha256: row.sha256, loadedAt: row.loaded_at, active: row.active }));
  }
}
