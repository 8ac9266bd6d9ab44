import { ClaimProvision, DesignationResult } from '@drawback/domain';
import { DataSource } from 'typeorm';
import { AuditEntry, AuditLog } from '../audit/audit-log';
import { ClaimantScope, inScope, scopeParam } from '../reads/claimant-scope';
import { SqlSession } from '../sql-session';
import { DESIGNATION_LOCK } from './designation-lock';
import { recordPriorUse } from './prior-use.query';

export { DESIGNATION_LOCK } from './designation-lock';

export interface NewClaim {
  id: string;
  claimant: string;
  provision: ClaimProvision;
  asOf: string;
  policy: Record<string, string>;
  ruleVersion: string;
  exportLineIds: string[];
}

export interface StoredClaim extends NewClaim {
  status: 'draft' | 'filed';
  createdAt: string;
}

export class ClaimConflictError extends Error {}

/**
 * Claims and their designations in the ledger. `designateInLock` runs the caller's designation on a
 * session holding the designation lock, then stores claim, export lines, designations, order takes and
 * unmatched quantities in the same transaction; the ledger's CHECKs refuse any over-designation.
 */
export class ClaimStore {
  constructor(private readonly dataSource: DataSource) {}

  async designateInLock(
    claim: NewClaim,
    designateWith: (session: SqlSession) => Promise<DesignationResult>,
    auditOf: (id: string, result: DesignationResult) => AuditEntry,
  ): Promise<{ id: string; result: DesignationResult }> {
    const session = await SqlSession.open(this.dataSource);
    try {
      await session.begin();
      await session.query(`SELECT pg_advisory_xact_lock($1)`, [DESIGNATION_LOCK]);
      const taken = await session.query<{ export_id: string; line_number: number; claim_id: string }>(
        `SELECT x.export_id, x.line_number, c.claim_id::text AS claim_id FROM claim_export_line c JOIN export_line x ON x.id = c.export_line_id
          WHERE c.export_line_id = ANY ($1::bigint[]) ORDER BY 1, 2`, [claim.exportLineIds]);
      if (taken.length > 0) {
        throw new ClaimConflictError(`export lines already in a claim: ${taken.map((t) => `${t.export_id}/${t.line_number} (claim ${t.claim_id})`).join(', ')}`);
      }
      const result = await designateWith(session);
      // Created when it designated, under the lock (clock_timestamp), not when its transaction began (now(),
      // before the lock was granted): claims created before it are those that designated before it — the
      // record pack's prior-use ledger (rules §5) — even when another claim got the lock first.
      const [row] = await session.query<{ id: string }>(
        `INSERT INTO claim (id, claimant, provision, as_of, policy, rule_version, created_at) VALUES ($1, $2, $3, $4, $5, $6, clock_timestamp())
         RETURNING id::text AS id`,
        [claim.id, claim.claimant, claim.provision, claim.asOf, JSON.stringify(claim.policy), claim.ruleVersion]);
      await this.storeDesignation(session, row.id, claim.exportLineIds, result);
      await recordPriorUse(session, row.id);
      // In the same transaction: a process that dies after the commit must not leave a claim the audit trail never saw.
      await AuditLog.recordWith((sql, parameters) => session.query(sql, parameters), auditOf(row.id, result));
      await session.commit();
      return { id: row.id, result };
    } catch (error) {
      await session.rollback();
      throw error;
    } finally {
      await session.release();
    }
  }

  private async storeDesignation(session: SqlSession, claimId: string, exportLineIds: string[], result: DesignationResult): Promise<void> {
    await session.query(`INSERT INTO claim_export_line (claim_id, export_line_id) SELECT $1, unnest($2::bigint[])`, [claimId, exportLineIds]);
    const sink = session.copyInto('designation',
      ['claim_id', 'sequence', 'export_line_id', 'entry_line_id', 'receipt_id', 'quantity', 'quantity_exact', 'method', 'ace_code', 'trace']);
    let sequence = 0;
    for (const d of result.designations) {
      sequence += 1;
      await sink.write([claimId, String(sequence), d.exportLineId, d.entryLineId, d.receiptId, d.quantity, d.exactQuantity ?? null, d.method, d.aceCode, JSON.stringify(d.trace)]);
    }
    await sink.end();
    const takes = result.orderTakes;
    await session.query(
      `INSERT INTO production_take (claim_id, sequence, production_item_id, quantity, quantity_exact)
       SELECT $1, t.sequence, pi.id, t.quantity, t.quantity_exact
         FROM unnest($2::text[], $3::numeric[], $4::text[]) WITH ORDINALITY AS t (order_id, quantity, quantity_exact, sequence)
         JOIN production_order po ON po.order_id = t.order_id JOIN production_item pi ON pi.production_order_id = po.id AND pi.role = 'output'`,
      [claimId, takes.map((t) => t.orderId), takes.map((t) => t.quantity), takes.map((t) => t.exactQuantity ?? null)]);
    const unmatched = result.unmatched;
    await session.query(
      `INSERT INTO claim_unmatched (claim_id, export_line_id, quantity, reason)
       SELECT $1, * FROM unnest($2::bigint[], $3::numeric[], $4::text[])`,
      [claimId, unmatched.map((u) => u.exportLineId), unmatched.map((u) => u.quantity), unmatched.map((u) => u.reason)]);
  }

