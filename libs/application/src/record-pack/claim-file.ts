import { Dec, Designation, EstimateDocument, exactText, ExportLineFacts, formatHts } from '@drawback/domain';
import { DesignatedLineDetail, EvidenceDocumentRow, PriorUse, SourceImportLine } from '@drawback/persistence';
import { checkS232Basis, P11032_FROM, REGIME_B_FROM, S232Bucket, S232LineFacts } from '@drawback/rules';
import { groupBy } from './group-by';

const heading = (digits: string | null) => (digits === null ? null : formatHts(digits));
const distinct = (values: Array<string | null>) => [...new Set(values.filter((v): v is string => v !== null && v !== ''))].sort();

/** The Section 232 proclamation in force on the entry date (rules §5; §3.1 and §3.3 name them and their dates). */
function s232Regime(entryDate: string): string {
  if (entryDate < REGIME_B_FROM) {
    return 'A: Proclamations 9704/9705 as amended by 9739/9740 and later actions (9980, 10522, 10895/10896, 10947, copper 2025-07-30)';
  }
  return entryDate < P11032_FROM ? 'B: Proclamation 11021, full customs value' : 'B: Proclamation 11021 as amended by Proclamation 11032, full customs value';
}

/** The declared computation of a Section 232 bucket (rules §5: the basis used and its worksheet): `9903.82.02 steel 50% × 200000.00 full_value = 100000.00`. */
function s232Worksheet(bucket: DesignatedLineDetail['s232'][number]): string {
  const basis = bucket.basis === 'specific' ? 'specific' : `${bucket.rate ?? '?'}% × ${bucket.basisValue ?? '?'} ${bucket.basis ?? '(no basis)'}`;
  return `${heading(bucket.heading)} ${bucket.metal} ${basis} = ${bucket.amount}`;
}

/** The basis check's view of a designated Section 232 line (rules §3.3), as `drawback check` reads it from the stored rows. */
export function s232LineFactsOf(line: SourceImportLine, detail: DesignatedLineDetail, worksheetLines: ReadonlySet<string>): S232LineFacts {
  return {
    entryNumber: line.entryNumber, lineNumber: line.lineNumber, entryDate: line.entry.entryDate, hts: detail.hts, enteredValue: line.enteredValue,
    countryOfOrigin: line.lineFacts.countryOfOrigin, spi: detail.spi,
    meltPourCountry: line.lineFacts.meltPourCountry, smeltPrimaryCountry: line.lineFacts.smeltPrimaryCountry,
    smeltSecondaryCountry: line.lineFacts.smeltSecondaryCountry, castCountry: line.lineFacts.castCountry,
    buckets: detail.s232.map((b): S232Bucket => ({
      heading: b.heading, metal: b.metal as S232Bucket['metal'], rate: b.rate, basis: b.basis as S232Bucket['basis'], basisValue: b.basisValue, amount: b.amount,
    })),
    hasContentValueWorksheet: worksheetLines.has(`${line.entryNumber}/${line.lineNumber}`),
  };
}

/**
 * The basis check's findings on a Section 232 line (rules §3.3), as `drawback check` reports them: the declared
 * computation recomputed — amount against rate × basis value, the basis the regime requires, a content-value basis with
 * no worksheet on the entry line, the USMCA and copper splits, stacking, the Russian aluminum rate, missing country data.
 */
function s232Findings(line: SourceImportLine, detail: DesignatedLineDetail, worksheetLines: ReadonlySet<string>): string {
  return checkS232Basis(s232LineFactsOf(line, detail, worksheetLines)).map((finding) => `${finding.code}: ${finding.message}`).join('; ');
}

/** A table of the pack: written as CSV, and shown in summary.html. */
export interface PackTable {
  header: string[];
  rows: Array<Array<string | number | null>>;
}

/**
 * `import-lines.csv`: what the claim file must show of each designated import line (rules §5; 19 CFR
 * 190.51): description, 10-digit HTS, every Chapter 99 number, the duty paid per bucket, entered value,
 * quantity and unit; for Section 232 lines the basis declared and its worksheet (rate × basis value = amount, with the
 * basis check's findings on it, rules §3.3), the regime in force on the entry date, the
 * rules the estimate applied, the melt-and-pour / smelt-and-cast countries; the lots and heats designated
 * (identity records); and the prior-use ledger: what this claim and earlier claims designated of it
 * (`priorUse`: what claims made before it had taken, prior-use.csv).
 */
