import * as f from './field-parsers';
import { column, FileKind, FileSpec, Row, RowProblem } from './file-spec';
import {
  DUTY_BASES, DUTY_PROGRAMS, DutyProgram, ENTRY_LEVEL_FEES, EVIDENCE_KINDS, EVIDENCE_SUBJECTS, EXPORT_ACTIONS,
  METALS, PRODUCTION_ROLES, PROGRAMS_WITHOUT_HEADING, S232_ANNEXES,
} from './vocabulary';
import { parseAdcvdCase, parseHeading } from '../values/hts';
import { parseEntryNumber } from '../values/entry-number';

const noRowRules = (): RowProblem[] => [];

export const ENTRIES: FileSpec = {
  kind: 'entries',
  fileName: 'entries.csv',
  columns: [
    column('entry_number', true, 'text', f.entryNumber),
    column('entry_type', true, 'text', f.entryType),
    column('importer_number', true, 'text', f.text),
    column('import_date', true, 'date', f.date),
    column('entry_date', true, 'date', f.date),
    column('port_code', true, 'text', f.portCode),
    column('line_number', true, 'integer', f.positiveInteger),
    column('hts', true, 'text', f.hts10),
    column('description', true, 'text', f.text),
    column('country_of_origin', true, 'text', f.country),
    column('entered_value', true, 'numeric', f.positiveMoney),
    column('quantity', true, 'numeric', f.quantity),
    column('uom', true, 'text', f.unit),
    column('spi', false, 'text', f.text),
    column('melt_pour_country', false, 'text', f.metalCountry),
    column('smelt_primary_country', false, 'text', f.metalCountry),
    column('smelt_secondary_country', false, 'text', f.secondarySmeltCountry),
    column('cast_country', false, 'text', f.metalCountry),
    column('adcvd_case', false, 'text', parseAdcvdCase),
    column('ieepa_refund_claimed', false, 'boolean', f.boolean),
  ],
  naturalKey: ['entry_number', 'line_number'],
  checkRow: (row) => {
    // A blank flag means the line's IEEPA duty is not being refunded elsewhere.
    row.ieepa_refund_claimed ??= 'false';
    return [];
  },
};

/** Entry-level fields must agree on every line of one entry (input-formats.md). */
export const ENTRY_LEVEL_FIELDS = ['entry_type', 'importer_number', 'import_date', 'entry_date', 'port_code'] as const;

function dutyRowRules(row: Row): RowProblem[] {
  const problems: RowProblem[] = [];
  const program = row.program as DutyProgram | null;
  if (!program) return problems;
  if (row.line_number === null && !ENTRY_LEVEL_FEES.includes(program)) {
    problems.push({ column: 'line_number', message: `required for program ${program} (only mpf and hmf may be entry-level)` });
  }
  if (row.heading === null && !PROGRAMS_WITHOUT_HEADING.includes(program)) {
    problems.push({ column: 'heading', message: `required for program ${program}` });
  }
  if (row.heading !== null) {
    const parsed = program === 'adcvd' ? parseAdcvdCase(row.heading) : parseHeading(row.heading);
    if (parsed.ok) row.heading = parsed.value;
    else problems.push({ column: 'heading', message: parsed.message });
  }
  if (program === 's232' && row.metal === null) problems.push({ column: 'metal', message: 'required for program s232' });
  // input-formats.md: metal is required for `s232` only; on another program's bucket it is kept as declared
  // (only Section 232 rules and the basis check read it).
  return problems;
}

export const DUTIES: FileSpec = {
  kind: 'duties',
  fileName: 'duties.csv',
  columns: [
    column('entry_number', true, 'text', f.entryNumber),
    column('line_number', false, 'integer', f.positiveInteger),
    column('program', true, 'text', f.oneOf(DUTY_PROGRAMS)),
    // Checked with the program: an AD/CVD case number or an 8/10-digit heading.
    column('heading', false, 'text', f.text),
    column('metal', false, 'text', f.oneOf(METALS)),
    column('s232_annex', false, 'text', f.oneOf(S232_ANNEXES)),
    column('rate', false, 'numeric', f.rate),
    column('basis', false, 'text', f.oneOf(DUTY_BASES)),
    column('basis_value', false, 'numeric', f.nonNegativeMoney),
    column('amount', true, 'numeric', f.nonNegativeMoney),
  ],
  naturalKey: ['entry_number', 'line_number', 'program', 'heading'],
  checkRow: dutyRowRules,
};

