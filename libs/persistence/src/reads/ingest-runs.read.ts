import { DataError } from '@drawback/domain';
import { DataSource } from 'typeorm';
import { ClaimantScope, inScope, scopeParam } from './claimant-scope';
import { isoOrNull } from './page';

export interface IngestRunView {
  id: string;
  source: string;
  status: 'running' | 'accepted' | 'rejected';
  startedAt: string;
  finishedAt: string | null;
  counts: Record<string, unknown> | null;
  /** Which path stored an accepted data set (README, Layout: the direct load or the staged ingest); null otherwise. */
  loadedBy: 'direct' | 'staged' | null;
  errorCount: number;
  /** The first `ERRORS_SHOWN` errors in reading order; `errorCount` says how many there are. */
  errors: DataError[];
}

export const ERRORS_SHOWN = 1000;

/** Ingest runs: what was stored (counts) or why the data set was rejected (errors). */
export class IngestRunsRead {
  constructor(private readonly dataSource: DataSource) {}

  /** One run; null when it is unknown or not the scope's claimant's. */
  async find(id: string, scope: ClaimantScope = null): Promise<IngestRunView | null> {
    // Run ids are bigserial; anything else cannot name a run.
    if (!/^[1-9][0-9]{0,17}$/.test(id)) return null;
    const [run] = await this.dataSource.query<(Omit<IngestRunView, 'errors' | 'startedAt' | 'finishedAt'> & {
      startedAt: Date; finishedAt: Date | null;
    })[]>(
      `SELECT id, source, status, started_at AS "startedAt", finished_at AS "finishedAt", counts, loaded_by AS "loadedBy",
              error_count AS "errorCount"
         FROM ingest_run WHERE id = $1 AND ${inScope('claimant', 2)}`, [id, scopeParam(scope)]);
    if (!run) return null;
    const errors = await this.dataSource.query<DataError[]>(
      `SELECT file, line, column_name AS column, message FROM ingest_error
        WHERE ingest_run_id = $1 ORDER BY file, line, column_name, message LIMIT $2`, [id, ERRORS_SHOWN]);
    return { ...run, startedAt: isoOrNull(run.startedAt) as string, finishedAt: isoOrNull(run.finishedAt), errors };
  }

  /**
   * The accepted run of a source (an upload's `upload <id>`), if one was committed: a retried ingest job finds the
   * run its earlier attempt made. The latest, should a source have been stored twice.
   */
  async acceptedRunOf(source: string): Promise<{ runId: string; counts: Record<string, unknown>; loadedBy: 'direct' | 'staged' | null } | null> {
    const [run] = await this.dataSource.query(
      `SELECT id::text AS "runId", counts, loaded_by AS "loadedBy" FROM ingest_run
        WHERE source = $1 AND status = 'accepted' ORDER BY id DESC LIMIT 1`, [source]);
    return run ?? null;
  }
}
