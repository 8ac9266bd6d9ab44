import { createHash } from 'node:crypto';
import { parse } from 'csv-parse/sync';
import { loadRecordPackSource, PriorUse, PriorUseKind } from '@drawback/persistence';
import { DataSource } from 'typeorm';
import { EstimateService } from '../claims/estimate.service';
import { GENERATOR, Manifest, PRIOR_USE_HEADER, RecordPackService } from './record-pack.service';
import { readZip, ZipFileReader, ZipFormatError } from './zip-reader';

export interface PackCheck {
  manifest: Manifest | null;
  /** The files the checks read (FILES_READ), as the pack holds them. */
  files: Map<string, Buffer>;
  /** Each problem names the file (or the field) that differs. */
  problems: string[];
}

const MAX_DIFFERENCES = 50;
/** The only files a check reads whole; every other file is only hashed. */
const FILES_READ = ['manifest.json', 'estimate.json', 'rules.json', 'export-lines.csv', 'import-lines.csv', 'prior-use.csv'];

/** A pack's files as the check sees them: the names in zip order, and each name's (last) copy. */
interface PackFiles {
  names: string[];
  sha256(name: string): Promise<string>;
  read(name: string): Promise<Buffer>;
}

/** Re-checks every hash of a record pack held in memory against its manifest (see checkPack). */
export async function checkPackIntegrity(zip: Buffer): Promise<PackCheck> {
  let entries;
  try {
    entries = readZip(zip);
  } catch (error) {
    return unreadable(error);
  }
  const data = new Map(entries.map((entry) => [entry.name, entry.data]));
  return checkPack({
    names: entries.map((entry) => entry.name),
    sha256: async (name) => createHash('sha256').update(data.get(name)!).digest('hex'),
    read: async (name) => data.get(name)!,
  });
}

/**
 * Re-checks every hash of a record pack file against its manifest, reading one file of the pack at a time:
 * a pack is never held whole, so one past the 2 GiB a file can be read into memory verifies too.
 */
export async function checkPackFile(path: string): Promise<PackCheck> {
  let zip: ZipFileReader;
  try {
    zip = await ZipFileReader.open(path);
  } catch (error) {
    return unreadable(error);
  }
  const entries = new Map(zip.entries.map((entry) => [entry.name, entry]));
  return checkPack({
    names: zip.entries.map((entry) => entry.name),
    sha256: async (name) => {
      const hash = createHash('sha256');
      await zip.pipeTo(entries.get(name)!, hash);
      return hash.digest('hex');
    },
    read: (name) => zip.read(entries.get(name)!),
  }).catch(unreadable);
}

function unreadable(error: unknown): PackCheck {
  if (error instanceof ZipFormatError) return { manifest: null, files: new Map(), problems: [`the pack: ${error.message}`] };
  throw error;
}

/** A file changed, missing or unlisted is named; then the manifest is checked against estimate.json. */
async function checkPack(pack: PackFiles): Promise<PackCheck> {
  const present = new Set(pack.names);
  const files = new Map<string, Buffer>();
  for (const name of FILES_READ) if (present.has(name)) files.set(name, await pack.read(name));
  const problems: string[] = duplicateNames(pack.names);
  const manifestData = files.get('manifest.json');
  if (!manifestData) return { manifest: null, files, problems: ['manifest.json: missing from the pack'] };
  let manifest: Manifest;
  try {
    manifest = JSON.parse(manifestData.toString('utf8'));
  } catch {
    return { manifest: null, files, problems: ['manifest.json: not valid JSON (changed?)'] };
  }
  for (const [name, expected] of Object.entries(manifest.files ?? {})) {
    if (!present.has(name)) problems.push(`${name}: listed in the manifest but missing from the pack`);
    else {
      const actual = await pack.sha256(name);
      if (actual !== expected) problems.push(`${name}: its sha256 is ${actual}, manifest.json says ${expected} — the file or the manifest was changed`);
    }
  }
  for (const name of present) {
    if (name !== 'manifest.json' && !(name in (manifest.files ?? {}))) problems.push(`${name}: in the pack but not listed in the manifest`);
  }
  if (problems.length === 0) problems.push(...manifestAgainstEstimate(manifest, files));
  return { manifest, files, problems };
}

