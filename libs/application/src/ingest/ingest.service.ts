import { compareDataErrors, DataError, FileKind } from '@drawback/domain';
import { BasisFinding, checkS232Basis } from '@drawback/rules';
import { AuditLog, digestOf, emptyCounts, IngestCounts, IngestStore, recordRejectedRun, StagedFile } from '@drawback/persistence';
import { DataSource } from 'typeorm';
import { resolveDataSetFiles } from './data-set-files';
import { stageFile } from './stage-file';

export type IngestPhase = 'reading' | 'checking' | 'storing';

export interface IngestProgress {
  phase: IngestPhase;
  file?: string;
  bytesRead: number;
  bytesTotal: number;
}

export interface IngestOptions {
  /** Validate only: everything is checked as for an ingest, then rolled back. */
  checkOnly?: boolean;
  /** What the run is recorded as (a folder, an upload id). */
  source?: string;
  /**
   * The claimant the data set is brought for (an API key's claimant): every entry must be that
   * importer's, and exports, production and evidence become that claimant's. Without it they become the
   * sole importer's of the data set, or nobody's when there are several.
   */
  claimant?: string;
  onProgress?: (progress: IngestProgress) => void;
}

export interface IngestReport {
  /** The data set passed every check. */
  accepted: boolean;
  /** It was stored (accepted and not a check). */
  stored: boolean;
  runId: string | null;
  counts: IngestCounts;
  errors: DataError[];
  /** Section 232 basis findings (rules §3.3): reported, never a reason to reject. */
  findings: BasisFinding[];
}

/**
 * Ingests a data set whole or not at all (input-formats.md): every file is streamed into staging and
 * checked, row by row and then set-wise across files and against earlier ingests; any error anywhere
 * rejects the data set and stores nothing; otherwise one set-based merge stores what is new.
 */
export class IngestService {
  constructor(private readonly dataSource: DataSource, private readonly actor = 'system') {}

  async ingest(paths: readonly string[], options: IngestOptions = {}): Promise<IngestReport> {
    const source = options.source ?? paths.join(' ');
    const { files, errors } = await resolveDataSetFiles(paths);
    const findings: BasisFinding[] = [];
    const report = (accepted: boolean, stored: boolean, runId: string | null, counts = emptyCounts()): IngestReport => ({
      accepted, stored, runId, counts, errors: errors.sort(compareDataErrors), findings,
    });
    const bytesTotal = files.reduce((sum, file) => sum + file.size, 0);
    let bytesRead = 0;
    const progress = (phase: IngestPhase, file?: string) => options.onProgress?.({ phase, file, bytesRead, bytesTotal });

    const store = await IngestStore.begin(this.dataSource);
    let merged: Awaited<ReturnType<IngestStore['merge']>>;
    const staged: StagedFile[] = [];
    try {
      for (const file of files) {
        progress('reading', file.spec.fileName);
        const kind = file.spec.kind;
        const result = await stageFile(file, { open: () => store.stage(kind), clear: () => store.unstage(kind) }, (bytes) => {
          bytesRead += bytes;
          progress('reading', file.spec.fileName);
        });
        errors.push(...result.errors);
        staged.push({ kind: kind as FileKind, name: file.spec.fileName, sha256: result.sha256, rowCount: result.rowCount });
      }
      progress('checking');
      errors.push(...(await store.findErrors(options.claimant ?? null)));
      for await (const lines of store.s232Lines()) findings.push(...lines.flatMap(checkS232Basis));
      if (errors.length > 0) {
        await store.abandon();
        if (options.checkOnly) return report(false, false, null);
        const runId = await recordRejectedRun(this.dataSource, source, errors, options.claimant ?? null);
        await new AuditLog(this.dataSource).record({
          actor: this.actor, action: 'ingest.rejected', subject: `ingest_run:${runId}`, detail: { source, errors: errors.length },
        });
        return report(false, false, runId);
      }
      if (options.checkOnly) {
        const counts = emptyCounts();
        for (const file of staged) counts[file.kind].rows = file.rowCount;
        return report(true, false, null, counts);
      }
      progress('storing');
      merged = await store.merge(source, staged, options.claimant ?? (await store.soleImporter()));
    } finally {
      await store.close();
    }
    await new AuditLog(this.dataSource).record({
      actor: this.actor, action: 'ingest.accepted', subject: `ingest_run:${merged.runId}`,
      after: digestOf(staged.map((file) => [file.name, file.sha256])), detail: { source, counts: merged.counts },
    });
    return report(true, true, merged.runId, merged.counts);
  }
}
