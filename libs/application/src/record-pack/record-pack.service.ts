import { readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { compareEstimateLines, Designation, EstimateDocument, EstimateLine, formatHts } from '@drawback/domain';
import {
  AuditLog, ClaimStore, comparePriorUse, EstimateSource, loadEstimateSource, loadPriorUse, loadRecordPackSource, PriorUse, RecordPackSource,
  ruleVersionDocument, StoredClaim,
} from '@drawback/persistence';
import { BucketFacts, evidenceChecklist, needsWorksheetAnswer, PolicySettings } from '@drawback/rules';
import { DataSource } from 'typeorm';
import { ClaimNotFoundError, EstimateService } from '../claims/estimate.service';
import { counted, NO_PHASES, PhaseListener } from '../progress';
import { evidenceDocumentsTable, exportLinesTable, importLinesTable, productionOrdersTable, s232LineFactsOf } from './claim-file';
import { groupBy } from './group-by';
import { csvText, mapRows } from './csv';
import { prettyJsonText } from './json-text';
import { PackFileWriter } from './pack-file-writer';
import { summaryHtmlText } from './summary-html';
import { traceGraph } from './trace-graph';
import { packWorkFolder } from './work-folder';
import { byName, writeZipFile } from './zip';

/**
 * What made a pack (manifest.json generator): its version changes when what a pack holds changes (0.2.0: packs carry
 * prior-use.csv; 0.3.0: production-orders.csv, evidence-documents.csv, the Section 232 worksheet and basis findings in
 * import-lines.csv, every export line with what was left unmatched in trace.json, and each duty bucket's trace in
 * duty-buckets.csv; 0.4.0: `quantity_exact` in designations.csv and duty-buckets.csv, the exact fraction a quantity
 * traced through manufacturing was rounded from, which its amounts are computed from; 0.5.0: each duty line's rule and
 * citation in summary.html; 0.6.0: manifest.json's sources also name the production records that left an export
 * MANUFACTURED_NOT_UNUSED, and prior-use.csv gives `quantity_exact`, the exact sum of takes traced through manufacturing), and a pack of another version is verified by its estimate and sources alone.
 */
export const GENERATOR = { name: 'drawback', version: '0.6.0' };

/** A record pack written: its manifest, and the zip's sha256 and size. */
export interface WrittenPack {
  manifest: Manifest;
  sha256: string;
  bytes: number;
}

/** ITIN (unique import tracing identification number, 19 CFR 190.51): `ENTRY-LINE-LOT`. */
export const itinOf = (entryNumber: string, lineNumber: number, lotId: string | null) =>
  [entryNumber, lineNumber, ...(lotId ? [lotId] : [])].join('-');

/**
 * The record pack of a claim (matching-and-estimates.md §7): a zip, byte for byte reproducible from the
 * same data, rules, policy and as-of date, of the estimate, the designations with their ITINs and traces,
 * every duty bucket with its rule and citation, the trace graph, the evidence checklist, the claim file's
 * import and export lines (rules §5), the rule data the claim was decided by, a readable summary, and a
 * manifest with the sha256 of every file and of every source file the claim used.
 */
/** Whether a line needs a worksheet does not depend on whether one was filed. */
const NO_WORKSHEETS: ReadonlySet<string> = new Set();

export class RecordPackService {
  /**
   * `job`: the job this pack is written for, if any. Its audit event is then recorded once for the job,
   * however many times the job is delivered (interfaces.md, Jobs: results written idempotently).
   */
  constructor(private readonly dataSource: DataSource, private readonly actor = 'system', private readonly job: string | null = null) {}

  /** The pack in memory, for a small claim (tests, a pack to hand on at once); `writeTo` holds none of it. */
  async build(claimId: string): Promise<{ zip: Buffer; manifest: Manifest }> {
    const folder = await packWorkFolder();
    try {
      const { manifest } = await this.writeTo(claimId, join(folder, 'pack.zip'));
      return { zip: await readFile(join(folder, 'pack.zip')), manifest };
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  }

  /**
   * Writes the pack to `target`: each file is written to a working folder as it is made, then the zip is
   * streamed from them, so memory holds the claim's data but never the pack's text.
   */
  async writeTo(claimId: string, target: string, onPhase: PhaseListener = NO_PHASES): Promise<WrittenPack> {
    const folder = await packWorkFolder();
    try {
      return await this.writePack(claimId, target, new PackFileWriter(folder, onPhase), onPhase);
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  }

  /**
   * The manifest of the claim's pack made again now, the pack itself thrown away and not recorded as built:
   * what `drawback verify` compares a pack with, file by file. `replayed`: the prior use a database made from
   * the data alone was given (replayPriorUse), counted as taken by claims made before this one.
   */
  async manifestMadeAgain(claimId: string, replayed: readonly PriorUse[] = []): Promise<Manifest> {
    const folder = await packWorkFolder();
    try {
      return await this.writeFiles(claimId, new PackFileWriter(folder, NO_PHASES), NO_PHASES, replayed);
    } finally {
      await rm(folder, { recursive: true, force: true });
    }
  }

  /**
   * The claim's designations and what the pack shows of them, read in one snapshot (REPEATABLE READ): a claim
   * deleted, or a data set stored, while they are read must not give a pack of part of it (§7). A claim deleted
   * (or deleted and made again) since it was read is not found.
   */
  private async readClaim(claim: StoredClaim): Promise<{ source: EstimateSource; pack: RecordPackSource; priorUse: PriorUse[] }> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.startTransaction('REPEATABLE READ');
      const [same] = await runner.manager.query(`SELECT 1 FROM claim WHERE id = $1 AND created_at::text = $2`, [claim.id, claim.createdAt]);
      if (!same) throw new ClaimNotFoundError(`no claim ${claim.id}`);
      return {
        source: await loadEstimateSource(runner.manager, claim.id), pack: await loadRecordPackSource(runner.manager, claim.id),
        priorUse: await loadPriorUse(runner.manager, claim.id),
      };
    } finally {
      if (runner.isTransactionActive) await runner.rollbackTransaction();
      await runner.release();
    }
  }

  private async writePack(claimId: string, target: string, writer: PackFileWriter, onPhase: PhaseListener): Promise<WrittenPack> {
    const manifest = await this.writeFiles(claimId, writer, onPhase);
    onPhase('writing the zip');
    const zip = await writeZipFile(writer.written, target);
    const event = { actor: this.actor, action: 'record-pack.built', subject: `claim:${claimId}`, after: zip.sha256 };
    const audit = new AuditLog(this.dataSource);
    await (this.job ? audit.recordOnceForJob(this.job, event) : audit.record(event));
    return { manifest, ...zip };
  }

  /** Each file of the claim's pack, the manifest last, into the writer's folder; the manifest. */
  private async writeFiles(claimId: string, writer: PackFileWriter, onPhase: PhaseListener, replayed: readonly PriorUse[] = []): Promise<Manifest> {
    const claim = await new ClaimStore(this.dataSource).get(claimId);
    if (!claim) throw new ClaimNotFoundError(`no claim ${claimId}`);
    onPhase('reading the claim');
    const estimates = new EstimateService(this.dataSource);
    const rules = await estimates.rulesOf(claim.ruleVersion);
    const ruleDocument = await ruleVersionDocument(this.dataSource.query.bind(this.dataSource), claim.ruleVersion);
    const { source, pack, priorUse: stored } = await this.readClaim(claim);
    const priorUse = [...stored, ...replayed].sort(comparePriorUse);
    onPhase(`deciding the duty buckets of ${counted(source.designations.length, 'designation')}`);
    const estimate = estimates.computeFrom(claim, source, rules);
    const importLines = new Map(source.importLines.map((line) => [line.entryLineId, line]));
    const citations = new Map(rules.rules.map((rule) => [rule.id, rule.citation]));
    const citationOf = (ruleId: string) => citations.get(ruleId) ?? (ruleId === 'NO-RULE' ? 'no rule covers this bucket' : null);

    const designationRows = source.designations.map((d) => {
      const line = importLines.get(d.entryLineId)!;
      return {
        itin: itinOf(line.entryNumber, line.lineNumber, d.lotId), exportLine: `${d.exportId}/${d.exportLine}`, method: d.method,
        aceCode: d.aceCode, quantity: d.quantity, trace: d.trace.join(' > '), entry: line, designation: d,
      };
    });
    const details = new Map(pack.lines.map((line) => [line.entryLineId, line]));
    const designationsOf = groupBy(source.designations, (d) => d.entryLineId);
    const checklist = evidenceChecklist({
      importLines: source.importLines.map((line) => {
        const mine = designationsOf.get(line.entryLineId) ?? [];
        const detail = details.get(line.entryLineId);
        return {
          entryNumber: line.entryNumber, lineNumber: line.lineNumber,
          lots: [...new Set(mine.map((d) => d.lotId).filter((lot): lot is string => lot !== null))],
          heats: [...new Set(mine.map((d) => d.heatNumber).filter((heat): heat is string => heat !== null))],
          lotsWithoutHeat: [...new Set(mine.filter((d) => d.heatNumber === null).map((d) => d.lotId).filter((lot): lot is string => lot !== null))],
          s232: (detail?.s232 ?? []).map((b): BucketFacts => ({
            program: 's232', heading: b.heading, metal: b.metal as BucketFacts['metal'], s232Annex: b.annex, amount: '1',
            line: line.lineFacts, entry: line.entry,
          })),
          needsContentWorksheet: detail !== undefined && needsWorksheetAnswer(s232LineFactsOf(line, detail, NO_WORKSHEETS)),
        };
      }),
      orders: pack.orders,
      exportLines: source.exportLines.map((x) => `${x.exportId}/${x.lineNumber}`).sort(),
      documents: pack.evidence,
      data: rules,
      claim: { provision: claim.provision, method: null, export: null, asOf: claim.asOf, policy: claim.policy as PolicySettings },
    });

    const claimFile = {
      importLines: importLinesTable(source.importLines, details, designationsOf, estimate, priorUse, pack.evidence),
      exportLines: exportLinesTable(source.exportLines),
      productionOrders: productionOrdersTable(pack.production),
      evidenceDocuments: evidenceDocumentsTable(pack.evidence),
    };
    await writer.write('estimate.json', prettyJsonText(estimate));
    await writer.write('designations.csv', csvText(
      ['itin', 'export_line', 'entry_number', 'entry_line', 'lot_id', 'heat_number', 'method', 'ace_accounting_code', 'quantity', 'quantity_exact', 'uom', 'trace'],
      mapRows(designationRows, (r) => [r.itin, r.exportLine, r.entry.entryNumber, r.entry.lineNumber, r.designation.lotId, r.designation.heatNumber,
        r.method, r.aceCode, r.quantity, r.designation.exactQuantity ?? null, details.get(r.designation.entryLineId)?.uom ?? null, r.trace])));
    await writer.write('duty-buckets.csv', dutyBucketsCsv(estimate, citationOf, designationOfLines(estimate, source.designations, importLines)));
    await writer.write('import-lines.csv', csvText(claimFile.importLines.header, claimFile.importLines.rows));
    await writer.write('export-lines.csv', csvText(claimFile.exportLines.header, claimFile.exportLines.rows));
    // What claims made before this one had taken of what it could designate from: the claim is made again from the data with it.
    await writer.write('prior-use.csv', csvText(PRIOR_USE_HEADER,
      mapRows(priorUse, (use) => [use.kind, use.entryNumber, use.lineNumber, use.lotId, use.heatNumber, use.orderId, use.quantity, use.quantityExact])));
    await writer.write('trace.json', prettyJsonText(traceGraph(source.designations, source.exportLines, estimate.unmatched)));
    await writer.write('evidence-checklist.csv', csvText(['subject', 'requirement', 'status', 'documents'],
      mapRows(checklist, (row) => [row.subject, row.requirement, row.status, row.documents.join(' ')])));
    // Where each document the checklist names is kept, and its digest: the checklist's ids alone find no document (rules §5).
    await writer.write('evidence-documents.csv', csvText(claimFile.evidenceDocuments.header, claimFile.evidenceDocuments.rows));
    // The manufacturing records the traces went through (rules §5: manufacturing records for `a`): the used-in quantities follow from them.
    await writer.write('production-orders.csv', csvText(claimFile.productionOrders.header, claimFile.productionOrders.rows));
    // The rule data the claim was decided by, as loaded: `drawback verify --data` decides by it again, whatever rules ship then.
    await writer.write('rules.json', prettyJsonText(ruleDocument));
    await writer.write('summary.html', summaryHtmlText({ estimate, citationOf, designations: designationRows, ...claimFile, checklist, sources: pack.sources }));
    const files = [...writer.written].sort(byName);
    const manifest: Manifest = {
      claim: estimate.claim,
      rules: estimate.rules,
      policy: estimate.policy,
      generator: GENERATOR,
      asOf: claim.asOf,
      files: Object.fromEntries(files.map((file) => [file.name, file.sha256])),
      sources: pack.sources,
    };
    await writer.write('manifest.json', prettyJsonText(manifest));
    return manifest;
  }
}

export const PRIOR_USE_HEADER = ['kind', 'entry_number', 'line_number', 'lot_id', 'heat_number', 'order_id', 'quantity', 'quantity_exact'];

export interface Manifest {
  claim: EstimateDocument['claim'];
  rules: EstimateDocument['rules'];
  policy: EstimateDocument['policy'];
  generator: typeof GENERATOR;
  asOf: string;
  /** sha256 of every other file in the pack. */
  files: Record<string, string>;
  /** sha256 of every ingested source file the claim used. */
  sources: Array<{ name: string; sha256: string }>;
}

/**
 * The designation each estimate line is of, for duty-buckets.csv's trace column: the estimate makes one line per
 * designation and bucket of its import line, in designation order, and sorts them stably (compareEstimateLines) — made
 * again here the same way. Two designations of one receipt reached by two paths (one lot in two orders) give lines of
 * the same ITIN, lot, heat and quantity: only the trace tells them apart.
 */
function designationOfLines(
  estimate: EstimateDocument, designations: readonly Designation[], importLines: ReadonlyMap<string, EstimateSource['importLines'][number]>,
): Designation[] {
  const keyed: Array<{ key: EstimateLine; designation: Designation }> = [];
  for (const designation of designations) {
    const line = importLines.get(designation.entryLineId)!;
    for (const bucket of line.buckets) {
      const key = {
        exportId: designation.exportId, exportLine: designation.exportLine, entryNumber: line.entryNumber, entryLine: line.lineNumber,
        program: bucket.program, heading: bucket.heading && /^\d+$/.test(bucket.heading) ? formatHts(bucket.heading) : bucket.heading,
        lotId: designation.lotId, heatNumber: designation.heatNumber,
      } as EstimateLine;
      keyed.push({ key, designation });
    }
  }
  keyed.sort((a, b) => compareEstimateLines(a.key, b.key));
  if (keyed.length !== estimate.lines.length || keyed.some(({ key }, i) => compareEstimateLines(key, estimate.lines[i]) !== 0)) {
    throw new Error('duty-buckets.csv: the estimate\'s lines do not follow its designations');
  }
  return keyed.map(({ designation }) => designation);
}

function dutyBucketsCsv(estimate: EstimateDocument, citationOf: (ruleId: string) => string | null, designations: readonly Designation[]): Generator<string> {
  return csvText(
    ['export_line', 'entry_number', 'entry_line', 'itin', 'lot_id', 'heat_number', 'method', 'quantity', 'quantity_exact', 'program', 'heading', 'designated',
      'base', 'status', 'reason', 'rule', 'citation', 'refund', 'possible', 'trace'],
    mapRows(estimate.lines.entries(), ([i, l]) => [
      `${l.exportId}/${l.exportLine}`, l.entryNumber, l.entryLine, itinOf(l.entryNumber, l.entryLine, l.lotId), l.lotId,
      l.heatNumber, l.method, l.quantity, designations[i].exactQuantity ?? null, l.program, l.heading, l.designated, l.base, l.status, l.reason, l.rule,
      citationOf(l.rule), l.refund, l.possible, designations[i].trace.join(' > ')]));
}
