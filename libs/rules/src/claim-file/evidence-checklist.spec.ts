import { defaultRuleData } from '../default-rule-data';
import { BucketFacts, ClaimFacts } from '../facts';
import { ChecklistImportLine, EvidenceDocument, evidenceChecklist } from './evidence-checklist';

const data = defaultRuleData();
const claim: ClaimFacts = { provision: 'a', method: null, export: null, asOf: '2026-11-22', policy: data.policyDefaults };

/** A Section 232 bucket of a German line entered under Proclamation 11021, melted and poured in Germany. */
function bucket(change: Partial<Omit<BucketFacts, 'line'>> & { line?: Partial<BucketFacts['line']> } = {}): BucketFacts {
  const base: BucketFacts = {
    program: 's232', heading: '99038202', metal: 'steel', s232Annex: 'I-A', amount: '1',
    line: {
      countryOfOrigin: 'DE', meltPourCountry: 'DE', smeltPrimaryCountry: 'DE', smeltSecondaryCountry: 'N', castCountry: 'DE',
      adcvdCase: null, hasAdcvdBucket: false, ieepaRefundClaimed: false,
    },
    entry: { importDate: '2026-05-10', entryDate: '2026-05-10' },
  };
  return { ...base, ...change, line: { ...base.line, ...change.line } };
}

const line = (change: Partial<ChecklistImportLine> = {}): ChecklistImportLine =>
  ({ entryNumber: 'EX3-0000001-5', lineNumber: 1, lots: ['L-PLATE'], heats: [], lotsWithoutHeat: [], s232: [bucket()], needsContentWorksheet: false, ...change });
const doc = (documentId: string, kind: string, subject: string, subjectId: string): EvidenceDocument => ({ documentId, kind, subject, subjectId });

function checklist(importLines: ChecklistImportLine[], documents: EvidenceDocument[] = []) {
  return evidenceChecklist({ importLines, orders: [], exportLines: [], documents, data, claim })
    .map((row) => `${row.subject} | ${row.requirement} | ${row.status}${row.documents.length ? ` | ${row.documents.join(' ')}` : ''}`);
}

