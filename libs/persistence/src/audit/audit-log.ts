import { createHash } from 'node:crypto';
import { DataSource } from 'typeorm';

export interface AuditEntry {
  actor: string;
  /** `ingest.accepted`, `claim.created`, `estimate.written`, … */
  action: string;
  /** `claim:<id>`, `ingest_run:<id>`, `rule_version:<v>`, … */
  subject: string;
  before?: string | null;
  after?: string | null;
  detail?: Record<string, unknown>;
}

export interface AuditEvent extends Required<Omit<AuditEntry, 'detail'>> {
  id: string;
  at: string;
  detail: Record<string, unknown> | null;
}

/** sha256 of a value's JSON (or of bytes), the digest an audit event records of its subject. */
export function digestOf(value: unknown): string {
  return createHash('sha256').update(Buffer.isBuffer(value) ? value : JSON.stringify(value)).digest('hex');
}

/** The append-only audit trail (table audit_event; triggers refuse updates and deletes). */
export class AuditLog {
  constructor(private readonly dataSource: DataSource) {}

  async record(entry: AuditEntry): Promise<void> {
    await AuditLog.recordWith((sql, parameters) => this.dataSource.query(sql, parameters), entry);
  }

  /**
   * Records the event once for `job`: the event's detail names the job, and a second call for the same job,
   * action and subject (a job delivered twice, or run again after its worker died) records nothing. Returns
   * whether it recorded. The check and the insert hold a lock on the job's key, so that two deliveries running
   * at once record one event between them.
   */
  async recordOnceForJob(job: string, entry: AuditEntry): Promise<boolean> {
    return this.dataSource.transaction(async (manager) => {
      await manager.query(`SELECT pg_advisory_xact_lock(hashtextextended($1, 0))`, [`audit_event:${entry.action}:${entry.subject}:${job}`]);
      const [found] = await manager.query(
        `SELECT 1 FROM audit_event WHERE subject = $1 AND action = $2 AND detail->>'job' = $3 LIMIT 1`, [entry.subject, entry.action, job]);
      if (found) return false;
      await AuditLog.recordWith((sql, parameters) => manager.query(sql, parameters), { ...entry, detail: { ...entry.detail, job } });
      return true;
    });
  }

  /** Records an event through a query of the caller's: in the transaction that makes the change it records. */
  static async recordWith(query: (sql: string, parameters: unknown[]) => Promise<unknown>, entry: AuditEntry): Promise<void> {
    await query(
      `INSERT INTO audit_event (actor, action, subject, digest_before, digest_after, detail) VALUES ($1, $2, $3, $4, $5, $6)`,
      [entry.actor, entry.action, entry.subject, entry.before ?? null, entry.after ?? null, entry.detail ? JSON.stringify(entry.detail) : null]);
  }

  async list(filter: { subject?: string; limit?: number; afterId?: string } = {}): Promise<AuditEvent[]> {
    const rows = await this.dataSource.query(
      `SELECT id::text AS id, to_char(at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"') AS at, actor, action, subject, digest_before::text AS before, digest_after::text AS after, detail
         FROM audit_event WHERE ($1::text IS NULL OR subject = $1) AND id > coalesce($2::bigint, 0)
        ORDER BY audit_event.id LIMIT $3`,
      [filter.subject ?? null, filter.afterId ?? null, Math.min(filter.limit ?? 100, 1000)]);
    return rows;
  }
}
