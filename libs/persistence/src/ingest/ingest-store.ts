import { DataError, FileKind, FILE_KINDS, FILE_SPECS, fileSpecOf } from '@drawback/domain';
import { DataSource } from 'typeorm';
import { S232LineFacts } from '@drawback/rules';
import { stagedS232Lines } from '../recoverability/s232-lines.query';
import { CopySink, SqlSession } from '../sql-session';
import { DESIGNATION_LOCK } from '../claims/designation-lock';
import { APPORTION_ENTRY_FEES_SQL, INGEST_LOCK_SQL, MERGE_SQL } from './merge';
import { findProductionCycles } from './production-cycles';
import { analyzeStagingSql, createStagingSql, stagingColumns, stagingTable } from './staging';
import { CLAIMANT_CHECKS, stagingChecks } from './staging-checks';
import { StagingError } from './staging-error';
import { INGESTED_TABLES } from './direct-load-store';
import { assertForeignKeysResolve, lastIds, rangesSince, turnRowTriggersOff } from './foreign-key-check';

export interface StagedFile {
  kind: FileKind;
  name: string;
  sha256: string;
  rowCount: number;
}

export interface KindCount {
  rows: number;
  new: number;
  unchanged: number;
}
export type IngestCounts = Record<FileKind, KindCount>;

export function emptyCounts(): IngestCounts {
  return Object.fromEntries(FILE_KINDS.map((kind) => [kind, { rows: 0, new: 0, unchanged: 0 }])) as IngestCounts;
}

/**
 * One data set on its way in: staged in temporary tables inside one transaction, checked set-wise,
 * then merged — or rolled back whole, so a rejected data set stores nothing.
 */
export class IngestStore {
  private constructor(private readonly session: SqlSession) {}

  static async begin(dataSource: DataSource): Promise<IngestStore> {
    const session = await SqlSession.open(dataSource);
    try {
      await session.begin();
      // Held from the start, not only for the merge: the checks must see the stored data the merge writes
      // beside, not data another ingest is about to commit (a direct load holds it for its whole run).
      await session.query(INGEST_LOCK_SQL);
      await session.query(createStagingSql());
      return new IngestStore(session);
    } catch (error) {
      await session.rollback();
      await session.release();
      throw error;
    }
  }

  /** A COPY sink for one file kind: values in the spec's column order, then source line and validity. */
  stage(kind: FileKind): CopySink {
    return this.session.copyInto(stagingTable(kind), stagingColumns(fileSpecOf(kind)));
  }

  /** Drops what was staged for one file kind, so the file can be staged again from its start. */
  async unstage(kind: FileKind): Promise<void> {
    await this.session.query(`TRUNCATE ${stagingTable(kind)}`);
  }

  /**
   * Every error that joins rows of the staged data set, and of it with what is stored; with a claimant,
   * also every import row that is not that claimant's.
   */
  async findErrors(claimant: string | null = null): Promise<DataError[]> {
    await this.session.query(analyzeStagingSql());
    const errors: StagingError[] = [];
    for (const check of stagingChecks()) errors.push(...(await this.session.query<StagingError>(check)));
    if (claimant !== null) {
      for (const check of CLAIMANT_CHECKS) errors.push(...(await this.session.query<StagingError>(check, [claimant])));
    }
    errors.push(...(await findProductionCycles(this.session, claimant)));
    const found = errors.map((e) => ({ file: e.file, line: Number(e.line), column: e.column_name, message: e.message }));
    return claimant === null ? found : this.withoutOtherClaimantsRows(await this.withoutOtherImportersData(found, claimant), claimant);
  }