export const LOTS: FileSpec = {
  kind: 'lots',
  fileName: 'lots.csv',
  columns: [
    column('entry_number', true, 'text', f.entryNumber),
    column('line_number', true, 'integer', f.positiveInteger),
    column('lot_id', true, 'text', f.text),
    column('heat_number', false, 'text', f.text),
    column('quantity', true, 'numeric', f.quantity),
  ],
  naturalKey: ['entry_number', 'line_number', 'lot_id', 'heat_number'],
  checkRow: noRowRules,
};

export const PRODUCTION: FileSpec = {
  kind: 'production',
  fileName: 'production.csv',
  columns: [
    column('production_order', true, 'text', f.text),
    column('production_date', true, 'date', f.date),
    column('role', true, 'text', f.oneOf(PRODUCTION_ROLES)),
    column('lot_id', true, 'text', f.text),
    column('heat_number', false, 'text', f.text),
    column('quantity', true, 'numeric', f.quantity),
    column('uom', true, 'text', f.unit),
    column('hts', false, 'text', f.hts10),
  ],
  naturalKey: ['production_order', 'role', 'lot_id', 'heat_number'],
  checkRow: (row) =>
    row.role === 'output' && row.hts === null ? [{ column: 'hts', message: 'required on an output row' }] : [],
};

export const EXPORTS: FileSpec = {
  kind: 'exports',
  fileName: 'exports.csv',
  columns: [
    column('export_id', true, 'text', f.text),
    column('line_number', true, 'integer', f.positiveInteger),
    column('export_date', true, 'date', f.date),
    column('action', true, 'text', f.oneOf(EXPORT_ACTIONS)),
    column('exporter', true, 'text', f.text),
    column('destination_country', false, 'text', f.country),
    column('hts', true, 'text', f.exportHts),
    column('description', true, 'text', f.text),
    column('lot_id', false, 'text', f.text),
    column('heat_number', false, 'text', f.text),
    column('quantity', true, 'numeric', f.quantity),
    column('uom', true, 'text', f.unit),
    column('value', true, 'numeric', f.nonNegativeMoney),
  ],
  naturalKey: ['export_id', 'line_number'],
  checkRow: (row) =>
    row.action === 'exported' && row.destination_country === null
      ? [{ column: 'destination_country', message: 'required for an exported line' }]
      : [],
};

function evidenceSubjectRules(row: Row): RowProblem[] {
  if (row.subject_id === null) return [];
  if (row.subject === 'entry_line') {
    const match = /^(.+)\/(\d+)$/.exec(row.subject_id);
    const entry = match ? parseEntryNumber(match[1]) : null;
    const line = match ? f.positiveInteger(match[2]) : null;
    if (!match || !entry?.ok || !line?.ok) {
      return [{ column: 'subject_id', message: `"${row.subject_id}" is not ENTRY/LINE with a valid entry number and a positive line number` }];
    }
    row.subject_id = `${entry.value}/${line.value}`;
  }
  if (row.subject === 'export_line') {
    const match = /^(.+)\/(\d+)$/.exec(row.subject_id);
    const line = match ? f.positiveInteger(match[2]) : null;
    if (!match || !line?.ok) return [{ column: 'subject_id', message: `"${row.subject_id}" is not EXPORT/LINE with a positive line number` }];
    // Line numbers are integers: EXP-3/01 is line 1 of EXP-3, as an exports.csv line_number of 01 is.
    row.subject_id = `${match[1]}/${line.value}`;
  }
  return [];
}

export const EVIDENCE: FileSpec = {
  kind: 'evidence',
  fileName: 'evidence.csv',
  columns: [
    column('document_id', true, 'text', f.text),
    column('kind', true, 'text', f.oneOf(EVIDENCE_KINDS)),
    column('subject', true, 'text', f.oneOf(EVIDENCE_SUBJECTS)),
    column('subject_id', true, 'text', f.text),
    column('reference', true, 'text', f.text),
    column('sha256', false, 'text', f.sha256),
  ],
  naturalKey: ['document_id', 'subject', 'subject_id'],
  checkRow: evidenceSubjectRules,
};

/** In the order a data set is read: what a file refers to comes before it. */
export const FILE_SPECS: readonly FileSpec[] = [ENTRIES, DUTIES, LOTS, PRODUCTION, EXPORTS, EVIDENCE];

export function fileSpecOf(kind: FileKind): FileSpec {
  const spec = FILE_SPECS.find((candidate) => candidate.kind === kind);
  if (!spec) throw new Error(`no file spec for ${kind}`);
  return spec;
}

export function fileSpecByName(fileName: string): FileSpec | undefined {
  return FILE_SPECS.find((spec) => spec.fileName === fileName);
}
