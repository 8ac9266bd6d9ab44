import { PREDICATES } from '../conditions';
import { BucketFacts, ClaimFacts } from '../facts';
import { RuleData } from '../rule-data';
import { REGIME_B_FROM } from '../s232-basis/basis-check';

export interface EvidenceDocument {
  documentId: string;
  kind: string;
  subject: string;
  subjectId: string;
}

/** A designated import line as the claim file must document it (rules §5). */
export interface ChecklistImportLine {
  entryNumber: string;
  lineNumber: number;
  lots: string[];
  heats: string[];
  /** The lots of designations that name no heat (a receipt without a heat), where others of the line do. */
  lotsWithoutHeat: string[];
  /** One per Section 232 bucket of the line: the facts the 11021 conditions look at. */
  s232: BucketFacts[];
  /**
   * A Section 232 bucket of the line is paid on a content value, which a content_value_worksheet must support (the
   * basis check's needsWorksheetAnswer: a basis declared as content value, or a part of the value where the metal
   * content is the basis).
   */
  needsContentWorksheet: boolean;
}

export interface ChecklistRow {
  subject: string;
  requirement: string;
  /** `present` / `missing` for documents; `met` / `not met` / `unknown` for the 11021 conditions. */
  status: 'present' | 'missing' | 'met' | 'not met' | 'unknown';
  documents: string[];
}

/** Rules §4: the evidence of each metal's country of melt and pour, or smelt and cast. */
const METAL_EVIDENCE: Record<string, { requirement: string; kinds: string[] }> = {
  steel: { requirement: 'mill certificate (melt and pour)', kinds: ['mill_certificate'] },
  aluminum: {
    requirement: 'certificate of analysis, smelter attestation, or invoice naming the country of smelt (smelt and cast)',
    kinds: ['certificate_of_analysis', 'smelter_attestation', 'invoice'],
  },
  copper: { requirement: 'copper content: certificate of analysis or bill of materials', kinds: ['certificate_of_analysis', 'bill_of_materials'] },
};

type Subject = [kind: string, id: string];

function documentRow(subject: string, requirement: string, kinds: string[], documents: EvidenceDocument[], subjects: Subject[]): ChecklistRow {
  const found = documents.filter((d) => kinds.includes(d.kind) && subjects.some(([kind, id]) => d.subject === kind && d.subjectId === id));
  return { subject, requirement, status: found.length ? 'present' : 'missing', documents: found.map((d) => d.documentId) };
}

/** The worst of several buckets' states of one condition: any not met decides, then any unknown. */
function worst(states: ChecklistRow['status'][]): ChecklistRow['status'] {
  return states.includes('not met') ? 'not met' : states.includes('unknown') ? 'unknown' : 'met';
}

/**
 * The four conditions of Proclamation 11021 for an import line, each as the rules decide it for every
 * Section 232 bucket of the line; a line meets a condition only if each of its buckets does.
 */
function conditionRows(subject: string, buckets: BucketFacts[], data: RuleData, claim: ClaimFacts): ChecklistRow[] {
  const perBucket = buckets.map((bucket) => {
    const holds = (name: keyof typeof PREDICATES) => PREDICATES[name](bucket, claim, data);
    const state = (fails: boolean, unknown = false): ChecklistRow['status'] => (fails ? 'not met' : unknown ? 'unknown' : 'met');
    const metalUnknown = holds('steel_melt_pour_missing') || holds('aluminum_smelt_cast_missing') || holds('copper_origin_unproven');
    return [
      state(holds('annex_not_qualifying'), holds('annex_unknown')),
      state(holds('adcvd_article')),
      state(holds('origin_not_partner')),
      state(holds('metal_origin_not_partner'), metalUnknown),
    ];
  });
  return [
    '11021 condition 1: article in the listed annexes',
    '11021 condition 2: not subject to an AD/CVD order',
    '11021 condition 3: product of a Trade Agreement Partner',
    '11021 condition 4: metal melted and poured, or smelted and cast, in a partner',
  ].map((requirement, index) => ({ subject, requirement, status: worst(perBucket.map((states) => states[index])), documents: [] }));
}

