import { ClaimantScope, inScope, scopeParam } from '../reads/claimant-scope';
import { SqlSession } from '../sql-session';

export interface PortfolioRow {
  program: string;
  provision: string;
  status: string;
  reason: string;
  amount: string;
}

export interface DeadlineWindow {
  withinDays: number;
  entryLines: number;
  amount: string;
}

export interface PortfolioFigures {
  /** Duty, taxes and fees as declared (entry-level fees whole). */
  dutyDeclared: string;
  /** The same, with entry-level fees as their apportioned line shares: what the view tags. */
  dutyOnLines: string;
  rows: PortfolioRow[];
  deadlines: DeadlineWindow[];
  unverified: string[];
}

type Query = SqlSession['query'];

/**
 * The portfolio of one rule version at an as-of date: amounts by program × provision × status (and
 * reason). The five-year deadline depends on the date, so it is applied here rather than stored: a
 * line whose deadline (import date + 5 years, Feb 29 → Feb 28, as PostgreSQL's date arithmetic does)
 * is before the as-of date is excluded, CLAIM_DEADLINE_PASSED, the first rule of §5. Only the entries of
 * the scope's importers count (null: every entry, as the command line sees them).
 */
export async function portfolioFigures(
  query: Query, version: string, asOf: string, windows: number[], scope: ClaimantScope = null,
): Promise<PortfolioFigures> {
  const claimants = scopeParam(scope);
  const rows = await query<PortfolioRow>(`
    SELECT b.program, t.provision,
           CASE WHEN $2::date > (ie.import_date + interval '5 years')::date THEN 'excluded' ELSE t.status END AS status,
           CASE WHEN $2::date > (ie.import_date + interval '5 years')::date THEN 'CLAIM_DEADLINE_PASSED' ELSE t.reason END AS reason,
           sum(t.amount)::text AS amount
      FROM bucket_tag t JOIN duty_bucket b ON b.id = t.duty_bucket_id
      JOIN entry_line el ON el.id = t.entry_line_id JOIN import_entry ie ON ie.id = el.entry_id
     WHERE t.rule_version = $1 AND ${inScope('ie.importer_number', 3)}
     GROUP BY 1, 2, 3, 4 ORDER BY 1, 2, 3, 4`, [version, asOf, claimants]);
  const [totals] = await query<{ declared: string; on_lines: string }>(`
    WITH bucket AS (
           SELECT b.id, b.entry_line_id, b.amount FROM duty_bucket b JOIN import_entry ie ON ie.id = b.entry_id
            WHERE ${inScope('ie.importer_number', 1)})
    SELECT coalesce((SELECT sum(amount) FROM bucket), 0)::numeric(18,2)::text AS declared,
           (coalesce((SELECT sum(amount) FROM bucket WHERE entry_line_id IS NOT NULL), 0)
            + coalesce((SELECT sum(s.amount) FROM duty_bucket_share s JOIN bucket b ON b.id = s.duty_bucket_id), 0))::numeric(18,2)::text AS on_lines`,
  [claimants]);
  const deadlines = await query<{ within_days: number; entry_lines: string; amount: string }>(`
    WITH line_duty AS (
           SELECT entry_line_id, amount FROM duty_bucket WHERE entry_line_id IS NOT NULL
           UNION ALL SELECT entry_line_id, amount FROM duty_bucket_share),
         line_deadline AS (
           SELECT el.id, (ie.import_date + interval '5 years')::date AS deadline, sum(d.amount) AS amount
             FROM line_duty d JOIN entry_line el ON el.id = d.entry_line_id JOIN import_entry ie ON ie.id = el.entry_id
            WHERE ${inScope('ie.importer_number', 3)}
            GROUP BY 1, 2)
    SELECT w AS within_days, count(l.id)::text AS entry_lines, coalesce(sum(l.amount), 0)::numeric(18,2)::text AS amount
      FROM unnest($2::int[]) AS w LEFT JOIN line_deadline l ON l.deadline >= $1::date AND l.deadline <= $1::date + w
     GROUP BY w ORDER BY w`, [asOf, windows, claimants]);
  // The rules the figures rely on: not those of a line past its deadline, whose every figure CLAIM_DEADLINE_PASSED
  // decides (a verified rule) as the rows above show it.
  const unverified = await query<{ id: string }>(`
    SELECT DISTINCT unnest(t.unverified) AS id
      FROM bucket_tag t JOIN entry_line el ON el.id = t.entry_line_id JOIN import_entry ie ON ie.id = el.entry_id
     WHERE t.rule_version = $1 AND ${inScope('ie.importer_number', 2)} AND $3::date <= (ie.import_date + interval '5 years')::date
     ORDER BY 1`, [version, claimants, asOf]);
  return {
    dutyDeclared: totals.declared,
    dutyOnLines: totals.on_lines,
    rows,
    deadlines: deadlines.map((d) => ({ withinDays: Number(d.within_days), entryLines: Number.parseInt(d.entry_lines, 10), amount: d.amount })),
    unverified: unverified.map((row) => row.id),
  };
}