/**
 * A name the zip holds more than once: the check reads one copy, an unzip tool may extract the other, so
 * the hashes would vouch for a file the reader never sees (spec §7: the manifest holds the sha256 of every
 * other file — one file per name).
 */
function duplicateNames(names: string[]): string[] {
  const repeated = [...new Set(names.filter((name, index) => names.indexOf(name) !== index))].sort();
  return repeated.map((name) => `${name}: in the pack more than once — an unzip tool may show a copy the hashes do not vouch for`);
}

/**
 * The manifest repeats what estimate.json (and rules.json) say of the claim — its id, provision, claimant
 * and as-of date, the rules version and the unverified rules, the policy: a manifest edited alone is named
 * field by field.
 */
function manifestAgainstEstimate(manifest: Manifest, files: Map<string, Buffer>): string[] {
  const estimate = parseJson(files.get('estimate.json')) as { claim?: unknown; rules?: unknown; policy?: unknown } | null;
  if (!estimate) return ['estimate.json: missing from the pack or not valid JSON'];
  const differences = [
    ...jsonDifferences(estimate.claim, manifest.claim, 'claim'),
    ...jsonDifferences(estimate.rules, manifest.rules, 'rules'),
    ...jsonDifferences(estimate.policy, manifest.policy, 'policy'),
    ...jsonDifferences((estimate.claim as { asOf?: unknown } | undefined)?.asOf, manifest.asOf, 'asOf'),
  ].map((d) => `manifest.json ${d.replace(': pack ', ': estimate.json says ').replace(', now ', ', the manifest ')}`);
  const rules = parseJson(files.get('rules.json')) as { version?: unknown } | null;
  if (rules && rules.version !== manifest.rules?.version) {
    differences.push(`manifest.json rules.version: rules.json is version ${JSON.stringify(rules.version)}, the manifest ${JSON.stringify(manifest.rules?.version)}`);
  }
  return differences;
}

function parseJson(data: Buffer | undefined): unknown {
  if (!data) return null;
  try {
    return JSON.parse(data.toString('utf8'));
  } catch {
    return null;
  }
}

/** The claim's export lines as the pack lists them (export-lines.csv): `EXPORT/LINE`. */
export function packExportLines(check: PackCheck): string[] {
  const text = check.files.get('export-lines.csv')?.toString('utf8') ?? '';
  const records = parse(text, { columns: true, bom: true }) as Array<{ export_id: string; line_number: string }>;
  return records.map((record) => `${record.export_id}/${record.line_number}`);
}

/**
 * The import lines of the claim that earlier claims had designated from (import-lines.csv's prior-use ledger,
 * rules §5), as `ENTRY/LINE`: a claim made on a fresh database from the data alone finds them unused.
 */
export function packLinesUsedEarlier(check: PackCheck): string[] {
  const text = check.files.get('import-lines.csv')?.toString('utf8') ?? '';
  const records = parse(text, { columns: true, bom: true }) as Array<{ entry_number: string; line_number: string; designated_by_earlier_claims?: string }>;
  return records.filter((record) => /[1-9]/.test(record.designated_by_earlier_claims ?? '')).map((record) => `${record.entry_number}/${record.line_number}`);
}

const PRIOR_USE_KINDS: readonly PriorUseKind[] = ['import_line', 'receipt', 'order_output'];

/**
 * What claims made before the pack's claim had taken of what it could designate from (prior-use.csv), to be
 * replayed on a database made from the data alone; null for a pack made before packs carried it. A row that
 * is not one a pack writes is a problem of the pack.
 */