/**
 * The metal evidence of one Section 232 import line: where the claim designated heats, each heat needs
 * its own certificate (one filed for the whole entry line covers its heats); otherwise the line's, or its
 * lots', documents. A line designated both by heat and from a lot without one needs both: each heatless
 * lot's certificate (or the line's) too, or that part of the line would show no melt-and-pour evidence at
 * all (rules §4, §5: melt-and-pour data and its evidence per designated import line).
 */
function metalEvidenceRows(line: ChecklistImportLine, documents: EvidenceDocument[]): ChecklistRow[] {
  const subject = `entry_line ${line.entryNumber}/${line.lineNumber}`;
  const entryLine: Subject = ['entry_line', `${line.entryNumber}/${line.lineNumber}`];
  const rows: ChecklistRow[] = [];
  for (const metal of [...new Set(line.s232.map((b) => b.metal ?? 'steel'))]) {
    const { requirement, kinds } = METAL_EVIDENCE[metal];
    if (line.heats.length === 0) {
      rows.push(documentRow(subject, requirement, kinds, documents, [entryLine, ...line.lots.map((lot): Subject => ['lot', lot])]));
    } else {
      for (const heat of line.heats) rows.push(documentRow(`${subject} heat ${heat}`, requirement, kinds, documents, [entryLine, ['heat', heat]]));
      for (const lot of line.lotsWithoutHeat) rows.push(documentRow(`${subject} lot ${lot}`, requirement, kinds, documents, [entryLine, ['lot', lot]]));
    }
  }
  return rows;
}

/**
 * What the claim file needs (19 CFR 190.51; rules §5) and whether evidence.csv supplied it: for each
 * Section 232 import line the metal evidence (per designated heat), the worksheet of a content-value basis and the
 * four 11021 conditions; for manufacturing the production record of each order on a trace; for each
 * export line the proof of export.
 */
export function evidenceChecklist(input: {
  importLines: ChecklistImportLine[];
  orders: string[];
  exportLines: string[];
  documents: EvidenceDocument[];
  data: RuleData;
  claim: ClaimFacts;
}): ChecklistRow[] {
  const rows: ChecklistRow[] = [];
  for (const line of input.importLines) {
    if (line.s232.length === 0) continue;
    const subject = `entry_line ${line.entryNumber}/${line.lineNumber}`;
    rows.push(...metalEvidenceRows(line, input.documents));
    // Rules §5 "the basis used (content or full value) and its worksheet"; only a content basis has one to file
    // (rules §3.3: S232_CONTENT_VALUE_UNSUPPORTED is a content basis with no content_value_worksheet) — a full value is the entered value.
    // It computes the content value of the entry line, so it is filed on the line, where the basis check and drawback check
    // look for it: one filed on a lot or heat (which may span several lines) is not the line's, and the pack must not call
    // present what its basis findings (import-lines.csv) call missing.
    if (line.needsContentWorksheet) {
      rows.push(documentRow(subject, 'content-value worksheet of the entry line (content-value basis)', ['content_value_worksheet'], input.documents,
        [['entry_line', `${line.entryNumber}/${line.lineNumber}`]]));
    }
    if (line.s232[0].entry.entryDate >= REGIME_B_FROM) rows.push(...conditionRows(subject, line.s232, input.data, input.claim));
  }
  for (const order of input.orders) {
    rows.push(documentRow(`production_order ${order}`, 'production record', ['production_record'], input.documents, [['production_order', order]]));
  }
  for (const exportLine of input.exportLines) {
    rows.push(documentRow(`export_line ${exportLine}`, 'proof of export (ITN, bill of lading or destruction certificate)', ['export_proof'], input.documents, [['export_line', exportLine]]));
  }
  return rows;
}