describe(evidenceChecklist.name, () => {
  it('asks for a mill certificate for each designated heat; one filed for the whole entry line covers its heats (rules §4, §5)', () => {
    const rows = checklist([line({ heats: ['H1', 'H2', 'H3'] })], [
      doc('MTC-H1', 'mill_certificate', 'heat', 'H1'), doc('MTC-H2', 'mill_certificate', 'heat', 'H2'),
    ]);
    expect(rows.filter((row) => row.includes('mill certificate'))).toEqual([
      'entry_line EX3-0000001-5/1 heat H1 | mill certificate (melt and pour) | present | MTC-H1',
      'entry_line EX3-0000001-5/1 heat H2 | mill certificate (melt and pour) | present | MTC-H2',
      'entry_line EX3-0000001-5/1 heat H3 | mill certificate (melt and pour) | missing',
    ]);
    const covered = checklist([line({ heats: ['H1', 'H3'] })], [doc('MTC-ALL', 'mill_certificate', 'entry_line', 'EX3-0000001-5/1')]);
    expect(covered.filter((row) => row.includes('mill certificate')).every((row) => row.endsWith('present | MTC-ALL'))).toBe(true);
  });

  it('takes a lot\'s or the line\'s certificate where the claim designated no heat', () => {
    expect(checklist([line()], [doc('MTC-L', 'mill_certificate', 'lot', 'L-PLATE')])[0])
      .toBe('entry_line EX3-0000001-5/1 | mill certificate (melt and pour) | present | MTC-L');
  });

  it('accepts an invoice naming the country of smelt as aluminum evidence (rules §4)', () => {
    const aluminum = line({ s232: [bucket({ metal: 'aluminum', heading: '99038502' })] });
    expect(checklist([aluminum], [doc('INV-7', 'invoice', 'entry_line', 'EX3-0000001-5/1')])[0]).toMatch(/smelt and cast\) \| present \| INV-7$/);
  });

  it('meets an 11021 condition only when every Section 232 bucket of the line meets it', () => {
    const mixed = line({
      s232: [bucket(), bucket({ metal: 'aluminum', heading: '99038502', line: { smeltPrimaryCountry: 'CN', castCountry: 'CN' } })],
    });
    expect(checklist([mixed]).filter((row) => row.includes('11021 condition'))).toEqual([
      'entry_line EX3-0000001-5/1 | 11021 condition 1: article in the listed annexes | met',
      'entry_line EX3-0000001-5/1 | 11021 condition 2: not subject to an AD/CVD order | met',
      'entry_line EX3-0000001-5/1 | 11021 condition 3: product of a Trade Agreement Partner | met',
      'entry_line EX3-0000001-5/1 | 11021 condition 4: metal melted and poured, or smelted and cast, in a partner | not met',
    ]);
    const unknown = line({ s232: [bucket({ line: { meltPourCountry: null } })] });
    expect(checklist([unknown]).find((row) => row.includes('condition 4'))).toMatch(/\| unknown$/);
  });

  it('lists the conditions only for entries under Proclamation 11021, and nothing for a line without Section 232 duty', () => {
    const before = line({ s232: [{ ...bucket(), entry: { importDate: '2026-03-20', entryDate: '2026-03-20' } }] });
    expect(checklist([before]).some((row) => row.includes('11021 condition'))).toBe(false);
    expect(checklist([line({ s232: [] })])).toEqual([]);
  });

  it('asks for a content-value worksheet only for a line whose Section 232 basis is content value, not for a full-value one (rules §3.3, §5)', () => {
    const worksheetRows = (rows: string[]) => rows.filter((row) => row.includes('worksheet'));
    expect(worksheetRows(checklist([line({ needsContentWorksheet: false })]))).toEqual([]);
    expect(worksheetRows(checklist([line({ needsContentWorksheet: true })]))).toEqual([
      'entry_line EX3-0000001-5/1 | content-value worksheet of the entry line (content-value basis) | missing',
    ]);
    expect(worksheetRows(checklist([line({ needsContentWorksheet: true })], [doc('CVW-1', 'content_value_worksheet', 'entry_line', 'EX3-0000001-5/1')])))
      .toEqual(['entry_line EX3-0000001-5/1 | content-value worksheet of the entry line (content-value basis) | present | CVW-1']);
  });

  it('counts only a content-value worksheet filed on the entry line, as the basis check does (rules §3.3 S232_CONTENT_VALUE_UNSUPPORTED): one filed on a lot or heat is not the line\'s', () => {
    const worksheetRows = (documents: EvidenceDocument[]) =>
      checklist([line({ lots: ['COIL'], heats: ['HX'], needsContentWorksheet: true })], documents).filter((row) => row.includes('worksheet'));
    expect(worksheetRows([doc('CVW-LOT', 'content_value_worksheet', 'lot', 'COIL'), doc('CVW-HEAT', 'content_value_worksheet', 'heat', 'HX')])).toEqual([
      'entry_line EX3-0000001-5/1 | content-value worksheet of the entry line (content-value basis) | missing',
    ]);
  });

  it('asks for the certificate of a lot designated without a heat on a line whose other receipts were designated by heat (rules §4, §5)', () => {
    const mixed = line({ lots: ['LA', 'LB'], heats: ['H1'], lotsWithoutHeat: ['LB'] });
    const certificates = (documents: EvidenceDocument[]) => checklist([mixed], documents).filter((row) => row.includes('mill certificate'));
    expect(certificates([doc('MTC-H1', 'mill_certificate', 'heat', 'H1')])).toEqual([
      'entry_line EX3-0000001-5/1 heat H1 | mill certificate (melt and pour) | present | MTC-H1',
      'entry_line EX3-0000001-5/1 lot LB | mill certificate (melt and pour) | missing',
    ]);
    expect(certificates([doc('MTC-H1', 'mill_certificate', 'heat', 'H1'), doc('MTC-LB', 'mill_certificate', 'lot', 'LB')])[1])
      .toBe('entry_line EX3-0000001-5/1 lot LB | mill certificate (melt and pour) | present | MTC-LB');
  });
});