export function packPriorUse(check: PackCheck): { uses: PriorUse[]; problems: string[] } | null {
  const data = check.files.get('prior-use.csv');
  if (!data) return null;
  const records = parse(data.toString('utf8'), { bom: true, relax_column_count: true }) as string[][];
  const [header, ...rows] = records;
  // Packs before generator 0.6.0 wrote no quantity_exact: their prior use is replayed as its decimals.
  const columns = [PRIOR_USE_HEADER, PRIOR_USE_HEADER.slice(0, -1)].find((known) => header?.join(',') === known.join(','));
  if (!columns) return { uses: [], problems: [`prior-use.csv: its header is not ${PRIOR_USE_HEADER.join(',')}`] };
  const uses: PriorUse[] = [];
  const problems: string[] = [];
  rows.forEach((row, index) => {
    const [kind, entryNumber, lineNumber, lotId, heatNumber, orderId, quantity, quantityExact = null] = row.map((field) => (field === '' ? null : field));
    const line = lineNumber === null ? null : Number(lineNumber);
    const keyed = kind === 'order_output' ? orderId !== null : entryNumber !== null && line !== null && Number.isInteger(line) && (kind !== 'receipt' || lotId !== null);
    if (row.length !== columns.length || !PRIOR_USE_KINDS.includes(kind as PriorUseKind) || !keyed || !/^[0-9]+(\.[0-9]+)?$/.test(quantity ?? '')
      || (quantityExact !== null && !/^[0-9]+\/[1-9][0-9]*$/.test(quantityExact))) {
      problems.push(`prior-use.csv:${index + 2}: not a prior use (${row.join(',')})`);
      return;
    }
    uses.push({ kind: kind as PriorUseKind, entryNumber, lineNumber: line, lotId, heatNumber, orderId, quantity: quantity!, quantityExact });
  });
  return { uses, problems };
}

/** A prior use as a person reads it: `import line E/L`, `receipt E/L lot L heat H`, `order output O`. */
export function describePriorUse(use: PriorUse): string {
  if (use.kind === 'order_output') return `order output ${use.orderId}`;
  const line = `${use.entryNumber}/${use.lineNumber}`;
  return use.kind === 'import_line' ? `import line ${line}` : `receipt ${line} lot ${use.lotId}${use.heatNumber === null ? '' : ` heat ${use.heatNumber}`}`;
}

/** The rule data the pack's claim was decided by (rules.json), or null for a pack made before packs carried it. */
export function packRuleData(check: PackCheck): unknown | null {
  return parseJson(check.files.get('rules.json'));
}

/** Paths at which two JSON values differ, e.g. `totals.refund: pack 59400.00, now 59300.00`. */
export function jsonDifferences(pack: unknown, now: unknown, path = ''): string[] {
  if (JSON.stringify(pack) === JSON.stringify(now)) return [];
  const bothObjects = typeof pack === 'object' && pack !== null && typeof now === 'object' && now !== null;
  if (!bothObjects || Array.isArray(pack) !== Array.isArray(now)) {
    return [`${path || '(root)'}: pack ${JSON.stringify(pack)}, now ${JSON.stringify(now)}`];
  }
  const keys = [...new Set([...Object.keys(pack as object), ...Object.keys(now as object)])];
  const differences: string[] = [];
  for (const key of keys) {
    const child = Array.isArray(pack) ? `${path}[${key}]` : path ? `${path}.${key}` : key;
    differences.push(...jsonDifferences((pack as Record<string, unknown>)[key], (now as Record<string, unknown>)[key], child));
    if (differences.length >= MAX_DIFFERENCES) break;
  }
  return differences.slice(0, MAX_DIFFERENCES);
}

/** What verifying a pack against a database found: problems (exit 1), and notes on what could not be compared. */
export interface PackVerification {
  problems: string[];
  notes: string[];
}

/**
 * Against the database: recomputes the claim's estimate and compares it with the pack's, compares the source
 * files the claim uses now with those the manifest recorded, then makes the pack again and compares it file
 * by file — the pack is byte for byte reproducible (§7), so a manifest field edited alone (its generator, a
 * file's sha256) or a file that the data now gives otherwise is named. A pack made by another version of
 * drawback is compared by its estimate alone, and a note says so. `replayed`: the prior use given to a database
 * made from the data alone (replayPriorUse), which the pack made again counts as taken by earlier claims.
 */
