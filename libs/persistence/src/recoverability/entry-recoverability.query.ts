import { PROVISIONS } from '@drawback/rules';
import { ClaimantScope, inScope, scopeParam } from '../reads/claimant-scope';

type Query = <T>(sql: string, parameters?: unknown[]) => Promise<T[]>;

/** One line duty's tag under one provision, as bucket_tag keeps it for a rule version. */
export interface ProvisionTag {
  provision: string;
  status: string;
  reason: string;
  ruleId: string;
  ruleVersion: string;
  /** The deciding rule's citation in its version's document; null when no rule decided (NO-RULE). */
  citation: string | null;
  /** The unverified rules and lists the decision rests on. */
  unverified: string[];
}

/** A duty amount of one line: a line-level bucket, or the line's share of an entry-level MPF/HMF. */
export interface LineDutyRecoverability {
  program: string;
  heading: string | null;
  metal: string | null;
  s232Annex: string | null;
  level: 'line' | 'entry';
  amount: string;
  share: string | null;
  entryAmount: string | null;
  /** In provision order; empty while the version has not tagged this duty yet. */
  provisions: ProvisionTag[];
}

export interface LineRecoverability {
  lineNumber: number;
  hts: string;
  duties: LineDutyRecoverability[];
}

export interface EntryRecoverability {
  entryNumber: string;
  importDate: string;
  entryDate: string;
  /**
   * Import date + 5 years (Feb 29 → Feb 28), the last day to claim. The tags do not apply it: the
   * portfolio does, at its as-of date.
   */
  claimDeadline: string;
  ruleVersion: string;
  /** False while some line duty has no tag of this version yet (a retag still to run). */
  tagged: boolean;
  lines: LineRecoverability[];
}

interface EntryRow {
  id: string;
  entry_number: string;
  import_date: string;
  entry_date: string;
  claim_deadline: string;
}

interface DutyTagRow {
  line_number: number;
  hts: string;
  duty_bucket_id: string | null;
  program: string;
  heading: string | null;
  metal: string | null;
  s232_annex: string | null;
  level: 'line' | 'entry';
  amount: string;
  share: string | null;
  entry_amount: string | null;
  provision: string | null;
  status: string;
  reason: string;
  rule_id: string;
  rule_version: string;
  unverified: string[];
  citation: string | null;
}

/**
 * Every line of one entry with its duties and their tags of one version; the LEFT JOINs keep a line
 * without duties and a duty the version has not tagged yet.
 */
const DUTY_TAGS_SQL = `
  WITH duty AS (
         SELECT b.id AS duty_bucket_id, b.entry_line_id, b.amount, 'line' AS level, NULL::numeric AS share, NULL::numeric AS entry_amount
           FROM duty_bucket b WHERE b.entry_id = $1 AND b.entry_line_id IS NOT NULL
         UNION ALL
         SELECT s.duty_bucket_id, s.entry_line_id, s.amount, 'entry', s.share, b.amount
           FROM duty_bucket_share s JOIN duty_bucket b ON b.id = s.duty_bucket_id WHERE b.entry_id = $1),
       citation AS (
         SELECT r->>'id' AS rule_id, r->>'citation' AS citation
           FROM rule_version v CROSS JOIN jsonb_array_elements(v.document->'rules') r WHERE v.version = $2)
  SELECT el.line_number, el.hts::text AS hts, d.duty_bucket_id, b.program, b.heading, b.metal, b.s232_annex, d.level,
         d.amount::text AS amount, d.share::text AS share, d.entry_amount::text AS entry_amount,
         t.provision, t.status, t.reason, t.rule_id, t.rule_version, t.unverified, c.citation
    FROM entry_line el
    LEFT JOIN duty d ON d.entry_line_id = el.id
    LEFT JOIN duty_bucket b ON b.id = d.duty_bucket_id
    LEFT JOIN bucket_tag t ON t.duty_bucket_id = d.duty_bucket_id AND t.entry_line_id = d.entry_line_id AND t.rule_version = $2
    LEFT JOIN citation c ON c.rule_id = t.rule_id
   WHERE el.entry_id = $1
   ORDER BY el.line_number, d.level DESC, b.program, b.heading NULLS FIRST, d.duty_bucket_id, array_position($3::text[], t.provision)`;

/**
 * The id of a stored entry of the scope's importers, or null: lets a caller tell "no such entry" from
 * "nothing to report".
 */
export async function findEntryId(query: Query, entryNumber: string, scope: ClaimantScope = null): Promise<string | null> {
  const [row] = await query<{ id: string }>(
    `SELECT id FROM import_entry WHERE entry_number = $1 AND ${inScope('importer_number', 2)}`, [entryNumber, scopeParam(scope)]);
  return row?.id ?? null;
}

/**
 * The recoverability view of one entry under one rule version: each line duty's status, reason and
 * rule under each provision, as tagged (rules issue). Null when the entry does not exist or is not the
 * scope's importer's.
 */
export async function entryRecoverability(
  query: Query, entryNumber: string, version: string, scope: ClaimantScope = null,
): Promise<EntryRecoverability | null> {
  const [entry] = await query<EntryRow>(
    `SELECT id, entry_number, import_date::text AS import_date, entry_date::text AS entry_date,
            (import_date + interval '5 years')::date::text AS claim_deadline
       FROM import_entry WHERE entry_number = $1 AND ${inScope('importer_number', 2)}`, [entryNumber, scopeParam(scope)]);
  if (!entry) return null;
  const rows = await query<DutyTagRow>(DUTY_TAGS_SQL, [entry.id, version, [...PROVISIONS]]);
  const lines: LineRecoverability[] = [];
  let duty: LineDutyRecoverability | undefined;
  let dutyKey = '';
  for (const row of rows) {
    let line = lines[lines.length - 1];
    if (line?.lineNumber !== Number(row.line_number)) {
      line = { lineNumber: Number(row.line_number), hts: row.hts, duties: [] };
      lines.push(line);
    }
    if (row.duty_bucket_id === null) continue;
    const key = `${row.line_number}/${row.duty_bucket_id}`;
    if (key !== dutyKey) {
      dutyKey = key;
      duty = {
        program: row.program, heading: row.heading, metal: row.metal, s232Annex: row.s232_annex, level: row.level,
        amount: row.amount, share: row.share, entryAmount: row.entry_amount, provisions: [],
      };
      line.duties.push(duty);
    }
    if (row.provision !== null) {
      duty?.provisions.push({
        provision: row.provision, status: row.status, reason: row.reason, ruleId: row.rule_id,
        ruleVersion: row.rule_version, citation: row.citation, unverified: row.unverified,
      });
    }
  }
  const tagged = lines.every((line) => line.duties.every((d) => d.provisions.length === PROVISIONS.length));
  return {
    entryNumber: entry.entry_number,
    importDate: entry.import_date,
    entryDate: entry.entry_date,
    claimDeadline: entry.claim_deadline,
    ruleVersion: version,
    tagged,
    lines,
  };
}
