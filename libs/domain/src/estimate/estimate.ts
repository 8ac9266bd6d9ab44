import { Designation, ExportLineFacts, UnmatchedQuantity } from '../designation/designation-types';
import { Dec, toCents } from '../values/decimal';
import { formatHts } from '../values/hts';
import { designatedAmount, ExactAmount, exactCents, lesserOfBase, refundOf } from './refund';

export type BucketStatus = 'recoverable' | 'excluded' | 'conditional';

/** A duty amount of an import line: a line-level bucket, or the line's share of an entry-level fee. */
export interface LineBucket {
  dutyBucketId: string;
  program: string;
  /** Digits, or an AD/CVD case; null where the program has none. */
  heading: string | null;
  amount: string;
}

export interface EstimateImportLine {
  entryNumber: string;
  lineNumber: number;
  quantity: string;
  enteredValue: string;
  buckets: LineBucket[];
}

export interface BucketRuling {
  status: BucketStatus;
  reason: string;
  ruleId: string;
  citation: string;
  unverified: string[];
}

export interface EstimateLine {
  exportId: string;
  exportLine: number;
  entryNumber: string;
  entryLine: number;
  lotId: string | null;
  heatNumber: string | null;
  method: string;
  quantity: string;
  program: string;
  heading: string | null;
  designated: string;
  base: string | null;
  status: BucketStatus;
  reason: string;
  rule: string;
  refund: string;
  possible: string;
}

export interface Sums {
  designated: string;
  refund: string;
  possible: string;
  excluded: string;
}

export interface EstimateDocument {
  claim: { id: string; provision: string; claimant: string; asOf: string };
  rules: { version: string; unverified: string[] };
  policy: Record<string, string>;
  totals: Sums;
  byProgram: Array<{ program: string } & Sums>;
  lines: EstimateLine[];
  unmatched: Array<{ exportId: string; exportLine: number; quantity: string; reason: string }>;
}

export interface EstimateInput {
  claim: EstimateDocument['claim'];
  rulesVersion: string;
  policy: Record<string, string>;
  designations: readonly Designation[];
  unmatched: readonly UnmatchedQuantity[];
  importLines: ReadonlyMap<string, EstimateImportLine>;
  exportLines: ReadonlyMap<string, ExportLineFacts>;
  /** The rules' decision for one bucket of one designation. */
  rule: (bucket: LineBucket, designation: Designation, exportLine: ExportLineFacts) => BucketRuling;
  /** Unverified rules or lists the designation itself relied on (the j2 "Other" subheadings list). */
  designationUnverified?: readonly string[];
}

const compareText = (a: string | null, b: string | null) => ((a ?? '') < (b ?? '') ? -1 : (a ?? '') > (b ?? '') ? 1 : 0);

/** Lines sorted by export id, export line, entry number, entry line, program, heading (§6), then lot and heat. */
export function compareEstimateLines(a: EstimateLine, b: EstimateLine): number {
  return compareText(a.exportId, b.exportId) || a.exportLine - b.exportLine || compareText(a.entryNumber, b.entryNumber) ||
    a.entryLine - b.entryLine || compareText(a.program, b.program) || compareText(a.heading, b.heading) ||
    compareText(a.lotId, b.lotId) || compareText(a.heatNumber, b.heatNumber);
}

function sums(lines: readonly EstimateLine[]): Sums {
  const total = (pick: (line: EstimateLine) => string) => toCents(lines.reduce((sum, line) => sum.plus(pick(line)), new Dec(0)));
  return {
    designated: total((l) => l.designated),
    refund: total((l) => l.refund),
    possible: total((l) => l.possible),
    excluded: total((l) => (l.status === 'excluded' ? l.designated : '0')),
  };
}

/**
 * The estimate of a claim (matching-and-estimates.md §3, §6): one line per designation and bucket of
 * its import line — the designated amount, the claim base (the lesser-of under substitution), the
 * rules' status, and 99% of the base as refund when recoverable or as possible refund when conditional.
 * Designated, base and refund are each rounded half-up to cents per line, the refund from the unrounded
 * base; totals are sums of the rounded values.
 */
export function buildEstimate(input: EstimateInput): EstimateDocument {
  const lines: EstimateLine[] = [];
  const unverified = new Set<string>(input.designationUnverified ?? []);
  for (const designation of input.designations) {
    const importLine = input.importLines.get(designation.entryLineId)!;
    const exportLine = input.exportLines.get(designation.exportLineId)!;
    for (const bucket of importLine.buckets) {
      const designated = designatedAmount(bucket.amount, designation.exactQuantity ?? designation.quantity, importLine.quantity);
      const substitution = designation.method === 'substitution';
      const base: ExactAmount = substitution
        ? lesserOfBase(designated, exportLine.value, exportLine.quantity, importLine.enteredValue, importLine.quantity)
        : designated;
      const ruling = input.rule(bucket, designation, exportLine);
      ruling.unverified.forEach((id) => unverified.add(id));
      const figure = exactCents(refundOf(base));
      lines.push({
        exportId: designation.exportId, exportLine: designation.exportLine,
        entryNumber: importLine.entryNumber, entryLine: importLine.lineNumber,
        lotId: designation.lotId, heatNumber: designation.heatNumber, method: designation.method, quantity: designation.quantity,
        program: bucket.program, heading: bucket.heading && /^\d+$/.test(bucket.heading) ? formatHts(bucket.heading) : bucket.heading,
        designated: exactCents(designated), base: substitution ? exactCents(base) : null,
        status: ruling.status, reason: ruling.reason, rule: ruling.ruleId,
        refund: ruling.status === 'recoverable' ? figure : '0.00',
        possible: ruling.status === 'conditional' ? figure : '0.00',
      });
    }
  }
  lines.sort(compareEstimateLines);
  const programs = [...new Set(lines.map((line) => line.program))].sort();
  return {
    claim: input.claim,
    rules: { version: input.rulesVersion, unverified: [...unverified].sort() },
    policy: input.policy,
    totals: sums(lines),
    byProgram: programs.map((program) => ({ program, ...sums(lines.filter((line) => line.program === program)) })),
    lines,
    unmatched: input.unmatched.map((u) => ({ exportId: u.exportId, exportLine: u.exportLine, quantity: u.quantity, reason: u.reason })),
  };
}
