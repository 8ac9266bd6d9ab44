import { compareDataErrors, DataError, FileKind } from '@drawback/domain';
import { BasisFinding, checkS232Basis } from '@drawback/rules';
import { AuditLog, digestOf, emptyCounts, IngestCounts, IngestStore, recordRejectedRun, StagedFile } from '@drawback/persistence';
import { DataSource } from 'typeorm';
import { DataSetFile, resolveDataSetFiles } from './data-set-files';
import { loadDirect } from './direct-load/direct-load';
import { stageFile } from './stage-file';

export type IngestPhase = 'reading' | 'checking' | 'storing';

export interface IngestProgress {
  phase: IngestPhase;
  file?: string;
  /** Bytes read so far; never goes back. */
  bytesRead: number;
  /** Bytes to read in all: the data set's size, grown by what a second reading needs when the direct load gives way. */
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
  /**
   * `auto` (the default) tries the direct load first and falls back to the staged ingest; `staged` goes
   * straight to the staged ingest (both store the same rows; the staged one also names errors).
   */
  loader?: IngestLoader;
  onProgress?: (progress: IngestProgress) => void;
}

/** How an accepted data set was stored: loaded directly (bulk path) or staged and merged. */
export type IngestLoader = 'auto' | 'staged';

export interface IngestReport {
  /** The data set passed every check. */
  accepted: boolean;
  /** It was stored (accepted and not a check). */
  stored: boolean;
  runId: string | null;
  /** Which path took the data set: `direct` (bulk load of a wholly new, valid data set) or `staged`. */
  loadedBy: 'direct' | 'staged';
  counts: IngestCounts;
  errors: DataError[];
  /** Section 232 basis findings (rules §3.3): reported, never a reason to reject. */
  findings: BasisFinding[];
}

/**
 * Ingests a data set whole or not at all (input-formats.md). A data set that is wholly new and valid is
 * loaded directly (loadDirect: COPY into the data tables, the rules across rows checked as it goes);
 * any other — or one the database role may not load directly — is staged: every file is streamed into
 * staging and checked, row by row and then set-wise across files and against earlier ingests; any error
 * anywhere rejects the data set, names every error and stores nothing; otherwise one set-based merge
 * stores what is new.
 */
export class IngestService {
  constructor(private readonly dataSource: DataSource, private readonly actor = 'system') {}

  async ingest(paths: readonly string[], options: IngestOptions = {}): Promise<IngestReport> {
    const source = options.source ?? paths.join(' ');
    const { files, errors } = await resolveDataSetFiles(paths);
    const findings: BasisFinding[] = [];
    const report = (accepted: boolean, stored: boolean, runId: string | null, counts = emptyCounts()): IngestReport => ({
      accepted, stored, runId, loadedBy: 'staged', counts, errors: errors.sort(compareDataErrors), findings,
    });
    const dataSetBytes = files.reduce((sum, file) => sum + file.size, 0);
    let bytesTotal = dataSetBytes;
    let bytesRead = 0;
    const progress = (phase: IngestPhase, file?: string) => options.onProgress?.({ phase, file, bytesRead, bytesTotal });

    if (errors.length === 0 && (options.loader ?? 'auto') === 'auto') {
      const direct = await this.loadDirectly(files, source, options, (phase, file, bytes) => {
        bytesRead += bytes;
        progress(phase, file);
      });
      if (direct) return direct;
      // The staged ingest reads the data set again: the work to do grows, what was read stays read.
      bytesTotal = bytesRead + dataSetBytes;
    }

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
      const owner = options.claimant ?? (await store.soleImporter());
      for await (const lines of store.s232Lines(owner)) findings.push(...lines.flatMap(checkS232Basis));
      if (options.claimant) {
        // Another importer's stored lines are not the claimant's to see, not even as findings.
        const others = await store.otherImportersEntries(options.claimant);
        if (others.size > 0) findings.splice(0, findings.length, ...findings.filter((finding) => !others.has(finding.entryNumber)));
      }
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

  private async loadDirectly(
    files: readonly DataSetFile[], source: string, options: IngestOptions, progress: (phase: IngestPhase, file: string | undefined, bytes: number) => void,
  ): Promise<IngestReport | null> {
    const loaded = await loadDirect(this.dataSource, files, {
      source,
      claimant: options.claimant ?? null,
      checkOnly: options.checkOnly === true,
      onBytes: (bytes, file) => progress('reading', file, bytes),
      onPhase: (phase) => progress(phase, undefined, 0),
    });
    if (!loaded) return null;
    const stored = options.checkOnly !== true;
    if (stored) {
      await new AuditLog(this.dataSource).record({
        actor: this.actor, action: 'ingest.accepted', subject: `ingest_run:${loaded.runId}`,
        after: digestOf(loaded.files.map((file) => [file.name, file.sha256])), detail: { source, counts: loaded.counts },
      });
    }
    return { accepted: true, stored, runId: loaded.runId, loadedBy: 'direct', counts: loaded.counts, errors: [], findings: loaded.findings };
  }
}
