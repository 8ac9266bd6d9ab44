import { DataSource } from 'typeorm';
import { S232LineFacts } from '@drawback/rules';
import { contentValueWorksheets, loadedS232Lines } from './loaded-s232-lines';
import { CopySink, SqlSession } from '../sql-session';
import { DESIGNATION_LOCK } from '../claims/designation-lock';
import { APPORTION_ENTRY_FEES_SQL, INGEST_LOCK_SQL } from './merge';
import { productionCyclesRemain } from './production-cycles';
import type { StagedFile } from './ingest-store';
import { assertForeignKeysResolve, IdRange, turnRowTriggersOff } from './foreign-key-check';

/**
 * The tables a direct load writes, with the columns it gives them (the rest take their defaults).
 * Every one carries `source_file_id`, by which the load finds its own rows again.
 */
export const DIRECT_LOAD_COLUMNS = {
  import_entry: ['id', 'entry_number', 'entry_type', 'importer_number', 'import_date', 'entry_date', 'port_code', 'source_file_id'],
  entry_line: ['id', 'entry_id', 'line_number', 'hts', 'description', 'country_of_origin', 'entered_value', 'quantity', 'uom', 'spi',
    'melt_pour_country', 'smelt_primary_country', 'smelt_secondary_country', 'cast_country', 'adcvd_case', 'ieepa_refund_claimed',
    'source_file_id', 'source_line'],
  duty_bucket: ['id', 'entry_id', 'entry_line_id', 'line_number', 'program', 'heading', 'metal', 's232_annex', 'rate', 'basis',
    'basis_value', 'amount', 'source_file_id', 'source_line'],
  receipt: ['id', 'entry_line_id', 'lot_id', 'heat_number', 'quantity', 'source_file_id', 'source_line'],
  production_order: ['id', 'order_id', 'production_date', 'source_file_id', 'claimant'],
  production_item: ['id', 'production_order_id', 'role', 'lot_id', 'heat_number', 'quantity', 'uom', 'hts', 'source_file_id', 'source_line'],
  export_line: ['id', 'export_id', 'line_number', 'export_date', 'action', 'exporter', 'destination_country', 'hts', 'description',
    'lot_id', 'heat_number', 'quantity', 'uom', 'value', 'source_file_id', 'source_line', 'claimant'],
  evidence_document: ['id', 'document_id', 'kind', 'subject', 'subject_id', 'reference', 'sha256', 'source_file_id', 'source_line', 'claimant'],
} as const;
export type DirectLoadTable = keyof typeof DIRECT_LOAD_COLUMNS;
/** The data tables an ingest writes (the staged merge too, and duty_bucket_share, which has no id of its own). */
export const INGESTED_TABLES = Object.keys(DIRECT_LOAD_COLUMNS) as DirectLoadTable[];

/** The data set could not be loaded directly (it is not new, or not valid): the staged ingest takes it. */
export class NotDirectlyLoadable extends Error {}

/** SQLSTATE class 23: a constraint said no (a key already stored, a duplicate in the data set). */
const isConstraintViolation = (error: unknown) => /^23/.test(String((error as { code?: unknown }).code ?? ''));

/**
 * The bulk path of an ingest, for a data set that is wholly new: rows go by COPY straight into the data
 * tables with keys the loader assigns itself, instead of through staging and a set-based merge. It
 * runs with the database's per-row foreign-key triggers off (session_replication_role = replica, which
 * needs a superuser or the SET privilege on it; without it there is no direct load) because every key
 * it writes is one it reserved and wrote in this same transaction; before committing it checks every
 * foreign key of the rows it wrote, set-wise. The unique keys stay on: a row already stored, or twice in
 * the data set, stops the load, and the staged ingest — which names every error — takes the data set.
 */
export class DirectLoadStore {
  /**
   * The ids reserved per table: the rows this load wrote are exactly those in the range (no one else
   * takes ids while the ingest lock is held), so the checks after the load read them by primary key
   * instead of scanning tables that may hold years of earlier ingests.
   */
  private readonly reserved = new Map<DirectLoadTable, IdRange>();

  private constructor(private readonly session: SqlSession, readonly runId: string) {}

  /** Null when this database role may not turn the triggers off: then only the staged ingest is used. */
  static async begin(dataSource: DataSource, source: string, claimant: string | null): Promise<DirectLoadStore | null> {
    const session = await SqlSession.open(dataSource);
    try {
      await session.begin();
      if (!(await turnRowTriggersOff(session))) {
        await session.rollback();
        await session.release();
        return null;
      }
      await session.query(INGEST_LOCK_SQL);
      const [run] = await session.query<{ id: string }>(
        `INSERT INTO ingest_run (source, status, claimant) VALUES ($1, 'running', $2) RETURNING id`, [source, claimant]);
      return new DirectLoadStore(session, run.id);
    } catch (error) {
      await session.rollback();
      await session.release();
      throw error;
    }
  }