export async function verifyAgainstDatabase(dataSource: DataSource, check: PackCheck, replayed: readonly PriorUse[] = []): Promise<PackVerification> {
  if (!check.manifest) return { problems: [], notes: [] };
  const claimId = check.manifest.claim.id;
  const recomputed = await new EstimateService(dataSource).compute(claimId);
  const packed = JSON.parse(check.files.get('estimate.json')?.toString('utf8') ?? 'null');
  const problems = jsonDifferences(packed, JSON.parse(JSON.stringify(recomputed))).map((d) => `estimate.json ${d}`);
  const generator = check.manifest.generator;
  const { sources } = await loadRecordPackSource(dataSource, claimId, { unmatchedProduction: !madeBefore(generator, '0.6.0') });
  problems.push(...sourceDifferences(check.manifest.sources ?? [], sources));
  if (generator?.name !== GENERATOR.name || generator?.version !== GENERATOR.version) {
    return { problems, notes: [`manifest.json generator: the pack says it was made by ${JSON.stringify(generator)}, this is `
      + `${JSON.stringify(GENERATOR)}: only its estimate and sources were compared, not its other files byte for byte`] };
  }
  problems.push(...packDifferences(check.manifest, await new RecordPackService(dataSource).manifestMadeAgain(claimId, replayed)));
  return { problems, notes: [] };
}

/** Whether a pack was made by drawback before `version` (numeric major.minor.patch); a pack of another generator was not. */
function madeBefore(generator: Manifest['generator'] | undefined, version: string): boolean {
  if (generator?.name !== GENERATOR.name || typeof generator.version !== 'string') return false;
  const parts = (text: string) => text.split('.').map(Number);
  const [made, limit] = [parts(generator.version), parts(version)];
  for (let index = 0; index < limit.length; index += 1) {
    if ((made[index] ?? 0) !== limit[index]) return (made[index] ?? 0) < limit[index];
  }
  return false;
}

/**
 * The files of a pack against those of the same pack made again, by their sha256 (the hash check has shown
 * the pack's files are those its manifest lists), and the manifest's own fields. estimate.json is compared
 * field by field, and the sources against the database, before.
 */
function packDifferences(packed: Manifest, again: Manifest): string[] {
  const names = [...new Set([...Object.keys(packed.files ?? {}), ...Object.keys(again.files)])].filter((name) => name !== 'estimate.json').sort();
  const files = names.filter((name) => packed.files?.[name] !== again.files[name]).map((name) => {
    if (!(name in again.files)) return `${name}: in the pack, not in the pack made again`;
    if (!(name in (packed.files ?? {}))) return `${name}: missing from the pack, in the pack made again`;
    return `${name}: differs from the same file made again (sha256 ${again.files[name]})`;
  });
  const { files: _packedFiles, sources: _packedSources, ...packedFields } = packed;
  const { files: _files, sources: _sources, ...fieldsAgain } = again;
  return [...files, ...jsonDifferences(packedFields, fieldsAgain).map((d) => `manifest.json ${d}`)];
}

/** Source files by name: one the claim used then and not now, or now and not then, or whose content changed. */
function sourceDifferences(packed: Manifest['sources'], now: Manifest['sources']): string[] {
  const key = (source: Manifest['sources'][number]) => `${source.name} ${source.sha256}`;
  const nowKeys = new Set(now.map(key));
  const packedKeys = new Set(packed.map(key));
  return [
    ...packed.filter((source) => !nowKeys.has(key(source)))
      .map((source) => `manifest.json sources: ${source.name} (sha256 ${source.sha256}) is not among the source files the claim uses now`),
    ...now.filter((source) => !packedKeys.has(key(source)))
      .map((source) => `manifest.json sources: ${source.name} (sha256 ${source.sha256}) is used now and not listed in the pack`),
  ];
}
