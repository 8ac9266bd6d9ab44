import { Dec, EstimateDocument, exactText } from '@drawback/domain';

/** Quantities are exact in the files; a person reads six decimals, marked ≈ where that rounds. */
function shownQuantity(quantity: string): string {
  const rounded = new Dec(quantity).toDecimalPlaces(6);
  return rounded.eq(quantity) ? quantity : `≈ ${exactText(rounded)}`;
}
import { ChecklistRow } from '@drawback/rules';
import { PackTable, RowSource } from './claim-file';

const escape = (text: Cell) =>
  String(text ?? '').replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!);

type Cell = string | number | null;

/** Columns listed in `numeric` align right; those in `wrap` (long text) may wrap, identifiers never do. */
function* tableText<T>(header: string[], items: { readonly length: number } & Iterable<T>, cells: (item: T) => Cell[], numeric: number[] = [], wrap: number[] = []): Generator<string> {
  const cell = (value: Cell, index: number, tag: string) => {
    const classes = [numeric.includes(index) ? 'num' : '', wrap.includes(index) ? 'wrap' : ''].filter(Boolean).join(' ');
    return `<${tag}${classes ? ` class="${classes}"` : ''}>${escape(value)}</${tag}>`;
  };
  if (items.length === 0) return yield '<p class="none">None.</p>';
  yield `<table><thead><tr>${header.map((h, i) => cell(h, i, 'th')).join('')}</tr></thead><tbody>`;
  // A row at a time: a claim of a hundred thousand designations is never one string.
  for (const item of items) yield `\n<tr>${cells(item).map((v, i) => cell(v, i, 'td')).join('')}</tr>`;
  yield '\n</tbody></table>';
}

/** A table of rows already made. */
const rowsText = (header: string[], rows: { readonly length: number } & Iterable<Cell[]>, numeric: number[] = [], wrap: number[] = []) => tableText(header, rows, (row) => row, numeric, wrap);

/** One record as a two-column table of its fields, for records too wide to print as a row. */
function fieldTable(header: string[], values: Array<string | number | null>): string {
  return `<table class="fields">${header.map((name, i) => `<tr><th>${escape(name.replace(/_/g, ' '))}</th><td class="wrap">${escape(values[i])}</td></tr>`).join('')}</table>`;
}

/**
 * The duty lines, narrow enough for a landscape page: each bucket's rule and its citation share one column that
 * wraps (every decision carries the rule that decided it and that rule's citation, matching-and-estimates.md §7;
 * the version is the claim's rule version above), and the base column shows only under substitution, where it
 * differs from designated.
 */
function dutyLines(estimate: EstimateDocument, citationOf: (ruleId: string) => string | null): Generator<string> {
  const withBase = estimate.lines.some((l) => l.base !== null);
  const header = ['export', 'entry', 'lot / heat', 'method', 'quantity', 'program', 'heading', 'designated', ...(withBase ? ['base'] : []), 'status', 'reason',
    'rule and citation', 'refund', 'possible'];
  const shift = withBase ? 1 : 0;
  const ruleText = (ruleId: string) => [ruleId, citationOf(ruleId)].filter(Boolean).join(' — ');
  return tableText(header, estimate.lines, (l) => [`${l.exportId}/${l.exportLine}`, `${l.entryNumber}/${l.entryLine}`, [l.lotId, l.heatNumber].filter(Boolean).join(' / '),
    l.method, shownQuantity(l.quantity), l.program, l.heading, l.designated, ...(withBase ? [l.base] : []), l.status, l.reason, ruleText(l.rule), l.refund, l.possible],
  [4, 7, ...(withBase ? [8] : []), 11 + shift, 12 + shift], [10 + shift]);
}

export interface SummaryInput {
  estimate: EstimateDocument;
  /** The citation of a rule of the claim's rule version, as duty-buckets.csv gives it. */
  citationOf: (ruleId: string) => string | null;
  designations: Array<{ itin: string; exportLine: string; method: string; aceCode: string | null; quantity: string; trace: string }>;
  importLines: PackTable;
  exportLines: PackTable;
  productionOrders: { header: string[]; rows: RowSource };
  evidenceDocuments: PackTable;
  checklist: ChecklistRow[];
  sources: Array<{ name: string; sha256: string }>;
}