  /** A claim; null when there is none or it is not the scope's claimant's. */
  async get(id: string, scope: ClaimantScope = null): Promise<StoredClaim | null> {
    if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
    const [row] = await this.dataSource.query(
      `SELECT c.id::text AS id, c.claimant, c.provision, c.as_of::text AS as_of, c.policy, c.rule_version, c.status, c.created_at::text AS created_at,
              coalesce((SELECT array_agg(export_line_id::text ORDER BY export_line_id) FROM claim_export_line WHERE claim_id = c.id), '{}') AS export_line_ids
         FROM claim c WHERE c.id = $1 AND ${inScope('c.claimant', 2)}`, [id, scopeParam(scope)]);
    if (!row) return null;
    return {
      id: row.id, claimant: row.claimant, provision: row.provision, asOf: row.as_of, policy: row.policy, ruleVersion: row.rule_version,
      status: row.status, createdAt: row.created_at, exportLineIds: row.export_line_ids,
    };
  }

  /**
   * Marks a claim filed (it was filed with CBP): from then on it cannot be deleted, so its designations are never
   * released for another claim to take again (19 U.S.C. 1313(v): an import supports one claim). Filing a filed
   * claim again changes nothing. A delete racing it waits for the row and then finds no draft.
   */
  async markFiled(id: string, scope: ClaimantScope = null, auditOf?: (claim: StoredClaim) => AuditEntry): Promise<'filed' | 'already-filed' | 'not-found'> {
    const claim = await this.get(id, scope);
    if (!claim) return 'not-found';
    const session = await SqlSession.open(this.dataSource);
    try {
      await session.begin();
      const [row] = await session.query<{ status: string | null }>(
        `WITH filed AS (UPDATE claim SET status = 'filed' WHERE id = $1 AND status = 'draft' RETURNING status)
         SELECT (SELECT status FROM filed) AS status`, [id]);
      if (row.status === 'filed' && auditOf) await AuditLog.recordWith((sql, parameters) => session.query(sql, parameters), auditOf(claim));
      await session.commit();
      if (row.status === 'filed') return 'filed';
      return (await this.get(id, scope)) ? 'already-filed' : 'not-found';
    } catch (error) {
      await session.rollback();
      throw error;
    } finally {
      await session.release();
    }
  }

  /**
   * Deletes a draft claim; its designations go with it and the ledger gives their quantities back. Under the
   * designation lock: a claim being designated reads the ledger in several statements and must see the
   * quantities released before its first read or after its commit, never between two of its reads (it
   * would take an order's output it then finds no receipt for).
   */
  async deleteDraft(id: string, scope: ClaimantScope = null, auditOf?: (claim: StoredClaim) => AuditEntry): Promise<'deleted' | 'not-found' | 'not-draft'> {
    const claim = await this.get(id, scope);
    if (!claim) return 'not-found';
    if (claim.status !== 'draft') return 'not-draft';
    const session = await SqlSession.open(this.dataSource);
    try {
      await session.begin();
      await session.query(`SELECT pg_advisory_xact_lock($1)`, [DESIGNATION_LOCK]);
      const [{ deleted }] = await session.query<{ deleted: number }>(
        `WITH d AS (DELETE FROM claim WHERE id = $1 AND status = 'draft' RETURNING id) SELECT count(*)::int AS deleted FROM d`, [id]);
      if (deleted > 0 && auditOf) await AuditLog.recordWith((sql, parameters) => session.query(sql, parameters), auditOf(claim));
      await session.commit();
      if (deleted > 0) return 'deleted';
      // Another delete came first (only one records the deletion), or the claim was filed meanwhile: it is still there.
      return (await this.get(id, scope))?.status === 'filed' ? 'not-draft' : 'not-found';
    } catch (error) {
      await session.rollback();
      throw error;
    } finally {
      await session.release();
    }
  }
}