  /**
   * Rows of a data set brought for one claimant whose natural key is stored for another claimant (or for none):
   * an export line, a production order (any row of it) or an evidence document. Checked against what is stored,
   * they would tell that claimant the other's values (a stored conflict, an order's date, outputs or inputs), and
   * merged, an order's new rows would change the other's manufacturing records. Each is named once instead, as a
   * key that is taken, and nothing else is said of it.
   */
  private async withoutOtherClaimantsRows(errors: DataError[], claimant: string): Promise<DataError[]> {
    const rows = await this.session.query<{ file: string; line: string; column_name: string; message: string }>(`
      SELECT 'exports.csv' AS file, s.src_line AS line, 'export_id' AS column_name,
             format('export %s line %s cannot be stored for claimant %s: the export id and line number are taken', s.export_id, s.line_number, $1::text) AS message
        FROM stg_exports s
       WHERE EXISTS (SELECT 1 FROM export_line x WHERE x.export_id = s.export_id AND x.line_number = s.line_number AND x.claimant IS DISTINCT FROM $1)
      UNION ALL
      SELECT 'production.csv', s.src_line, 'production_order',
             format('order %s cannot be stored for claimant %s: the order id is taken', s.production_order, $1::text)
        FROM stg_production s
       WHERE EXISTS (SELECT 1 FROM production_order po WHERE po.order_id = s.production_order AND po.claimant IS DISTINCT FROM $1)
      UNION ALL
      SELECT 'evidence.csv', s.src_line, 'document_id',
             format('document %s on %s %s cannot be stored for claimant %s: it is taken', s.document_id, s.subject, s.subject_id, $1::text)
        FROM stg_evidence s
       WHERE EXISTS (SELECT 1 FROM evidence_document d WHERE d.document_id = s.document_id AND d.subject = s.subject
                       AND d.subject_id = s.subject_id AND d.claimant IS DISTINCT FROM $1)`, [claimant]);
    if (rows.length === 0) return errors;
    const taken = rows.map((row): DataError => ({ file: row.file, line: Number(row.line), column: row.column_name, message: row.message }));
    const hidden = new Set(taken.map((e) => `${e.file}:${e.line}`));
    return [...errors.filter((e) => !hidden.has(`${e.file}:${e.line}`)), ...taken];
  }

  /**
   * Rows of a data set brought for one claimant that name an entry stored for another importer: checked
   * against what is stored, they would tell that claimant the other importer's number and values. Each is
   * named once instead, in words that say no more than a stranger may know — a duties or lots row as if the
   * entry were not stored, an entries row as an entry number taken.
   */
  private async withoutOtherImportersData(errors: DataError[], claimant: string): Promise<DataError[]> {
    const rows = await this.session.query<{ file: string; line: string; entry_number: string; in_data_set: boolean }>(`
      SELECT s.file, s.line, s.entry_number, EXISTS (SELECT 1 FROM stg_entries e WHERE e.entry_number = s.entry_number) AS in_data_set
        FROM (SELECT 'entries.csv' AS file, src_line AS line, entry_number FROM stg_entries
              UNION ALL SELECT 'duties.csv', src_line, entry_number FROM stg_duties
              UNION ALL SELECT 'lots.csv', src_line, entry_number FROM stg_lots) s
       WHERE EXISTS (SELECT 1 FROM import_entry ie WHERE ie.entry_number = s.entry_number AND ie.importer_number <> $1)`, [claimant]);
    if (rows.length === 0) return errors;
    const hidden = new Set(rows.map((row) => `${row.file}:${Number(row.line)}`));
    // An entries row of another importer is named by the data set's own words (CLAIMANT_CHECKS): it tells nothing stored.
    const ownWords = (e: DataError) => e.file === 'entries.csv' && e.column === 'importer_number' && e.message.startsWith('importer ');
    const kept = errors.filter((e) => !hidden.has(`${e.file}:${e.line}`) || ownWords(e));
    const namedAlready = new Set(kept.filter(ownWords).map((e) => `${e.file}:${e.line}`));
    const named = rows.filter((row) => !namedAlready.has(`${row.file}:${Number(row.line)}`)).map((row): DataError => ({
      file: row.file, line: Number(row.line), column: 'entry_number',
      message: row.file === 'entries.csv' ? `entry ${row.entry_number} cannot be stored for claimant ${claimant}: the entry number is taken`
        : row.in_data_set ? `entry ${row.entry_number} cannot be stored for claimant ${claimant} (see its entries.csv rows)`
          : `entry ${row.entry_number} is neither in entries.csv nor stored by an earlier ingest`,
    }));
    return [...kept, ...named];
  }

  /** Entry numbers of the data set stored for an importer other than the claimant (see withoutOtherImportersData). */
  async otherImportersEntries(claimant: string): Promise<Set<string>> {
    const rows = await this.session.query<{ entry_number: string }>(`
      SELECT ie.entry_number FROM import_entry ie
       WHERE ie.importer_number <> $1
         AND ie.entry_number IN (SELECT entry_number FROM stg_entries UNION SELECT entry_number FROM stg_duties UNION SELECT entry_number FROM stg_lots)`,
      [claimant]);
    return new Set(rows.map((row) => row.entry_number));
  }

  /** The one importer of the staged entries (and of stored entries the data set refers to), or null. */
  async soleImporter(): Promise<string | null> {
    const rows = await this.session.query<{ importer_number: string }>(`
      SELECT importer_number FROM stg_entries WHERE valid
      UNION SELECT ie.importer_number FROM import_entry ie WHERE ie.entry_number IN (SELECT entry_number FROM stg_duties UNION SELECT entry_number FROM stg_lots)`);
    return rows.length === 1 ? rows[0].importer_number : null;
  }