  /**
   * Reserves `count` ids of a table's sequence for this load; returns the first. Safe because every
   * writer of the data tables holds the ingest lock (INGEST_LOCK_SQL) while it writes.
   */
  async reserveIds(table: DirectLoadTable | 'source_file', count: number): Promise<number> {
    if (count === 0) return 0;
    const [row] = await this.session.query<{ last: string }>(
      `SELECT setval(pg_get_serial_sequence($1, 'id'), nextval(pg_get_serial_sequence($1, 'id')) + $2 - 1) AS last`, [table, count]);
    const last = Number(row.last);
    if (table !== 'source_file') this.reserved.set(table, { first: last - count + 1, last });
    return last - count + 1;
  }

  copy(table: DirectLoadTable): CopySink {
    return this.session.copyInto(table, DIRECT_LOAD_COLUMNS[table]);
  }

  /** Runs one step of the load; a constraint the database enforces saying no means "not directly loadable". */
  async guarded<T>(step: () => Promise<T>): Promise<T> {
    try {
      return await step();
    } catch (error) {
      if (isConstraintViolation(error)) throw new NotDirectlyLoadable((error as Error).message);
      throw error;
    }
  }

  /** Records a loaded file under the id its rows already carry; a file stored before is not new. */
  async addSourceFile(id: number, file: StagedFile): Promise<void> {
    await this.guarded(() => this.session.query(
      `INSERT INTO source_file (id, ingest_run_id, name, sha256, row_count) VALUES ($1, $2, $3, $4, $5)`,
      [id, this.runId, file.name, file.sha256, file.rowCount]));
  }

  /**
   * What the staged ingest checks with joins and the loader could not see row by row: no production
   * cycle through what is now stored; every foreign key of every row written resolves (the triggers
   * were off). Throws NotDirectlyLoadable when a cycle remains, an Error when a key does not resolve.
   */
  async checkLoaded(loadedProduction: boolean): Promise<void> {
    // The planner's statistics still describe the tables before the load: the checks below, and the
    // queries after, would plan for a handful of rows where there may be millions.
    if (this.reserved.size > 0) await this.session.query(`ANALYZE ${[...this.reserved.keys()].join(', ')}`);
    if (loadedProduction && (await productionCyclesRemain(this.session))) {
      throw new NotDirectlyLoadable('a production cycle');
    }
    await assertForeignKeysResolve(this.session, this.reserved, 'direct load');
  }

  /** The entry lines (`entry number/line number`) a content_value_worksheet supports, this load's and earlier ones. */
  contentValueWorksheets(): Promise<Set<string>> {
    return contentValueWorksheets((sql, parameters) => this.session.query(sql, parameters));
  }

  /** The Section 232 lines of the loaded duties, page by page, for the basis check (none when no duties were loaded). */
  s232Lines(): AsyncGenerator<S232LineFacts[]> | [] {
    const buckets = this.reserved.get('duty_bucket');
    return buckets ? loadedS232Lines((sql, parameters) => this.session.query(sql, parameters), buckets.first, buckets.last) : [];
  }

  /**
   * Apportions the entry-level fees of the loaded entries (the staged ingest's own statement), records the
   * run with its claimant, and commits — or, for a check, rolls back.
   */
  async finish(feeEntryIds: readonly number[], counts: unknown, claimant: string | null, commit: boolean): Promise<void> {
    await this.session.query(`CREATE TEMP TABLE touched_entry (entry_id bigint PRIMARY KEY) ON COMMIT DROP`);
    await this.session.query(`INSERT INTO touched_entry SELECT unnest($1::bigint[])`, [feeEntryIds]);
    await this.session.query(APPORTION_ENTRY_FEES_SQL);
    await this.session.query(
      `UPDATE ingest_run SET status = 'accepted', finished_at = now(), counts = $2, claimant = $3, loaded_by = 'direct' WHERE id = $1`,
      [this.runId, JSON.stringify(counts), claimant]);
    if (commit) {
      // Not committed while a claim is designated: its reads must see the new lots, receipts and orders in all or none.
      await this.session.query(`SELECT pg_advisory_xact_lock($1)`, [DESIGNATION_LOCK]);
      await this.session.commit();
    } else await this.session.rollback();
  }

  async close(): Promise<void> {
    await this.session.rollback();
    await this.session.release();
  }
}
