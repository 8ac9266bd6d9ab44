import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';

/** Estimates are written idempotently, keyed by claim and rule version: the same inputs, one row. */
export class EstimateStore {
  constructor(private readonly dataSource: DataSource) {}

  /**
   * Stores the estimate of the claim made at `claimCreatedAt` (its `created_at` as read): nothing when that
   * claim is gone, even if the same request made it again with the same id meanwhile.
   */
  async save(claimId: string, ruleVersion: string, document: unknown, claimCreatedAt: string): Promise<{ sha256: string }> {
    const json = JSON.stringify(document);
    const sha256 = createHash('sha256').update(json).digest('hex');
    await this.dataSource.query(
      `INSERT INTO estimate (claim_id, rule_version, document, sha256)
       SELECT $1::uuid, $2::text, $3::text, $4::text WHERE EXISTS (SELECT 1 FROM claim WHERE id = $1::uuid AND created_at::text = $5)
       ON CONFLICT (claim_id, rule_version) DO UPDATE SET document = EXCLUDED.document, sha256 = EXCLUDED.sha256
        WHERE estimate.sha256 <> EXCLUDED.sha256`,
      [claimId, ruleVersion, json, sha256, claimCreatedAt]);
    return { sha256 };
  }

  async get(claimId: string): Promise<{ ruleVersion: string; document: unknown; sha256: string } | null> {
    const [row] = await this.dataSource.query(
      `SELECT rule_version, document, sha256 FROM estimate WHERE claim_id = $1 ORDER BY created_at DESC LIMIT 1`, [claimId]);
    return row ? { ruleVersion: row.rule_version, document: JSON.parse(row.document), sha256: row.sha256 } : null;
  }
}
