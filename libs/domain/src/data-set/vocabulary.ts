/** Closed vocabularies of the input formats (input-formats.md). */
export const DUTY_PROGRAMS = [
  'ordinary', 's301', 's201', 's232', 's122', 'ieepa_reciprocal', 'ieepa_fentanyl', 'ieepa_other',
  'adcvd', 'mpf', 'hmf', 'excise', 'other',
] as const;
export type DutyProgram = (typeof DUTY_PROGRAMS)[number];

/** Programs reported without a Chapter 99 heading. */
export const PROGRAMS_WITHOUT_HEADING: readonly DutyProgram[] = ['ordinary', 'mpf', 'hmf', 'excise'];
/** Entry-level fees: the only buckets that may leave `line_number` blank; apportioned to lines. */
export const ENTRY_LEVEL_FEES: readonly DutyProgram[] = ['mpf', 'hmf'];

export const METALS = ['steel', 'aluminum', 'copper'] as const;
export const S232_ANNEXES = ['I-A', 'I-B', 'I-C', 'III'] as const;
export const DUTY_BASES = ['full_value', 'content_value', 'specific'] as const;
export const PRODUCTION_ROLES = ['input', 'output'] as const;
export const EXPORT_ACTIONS = ['exported', 'destroyed'] as const;
export const EVIDENCE_KINDS = [
  'mill_certificate', 'smelter_attestation', 'certificate_of_analysis', 'bill_of_materials',
  'content_value_worksheet', 'production_record', 'export_proof', 'invoice', 'other',
] as const;
export const EVIDENCE_SUBJECTS = ['entry_line', 'lot', 'heat', 'production_order', 'export_line'] as const;