  /**
   * The Section 232 lines of the staged data set, page by page, for the basis check; `owner` is whose its
   * documents become when stored (a worksheet counts on its owner's lines only).
   */
  s232Lines(owner: string | null): AsyncGenerator<S232LineFacts[]> {
    return stagedS232Lines((sql, parameters) => this.session.query(sql, parameters), owner);
  }

  /** Stores the staged data set, records the run and its files, commits; returns what was new. */
  async merge(source: string, files: readonly StagedFile[], claimant: string | null): Promise<{ runId: string; counts: IngestCounts }> {
    const counts = emptyCounts();
    // Every key the merge writes it found by a join to a row that exists, so, where this role may, the per-row
    // foreign-key triggers stay off (they cost more than the inserts) and every key is checked set-wise below.
    const before = (await turnRowTriggersOff(this.session)) ? await lastIds(this.session, INGESTED_TABLES) : null;
    const [run] = await this.session.query<{ id: string }>(
      `INSERT INTO ingest_run (source, status, claimant) VALUES ($1, 'running', $2) RETURNING id`, [source, claimant]);
    await this.session.query(`CREATE TEMP TABLE touched_entry (entry_id bigint PRIMARY KEY) ON COMMIT DROP`);
    for (const spec of FILE_SPECS) {
      const file = files.find((candidate) => candidate.kind === spec.kind);
      if (!file) continue;
      const sourceFileId = await this.sourceFileId(run.id, file);
      let merged = { new_rows: '0' };
      for (const statement of MERGE_SQL[spec.kind]) {
        const parameters = statement.includes('$2') ? [sourceFileId, claimant] : [sourceFileId];
        [merged] = await this.session.query<{ new_rows: string }>(statement, parameters);
      }
      const fresh = Number.parseInt(merged.new_rows, 10);
      counts[spec.kind] = { rows: file.rowCount, new: fresh, unchanged: file.rowCount - fresh };
    }
    await this.session.query(APPORTION_ENTRY_FEES_SQL);
    if (before) await assertForeignKeysResolve(this.session, await rangesSince(this.session, before), 'staged merge');
    await this.session.query(
      `UPDATE ingest_run SET status = 'accepted', finished_at = now(), counts = $2, loaded_by = 'staged' WHERE id = $1`,
      [run.id, JSON.stringify(counts)]);
    // Not committed while a claim is designated: its reads must see the new lots, receipts and orders in all or none.
    await this.session.query(`SELECT pg_advisory_xact_lock($1)`, [DESIGNATION_LOCK]);
    await this.session.commit();
    return { runId: run.id, counts };
  }

  async abandon(): Promise<void> {
    await this.session.rollback();
  }

  async close(): Promise<void> {
    await this.session.rollback();
    await this.session.release();
  }

  private async sourceFileId(runId: string, file: StagedFile): Promise<string> {
    const [row] = await this.session.query<{ id: string }>(
      `WITH inserted AS (
         INSERT INTO source_file (ingest_run_id, name, sha256, row_count) VALUES ($1, $2, $3, $4)
         ON CONFLICT ON CONSTRAINT source_file_content_uq DO NOTHING RETURNING id)
       SELECT id FROM inserted UNION ALL SELECT id FROM source_file WHERE name = $2 AND sha256 = $3`,
      [runId, file.name, file.sha256, file.rowCount]);
    return row.id;
  }
}

/**
 * A rejected data set stores no data, but the attempt and its errors are kept as the run's record, the
 * claimant's it was brought for (so that claimant's keys can read why).
 */
export async function recordRejectedRun(
  dataSource: DataSource, source: string, errors: readonly DataError[], claimant: string | null = null,
): Promise<string> {
  return dataSource.transaction(async (manager) => {
    const [run] = await manager.query(
      `INSERT INTO ingest_run (source, status, finished_at, error_count, claimant) VALUES ($1, 'rejected', now(), $2, $3) RETURNING id`,
      [source, errors.length, claimant]);
    for (let start = 0; start < errors.length; start += 1000) {
      const batch = errors.slice(start, start + 1000);
      await manager.query(
        `INSERT INTO ingest_error (ingest_run_id, file, line, column_name, message)
         SELECT $1, * FROM unnest($2::text[], $3::int[], $4::text[], $5::text[])`,
        [run.id, batch.map((e) => e.file), batch.map((e) => e.line), batch.map((e) => e.column), batch.map((e) => e.message)]);
    }
    return run.id as string;
  });
}
