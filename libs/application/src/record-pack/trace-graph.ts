import { Designation } from '@drawback/domain';

export interface TraceGraph {
  exportLines: Array<{
    exportLine: string;
    nodes: string[];
    edges: Array<{ from: string; to: string }>;
    paths: Array<{ steps: string[]; quantity: string; method: string }>;
  }>;
}

/**
 * The graph from each export line through production orders and lots/heats to import lines, merged from
 * the designations' trace paths: nodes and edges in first-seen order, and each path with its quantity.
 */
export function traceGraph(designations: readonly Designation[]): TraceGraph {
  const byExport = new Map<string, Designation[]>();
  for (const d of designations) {
    const key = `${d.exportId}/${d.exportLine}`;
    const list = byExport.get(key);
    if (list) list.push(d);
    else byExport.set(key, [d]);
  }
  return {
    exportLines: [...byExport.entries()].map(([exportLine, list]) => {
      const nodes: string[] = [];
      const edges: Array<{ from: string; to: string }> = [];
      for (const d of list) {
        d.trace.forEach((step, index) => {
          if (!nodes.includes(step)) nodes.push(step);
          const from = d.trace[index - 1];
          if (from !== undefined && !edges.some((e) => e.from === from && e.to === step)) edges.push({ from, to: step });
        });
      }
      return { exportLine, nodes, edges, paths: list.map((d) => ({ steps: d.trace, quantity: d.quantity, method: d.method })) };
    }),
  };
}