export function importLinesTable(
  lines: readonly SourceImportLine[], details: ReadonlyMap<string, DesignatedLineDetail>,
  designationsOf: ReadonlyMap<string, readonly Designation[]>, estimate: EstimateDocument, priorUse: readonly PriorUse[],
  evidence: readonly EvidenceDocumentRow[] = [],
): PackTable {
  const header = ['entry_number', 'line_number', 'import_date', 'entry_date', 'description', 'hts', 'country_of_origin', 'entered_value',
    'quantity', 'uom', 'chapter_99', 'duties_paid', 's232_basis', 's232_worksheet', 's232_basis_findings', 's232_regime', 's232_rules', 'melt_pour_country', 'smelt_primary_country',
    'smelt_secondary_country', 'cast_country', 'lots', 'heats', 'designated_by_this_claim', 'designated_by_earlier_claims'];
  const sorted = [...lines].sort((a, b) => (a.entryNumber < b.entryNumber ? -1 : a.entryNumber > b.entryNumber ? 1 : a.lineNumber - b.lineNumber));
  const estimateLines = groupBy(estimate.lines, (l) => `${l.entryNumber}/${l.entryLine}`);
  // The basis check's worksheet test, as `drawback check` makes it: a content_value_worksheet filed on the entry line.
  const worksheetLines = new Set(evidence.filter((d) => d.kind === 'content_value_worksheet' && d.subject === 'entry_line').map((d) => d.subjectId));
  const earlier = new Map(priorUse.filter((use) => use.kind === 'import_line').map((use) => [`${use.entryNumber}/${use.lineNumber}`, use.quantity]));
  return { header, rows: sorted.map((line) => {
    const detail = details.get(line.entryLineId);
    const mine = estimateLines.get(`${line.entryNumber}/${line.lineNumber}`) ?? [];
    const designated = designationsOf.get(line.entryLineId) ?? [];
    const s232 = detail?.s232 ?? [];
    return [
      line.entryNumber, line.lineNumber, line.entry.importDate, line.entry.entryDate, detail?.description ?? null, detail ? formatHts(detail.hts) : null,
      line.lineFacts.countryOfOrigin, line.enteredValue, line.quantity, detail?.uom ?? null,
      distinct(line.buckets.map((b) => (b.heading?.startsWith('99') ? heading(b.heading) : null))).join(' '),
      line.buckets.map((b) => [b.program, heading(b.heading), b.amount].filter(Boolean).join(' ')).join('; '),
      s232.map((b) => `${heading(b.heading)} ${b.basis ?? '(none)'}`).join('; '),
      s232.map(s232Worksheet).join('; '), detail && s232.length > 0 ? s232Findings(line, detail, worksheetLines) : '',
      s232.length === 0 ? null : s232Regime(line.entry.entryDate),
      distinct(mine.filter((l) => l.program === 's232').map((l) => l.rule)).join(' '),
      line.lineFacts.meltPourCountry, line.lineFacts.smeltPrimaryCountry, line.lineFacts.smeltSecondaryCountry, line.lineFacts.castCountry,
      distinct(designated.map((d) => d.lotId)).join(' '), distinct(designated.map((d) => d.heatNumber)).join(' '),
      exactText(designated.reduce((sum, d) => sum.plus(d.quantity), new Dec(0))), earlier.get(`${line.entryNumber}/${line.lineNumber}`) ?? '0',
    ];
  }) };
}

/** `export-lines.csv`: the export evidence of each claimed line (rules §5: date, ITN or bill of lading, destination). */
export function exportLinesTable(lines: readonly ExportLineFacts[]): PackTable {
  const sorted = [...lines].sort((a, b) => (a.exportId < b.exportId ? -1 : a.exportId > b.exportId ? 1 : a.lineNumber - b.lineNumber));
  return {
    header: ['export_id', 'line_number', 'export_date', 'action', 'destination_country', 'hts', 'lot_id', 'heat_number', 'quantity', 'uom', 'value'],
    rows: sorted.map((x) => [x.exportId, x.lineNumber, x.exportDate, x.action, x.destinationCountry, formatHts(x.hts), x.lotId, x.heatNumber, x.quantity, x.uom, x.value]),
  };
}

/** Rows made only as they are written: how many there are, and each in turn. */
export interface RowSource {
  readonly length: number;
  [Symbol.iterator](): Iterator<Array<string | number | null>>;
}

/**
 * `production-orders.csv`: the manufacturing records of every production order on the claim's traces (rules §5:
 * manufacturing records for `a`), each input and the output as declared — the used-in ratios (spec §2.1: `x ×
 * input_quantity / output_quantity`) that give each designated quantity, and the dates the trace was checked against.
 * `items` are each item's fields as JSON text (RecordPackSource.production), made into a row as it is written.
 */
export function productionOrdersTable(items: readonly string[]): { header: string[]; rows: RowSource } {
  return {
    header: ['order_id', 'production_date', 'role', 'lot_id', 'heat_number', 'quantity', 'uom', 'hts'],
    rows: {
      length: items.length,
      *[Symbol.iterator]() {
        for (const item of items) {
          const [orderId, date, role, lotId, heatNumber, quantity, uom, hts] = JSON.parse(item) as Array<string | null>;
          yield [orderId, date, role, lotId, heatNumber, quantity, uom, heading(hts)];
        }
      },
    },
  };
}

/** `evidence-documents.csv`: each document of evidence.csv on the claim's subjects — what it is, what it documents, where it is kept, its digest. */
export function evidenceDocumentsTable(documents: readonly EvidenceDocumentRow[]): PackTable {
  return {
    header: ['document_id', 'kind', 'subject', 'subject_id', 'reference', 'sha256'],
    rows: documents.map((d) => [d.documentId, d.kind, d.subject, d.subjectId, d.reference, d.sha256]),
  };
}