/** The record pack's report for a person: self-contained, printable, no script, no external resource. */
export function* summaryHtmlText({ estimate, citationOf, designations, importLines, exportLines, productionOrders, evidenceDocuments, checklist, sources }: SummaryInput): Generator<string> {
  const { claim, totals } = estimate;
  const missing = checklist.filter((row) => row.status === 'missing' || row.status === 'not met' || row.status === 'unknown').length;
  yield `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8"><title>Drawback claim ${escape(claim.id)}</title>
<style>
body{font:13px/1.4 system-ui,sans-serif;margin:2em;color:#111}h1{font-size:20px}h2{font-size:15px;margin-top:1.6em;border-bottom:1px solid #999}
table{border-collapse:collapse;width:100%;margin:.4em 0}th,td{border:1px solid #ccc;padding:2px 5px;text-align:left;vertical-align:top}
th{background:#eee}.num{text-align:right;font-variant-numeric:tabular-nums}.total{font-size:16px;font-weight:600}.none{color:#666}
td,th{white-space:nowrap}td.wrap{white-space:normal;word-break:break-word}
table.fields{width:auto;min-width:50%}h3{font-size:13px;margin:.8em 0 .2em}
dl{display:grid;grid-template-columns:max-content auto;gap:2px 12px}dt{font-weight:600}
.warn{background:#fff3cd;border:1px solid #d4a017;padding:4px 8px;display:inline-block}
@page{size:landscape;margin:10mm}
@media print{body{margin:0;font-size:10px}h2{break-after:avoid}tr{break-inside:avoid}}
</style></head><body>
<h1>Drawback claim ${escape(claim.id)}</h1>
<dl>
<dt>Provision</dt><dd>19 U.S.C. 1313(${escape(claim.provision.replace(/(\d)$/, ')($1'))})</dd>
<dt>Claimant</dt><dd>${escape(claim.claimant)}</dd>
<dt>As of</dt><dd>${escape(claim.asOf)}</dd>
<dt>Rules</dt><dd>version ${escape(estimate.rules.version)}${estimate.rules.unverified.length ? `<br><span class="warn">Relies on unverified rules: ${escape(estimate.rules.unverified.join(', '))}</span>` : ''}</dd>
<dt>Policy</dt><dd>${escape(Object.entries(estimate.policy).map(([k, v]) => `${k} = ${v}`).join('; '))}</dd>
</dl>
<h2>Totals</h2>
<p class="total">Refund: <span id="refund-total">${escape(totals.refund)}</span> USD</p>
`;
  yield* rowsText(['designated', 'refund', 'possible (conditional)', 'excluded'], [[totals.designated, totals.refund, totals.possible, totals.excluded]], [0, 1, 2, 3]);
  yield '\n<h2>By program</h2>\n';
  yield* tableText(['program', 'designated', 'refund', 'possible', 'excluded'], estimate.byProgram, (p) => [p.program, p.designated, p.refund, p.possible, p.excluded], [1, 2, 3, 4]);
  yield '\n<h2>Duty lines</h2>\n';
  yield* dutyLines(estimate, citationOf);
  yield '\n<h2>Unmatched export quantity</h2>\n';
  yield* tableText(['export', 'quantity', 'reason'], estimate.unmatched, (u) => [`${u.exportId}/${u.exportLine}`, u.quantity, u.reason], [1]);
  yield '\n<h2>Designations</h2>\n';
  yield* tableText(['ITIN', 'export', 'method', 'ACE code', 'quantity', 'trace'], designations, (d) => [d.itin, d.exportLine, d.method, d.aceCode, shownQuantity(d.quantity), d.trace], [4], [5]);
  yield '\n<h2>Import lines (claim file)</h2>\n';
  if (importLines.rows.length === 0) yield '<p class="none">None.</p>';
  for (const [i, row] of importLines.rows.entries()) {
    yield `${i > 0 ? '\n' : ''}<h3>Entry ${escape(row[0])} line ${escape(row[1])}</h3>\n${fieldTable(importLines.header.slice(2), row.slice(2))}`;
  }
  yield '\n<h2>Export lines</h2>\n';
  yield* rowsText(exportLines.header.map((h) => h.replace(/_/g, ' ')), exportLines.rows, [8, 10]);
  yield '\n<h2>Production orders (manufacturing records)</h2>\n';
  yield* rowsText(productionOrders.header.map((h) => h.replace(/_/g, ' ')), productionOrders.rows, [5]);
  yield `\n<h2>Evidence checklist (${missing} open)</h2>\n`;
  yield* tableText(['subject', 'requirement', 'status', 'documents'], checklist, (r) => [r.subject, r.requirement, r.status, r.documents.join(', ')], [], [1, 3]);
  yield '\n<h2>Evidence documents</h2>\n';
  yield* rowsText(evidenceDocuments.header.map((h) => h.replace(/_/g, ' ')), evidenceDocuments.rows, [], [4, 5]);
  yield '\n<h2>Source files</h2>\n';
  yield* tableText(['file', 'sha256'], sources, (s) => [s.name, s.sha256]);
  yield '\n</body></html>\n';
}
