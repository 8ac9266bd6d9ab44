import { Designation, EstimateDocument, ExportLineFacts } from '@drawback/domain';

export interface TraceGraph {
  exportLines: Array<{
    exportLine: string;
    /** The export line's quantity and unit, as exports.csv declared them. */
    quantity: string;
    uom: string;
    nodes: string[];
    edges: Array<{ from: string; to: string }>;
    paths: Array<{ steps: string[]; quantity: string; method: string }>;
    /** What of the export line no import was designated for, and why (the estimate's unmatched row); null when covered. */
    unmatched: { quantity: string; reason: string } | null;
  }>;
}

/**
 * The graph from each export line of the claim through production orders and lots/heats to import lines
 * (spec §7), merged from the designations' trace paths: nodes and edges in first-seen order, each path with its
 * quantity, and what was left unmatched with its reason — an export line nothing was designated for is listed
 * too, with no paths. Export lines by export id and line number, as export-lines.csv lists them.
 */
export function traceGraph(
  designations: readonly Designation[], exportLines: readonly ExportLineFacts[], unmatched: EstimateDocument['unmatched'],
): TraceGraph {
  const byExport = new Map<string, Designation[]>();
  for (const d of designations) {
    const key = `${d.exportId}/${d.exportLine}`;
    const list = byExport.get(key);
    if (list) list.push(d);
    else byExport.set(key, [d]);
  }
  const left = new Map(unmatched.map((u) => [`${u.exportId}/${u.exportLine}`, { quantity: u.quantity, reason: u.reason }]));
  const sorted = [...exportLines].sort((a, b) => (a.exportId < b.exportId ? -1 : a.exportId > b.exportId ? 1 : a.lineNumber - b.lineNumber));
  return {
    exportLines: sorted.map((x) => {
      const exportLine = `${x.exportId}/${x.lineNumber}`;
      const list = byExport.get(exportLine) ?? [];
      const nodes: string[] = [];
      const edges: Array<{ from: string; to: string }> = [];
      for (const d of list) {
        d.trace.forEach((step, index) => {
          if (!nodes.includes(step)) nodes.push(step);
          const from = d.trace[index - 1];
          if (from !== undefined && !edges.some((e) => e.from === from && e.to === step)) edges.push({ from, to: step });
        });
      }
      return {
        exportLine, quantity: x.quantity, uom: x.uom, nodes, edges,
        paths: list.map((d) => ({ steps: d.trace, quantity: d.quantity, method: d.method })), unmatched: left.get(exportLine) ?? null,
      };
    }),
  };
}
