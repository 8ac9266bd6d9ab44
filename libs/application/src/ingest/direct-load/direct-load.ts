import { createReadStream } from 'node:fs';
import { BasisFinding, checkS232Basis } from '@drawback/rules';
import { DirectLoadStore, emptyCounts, IngestCounts, NotDirectlyLoadable, StagedFile } from '@drawback/persistence';
import { DataSource } from 'typeorm';
import { DataSetFile } from '../data-set-files';
import { readDataFile } from '../stage-file';
import { FILE_LOADERS } from './file-loaders';
import { LoadedKeys } from './loaded-keys';
import { StreamedBasisCheck } from './streamed-basis-check';

export interface DirectLoadOptions {
  source: string;
  claimant: string | null;
  checkOnly: boolean;
  onBytes(bytes: number, file: string): void;
  onPhase(phase: 'checking' | 'storing'): void;
}

export interface DirectLoadResult {
  runId: string | null;
  counts: IngestCounts;
  findings: BasisFinding[];
  files: StagedFile[];
}

const byEntryAndLine = (a: BasisFinding, b: BasisFinding) =>
  (a.entryNumber < b.entryNumber ? -1 : a.entryNumber > b.entryNumber ? 1 : a.lineNumber - b.lineNumber);

/** The basis check of every stored Section 232 line of the load, read back page by page. */
async function storedLinesFindings(store: DirectLoadStore): Promise<BasisFinding[]> {
  const findings: BasisFinding[] = [];
  for await (const lines of store.s232Lines()) findings.push(...lines.flatMap(checkS232Basis));
  return findings;
}

/** Line breaks in a file, plus one: no file holds more rows (the ids a direct load reserves for it). */
async function maxRows(path: string): Promise<number> {
  let breaks = 0;
  for await (const chunk of createReadStream(path) as AsyncIterable<Buffer>) {
    for (let i = chunk.indexOf(10); i >= 0; i = chunk.indexOf(10, i + 1)) breaks += 1;
  }
  return breaks + 1;
}

/**
 * Loads a wholly new, valid data set straight into the data tables (DirectLoadStore): the bulk path of
 * an ingest. Returns null — having stored nothing — when the data set is not that (a row with an error,
 * a row already stored, a reference to an earlier ingest, a rule across rows broken) or the database
 * role may not load directly; the staged ingest then takes the data set and names what is wrong.
 */
export async function loadDirect(dataSource: DataSource, files: readonly DataSetFile[], options: DirectLoadOptions): Promise<DirectLoadResult | null> {
  const store = await DirectLoadStore.begin(dataSource, options.source, options.claimant);
  if (!store) return null;
  try {
    let keys: LoadedKeys | null = new LoadedKeys(options.claimant);
    const basis = new StreamedBasisCheck();
    const loaded: StagedFile[] = [];
    for (const file of files) {
      const name = file.spec.fileName;
      const sourceFileId = await store.reserveIds('source_file', 1);
      const loader = await FILE_LOADERS[file.spec.kind]({ store, keys, basis, sourceFileId, maxRows: await maxRows(file.path) });
      const { result, unreadable } = await store.guarded(() => readDataFile(file, loader.rows, (bytes) => options.onBytes(bytes, name), 'quick'));
      if (unreadable || result.errors.length > 0) throw new NotDirectlyLoadable(`${name} has errors`);
      await loader.finish();
      const staged: StagedFile = { kind: file.spec.kind, name, sha256: result.sha256, rowCount: result.rowCount };
      await store.addSourceFile(sourceFileId, staged);
      loaded.push(staged);
    }
    // What the rest needs of the keys; the keys themselves (a million lines' worth) can go.
    const feeEntryIds = [...keys.feeEntryIds];
    const owner = keys.dataOwner();
    keys = null;
    options.onPhase('checking');
    await store.checkLoaded(loaded.some((file) => file.kind === 'production'));
    const findings = basis.findingsGiven(await store.contentValueWorksheets()) ?? await storedLinesFindings(store);
    // As the staged ingest reports them: by entry and line (a stable sort keeps each line's own order).
    findings.sort(byEntryAndLine);
    const counts = emptyCounts();
    for (const file of loaded) counts[file.kind] = options.checkOnly ? { rows: file.rowCount, new: 0, unchanged: 0 } : { rows: file.rowCount, new: file.rowCount, unchanged: 0 };
    // A check stores nothing: its progress never says it is storing.
    if (!options.checkOnly) options.onPhase('storing');
    await store.finish(feeEntryIds, counts, owner, !options.checkOnly);
    return { runId: options.checkOnly ? null : store.runId, counts, findings, files: loaded };
  } catch (error) {
    if (error instanceof NotDirectlyLoadable) return null;
    throw error;
  } finally {
    await store.close();
  }
}
