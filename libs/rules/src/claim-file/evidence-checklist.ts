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
  /** One per Section 232 bucket of the line: the facts the 11021 conditions look at. */
  s232: BucketFacts[];
}

export interface ChecklistRow {
  subject: string;
  requirement: string;
  /** `present` / `missing` for documents; `met` / `not met` / `unknown` for the 11021 conditions. */
  status: 'present' | 'missing' | 'met' | 'not met' | 'unknown';
  documents: string[];
}

const METAL_EVIDENCE: Record<string, { requirement: string; kinds: string[] }> = {
  steel: { requirement: 'mill certificate (melt and pour)', kinds: ['mill_certificate'] },
  aluminum: { requirement: 'smelter attestation or certificate of analysis (smelt and cast)', kinds: ['smelter_attestation', 'certificate_of_analysis'] },
  copper: { requirement: 'copper content: certificate of analysis or bill of materials', kinds: ['certificate_of_analysis', 'bill_of_materials'] },
};

function documentRow(subject: string, requirement: string, kinds: string[], documents: EvidenceDocument[], subjects: Array<[string, string]>): ChecklistRow {
  const found = documents.filter((d) => kinds.includes(d.kind) && subjects.some(([kind, id]) => d.subject === kind && d.subjectId === id));
  return { subject, requirement, status: found.length ? 'present' : 'missing', documents: found.map((d) => d.documentId) };
}

/** The four conditions of Proclamation 11021, each as the rules decide it for this bucket. */
function conditionRows(subject: string, bucket: BucketFacts, data: RuleData, claim: ClaimFacts): ChecklistRow[] {
  const state = (fails: boolean, unknown = false): ChecklistRow['status'] => (unknown ? 'unknown' : fails ? 'not met' : 'met');
  const holds = (name: keyof typeof PREDICATES) => PREDICATES[name](bucket, claim, data);
  const metalUnknown = holds('steel_melt_pour_missing') || holds('aluminum_smelt_cast_missing') || holds('copper_origin_unproven');
  return [
    { subject, requirement: '11021 condition 1: article in the listed annexes', status: state(holds('annex_not_qualifying'), holds('annex_unknown')), documents: [] },
    { subject, requirement: '11021 condition 2: not subject to an AD/CVD order', status: state(holds('adcvd_article')), documents: [] },
    { subject, requirement: '11021 condition 3: product of a Trade Agreement Partner', status: state(holds('origin_not_partner')), documents: [] },
    { subject, requirement: '11021 condition 4: metal melted and poured, or smelted and cast, in a partner', status: state(holds('metal_origin_not_partner'), metalUnknown && !holds('metal_origin_not_partner')), documents: [] },
  ];
}

/**
 * What the claim file needs (19 CFR 190.51; rules §5) and whether evidence.csv supplied it: for each
 * Section 232 import line the mill certificate or smelter attestation, the value-basis worksheet and the
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
    const subjects: Array<[string, string]> = [['entry_line', `${line.entryNumber}/${line.lineNumber}`], ...line.lots.map((lot): [string, string] => ['lot', lot]), ...line.heats.map((heat): [string, string] => ['heat', heat])];
    for (const metal of [...new Set(line.s232.map((b) => b.metal ?? 'steel'))]) {
      const evidence = METAL_EVIDENCE[metal];
      rows.push(documentRow(subject, evidence.requirement, evidence.kinds, input.documents, subjects));
    }
    rows.push(documentRow(subject, 'value-basis worksheet (content or full value)', ['content_value_worksheet'], input.documents, subjects));
    const bucket = line.s232[0];
    if (bucket.entry.entryDate >= REGIME_B_FROM) rows.push(...conditionRows(subject, bucket, input.data, input.claim));
  }
  for (const order of input.orders) {
    rows.push(documentRow(`production_order ${order}`, 'production record', ['production_record'], input.documents, [['production_order', order]]));
  }
  for (const exportLine of input.exportLines) {
    rows.push(documentRow(`export_line ${exportLine}`, 'proof of export (ITN, bill of lading or destruction certificate)', ['export_proof'], input.documents, [['export_line', exportLine]]));
  }
  return rows;
}
